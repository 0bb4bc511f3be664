// Issue 12, access, in real headless Chromium against the real server (`next build` + `next
// start`): the security headers on the pages, the pages working under their Content-Security-
// Policy with no violation (the list, the trace page with its overview canvas, live polling,
// downloads, the import form), pages of another origin (a second small HTTP server) that try to
// import through a form, a no-cors fetch or a frame, and a browser signing in with its own login
// prompt in token mode, and a payload's secrets shown as redacted in the span details (masked
// at ingest). Screenshots go to test-artifacts/.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { findFreePort, ROOT, startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";
import { countOverviewPixels } from "./support/overviewPixels";

const REPORT = readFileSync(join(ROOT, "tests/fixtures/osprofiler/report-boot.json"), "utf8");
const REPORT_TRACE_ID = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";
/** The fixture's report under another base_id: a new trace each time. */
const reportAs = (traceId: string) => REPORT.replaceAll(REPORT_TRACE_ID, traceId);

/** What Chromium says when a policy blocks something (console), and the page's violation events. */
const CSP_CONSOLE = /Content Security Policy|Refused to|Permissions[- ]Policy|X-Frame-Options/i;

type Watched = { page: Page; problems: string[] };

async function openWatched(browser: TestBrowser, url: string): Promise<Watched> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (CSP_CONSOLE.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return { page, problems };
}

/** Violations the page's documents reported (a listener installed before any script of the page runs). */
async function violationsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as { __cspViolations?: string[] }).__cspViolations ?? []);
}

async function installViolationListener(browser: TestBrowser): Promise<void> {
  await browser.context.addInitScript(() => {
    const list: string[] = ((window as { __cspViolations?: string[] }).__cspViolations = []);
    document.addEventListener("securitypolicyviolation", (event) => list.push(`${event.effectiveDirective} blocked ${event.blockedURI}`));
  });
}

const headersOf = (response: { headers(): Record<string, string> } | null) => response?.headers() ?? {};

function expectSecurityHeaders(headers: Record<string, string>): string {
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce).toBeDefined();
  expect(policy).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"])
    expect(policy).toContain(directive);
  expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
  expect(headers["permissions-policy"]).toContain("camera=()");
  return nonce!;
}

