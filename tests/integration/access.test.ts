// Issue 12, access: each OSTRACE_AUTH mode against the real server (`next build` + `next start`,
// proxy.ts in front of the routes), over plain HTTP as curl, scripts, Prometheus and OSprofiler
// senders reach it. What a browser does with it is in tests/browser/access.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/http/access/hashPassword";
import { profilerPayload } from "@/tests/support/amqp";
import { ROOT, startServer, type TestServer } from "@/tests/browser/support/nextServer";

const TOKEN = "ui-token-4f9c2b7e1d3a5c8e";
const INGEST_TOKEN = "ingest-token-8a1b2c3d4e5f6a7b";
const REPORT = readFileSync(join(ROOT, "tests/fixtures/osprofiler/report-boot.json"), "utf8");
const REPORT_TRACE_ID = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

type Answer = { status: number; headers: Headers; text: string; json: { error?: string } & Record<string, unknown> };

async function call(
  server: TestServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const response = await fetch(server.url + path, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  let json = {};
  try {
    json = JSON.parse(text) as Answer["json"];
  } catch {
    // a page or a Prometheus text
  }
  return { status: response.status, headers: response.headers, text, json };
}

const ingestBody = () =>
  JSON.stringify([
    profilerPayload({
      traceId: crypto.randomUUID(),
      spanId: crypto.randomUUID(),
      parentId: crypto.randomUUID(),
      name: "wsgi",
      phase: "start",
      us: Date.UTC(2024, 4, 1) * 1000,
    }),
  ]);
const ingest = (server: TestServer, headers: Record<string, string> = {}) =>
  call(server, "POST", "/api/ingest", { "content-type": "application/json", ...headers }, ingestBody());
const importReport = (server: TestServer, headers: Record<string, string> = {}) =>
  call(server, "POST", "/api/traces/import", { "content-type": "application/json", ...headers }, REPORT);

/** What needs the UI's credentials in a protected mode: pages, the API, downloads, metrics, an unknown path. */
const PROTECTED_PATHS = [
  "/",
  `/traces/${REPORT_TRACE_ID}`,
  "/api/traces",
  `/api/traces/${REPORT_TRACE_ID}/osprofiler.json`,
  "/api/status",
  "/metrics",
  "/no-such-page",
];

describe("open mode (no configuration)", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Listening on every interface, as HOSTNAME's default does: the server warns.
    server = await startServer({}, { hostname: "0.0.0.0" });
  }, 15 * 60_000);
  afterAll(async () => server?.stop());

  it("warns at start that anyone reaching the port reads every trace", () => {
    const warning = server
      .output()
      .split("\n")
      .find((line) => line.includes("no authentication"));
    expect(warning, server.output()).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: "warn", scope: "web" });
    expect(JSON.parse(warning!).msg).toMatch(
      /^no authentication \(OSTRACE_AUTH=open\) while listening on 0\.0\.0\.0:\d+: anyone who reaches this port can read every trace/,
    );
  });

  it("stays open as before: pages, API, ingest and import without credentials", async () => {
    expect((await call(server, "GET", "/")).status).toBe(200);
    expect((await call(server, "GET", "/api/traces")).status).toBe(200);
    expect((await call(server, "GET", "/metrics")).status).toBe(200);
    expect((await ingest(server)).status).toBe(200);
    const imported = await importReport(server);
    expect(imported.status, imported.text).toBe(201);
    expect(imported.json).toMatchObject({ traceId: REPORT_TRACE_ID });
  });

  it("refuses the issue's cross-site multipart form post to the import with 403 and a JSON reason, and stores nothing", async () => {
    const form = new FormData();
    const report = REPORT.replaceAll(REPORT_TRACE_ID, "11111111-2222-4333-8444-555555555555");
    form.set("file", report);
    const request = new Request(`${server.url}/api/traces/import`, { method: "POST", body: form });
    const headers = Object.fromEntries(request.headers);
    const body = await request.text();
    // What Chromium sends for a form on another port of the same host.
    const refused = await call(
      server,
      "POST",
      "/api/traces/import",
      { ...headers, origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" },
      body,
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/json");
    expect(refused.json.error).toBe(
      "POST refused: the browser says it comes from another origin (Sec-Fetch-Site: same-site); writes are accepted from ostrace's own pages and from clients that are not browsers",
    );
    // A browser that sends no Sec-Fetch-Site (plain http on a LAN address): Origin decides.
    const byOrigin = await call(server, "POST", "/api/traces/import", { ...headers, origin: "http://attacker.example" }, body);
    expect(byOrigin.status).toBe(403);
    expect((await call(server, "GET", "/api/traces/11111111-2222-4333-8444-555555555555")).status).toBe(404);
    // The same form from ostrace's own page goes through.
    const own = await call(server, "POST", "/api/traces/import", { ...headers, origin: server.url, "sec-fetch-site": "same-origin" }, body);
    expect(own.status, own.text).toBe(201);
  });

  it("refuses cross-site HTTP ingest too, and lets senders without Origin in", async () => {
    expect((await ingest(server, { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await ingest(server)).status).toBe(200);
  });

  it("puts the security headers on every answer: pages, API, uploads, health, static files, refusals", async () => {
    const page = await call(server, "GET", "/");
    const scriptSrc = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(scriptSrc).toBeDefined();
    const answers = {
      page,
      trace: await call(server, "GET", `/traces/${REPORT_TRACE_ID}`),
      notFound: await call(server, "GET", "/no-such-page"),
      api: await call(server, "GET", "/api/traces"),
      download: await call(server, "GET", `/api/traces/${REPORT_TRACE_ID}/osprofiler.json`),
      health: await call(server, "GET", "/api/health"),
      metrics: await call(server, "GET", "/metrics"),
      ingest: await ingest(server),
      import: await importReport(server),
      static: await call(server, "GET", scriptSrc!),
      refused: await ingest(server, { origin: "https://evil.example" }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      expect({ name, nosniff: answer.headers.get("x-content-type-options") }).toEqual({ name, nosniff: "nosniff" });
      expect({ name, frame: answer.headers.get("x-frame-options") }).toEqual({ name, frame: "DENY" });
      expect({ name, referrer: answer.headers.get("referrer-policy") }).toEqual({ name, referrer: "same-origin" });
      expect(answer.headers.get("permissions-policy")).toContain("camera=()");
      expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    for (const name of ["api", "download", "health", "metrics", "ingest", "import", "refused"] as const) {
      expect(answers[name].headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
    }
  });

  it("gives each page view its own nonce, and puts it on every script of the page, the 404 page included", async () => {
    for (const path of ["/", `/traces/${REPORT_TRACE_ID}`, "/no-such-page"]) {
      const first = await call(server, "GET", path);
      const second = await call(server, "GET", path);
      const nonceOf = (answer: Answer) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(answer.headers.get("content-security-policy") ?? "")?.[1];
      const nonce = nonceOf(first);
      expect(nonce, path).toBeDefined();
      expect(nonceOf(second)).not.toBe(nonce);
      expect(first.headers.get("content-security-policy")).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
      const scripts = first.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    }
  });
});

describe("token mode, with an ingest token", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(
      { OSTRACE_AUTH: "token", OSTRACE_TOKEN: TOKEN, OSTRACE_INGEST_TOKEN: INGEST_TOKEN },
      { hostname: "0.0.0.0" },
    );
  }, 15 * 60_000);
  afterAll(async () => server?.stop());

  it("does not warn: ostrace is not open", () => {
    expect(server.output()).not.toContain("no authentication");
  });

  it("refuses every page and API route without credentials: 401, Basic on pages (the browser's prompt), Bearer and JSON on the API", async () => {
    for (const path of PROTECTED_PATHS) {
      const answer = await call(server, "GET", path);
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      if (path.startsWith("/api/") || path === "/metrics") {
        expect(answer.headers.get("www-authenticate")).toBe('Bearer realm="ostrace"');
        expect(answer.json.error).toBe(
          "authentication required: send Authorization: Bearer <OSTRACE_TOKEN>, or the token as the password of HTTP Basic",
        );
      } else {
        expect(answer.headers.get("www-authenticate")).toBe('Basic realm="ostrace", charset="UTF-8"');
        expect(answer.text).toBe(
          "ostrace: authentication required: send Authorization: Bearer <OSTRACE_TOKEN>, or the token as the password of HTTP Basic\n",
        );
      }
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect((await call(server, "GET", "/api/traces", bearer("wrong-token-0123456789"))).json.error).toBe("invalid credentials");
  });

  it("lets the token in as a bearer token or as the Basic password", async () => {
    for (const path of PROTECTED_PATHS) {
      const expected = path === "/no-such-page" ? 404 : path.includes(REPORT_TRACE_ID) ? 404 : 200;
      expect({ path, status: (await call(server, "GET", path, bearer(TOKEN))).status }).toEqual({ path, status: expected });
      expect({ path, status: (await call(server, "GET", path, basic("anyone", TOKEN))).status }).toEqual({ path, status: expected });
    }
  });

  it("keeps /api/health open for load balancers", async () => {
    expect((await call(server, "GET", "/api/health")).status).toBe(200);
  });

  // The UI's rule covers its scripts too (classifyRoute: anything but the named routes), so
  // proxy.ts's matcher must keep /_next/static/: taking them out of it to save the proxy's work
  // per chunk (docs/benchmarks.md §7, §83, §89) would serve them to anyone.
  it("serves the page's script chunks only with credentials, with the security headers", async () => {
    const page = await call(server, "GET", "/", bearer(TOKEN));
    const scripts = [...page.text.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of scripts) {
      const refused = await call(server, "GET", path);
      expect({ path, status: refused.status }).toEqual({ path, status: 401 });
      expect(refused.headers.get("www-authenticate")).toBe('Basic realm="ostrace", charset="UTF-8"');
      expect(refused.text).toBe(
        "ostrace: authentication required: send Authorization: Bearer <OSTRACE_TOKEN>, or the token as the password of HTTP Basic\n",
      );
      const served = await call(server, "GET", path, basic("anyone", TOKEN));
      expect({ path, status: served.status }).toEqual({ path, status: 200 });
      expect(served.headers.get("content-type")).toContain("javascript");
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      expect(served.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    }
  });

  it("takes only the ingest token on POST /api/ingest, and it or the UI's token on the import", async () => {
    const none = await ingest(server);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="ostrace"');
    expect(none.json.error).toBe("POST /api/ingest needs Authorization: Bearer <OSTRACE_INGEST_TOKEN>");
    expect((await ingest(server, bearer(TOKEN))).status).toBe(401);
    expect((await ingest(server, bearer(INGEST_TOKEN))).status).toBe(200);
    // A sender with a wrong ingest token is a refused write: logged with the reason, never the token.
    expect((await ingest(server, bearer("stale-ingest-token-0123456789"))).status).toBe(401);
    const refused = server
      .output()
      .split("\n")
      .find((line) => line.includes('"request refused"') && line.includes('"/api/ingest"'));
    expect(JSON.parse(refused ?? "null")).toMatchObject({ scope: "web.access", method: "POST", status: 401 });
    expect(server.output()).not.toContain("stale-ingest-token");

    expect((await importReport(server)).status).toBe(401);
    const byIngestToken = await importReport(server, bearer(INGEST_TOKEN));
    expect(byIngestToken.status, byIngestToken.text).toBe(201);
    // The import form on the list page sends the browser's Basic credentials.
    expect((await importReport(server, basic("me", TOKEN))).status).toBe(200);
    // The ingest token opens nothing else, and the refusal says so (not "invalid credentials").
    const browsing = await call(server, "GET", "/api/traces", bearer(INGEST_TOKEN));
    expect(browsing.status).toBe(401);
    expect(browsing.json.error).toContain("the ingest token (OSTRACE_INGEST_TOKEN) opens only POST /api/ingest");
    expect((await call(server, "GET", `/api/traces/${REPORT_TRACE_ID}`, bearer(TOKEN))).status).toBe(200);
  });

  it("refuses a cross-site write even with the right credentials (a browser that remembers them)", async () => {
    const answer = await importReport(server, { ...basic("me", TOKEN), origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toContain("comes from another site");
  });
});

describe("basic users, with /metrics open", () => {
  let server: TestServer;
  beforeAll(async () => {
    const alice = await hashPassword("alice's long password");
    const bob = await hashPassword("bob's long password");
    server = await startServer({ OSTRACE_AUTH: "basic", OSTRACE_USERS: `alice:${alice},bob:${bob}`, OSTRACE_METRICS_OPEN: "1" });
  }, 15 * 60_000);
  afterAll(async () => server?.stop());

  it("refuses without credentials, with a wrong password, an unknown user or a bearer token", async () => {
    for (const path of PROTECTED_PATHS.filter((p) => p !== "/metrics")) {
      const answer = await call(server, "GET", path);
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      expect(answer.headers.get("www-authenticate")).toBe('Basic realm="ostrace", charset="UTF-8"');
    }
    expect((await call(server, "GET", "/api/traces", basic("alice", "bob's long password"))).status).toBe(401);
    expect((await call(server, "GET", "/api/traces", basic("carol", "alice's long password"))).status).toBe(401);
    expect((await call(server, "GET", "/api/traces", bearer("alice's-long-password"))).status).toBe(401);
    expect((await importReport(server)).status).toBe(401);
  });

  it("lets each user in with their own password, pages, API and import alike", async () => {
    expect((await call(server, "GET", "/", basic("alice", "alice's long password"))).status).toBe(200);
    expect((await call(server, "GET", "/api/traces", basic("bob", "bob's long password"))).status).toBe(200);
    expect((await importReport(server, basic("alice", "alice's long password"))).status).toBe(201);
    // No ingest token configured: ingest follows the users.
    expect((await ingest(server)).status).toBe(401);
    expect((await ingest(server, basic("bob", "bob's long password"))).status).toBe(200);
  });

  it("answers /metrics without credentials when OSTRACE_METRICS_OPEN=1, and nothing else", async () => {
    const metrics = await call(server, "GET", "/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain("ostrace_");
    expect((await call(server, "GET", "/api/status")).status).toBe(401);
  });

  it("logs wrong credentials with the user's path and reason, never the password", () => {
    const refusals = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"request refused"'));
    expect(refusals.length).toBeGreaterThan(0);
    expect(JSON.parse(refusals[0]!)).toMatchObject({ level: "warn", scope: "web.access", status: 401, reason: "invalid credentials" });
    expect(server.output()).not.toContain("long password");
  });
});

describe("behind a reverse proxy, with an ingest token", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(
      { OSTRACE_AUTH: "proxy", OSTRACE_PROXY_USER_HEADER: "X-Forwarded-User", OSTRACE_INGEST_TOKEN: INGEST_TOKEN },
      { hostname: "0.0.0.0" },
    );
  }, 15 * 60_000);
  afterAll(async () => server?.stop());

  it("warns that anyone reaching the port directly can name themselves", () => {
    expect(server.output()).toContain("OSTRACE_AUTH=proxy trusts the X-Forwarded-User header, and ostrace listens on 0.0.0.0:");
  });

  it("refuses requests that did not come through the proxy (no user header) with 403", async () => {
    for (const path of PROTECTED_PATHS) {
      const answer = await call(server, "GET", path);
      expect({ path, status: answer.status }).toEqual({ path, status: 403 });
      expect(answer.headers.get("www-authenticate")).toBeNull();
    }
    expect((await call(server, "GET", "/api/traces")).json.error).toBe(
      "ostrace takes its users from a reverse proxy, and this request has no X-Forwarded-User header: reach ostrace through that proxy",
    );
  });

  it("serves whoever the proxy names", async () => {
    expect((await call(server, "GET", "/", { "x-forwarded-user": "carol" })).status).toBe(200);
    expect((await call(server, "GET", "/api/traces", { "x-forwarded-user": "carol" })).status).toBe(200);
  });

  it("lets senders ingest and import with the ingest token, without the proxy's header", async () => {
    expect((await ingest(server, { "x-forwarded-user": "carol" })).status).toBe(401);
    expect((await ingest(server, bearer(INGEST_TOKEN))).status).toBe(200);
    expect((await importReport(server, bearer(INGEST_TOKEN))).status).toBe(201);
  });
});

describe("a configuration that does not validate", () => {
  it("stops the web server at start, naming the variable and never echoing the password", async () => {
    const failure = await startServer({ OSTRACE_AUTH: "basic", OSTRACE_USERS: "alice:hunter2-plain" }).then(
      async (server) => {
        await server.stop();
        return "started";
      },
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/next start exited with 2/);
    expect(failure).toContain(
      'OSTRACE_USERS user "alice": the password is not an scrypt hash (plain-text passwords are refused: make one with `npm run hash-password`)',
    );
    expect(failure).not.toContain("hunter2-plain");
  });
});
