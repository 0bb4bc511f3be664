import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, buildSecurityHeaders } from "./buildSecurityHeaders";

/** The policy as directive -> sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe("buildSecurityHeaders", () => {
  it("gives pages a nonce-only script policy and no framing, plugins, foreign forms or base", () => {
    const policy = directives(buildContentSecurityPolicy({ kind: "page", nonce: "abc+/123==" }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc+/123=='", "'strict-dynamic'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'self'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["default-src"]).toEqual(["'self'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
    expect(policy["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("allows eval only under next dev", () => {
    expect(directives(buildContentSecurityPolicy({ kind: "page", nonce: "n0nce", development: true }))["script-src"]).toContain(
      "'unsafe-eval'",
    );
  });

  it("refuses to build a page policy without a usable nonce", () => {
    expect(() => buildContentSecurityPolicy({ kind: "page" })).toThrow("nonce");
    expect(() => buildContentSecurityPolicy({ kind: "page", nonce: "x' 'unsafe-inline" })).toThrow("nonce");
  });

  it("lets API answers load and run nothing", () => {
    expect(buildSecurityHeaders({ kind: "api" })["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it("sends nosniff, a referrer policy that keeps Origin on same-origin posts, DENY framing and no powerful features", () => {
    const headers = buildSecurityHeaders({ kind: "page", nonce: "n0nce" });
    expect(headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-resource-policy": "same-origin",
    });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"])
      expect(headers["permissions-policy"]).toContain(`${feature}=()`);
  });
});
