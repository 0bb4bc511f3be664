import { describe, expect, it } from "vitest";
import { buildRefusal } from "./buildRefusal";

describe("buildRefusal", () => {
  it("asks a browser for Basic credentials on a page, in text a person reads on Cancel", () => {
    const refusal = buildRefusal(
      { allow: false, status: 401, error: "authentication required", challenge: "bearer-or-basic" },
      "/traces/abc",
    );
    expect(refusal).toEqual({
      status: 401,
      headers: [
        ["cache-control", "no-store"],
        ["www-authenticate", 'Basic realm="ostrace", charset="UTF-8"'],
        ["content-type", "text/plain; charset=utf-8"],
      ],
      body: "ostrace: authentication required\n",
    });
  });

  it("answers API paths in JSON, with a Bearer challenge where a token is taken", () => {
    expect(
      buildRefusal({ allow: false, status: 401, error: "authentication required", challenge: "bearer-or-basic" }, "/api/traces"),
    ).toEqual({
      status: 401,
      headers: [
        ["cache-control", "no-store"],
        ["www-authenticate", 'Bearer realm="ostrace"'],
        ["content-type", "application/json"],
      ],
      body: '{"error":"authentication required"}',
    });
    expect(buildRefusal({ allow: false, status: 401, error: "x", challenge: "basic" }, "/metrics").headers).toContainEqual([
      "www-authenticate",
      'Basic realm="ostrace", charset="UTF-8"',
    ]);
  });

  it("answers a 403 in JSON with no challenge, on pages too", () => {
    const refusal = buildRefusal({ allow: false, status: 403, error: 'POST refused: "<b>"' }, "/");
    expect(refusal.status).toBe(403);
    expect(refusal.headers).toEqual([
      ["cache-control", "no-store"],
      ["content-type", "application/json"],
    ]);
    expect(JSON.parse(refusal.body)).toEqual({ error: 'POST refused: "<b>"' });
  });
});
