import { describe, expect, it } from "vitest";
import { describeCall, readError, readRequestLine } from "./describeCall";

describe("describeCall", () => {
  it("reads the SQL of a db call", () => {
    expect(describeCall({ info: { host: "h", db: { statement: "SELECT 1", params: {} } } })).toBe("SELECT 1");
  });

  it("reads the request of a wsgi call, query included", () => {
    const payload = { info: { request: { method: "GET", path: "/v2.1/servers/detail", query: "limit=5", scheme: "http" } } };
    expect(describeCall(payload)).toBe("GET /v2.1/servers/detail?limit=5");
    expect(readRequestLine(payload)).toEqual({ method: "GET", path: "/v2.1/servers/detail?limit=5" });
  });

  it("reads the name of a traced function", () => {
    expect(describeCall({ info: { function: { name: "nova.compute.api.API.create", args: "()" } } })).toBe("nova.compute.api.API.create");
  });

  it("says nothing when the payload has nothing recognisable, or the wrong types", () => {
    expect(describeCall({ info: { host: "h" } })).toBeNull();
    expect(describeCall({})).toBeNull();
    expect(describeCall({ info: { db: { statement: 42 }, request: { method: "GET" } } })).toBeNull();
    expect(describeCall({ info: "text" })).toBeNull();
  });
});

describe("readError", () => {
  it("reads etype and message of a stop for a call that raised", () => {
    expect(readError({ info: { etype: "ValueError", message: "bad" } })).toEqual({ type: "ValueError", message: "bad" });
    expect(readError({ info: { etype: "ValueError" } })).toEqual({ type: "ValueError", message: null });
  });

  it("cuts an exception type or message that is not a string, written out as JSON, as a long string is cut", () => {
    const big = Array.from({ length: 20 }, () => "e".repeat(60_000));
    const error = readError({ info: { etype: { parts: big }, message: big } })!;
    expect(error.type).toMatch(/^\{"parts": ?\["e{60000}", ?"e+…\[truncated by ostrace: 12000\d\d characters\]$/);
    expect(error.message).toMatch(/^\["e{60000}", ?"e+…\[truncated by ostrace: 12000\d\d characters\]$/);
    for (const text of [error.type, error.message!]) expect(text.length).toBeLessThan(65_536 + 50);
    expect(readError({ info: { etype: { code: 1 }, message: 42 } })).toEqual({ type: '{"code":1}', message: "42" });
  });

  it("has nothing to say of a normal stop", () => {
    expect(readError({ info: { host: "h" } })).toBeNull();
    expect(readError({})).toBeNull();
  });
});
