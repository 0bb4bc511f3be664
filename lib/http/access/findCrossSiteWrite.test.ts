import { describe, expect, it } from "vitest";
import { findCrossSiteWrite } from "./findCrossSiteWrite";

const request = (method: string, headers: Record<string, string>) => ({
  method,
  pathname: "/api/traces/import",
  headers: new Headers(headers),
});

describe("findCrossSiteWrite", () => {
  it("refuses the issue's case: a multipart form another origin posts to the import", () => {
    // What Chromium sends for a form on http://127.0.0.1:8080 posting to ostrace on :3000.
    const reason = findCrossSiteWrite(
      request("POST", {
        host: "127.0.0.1:3000",
        origin: "http://127.0.0.1:8080",
        "sec-fetch-site": "same-site",
        "content-type": "multipart/form-data; boundary=x",
      }),
    );
    expect(reason).toBe(
      "POST refused: the browser says it comes from another origin (Sec-Fetch-Site: same-site); writes are accepted from ostrace's own pages and from clients that are not browsers",
    );
    expect(
      findCrossSiteWrite(request("POST", { host: "ostrace.example", origin: "https://evil.example", "sec-fetch-site": "cross-site" })),
    ).toContain("comes from another site (Sec-Fetch-Site: cross-site)");
  });

  it("refuses by Origin when the browser sends no Sec-Fetch-Site (plain http on a LAN address)", () => {
    expect(findCrossSiteWrite(request("POST", { host: "10.0.0.5:3000", origin: "http://10.0.0.9" }))).toBe(
      "POST refused: the browser says it comes from another origin (Origin: http://10.0.0.9); writes are accepted from ostrace's own pages and from clients that are not browsers",
    );
    expect(findCrossSiteWrite(request("DELETE", { host: "10.0.0.5:3000", origin: "http://10.0.0.5:3001" }))).toContain("DELETE refused");
    // A sandboxed frame or a file: page says "null".
    expect(findCrossSiteWrite(request("POST", { host: "10.0.0.5:3000", origin: "null" }))).toContain("(Origin: null)");
    expect(findCrossSiteWrite(request("PUT", { host: "10.0.0.5:3000", origin: "chrome-extension://abc" }))).toContain("PUT refused");
  });

  it("lets ostrace's own pages write", () => {
    expect(
      findCrossSiteWrite(request("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })),
    ).toBeUndefined();
    expect(findCrossSiteWrite(request("POST", { host: "10.0.0.5:3000", origin: "http://10.0.0.5:3000" }))).toBeUndefined();
    // Default ports are left out of an Origin but may be in Host.
    expect(findCrossSiteWrite(request("POST", { host: "ostrace.example:443", origin: "https://ostrace.example" }))).toBeUndefined();
    expect(findCrossSiteWrite(request("POST", { host: "OSTRACE.example", origin: "http://ostrace.example" }))).toBeUndefined();
    // A reverse proxy that rewrote Host and said which host the browser used.
    expect(
      findCrossSiteWrite(
        request("POST", { host: "127.0.0.1:3000", "x-forwarded-host": "ostrace.example", origin: "https://ostrace.example" }),
      ),
    ).toBeUndefined();
    // The user did it (no page involved).
    expect(findCrossSiteWrite(request("POST", { "sec-fetch-site": "none" }))).toBeUndefined();
  });

  it("lets clients that are not browsers write (curl, the CLI, OSprofiler senders send neither header)", () => {
    expect(findCrossSiteWrite(request("POST", { host: "127.0.0.1:3000", "content-type": "application/json" }))).toBeUndefined();
  });

  it("never looks at reads", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(
        findCrossSiteWrite(request(method, { host: "127.0.0.1:3000", origin: "https://evil.example", "sec-fetch-site": "cross-site" })),
      ).toBeUndefined();
    }
  });

  it("cuts a long Origin in its answer", () => {
    const reason = findCrossSiteWrite(request("POST", { host: "a", origin: `http://${"x".repeat(500)}.example` }))!;
    expect(reason.length).toBeLessThan(400);
    expect(reason).toContain("…");
  });
});
