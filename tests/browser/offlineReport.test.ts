// `ostrace trace show --html` in real headless Chromium, opened from disk (file://) with the
// network cut: the report written by the real CLI from the real server draws the trace,
// collapses, searches and shows span details from the file alone, under its own CSP; a hostile
// trace's markup is shown as text; a 100k-span report opens.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderOfflineReport } from "@/cli/report/renderOfflineReport";
import type { Span } from "@/lib/span/types";
import { buildTrace, convertTraceToCompact } from "@/lib/trace";
import { runCli } from "../support/runCli";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { buildHostileTrace, XSS } from "./support/hostileTrace";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications, seedSyntheticTraces } from "./support/seed";
import { envelopeV2, profilerPayload } from "@/tests/support/amqp";

let server: TestServer;
let browser: TestBrowser;
let dir: string;
let hostileId: string;
let bootId: string;
const longId = randomUUID();
const UUID = "4f6a5d1e-2b7c-4e0a-9d3f-a1b2c3d4e5f6";
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "ostrace-report-"));
  const hostile = buildHostileTrace(T0);
  hostileId = hostile.traceId;
  await postNotifications(server.url, hostile.bodies);
  bootId = (
    await seedSyntheticTraces(server.url, { seed: "report", scenario: "boot-server", traces: 1, errorRate: 0, start: T0 + 60_000_000 })
  )[0]!;
  // A request with one SQL call of 20,000 characters, a UUID at its character 10,000.
  const root = randomUUID(),
    db = randomUUID();
  const statement =
    (
      `SELECT instance_faults.created_at FROM instance_faults WHERE instance_faults.instance_uuid IN (`.padEnd(9_999, "'x', ") +
      `'${UUID}', `
    ).padEnd(19_998, "'y', ") + "')";
  const request = { method: "GET", path: "/v2.1/servers/detail", query: "", scheme: "http" };
  await postNotifications(
    server.url,
    [
      profilerPayload({ traceId: longId, spanId: root, parentId: longId, name: "wsgi", phase: "start", us: T0, info: { request } }),
      profilerPayload({
        traceId: longId,
        spanId: db,
        parentId: root,
        name: "db",
        phase: "start",
        us: T0 + 10,
        info: { db: { statement, params: {} } },
      }),
      profilerPayload({ traceId: longId, spanId: db, parentId: root, name: "db", phase: "stop", us: T0 + 20 }),
      profilerPayload({ traceId: longId, spanId: root, parentId: longId, name: "wsgi", phase: "stop", us: T0 + 30 }),
    ].map((p) => JSON.parse(envelopeV2(p)) as unknown),
  );
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Opened = { page: Page; requests: string[]; problems: string[] };

/** Opens a report file with the browser offline; records every request and every page error or CSP violation. */
async function openReport(file: string, query = ""): Promise<Opened> {
  await browser.context.setOffline(true);
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const requests: string[] = [],
    problems: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content.Security.Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(pathToFileURL(file).href + query);
  await page.waitForSelector('[role="treeitem"]').catch((error: Error) => {
    throw new Error(`${error.message}\npage problems: ${problems.join("\n") || "none"}`);
  });
  return { page, requests, problems };
}

const rowCount = async (page: Page) => Number(await page.getByTestId("timeline-body").getAttribute("data-row-count"));