describe("open mode: headers, pages under their policy, and other origins", () => {
  let server: TestServer;
  let browser: TestBrowser;
  let attacker: Server;
  let attackerPort: number;
  const bootNotifications = [
    ...generateProfilerNotifications({ scenario: "boot-server", spanCount: 300, seed: "access-boot", start: "2024-05-01T11:00:00" }),
  ];
  const bootId = bootNotifications[0]!.payload.base_id;
  const asBodies = (list: typeof bootNotifications) => list.map((n) => JSON.parse(convertNotificationToOsloMessage(n).body) as unknown);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await installViolationListener(browser);
    await postNotifications(server.url, asBodies(bootNotifications));
    // The other origin: pages that try to write to ostrace from a browser that can reach it.
    attackerPort = await findFreePort();
    const target = `${server.url}/api/traces/import`;
    const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
    const pages: Record<string, string> = {
      "/form": `<!doctype html><title>cute cats</title><h1>cute cats</h1>
        <form method="POST" action="${target}" enctype="multipart/form-data">
          <textarea name="file">${escape(reportAs("aaaaaaaa-0000-4000-8000-000000000001"))}</textarea>
        </form><script>document.forms[0].submit()</script>`,
      "/fetch": `<!doctype html><title>more cats</title><script>
        const form = new FormData();
        form.append("file", new Blob([${JSON.stringify(reportAs("aaaaaaaa-0000-4000-8000-000000000002"))}], { type: "application/json" }), "report.json");
        fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", body: form })
          .then(() => { document.title = "sent"; }, (error) => { document.title = "failed: " + error.message; });
      </script>`,
      "/frame": `<!doctype html><title>framed</title><iframe src="${server.url}/" width="800" height="400"></iframe>`,
    };
    attacker = createServer((request, response) => {
      const page = pages[new URL(request.url ?? "/", "http://x").pathname];
      response.writeHead(page ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      response.end(page ?? "not here");
    });
    await new Promise<void>((resolve) => attacker.listen(attackerPort, "127.0.0.1", resolve));
  }, 15 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
    await server?.stop();
  });

  it("serves the list page with a fresh nonce on every view, and it runs with no policy violation", async () => {
    const { page, problems } = await openWatched(browser, `${server.url}/`);
    const first = expectSecurityHeaders(headersOf(await page.reload()));
    const second = expectSecurityHeaders(headersOf(await page.reload()));
    expect(second).not.toBe(first);
    await page.locator("[data-testid=trace-list] tbody tr").first().waitFor();
    // Scripts ran: a client-side navigation to a trace and back.
    await page.locator(`a[href="/traces/${bootId}"]`).first().click();
    await page.waitForSelector('[role="treeitem"]');
    await page.goBack();
    await page.locator("[data-testid=trace-list] tbody tr").first().waitFor();
    await page.screenshot({ path: artifactPath("access-list.png"), fullPage: true });
    expect(problems).toEqual([]);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it("draws the trace page, its overview canvas and its downloads under the policy", async () => {
    // Every span (crit=0): row 2 is then a span's row, not a fold of the critical path's view.
    const { page, problems } = await openWatched(browser, `${server.url}/traces/${bootId}?crit=0`);
    expectSecurityHeaders(headersOf(await page.reload()));
    await page.waitForSelector('[role="treeitem"]');
    // The overview is drawn once the first rows are painted and the browser is idle (useAfterFirstPaint).
    await expect.poll(() => countOverviewPixels(page)).toBeGreaterThan(1000);
    // A row's details (the panel renders payload text) and the search box.
    const row = page.locator('[role="treeitem"][data-row="2"]');
    const spanId = await row.getAttribute("data-span-id");
    await row.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("span")).toBe(spanId);
    await page.getByTestId("span-details").waitFor();
    await page.getByRole("searchbox", { name: "Search spans" }).fill("nova");
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download OSprofiler JSON" }).click()]);
    const report = JSON.parse(readFileSync((await json.path())!, "utf8")) as { children: unknown[] };
    expect(report.children.length).toBeGreaterThan(0);
    const [dot] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "dot", exact: true }).click()]);
    expect(readFileSync((await dot.path())!, "utf8")).toMatch(/^digraph/);
    await page.screenshot({ path: artifactPath("access-trace.png") });
    expect(problems).toEqual([]);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it("shows a payload's password and X-Auth-Token as redacted in the span details, under the policy", async () => {
    // Sent as a service would (bare OSprofiler payloads to the ingest API); masked before storage.
    const traceId = "cccccccc-0000-4000-8000-000000000001";
    const spanId = "cccccccc-0000-4000-8000-0000000000a1";
    const payload = (phase: "start" | "stop", timestamp: string, info: Record<string, unknown>) => ({
      name: `compute_api-${phase}`,
      base_id: traceId,
      trace_id: spanId,
      parent_id: traceId,
      timestamp,
      project: "nova",
      service: "nova-api",
      info: { ...info, host: "ctl-1" },
    });
    const PASSWORD = "hunter2-in-the-browser";
    const TOKEN = "gAAAAABkBrowserToken";
    await postNotifications(server.url, [
      payload("start", "2024-05-01T12:00:00.000000", {
        request: { path: "/v2.1/servers", method: "POST", headers: { "X-Auth-Token": TOKEN, Accept: "application/json" } },
        function: { name: "nova.compute.api.API.create", kwargs: `{'admin_password': '${PASSWORD}', 'key_name': 'k1'}` },
      }),
      payload("stop", "2024-05-01T12:00:00.250000", {}),
    ]);
    const { page, problems } = await openWatched(browser, `${server.url}/traces/${traceId}?span=${spanId}`);
    expectSecurityHeaders(headersOf(await page.reload()));
    const panel = page.getByTestId("span-details");
    await panel.getByTestId("raw-payloads").waitFor();
    const start = panel.getByRole("region", { name: "meta.raw_payload.compute_api-start" });
    await start.locator("summary", { hasText: "headers:" }).click();
    const labels = start.getByTestId("redacted");
    await expect.poll(() => labels.count()).toBe(2);
    expect(await labels.first().isVisible()).toBe(true);
    expect(await labels.nth(1).isVisible()).toBe(true);
    const shown = await panel.innerText();
    expect(shown).toContain("X-Auth-Token:");
    expect(shown).toContain("'key_name': 'k1'");
    for (const secret of [PASSWORD, TOKEN]) expect(await page.content()).not.toContain(secret);
    await panel.screenshot({ path: artifactPath("access-redacted-panel.png") });
    expect(problems).toEqual([]);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it("follows a live trace (polling every 2 s) under the policy", async () => {
    const live = [
      ...generateProfilerNotifications({
        scenario: "boot-server",
        spanCount: 120,
        seed: "access-live",
        traces: 1,
        start: Date.now() * 1000 - 5_000_000,
      }),
    ];
    const liveId = live[0]!.payload.base_id;
    // Half of it: spans still open, so the page keeps asking.
    await postNotifications(server.url, asBodies(live.slice(0, Math.floor(live.length / 2))));
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on("console", (message) => CSP_CONSOLE.test(message.text()) && problems.push(message.text()));
    const polls: number[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === `/api/traces/${liveId}`) polls.push(response.status());
    });
    await page.goto(`${server.url}/traces/${liveId}`);
    await page.waitForSelector('[role="treeitem"]');
    await expect.poll(() => page.getByTestId("live-indicator").innerText()).toMatch(/^Live:/);
    await expect.poll(() => polls.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(polls.every((status) => status === 200 || status === 304)).toBe(true);
    expect(problems).toEqual([]);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });

  it("imports through the list page's own form (a same-origin multipart POST)", async () => {
    const traceId = "bbbbbbbb-0000-4000-8000-000000000001";
    const { page, problems } = await openWatched(browser, `${server.url}/`);
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "report.json", mimeType: "application/json", buffer: Buffer.from(reportAs(traceId)) });
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL(`**/traces/${traceId}`);
    await page.waitForSelector('[role="treeitem"]');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses the issue's case: another site's page whose form posts a report to the import", async () => {
    // http://localhost:<port> and http://127.0.0.1:<port> are different sites.
    const page = await browser.newPage();
    const answer = page.waitForResponse((response) => response.url() === `${server.url}/api/traces/import`);
    await page.goto(`http://localhost:${attackerPort}/form`);
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(response.request().headers()["origin"]).toBe(`http://localhost:${attackerPort}`);
    const body = (await response.json()) as { error: string };
    expect(body.error).toBe(
      "POST refused: the browser says it comes from another site (Sec-Fetch-Site: cross-site); writes are accepted from ostrace's own pages and from clients that are not browsers",
    );
    await page.waitForURL(`${server.url}/api/traces/import`);
    await page.screenshot({ path: artifactPath("access-cross-site-form.png") });
    expect((await fetch(`${server.url}/api/traces/aaaaaaaa-0000-4000-8000-000000000001`)).status).toBe(404);
    await page.close();
  });

  it("refuses a no-cors fetch with a file from another origin of the same host", async () => {
    const page = await browser.newPage();
    const target = `${server.url}/api/traces/import`;
    const failed = page.waitForEvent("requestfailed", (request) => request.url() === target);
    await page.goto(`http://127.0.0.1:${attackerPort}/fetch`);
    // The server refused it (its log), and Cross-Origin-Resource-Policy kept even the opaque
    // answer from the other origin's page.
    expect((await failed).failure()?.errorText).toBe("net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin");
    await expect.poll(() => page.title()).toBe("failed: Failed to fetch");
    expect(server.output()).toContain('"reason":"POST refused: the browser says it comes from another origin (Sec-Fetch-Site: same-site)');
    expect((await fetch(`${server.url}/api/traces/aaaaaaaa-0000-4000-8000-000000000002`)).status).toBe(404);
    await page.close();
  });

  it("cannot be framed by another origin", async () => {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on("console", (message) => messages.push(message.text()));
    await page.goto(`http://127.0.0.1:${attackerPort}/frame`);
    await expect.poll(() => messages.some((m) => /frame-ancestors|X-Frame-Options/.test(m))).toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // The frame shows the browser's error page, not ostrace.
    expect(
      await frame
        ?.evaluate(() => document.querySelector("[data-testid=trace-list], [data-testid=empty-state]") !== null)
        .catch(() => false),
    ).toBe(false);
    await page.screenshot({ path: artifactPath("access-framed.png") });
    await page.close();
  });
});

