import { beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "./checkAccess";
import { createUserVerifier } from "./createUserVerifier";
import { hashPassword } from "./hashPassword";
import { parsePasswordHash, type PasswordHash } from "./passwordHash";
import type { AccessConfig, AccessDecision, AuthConfig } from "./types";

const TOKEN = "ui-token-0123456789abcdef";
const INGEST = "ingest-token-0123456789ab";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

let alice: PasswordHash;
beforeAll(async () => {
  // A cheap cost keeps the test fast; the format and the check are the ones used with the defaults.
  alice = parsePasswordHash(await hashPassword("correct horse", { N: 1024 })) as PasswordHash;
});

function decide(
  auth: AuthConfig,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  extra: Partial<AccessConfig> = {},
): Promise<AccessDecision> {
  const access: AccessConfig = { auth, metricsOpen: false, ...extra };
  const verify = createUserVerifier(auth.mode === "basic" ? auth.users : []);
  return checkAccess({ method, pathname, headers: new Headers({ host: "127.0.0.1:3000", ...headers }) }, access, verify);
}

describe("checkAccess in open mode (no configuration)", () => {
  const open: AuthConfig = { mode: "open" };

  it("lets everything through, as before", async () => {
    expect(await decide(open, "GET", "/")).toEqual({ allow: true });
    expect(await decide(open, "GET", "/metrics")).toEqual({ allow: true });
    expect(await decide(open, "POST", "/api/ingest")).toEqual({ allow: true });
    expect(await decide(open, "POST", "/api/traces/import", { origin: "http://127.0.0.1:3000" })).toEqual({ allow: true });
  });

  it("still refuses a cross-site write with 403", async () => {
    expect(
      await decide(open, "POST", "/api/traces/import", { origin: "http://127.0.0.1:8080", "sec-fetch-site": "same-site" }),
    ).toMatchObject({ allow: false, status: 403 });
    expect(await decide(open, "POST", "/api/ingest", { origin: "https://evil.example" })).toMatchObject({ allow: false, status: 403 });
  });

  it("requires the ingest token on POST /api/ingest once one is set, and only there", async () => {
    const withIngest = { ingestToken: INGEST };
    expect(await decide(open, "POST", "/api/ingest", {}, withIngest)).toEqual({
      allow: false,
      status: 401,
      challenge: "bearer",
      error: "POST /api/ingest needs Authorization: Bearer <OSTRACE_INGEST_TOKEN>",
    });
    // A wrong token is flagged, so the server logs it (README: refused writes are logged).
    expect(await decide(open, "POST", "/api/ingest", bearer("wrong-token-0123456789"), withIngest)).toMatchObject({
      allow: false,
      status: 401,
      wrongCredentials: true,
    });
    expect(await decide(open, "POST", "/api/ingest", bearer(INGEST), withIngest)).toEqual({ allow: true });
    expect(await decide(open, "POST", "/api/traces/import", {}, withIngest)).toEqual({ allow: true });
    expect(await decide(open, "GET", "/", {}, withIngest)).toEqual({ allow: true });
  });
});

describe("checkAccess with a static token", () => {
  const token: AuthConfig = { mode: "token", token: TOKEN };

  it("refuses pages and the API without credentials, with a challenge a browser answers", async () => {
    for (const path of ["/", "/traces/abc", "/api/traces", "/api/status", "/metrics", "/_next/static/chunks/x.js"]) {
      expect(await decide(token, "GET", path)).toEqual({
        allow: false,
        status: 401,
        challenge: "bearer-or-basic",
        error: "authentication required: send Authorization: Bearer <OSTRACE_TOKEN>, or the token as the password of HTTP Basic",
      });
    }
  });

  it("takes the token as a bearer token or as the Basic password, any user name", async () => {
    expect(await decide(token, "GET", "/api/traces", bearer(TOKEN))).toEqual({ allow: true });
    expect(await decide(token, "GET", "/", basic("anyone", TOKEN))).toEqual({ allow: true });
    expect(await decide(token, "GET", "/", basic("", TOKEN))).toEqual({ allow: true });
  });

  it("refuses a wrong token, a prefix of it, and unreadable headers", async () => {
    expect(await decide(token, "GET", "/", bearer(`${TOKEN}x`))).toMatchObject({
      allow: false,
      status: 401,
      error: "invalid credentials",
      wrongCredentials: true,
    });
    expect(await decide(token, "GET", "/", bearer(TOKEN.slice(0, -1)))).toMatchObject({
      allow: false,
      status: 401,
      error: "invalid credentials",
    });
    expect(await decide(token, "GET", "/", basic(TOKEN, "nope"))).toMatchObject({
      allow: false,
      status: 401,
      error: "invalid credentials",
    });
    expect(await decide(token, "GET", "/", { authorization: "Negotiate abc" })).toMatchObject({ allow: false, status: 401 });
  });

  it("keeps GET /api/health open for load balancers, and /metrics only when asked", async () => {
    expect(await decide(token, "GET", "/api/health")).toEqual({ allow: true });
    expect(await decide(token, "GET", "/metrics", {}, { metricsOpen: true })).toEqual({ allow: true });
    expect(await decide(token, "GET", "/metrics")).toMatchObject({ allow: false, status: 401 });
    // Exact paths: a look-alike gets the UI's rule.
    expect(await decide(token, "GET", "/api/health/")).toMatchObject({ allow: false, status: 401 });
    expect(await decide(token, "GET", "/API/health")).toMatchObject({ allow: false, status: 401 });
  });

  it("lets the ingest token ingest and import, but not browse", async () => {
    const withIngest = { ingestToken: INGEST };
    expect(await decide(token, "POST", "/api/ingest", bearer(INGEST), withIngest)).toEqual({ allow: true });
    expect(await decide(token, "POST", "/api/traces/import", bearer(INGEST), withIngest)).toEqual({ allow: true });
    expect(await decide(token, "GET", "/api/traces", bearer(INGEST), withIngest)).toEqual({
      allow: false,
      status: 401,
      challenge: "bearer-or-basic",
      error:
        "the ingest token (OSTRACE_INGEST_TOKEN) opens only POST /api/ingest and POST /api/traces/import; this needs the credentials of OSTRACE_AUTH",
    });
    // The UI's token imports (the list page's form) but does not replace the ingest token.
    expect(await decide(token, "POST", "/api/traces/import", basic("me", TOKEN), withIngest)).toEqual({ allow: true });
    expect(await decide(token, "POST", "/api/ingest", bearer(TOKEN), withIngest)).toMatchObject({
      allow: false,
      status: 401,
      challenge: "bearer",
    });
    // Without an ingest token, ingest follows the UI's rule.
    expect(await decide(token, "POST", "/api/ingest", bearer(TOKEN))).toEqual({ allow: true });
    expect(await decide(token, "POST", "/api/ingest")).toMatchObject({ allow: false, status: 401 });
  });

  it("refuses a cross-site write before looking at credentials, even correct ones", async () => {
    expect(
      await decide(token, "POST", "/api/traces/import", {
        ...basic("me", TOKEN),
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
      }),
    ).toMatchObject({ allow: false, status: 403 });
  });
});

describe("checkAccess with basic users", () => {
  const users = (): AuthConfig => ({ mode: "basic", users: [{ name: "alice", hash: alice }] });

  it("lets a user in with the right password and names them", async () => {
    expect(await decide(users(), "GET", "/", basic("alice", "correct horse"))).toEqual({ allow: true, user: "alice" });
  });

  it("refuses a wrong password, an unknown user, a bearer token and nothing at all", async () => {
    expect(await decide(users(), "GET", "/", basic("alice", "correct horse "))).toMatchObject({
      allow: false,
      status: 401,
      error: "invalid credentials",
      challenge: "basic",
      wrongCredentials: true,
    });
    expect(await decide(users(), "GET", "/", basic("bob", "correct horse"))).toMatchObject({
      allow: false,
      status: 401,
      error: "invalid credentials",
    });
    expect(await decide(users(), "GET", "/api/traces", bearer("correct-horse"))).toMatchObject({
      allow: false,
      status: 401,
      error: "this server takes HTTP Basic users (OSTRACE_AUTH=basic), not bearer tokens",
    });
    expect(await decide(users(), "GET", "/")).toMatchObject({ allow: false, status: 401, challenge: "basic" });
  });
});

describe("checkAccess behind a reverse proxy", () => {
  const proxy: AuthConfig = { mode: "proxy", userHeader: "X-Remote-User" };

  it("takes the user the proxy names, and refuses requests that did not come through it", async () => {
    expect(await decide(proxy, "GET", "/", { "x-remote-user": "carol" })).toEqual({ allow: true, user: "carol" });
    const refused = await decide(proxy, "GET", "/api/traces");
    expect(refused).toEqual({
      allow: false,
      status: 403,
      error: "ostrace takes its users from a reverse proxy, and this request has no X-Remote-User header: reach ostrace through that proxy",
    });
    expect(await decide(proxy, "GET", "/", { "x-remote-user": "  " })).toMatchObject({ allow: false, status: 403 });
  });

  it("lets the ingest token import without the proxy's header", async () => {
    expect(await decide(proxy, "POST", "/api/traces/import", bearer(INGEST), { ingestToken: INGEST })).toEqual({ allow: true });
    expect(await decide(proxy, "POST", "/api/traces/import", {}, { ingestToken: INGEST })).toMatchObject({ allow: false, status: 403 });
  });
});
