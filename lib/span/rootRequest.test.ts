import { describe, expect, it } from "vitest";
import { compareRootCandidates, parseRequestLine, rankRequest } from "./rootRequest";

describe("parseRequestLine", () => {
  it("reads the request line describeCall writes for a wsgi span, query included", () => {
    expect(parseRequestLine("POST /v2.1/servers")).toEqual({ method: "POST", path: "/v2.1/servers" });
    expect(parseRequestLine("GET /v2.0/ports?device_id=1&fields=id")).toEqual({ method: "GET", path: "/v2.0/ports?device_id=1&fields=id" });
    expect(parseRequestLine("GET /")).toEqual({ method: "GET", path: "/" });
    // Whatever the sender put in the path, spaces and markup included.
    expect(parseRequestLine("GET /v2.1/<b>?q=<img src=x>")).toEqual({ method: "GET", path: "/v2.1/<b>?q=<img src=x>" });
  });

  it("is null for SQL, function names and nothing", () => {
    expect(parseRequestLine("SELECT instances.id FROM instances WHERE instances.uuid = %(uuid)s")).toBeNull();
    expect(parseRequestLine("SELECT /* hint */ 1")).toBeNull();
    expect(parseRequestLine("nova.compute.api.API.create")).toBeNull();
    expect(parseRequestLine(null)).toBeNull();
  });
});

describe("compareRootCandidates", () => {
  const candidate = (detail: string | null, earliestUs: number, spanId = `s${earliestUs}`) => ({
    request: parseRequestLine(detail),
    earliestUs,
    spanId,
  });

  it("ranks a change over a read over the token request over a span that is no request", () => {
    expect([
      rankRequest(parseRequestLine("POST /v2.1/servers")),
      rankRequest(parseRequestLine("GET /v2.1/flavors/1")),
      rankRequest(parseRequestLine("POST /v3/auth/tokens")),
      rankRequest(null),
    ]).toEqual([0, 1, 2, 3]);
    const ranked = [
      candidate("nova.compute.api.API.create", 0),
      candidate("POST /v3/auth/tokens", 1),
      candidate("GET /v2.1/flavors/1", 2),
      candidate("POST /v2.1/servers", 3),
    ]
      .sort(compareRootCandidates)
      .map((c) => c.spanId);
    expect(ranked).toEqual(["s3", "s2", "s1", "s0"]);
  });

  it("takes the earliest among equals, then the smaller span id", () => {
    expect(compareRootCandidates(candidate("GET /a", 5), candidate("GET /b", 9))).toBeLessThan(0);
    expect(compareRootCandidates(candidate("GET /a", 5, "b"), candidate("GET /a", 5, "a"))).toBeGreaterThan(0);
    expect(compareRootCandidates(candidate("GET /a", 5, "a"), candidate("GET /a", 5, "a"))).toBe(0);
  });
});