describe("ostrace trace show --html", () => {
  it("writes one file that draws the trace from disk with no network, collapses, searches and shows a span's raw payloads", async () => {
    const file = join(dir, "boot.html");
    const run = await runCli(["trace", "show", bootId, "--html", "--out", file], { OSTRACE_URL: server.url });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const compact = (await (await fetch(`${server.url}/api/traces/${bootId}`)).json()) as { ids: string[] };
    const { page, requests, problems } = await openReport(file);
    expect(await page.getByTestId("trace-title").innerText()).toBe("POST /v2.1/servers");
    expect(await page.getByTestId("trace-span-count").innerText()).toBe(compact.ids.length.toLocaleString("en"));
    // A server create opens on its critical path here too (its work went on for seconds after the
    // API answered), and gives every span back in one click.
    expect(await page.getByTestId("critical-only").isChecked()).toBe(true);
    expect(await rowCount(page)).toBeLessThan(compact.ids.length);
    await page.getByRole("button", { name: "Show every span" }).click();
    await expect.poll(() => rowCount(page)).toBe(compact.ids.length);
    expect(await page.getByTestId("report-origin").innerText()).toContain(`from ${server.url}`);

    const root = page.locator('[role="treeitem"][aria-level="1"]').first();
    await root.getByRole("button", { name: "Collapse" }).click();
    expect(await rowCount(page)).toBeLessThan(compact.ids.length);
    await root.getByRole("button", { name: "Expand" }).click();
    expect(await rowCount(page)).toBe(compact.ids.length);

    await page.getByRole("searchbox", { name: "Search spans" }).fill("LibvirtDriver.spawn");
    await expect.poll(() => page.getByTestId("search-status").innerText()).toMatch(/^\d+ match(es)?$/);

    const dbRow = page.locator('[role="treeitem"]').filter({ hasText: "SELECT" }).first();
    await page.getByRole("searchbox", { name: "Search spans" }).fill("");
    const spanId = (await dbRow.getAttribute("data-span-id"))!;
    await dbRow.click();
    const panel = page.getByTestId("span-details");
    await panel.getByTestId("raw-payloads").waitFor();
    expect(await panel.getByRole("region", { name: "meta.raw_payload.db-start" }).innerText()).toContain(`trace_id: "${spanId}"`);
    // The view is kept in the file's URL, as on the server's page.
    await expect.poll(() => new URL(page.url()).searchParams.get("span")).toBe(spanId);
    // The downloads point at the server the report came from.
    expect(await page.getByRole("link", { name: "Download OTLP JSON" }).getAttribute("href")).toBe(
      `${server.url}/api/traces/${bootId}/otlp.json`,
    );
    await page.screenshot({ path: artifactPath("offline-report.png") });

    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a hostile trace's markup as text, never as HTML, with its raw payloads from the file", async () => {
    const file = join(dir, "hostile.html");
    const run = await runCli(["trace", "show", hostileId, "--html", "--out", file], { OSTRACE_URL: server.url });
    expect(run.code).toBe(0);
    const { page, requests, problems } = await openReport(file);
    // Every span's details, fields, exception and raw payloads (from the file): the wire text, as text.
    let seen = "";
    for (const id of await page.locator('[role="treeitem"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-span-id")!))) {
      await page.locator(`[data-span-id="${id}"]`).click();
      await page.getByTestId("raw-payloads").waitFor();
      seen += await page.locator("body").innerText();
    }
    for (const value of [XSS.host, XSS.service, XSS.project, XSS.name, XSS.etype, XSS.message, XSS.args, `GET ${XSS.path}`])
      expect(seen).toContain(value);
    expect(await page.getByRole("region", { name: "meta.raw_payload.db-start" }).innerText()).toContain(XSS.sql);
    await page.getByRole("searchbox", { name: "Search spans" }).fill("</script>");
    await expect.poll(() => page.getByTestId("search-status").innerText()).toMatch(/^\d+ match(es)?$/);
    await page.screenshot({ path: artifactPath("offline-report-hostile.png") });
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], svg[onload], b[onmouseover]').count()).toBe(0);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("searches a text longer than 4,000 characters by its first 4,000, and says so (no server to search the whole)", async () => {
    const file = join(dir, "long.html");
    const run = await runCli(["trace", "show", longId, "--html", "--out", file], { OSTRACE_URL: server.url });
    expect(run.code).toBe(0);
    const { page, requests, problems } = await openReport(file);
    const search = page.getByRole("searchbox", { name: "Search spans" });
    await search.fill("instance_faults.instance_uuid");
    await expect.poll(() => page.getByTestId("search-status").innerText()).toBe("1 match");
    expect(await page.getByTestId("search-long-texts").innerText()).toBe("long texts: first 4,000 chars");
    await search.fill(UUID);
    await expect.poll(() => page.getByTestId("search-status").innerText()).toBe("0 matches");
    expect(await page.getByTestId("search-long-texts").getAttribute("title")).toBe(
      "Texts longer than 4,000 characters are searched by their first 4,000: there is no server to search their whole text.",
    );
    await page.waitForTimeout(400);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says in the details panel where a span's payloads are when the budget left them out", async () => {
    const file = join(dir, "no-payloads.html");
    const run = await runCli(["trace", "show", bootId, "--html", "--out", file, "--payloads-mb", "0"], { OSTRACE_URL: server.url });
    expect(run.code).toBe(0);
    const { page, problems } = await openReport(file);
    const row = page.locator('[role="treeitem"]').first();
    const spanId = (await row.getAttribute("data-span-id"))!;
    await row.click();
    const alert = page.getByTestId("span-details").getByRole("alert");
    await expect
      .poll(() => alert.innerText())
      .toBe(
        `Raw payloads unavailable: not in this file: it keeps the raw payloads of 0 of ${await page.getByTestId("trace-span-count").innerText()} spans (0.00 MB budget, --payloads-mb). On the server: ${server.url}/api/traces/${bootId}/spans/${spanId}`,
      );
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the server's trace page", () => {
  it("offers the OTLP JSON download next to OSprofiler's, served by the real server", async () => {
    await browser.context.setOffline(false);
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/traces/${bootId}`);
    const link = page.getByRole("link", { name: "Download OTLP JSON" });
    expect(await link.getAttribute("href")).toBe(`/api/traces/${bootId}/otlp.json`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const otlp = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
    };
    const spans = otlp.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(spans.length).toBe(Number((await page.getByTestId("trace-span-count").innerText()).replace(/,/g, "")));
    expect(new Set(spans.map((s) => s.traceId))).toStrictEqual(new Set([bootId.replace(/-/g, "")]));
    await page.close();
  });
});

describe("a 100k-span offline report", () => {
  it("opens, draws, collapses and searches from disk", async () => {
    // wsgi -> 1000 rpc -> 99 db each: 100,001 spans; the details of the rpc calls kept.
    const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const traceId = "11111111-1111-4111-8111-111111111111";
    const span = (i: number, parent: number, name: string, start: number, stop: number, detail: string): Span => ({
      traceId,
      spanId: id(i),
      parentId: parent < 0 ? traceId : id(parent),
      name,
      project: "nova",
      service: name === "wsgi" ? "nova-api" : "nova-conductor",
      host: `host-${i % 3}`,
      startUs: T0 + start,
      stopUs: T0 + stop,
      error: null,
      detail,
      startPayload: null,
      stopPayload: null,
    });
    const spans = [span(0, -1, "wsgi", 0, 10_000_000, "POST /v2.1/servers")];
    const details = new Map<string, string>();
    for (let r = 0; r < 1000; r++) {
      const rpc = spans.length;
      spans.push(span(rpc, 0, "rpc", r * 10_000, r * 10_000 + 9_900, `nova.conductor.manager.ComputeTaskManager.f${r}`));
      details.set(id(rpc), JSON.stringify({ ...spans[rpc], startPayload: { name: "rpc-start", info: { function: { args: `(${r},)` } } } }));
      for (let d = 0; d < 99; d++)
        spans.push(
          span(
            spans.length,
            rpc,
            "db",
            r * 10_000 + d * 100,
            r * 10_000 + d * 100 + 50,
            `SELECT in_use FROM quota_usages WHERE resource = '${d % 7}'`,
          ),
        );
    }
    const traceText = JSON.stringify(convertTraceToCompact(buildTrace(spans, traceId)));
    const report = await renderOfflineReport({
      traceId,
      serverUrl: "http://ostrace.invalid:3000",
      traceText,
      details,
      payloadsBytes: 50e6,
    });
    expect(report.keptSpans).toBe(1000);
    const file = join(dir, "big.html");
    writeFileSync(file, report.html);
    expect(statSync(file).size).toBeLessThan(30e6);

    const { page, requests, problems } = await openReport(file);
    expect(await page.getByTestId("trace-span-count").innerText()).toBe("100,001");
    expect(await rowCount(page)).toBe(100_001);
    expect(await page.locator('[role="treeitem"]').count()).toBeLessThanOrEqual(150);
    await page.getByRole("button", { name: "Collapse all" }).click();
    expect(await rowCount(page)).toBe(1);
    await page.getByRole("button", { name: "Expand all" }).click();
    expect(await rowCount(page)).toBe(100_001);
    await page.getByRole("searchbox", { name: "Search spans" }).fill("ComputeTaskManager.f999");
    await expect.poll(() => page.getByTestId("search-status").innerText(), { timeout: 20_000 }).toBe("1 match");
    await page.screenshot({ path: artifactPath("offline-report-100k.png") });
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
