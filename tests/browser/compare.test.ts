// Compare in real headless Chromium against the real server: the list grouped by request,
// a group opening its traces, and the trace page's "Against typical" panel naming a planted
// regression (an N+1 of instance_extra that grew). Seeded through POST /api/ingest.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertNotificationToOsloMessage, generateProfilerNotifications, type TrafficOptions } from "@/testing/synthetic";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";

let server: TestServer;
let browser: TestBrowser;
const pageErrors: string[] = [];
let regressionId = "";
let regressionInstance = "";

function bodies(options: TrafficOptions): { bodies: unknown[]; traceIds: string[] } {
  const out: unknown[] = [];
  const traceIds = new Set<string>();
  for (const n of generateProfilerNotifications(options)) {
    traceIds.add(n.payload.base_id);
    out.push(JSON.parse(convertNotificationToOsloMessage(n).body));
  }
  return { bodies: out, traceIds: [...traceIds] };
}

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(server.url + path);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const usual = bodies({
    scenario: "list-servers",
    spanCount: 40,
    traces: 12,
    seed: "browser-typical",
    errorRate: 0,
    start: "2024-05-01T10:00:00",
  });
  const others = bodies({ scenario: "create-volume", traces: 5, seed: "browser-volumes", errorRate: 0, start: "2024-05-01T10:00:00" });
  const regression = bodies({
    scenario: "list-servers",
    spanCount: 800,
    traces: 1,
    seed: "browser-n-plus-one",
    errorRate: 0,
    start: "2024-05-01T11:00:00",
  });
  regressionId = regression.traceIds[0]!;
  regressionInstance = /instance_uuid_\d+[^0-9a-f]+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(
    JSON.stringify(regression.bodies),
  )![1]!;
  await postNotifications(server.url, [...usual.bodies, ...others.bodies, ...regression.bodies]);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("compare", () => {
  it("groups the list by request, with count and percentiles, and a group opens its traces", async () => {
    const page = await open("/?view=requests");
    const groups = page.locator("[data-testid=signature-groups] tbody tr");
    await groups.first().waitFor();
    const list = page.locator('[data-signature="GET /v2.1/servers/detail"]');
    expect(await list.locator("td").nth(1).innerText()).toBe("13");
    expect(await page.locator('[data-signature="POST /v3/{id}/volumes"] td').nth(1).innerText()).toBe("5");
    await page.screenshot({ path: artifactPath("compare-groups.png"), fullPage: true });

    await list.getByRole("link").click();
    await page.waitForURL(/signature=/);
    expect(new URL(page.url()).searchParams.get("signature")).toBe("GET /v2.1/servers/detail");
    await page.getByTestId("signature-filter").waitFor();
    await expect.poll(() => page.locator("[data-testid=trace-list] tbody tr").count()).toBe(13);
    await page.screenshot({ path: artifactPath("compare-group-traces.png"), fullPage: true });
    await page.close();
  });

  it("names the planted N+1 on the trace page against typical", async () => {
    const page = await open(`/traces/${regressionId}`);
    const summary = page.getByTestId("typical-summary");
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toMatch(/slower than typical/);
    // Every server of the page costs one instance_extra and one security_groups query: both grew alike.
    expect(text).toMatch(/\d+ more SELECT … FROM (instance_extra|security_groups)/);
    await page.getByTestId("typical-comparison").locator("summary").click();
    const statements = page.getByRole("table", { name: "SQL statements" });
    await statements.waitFor();
    expect(await statements.locator('tr[data-status="grew"]', { hasText: "instance_extra" }).count()).toBe(1);
    // The API's request span holds its db spans, so osapi_compute's summed time passes the trace's
    // duration on this trace as on nearly every one: a service carries no overlap mark.
    const services = page.getByRole("table", { name: "Services" });
    expect(await services.locator("tbody tr", { hasText: "osapi_compute" }).count()).toBe(1);
    expect(await services.getByText("overlap", { exact: true }).count()).toBe(0);
    await page.getByTestId("typical-comparison").screenshot({ path: artifactPath("compare-typical-panel.png") });
    await page.screenshot({ path: artifactPath("compare-trace-page.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("finds a trace by an OpenStack id it mentions, from the list's search box", async () => {
    const page = await open("/");
    // The regression's first instance: its UUID is in the instance_extra statements' parameters, not in the root request.
    const instance = regressionInstance;
    await page.getByLabel("Root request contains").fill(instance.toUpperCase());
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=/);
    const rows = page.locator("[data-testid=trace-list] tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-trace-id")).toBe(regressionId);
    await page.screenshot({ path: artifactPath("compare-find-by-id.png") });
    await page.close();
  });

  it("opens a statement of the DB panel across traces: runs per request, call time over time, slowest traces", async () => {
    const page = await open(`/traces/${regressionId}?tab=db`);
    const row = page.locator("[data-testid=db-statements] tbody tr", { hasText: "instance_extra" }).first();
    await row.getByTestId("statement-across-traces").click();
    await page.waitForURL(/\/statements\/[0-9a-f]{16}$/);
    // Every list-servers trace ran it (12 usual ones and the regression); no volume request did.
    expect(await page.getByTestId("statement-totals").innerText()).toMatch(/in 13 traces\.$/);
    const perRequest = page.getByTestId("statement-per-request").locator("tbody tr");
    expect(await perRequest.count()).toBe(1);
    expect(await perRequest.first().innerText()).toContain("GET /v2.1/servers/detail");
    expect(await page.getByTestId("statement-chart").locator("circle").count()).toBeGreaterThan(2);
    const slowest = page.getByTestId("statement-slowest").locator("tbody tr");
    expect(await slowest.count()).toBe(13);
    await page.screenshot({ path: artifactPath("compare-statement-page.png"), fullPage: true });
    // A phone's width: the slowest traces' lines (time and the whole trace id) wrap, the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath("compare-statement-page-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await slowest.first().getByRole("link").click();
    await page.waitForURL(/\/traces\//);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
