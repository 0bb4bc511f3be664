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

  it("has nothing to say of a normal stop", () => {
    expect(readError({ info: { host: "h" } })).toBeNull();
    expect(readError({})).toBeNull();
  });
});