describe("token mode in the browser", () => {
  const TOKEN = "browser-token-7c1e9a3f5b2d4e6a";
  let server: TestServer;
  let anonymous: TestBrowser;
  let signedIn: TestBrowser;

  beforeAll(async () => {
    server = await startServer({ OSTRACE_AUTH: "token", OSTRACE_TOKEN: TOKEN });
    // Headless Chromium has no login prompt to cancel: a person who typed a wrong token, was
    // asked again and pressed Cancel.
    anonymous = await launchBrowser({ httpCredentials: { username: "ops", password: "not-the-token-0123456789" } });
    // A person typing a name and the token into the browser's own login prompt.
    signedIn = await launchBrowser({ httpCredentials: { username: "ops", password: TOKEN } });
    await installViolationListener(signedIn);
    const imported = await fetch(`${server.url}/api/traces/import`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: REPORT,
    });
    expect(imported.status).toBe(201);
  }, 15 * 60_000);

  afterAll(async () => {
    await anonymous?.close();
    await signedIn?.close();
    await server?.stop();
  });

  it("asks a browser for credentials with a Basic challenge, and shows what went wrong on Cancel", async () => {
    const page = await anonymous.newPage();
    const challenges: string[] = [];
    page.on("response", (response) => response.status() === 401 && challenges.push(response.headers()["www-authenticate"] ?? ""));
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(401);
    expect(headersOf(response)["www-authenticate"]).toBe('Basic realm="ostrace", charset="UTF-8"');
    expectSecurityHeaders(headersOf(response));
    expect((await page.locator("body").innerText()).trim()).toBe("ostrace: invalid credentials");
    await page.screenshot({ path: artifactPath("access-401.png") });
    await page.close();
  });

  it("lets a signed-in browser use the list, the trace page, its downloads and the import form", async () => {
    const { page, problems } = await openWatched(signedIn, `${server.url}/`);
    await page.locator(`a[href="/traces/${REPORT_TRACE_ID}"]`).first().click();
    await page.waitForSelector('[role="treeitem"]');
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download OSprofiler JSON" }).click()]);
    expect(JSON.parse(readFileSync((await json.path())!, "utf8"))).toHaveProperty("children");
    await page.screenshot({ path: artifactPath("access-token-trace.png") });
    await page.goto(`${server.url}/`);
    const traceId = "cccccccc-0000-4000-8000-000000000001";
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "report.json", mimeType: "application/json", buffer: Buffer.from(reportAs(traceId)) });
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL(`**/traces/${traceId}`);
    await page.waitForSelector('[role="treeitem"]');
    expect(problems).toEqual([]);
    expect(await violationsOf(page)).toEqual([]);
    await page.close();
  });
});
