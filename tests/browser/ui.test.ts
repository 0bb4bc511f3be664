// The web UI in real headless Chromium against the real server (`next build` + `next start`)
// and a real SQLite database seeded through the real ingest path (POST /api/ingest with the
// notifications OSprofiler's messaging driver sends). Screenshots go to test-artifacts/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_HIGHLIGHT } from "@/components/trace/HighlightedText";
import { convertCompactToTrace, createTraceView, loadRegexEngine, type CompactTrace } from "@/lib/trace";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { buildHostileTrace, XSS } from "./support/hostileTrace";
import { ROOT, startServer, type TestServer } from "./support/nextServer";
import { postNotifications, seedSyntheticTraces } from "./support/seed";
import { startStallingProxy } from "./support/stallingProxy";

let server: TestServer;
let browser: TestBrowser;
/** The big boot trace: its id, span count and DB span count, from the notifications we sent. */
const boot = { traceId: "", spans: 0, dbSpans: 0 };
const pageErrors: string[] = [];

/** How many mixed traces seedTraces stored beside the boot trace. */
let seeded: Promise<number> | undefined;
/**
 * The traces most cases read: eight mixed ones, and the big boot trace (`boot`) an hour after
 * them, so the list's first row. Stored by whichever case asks first (every case runs alone too:
 * `vitest run <file> -t <name>`); the first case, on an empty installation, does not ask.
 */
function seedTraces(): Promise<number> {
  seeded ??= (async () => {
    const mixed = await seedSyntheticTraces(server.url, { scenario: "mixed", traces: 8, seed: "browser-mixed", errorRate: 0.3 });
    const notifications = [
      ...generateProfilerNotifications({ scenario: "boot-server", spanCount: 600, seed: "browser-boot", start: "2024-05-01T11:00:00" }),
    ];
    boot.traceId = notifications[0]!.payload.base_id;
    boot.spans = new Set(notifications.map((n) => n.payload.trace_id)).size;
    boot.dbSpans = new Set(notifications.filter((n) => n.payload.name.startsWith("db-")).map((n) => n.payload.trace_id)).size;
    await postNotifications(
      server.url,
      notifications.map((n) => JSON.parse(convertNotificationToOsloMessage(n).body) as unknown),
    );
    return mixed.length;
  })();
  return seeded;
}

/** `setUp` runs before the page loads (an init script, the page's clock). */
async function open(path: string, setUp?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage();
  await setUp?.(page);
  // Shorter than the test's own timeout, so a failure names the step that waited.
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on("dialog", (dialog) => {
    pageErrors.push(`${path}: unexpected dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(server.url + path);
  return page;
}

async function openTrace(path: string): Promise<Page> {
  const page = await open(path);
  await page.waitForSelector('[role="treeitem"]');
  return page;
}

const rowCount = async (page: Page) => Number(await page.getByTestId("timeline-body").getAttribute("data-row-count"));
const urlQuery = (page: Page) => new URL(page.url()).searchParams;

/** An init script: the layout shifts of the trace summary and the span details, as the moved elements' HTML in `window.__shifted`. */
function recordSummaryShifts() {
  const w = window as unknown as { __shifted: string[] };
  w.__shifted = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as { sources?: { node?: Node | null }[] }[])
      for (const source of entry.sources ?? []) {
        const node = source.node instanceof Element ? source.node : (source.node?.parentElement ?? null);
        if (node?.closest('[aria-label="Trace summary"], [data-testid="span-details"]')) w.__shifted.push(node.outerHTML.slice(0, 120));
      }
  }).observe({ type: "layout-shift", buffered: true });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the trace list", () => {
  it("greets a new installation with how to send traces here", async () => {
    const page = await open("/");
    const empty = page.getByTestId("empty-state");
    await empty.waitFor();
    const text = await empty.innerText();
    for (const expected of [
      "[profiler]",
      "enabled = true",
      "hmac_keys = SECRET_KEY",
      "connection_string = messaging://",
      "trace_sqlalchemy = true",
      "ostrace.profiler",
      "profiler.*",
      "nova, cinder, glance, neutron",
      "openstack --os-profile SECRET_KEY server list",
      "npm run demo",
    ]) {
      expect(text).toContain(expected);
    }
    // No worker runs next to this server: the header says so, browsing works anyway.
    await expect.poll(() => page.getByTestId("collector-status").innerText()).toBe("Collector disconnected");
    await page.screenshot({ path: artifactPath("list-empty.png"), fullPage: true });
    await page.close();
  });

  it("lists seeded traces newest first, with request, duration, spans, services and errors", async () => {
    const mixed = await seedTraces();
    const page = await open("/");
    const rows = page.locator("[data-testid=trace-list] tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(mixed + 1);
    // The boot trace started an hour after the others: first.
    const first = rows.first();
    expect(await first.getAttribute("data-trace-id")).toBe(boot.traceId);
    expect(await first.getByRole("link").innerText()).toBe("POST /v2.1/servers");
    // Cells: compare checkbox, when, request, duration, spans, …
    expect(await first.locator("td").nth(4).innerText()).toBe(String(boot.spans));
    const services = await first.getByRole("list", { name: "Services" }).innerText();
    for (const s of ["osapi_compute", "nova-compute", "neutron-server", "placement"]) expect(services).toContain(s);
    await page.screenshot({ path: artifactPath("list.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: artifactPath("list-dark.png"), fullPage: true });
    await page.close();
  });

  it("prefetches a trace's page once the pointer or focus is on its link, and opens it without asking the server again", async () => {
    await seedTraces();
    // The page's timers on a clock the test can stop (running at the real pace until then).
    const page = await open("/", (p) => p.clock.install());
    await page.waitForLoadState("networkidle");
    // Trace pages asked for, and how many of those requests have not finished yet.
    const pageRequests: string[] = [];
    let inFlight = 0;
    const isTracePage = (url: string) => new URL(url).pathname.startsWith("/traces/");
    page.on("request", (request) => {
      if (!isTracePage(request.url())) return;
      pageRequests.push(new URL(request.url()).pathname);
      inFlight++;
    });
    const settle = (request: { url(): string }) => void (isTracePage(request.url()) && inFlight--);
    page.on("requestfinished", settle);
    page.on("requestfailed", settle);
    // A prefetch is more than one request, the next sent once the first has answered.
    const prefetchesDone = async () => {
      let seen = -1;
      while (seen !== pageRequests.length || inFlight > 0) {
        seen = pageRequests.length;
        await page.waitForTimeout(500);
      }
    };

    // In view, or crossed by the pointer, nothing of a trace page is fetched: only intent does that.
    await page.waitForTimeout(300);
    const rows = page.locator("[data-testid=trace-list] tbody tr");
    const box = (await rows.first().getByRole("link").boundingBox())!;
    // Each of the sweep's steps is a round trip to the browser, which on a loaded machine took
    // longer than the intent's 80 ms (TraceLink's INTENT_MS): the pointer rested on a link, and its
    // page was prefetched. The page's clock stands still while the pointer crosses, so no link is
    // rested on, whatever the machine's pace; once the clock runs again, a wait that a leave failed
    // to cancel would fire within the 300 ms below.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await page.mouse.move(box.x + 5, box.y + 2);
    await page.mouse.move(box.x + 5, box.y + 300, { steps: 10 });
    await page.mouse.move(0, 0);
    await page.clock.resume();
    await page.waitForTimeout(300);
    expect(pageRequests).toEqual([]);
    // Resting on a link is intent: the pointer stays on it until the page is asked for.
    const bootLink = page.locator(`[data-trace-id="${boot.traceId}"]`).getByRole("link");
    await bootLink.hover();
    await expect.poll(() => pageRequests).toContain(`/traces/${boot.traceId}`);
    const other = page.locator(`[data-testid=trace-list] tbody tr:not([data-trace-id="${boot.traceId}"])`).first();
    const otherId = await other.getAttribute("data-trace-id");
    await other.getByRole("link").focus();
    await expect.poll(() => pageRequests).toContain(`/traces/${otherId}`);
    await prefetchesDone();

    const beforeClick = pageRequests.length;
    await bootLink.click();
    await page.waitForURL(`**/traces/${boot.traceId}`);
    await page.waitForSelector('[role="treeitem"]');
    expect(await rowCount(page)).toBeGreaterThan(0);
    expect(pageRequests.slice(beforeClick)).not.toContain(`/traces/${boot.traceId}`);
    await page.close();
  });

  it("keeps filters in the URL and jumps to a pasted base_id", async () => {
    await seedTraces();
    const page = await open("/");
    // The service dropdown lists what stored traces touched (the server caches that list for a few seconds).
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('select[name="service"] option[value="placement"]').count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(1);
    await page.getByRole("combobox", { name: "Filter by service" }).selectOption("placement");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/service=placement/);
    const rows = page.locator("[data-testid=trace-list] tbody tr");
    await rows.first().waitFor();
    for (const services of await rows.getByRole("list", { name: "Services" }).allInnerTexts()) expect(services).toContain("placement");
    // The filtered list reloads as it was.
    await page.reload();
    expect(await page.getByRole("combobox", { name: "Filter by service" }).inputValue()).toBe("placement");

    await page
      .getByRole("textbox", { name: "base_id to open" })
      .fill(`Trace ID: ${boot.traceId}\nDisplay trace with command:\nosprofiler trace show --html ${boot.traceId}`);
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await page.waitForURL(`**/traces/${boot.traceId}`);
    await page.waitForSelector('[role="treeitem"]');
    await page.close();
  });

  it("loads the filters' query parser (zod) only once the form is used, and still refuses a bad filter", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => pageErrors.push(`/ (filters): ${error.message}`));
    const scripts: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text());
    });
    await page.goto(server.url + "/");
    await page.waitForLoadState("networkidle");
    // zod's class names survive minification; none of the list page's own scripts holds them.
    const withZod = async () => (await Promise.all(scripts)).filter((text) => text.includes("ZodError")).length;
    expect(scripts.length).toBeGreaterThan(0);
    expect(await withZod()).toBe(0);

    await page.getByLabel("Minimum duration in ms").fill("500");
    await page.getByLabel("Maximum duration in ms").fill("100");
    await page.getByRole("button", { name: "Apply" }).click();
    // Named as the form labels the fields, not by the query's parameters (minMs, maxMs).
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Min ms:" }).count()).toBe(1);
    expect(await page.getByRole("alert").filter({ hasText: "Min ms:" }).innerText()).toContain("greater than Max ms");
    expect(new URL(page.url()).search).toBe("");
    expect(await withZod()).toBe(1);
    await page.close();
  });

  it("imports an OSprofiler report file and opens it", async () => {
    const page = await open("/");
    const report = join(ROOT, "tests", "fixtures", "osprofiler", "report-boot.json");
    await page.getByTestId("import-file").setInputFiles(report);
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL("**/traces/0c6a8b65-1e1c-48a4-9b91-820b3225a34e");
    await page.waitForSelector('[role="treeitem"]');
    expect(await page.getByTestId("trace-title").innerText()).toBe("POST /v2.1/servers");
    // A file that is not a report: the server's message, and no navigation.
    await page.goto(`${server.url}/`);
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "nope.json", mimeType: "application/json", buffer: Buffer.from('{"hello": 1}') });
    await page.getByRole("button", { name: "Import" }).click();
    const problem = page.getByRole("form", { name: "Import an OSprofiler report" }).getByRole("alert");
    await problem.waitFor();
    expect(await problem.innerText()).not.toBe("");
    expect(new URL(page.url()).pathname).toBe("/");
    await page.close();
  });

  it("keeps every column, errors included, on a 1024-px screen when a root request's path is long", async () => {
    // Heat's POST /v1/<tenant id>/stacks is the longest path OpenStack's common requests have; a
    // server boot that failed has the widest services and errors cells beside it.
    await seedSyntheticTraces(server.url, { scenario: "create-stack", traces: 1, seed: "browser-stack-1024", errorRate: 1 });
    await seedSyntheticTraces(server.url, { scenario: "boot-server", spanCount: 40, traces: 1, seed: "browser-boot-1024", errorRate: 1 });
    const page = await open("/");
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator("[data-testid=trace-list] tbody tr").first().waitFor();
    const table = page.getByTestId("trace-list");
    const scroller = table.locator("xpath=..");
    const [scrollWidth, clientWidth] = await scroller.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const errors = await table.getByRole("columnheader", { name: "Errors" }).boundingBox();
    expect(errors!.x + errors!.width).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: artifactPath("list-1024.png") });
    // Where there is room (1440 px) the path stays on one line, as tall as a short one's.
    await page.setViewportSize({ width: 1440, height: 900 });
    const linkHeight = async (path: RegExp) => (await table.getByRole("link", { name: path }).first().boundingBox())!.height;
    expect(await linkHeight(/\/stacks$/)).toBe(await linkHeight(/^POST \/v2\.1\/servers$/));
    await page.close();
  });
});

describe("the trace page", () => {
  beforeAll(seedTraces);

  it("shows the summary and every span, collapses and expands", async () => {
    const page = await openTrace(`/traces/${boot.traceId}?crit=0`);
    expect(await page.getByTestId("trace-title").innerText()).toBe("POST /v2.1/servers");
    expect(await page.getByTestId("trace-span-count").innerText()).toBe(boot.spans.toLocaleString("en"));
    expect(await rowCount(page)).toBe(boot.spans);
    // Virtualized: a few dozen rows mounted for hundreds of spans.
    const mounted = await page.locator('[role="treeitem"]').count();
    expect(mounted).toBeGreaterThan(10);
    expect(mounted).toBeLessThanOrEqual(150);

    const root = page.locator('[role="treeitem"][aria-level="1"]').first();
    expect(await root.getAttribute("aria-expanded")).toBe("true");
    await root.getByRole("button", { name: "Collapse" }).click();
    expect(await root.getAttribute("aria-expanded")).toBe("false");
    const roots = await rowCount(page);
    expect(roots).toBeLessThan(boot.spans);
    expect(roots).toBe(await page.locator('[role="treeitem"]').count());
    await root.getByRole("button", { name: "Expand" }).click();
    expect(await rowCount(page)).toBe(boot.spans);

    await page.getByRole("button", { name: "Collapse all" }).click();
    expect(await rowCount(page)).toBe(roots);
    await page.getByRole("combobox", { name: "Expand to level" }).selectOption({ value: "1" });
    expect(await rowCount(page)).toBeGreaterThan(roots);
    await page.getByRole("button", { name: "Expand all" }).click();
    expect(await rowCount(page)).toBe(boot.spans);
    await page.close();
  });

  it("hides DB spans (rows go, counts change, the URL changes), and a reload of the shared URL shows the same view", async () => {
    const page = await openTrace(`/traces/${boot.traceId}?crit=0`);
    await page.getByRole("checkbox", { name: /Hide DB spans/ }).check();
    expect(await rowCount(page)).toBe(boot.spans - boot.dbSpans);
    expect(await page.getByTestId("hidden-counts").innerText()).toBe(
      `Showing ${(boot.spans - boot.dbSpans).toLocaleString("en")} of ${boot.spans.toLocaleString("en")} spans · hidden: ${boot.dbSpans} DB`,
    );
    await expect.poll(() => urlQuery(page).get("hideDb")).toBe("1");

    // Collapse a row two levels down, open the details of a row in view below it.
    const second = page.locator('[role="treeitem"][aria-level="3"][aria-expanded="true"]').first();
    const secondId = await second.getAttribute("data-span-id");
    await second.getByRole("button", { name: "Collapse" }).click();
    const third = page.locator(`[role="treeitem"][data-row="${Number(await second.getAttribute("data-row")) + 2}"]`);
    const thirdId = (await third.getAttribute("data-span-id"))!;
    await third.click();
    await page.getByTestId("span-details").waitFor();
    await expect.poll(() => urlQuery(page).get("span")).toBe(thirdId);
    await expect.poll(() => urlQuery(page).get("toggle")).toBe(secondId);
    const rowsBefore = await rowCount(page);
    const idsBefore = await page.locator('[role="treeitem"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-span-id")));

    // "Copy link" copies exactly this URL.
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.getByRole("button", { name: "Copy link to this view" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());

    const again = await openTrace(new URL(copied).pathname + new URL(copied).search);
    await again.getByTestId("span-details").waitFor();
    expect(await rowCount(again)).toBe(rowsBefore);
    // Polled: the server renders a window of rows for an unknown screen, and the browser narrows it to this one after hydrating.
    await expect
      .poll(() => again.locator('[role="treeitem"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-span-id"))))
      .toEqual(idsBefore);
    expect(await again.getByRole("checkbox", { name: /Hide DB spans/ }).isChecked()).toBe(true);
    expect(await again.locator(`[data-span-id="${thirdId}"]`).getAttribute("aria-selected")).toBe("true");
    expect(await again.locator(`[data-span-id="${secondId}"]`).getAttribute("aria-expanded")).toBe("false");
    await again.close();
    await page.close();
  });

  it("keeps the selected row where it was on screen when DB spans are hidden and shown, and a hidden selected span's parent in view", async () => {
    const page = await openTrace(`/traces/${boot.traceId}?crit=0`);
    const body = page.getByTestId("timeline-body");
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight * 0.6));
    const view = (await body.boundingBox())!;
    // A row in the middle of the screen: one with children (a call, not a statement), then a statement.
    const inMiddle = async (rows: Locator) => {
      for (const row of await rows.all()) {
        const box = await row.boundingBox();
        if (box && box.y > view.y + view.height * 0.3 && box.y < view.y + view.height * 0.7) return row.getAttribute("data-span-id");
      }
      throw new Error(`no such row in the middle of the screen`);
    };
    const top = async (id: string) => {
      const row = page.locator(`[role="treeitem"][data-span-id="${id}"]`);
      return (await row.count()) === 0 ? null : (await row.boundingBox())!.y;
    };
    const call = (await inMiddle(page.locator('[role="treeitem"][aria-expanded="true"]')))!;
    await page.locator(`[data-span-id="${call}"]`).click();
    await page.getByTestId("span-details").waitFor();
    const callAt = (await top(call))!;
    await page.getByTestId("hide-db").check();
    await expect.poll(() => rowCount(page)).toBe(boot.spans - boot.dbSpans);
    expect(await top(call)).toBeCloseTo(callAt, 0);
    expect(await page.locator(`[data-span-id="${call}"]`).getAttribute("aria-selected")).toBe("true");
    await page.getByTestId("hide-db").uncheck();
    await expect.poll(() => rowCount(page)).toBe(boot.spans);
    expect(await top(call)).toBeCloseTo(callAt, 0);

    // A statement selected: hidden with the DB spans, its call (the nearest row left) stays in view.
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight * 0.15));
    const statement = (await inMiddle(
      page
        .locator('[role="treeitem"]:not([aria-expanded])')
        .filter({ has: page.locator('[title^="SELECT"], [title^="INSERT"], [title^="UPDATE"]') }),
    ))!;
    await page.locator(`[data-span-id="${statement}"]`).click();
    const parentLabel = await page
      .getByTestId("span-details")
      .getByRole("button", { name: /^Go to parent span / })
      .getAttribute("aria-label");
    const parent = parentLabel!.replace("Go to parent span ", "");
    const parentAt = await top(parent);
    await page.getByTestId("hide-db").check();
    await expect.poll(() => rowCount(page)).toBe(boot.spans - boot.dbSpans);
    expect(await top(statement)).toBeNull();
    const parentNow = await top(parent);
    expect(parentNow).not.toBeNull();
    expect(parentNow!).toBeGreaterThanOrEqual(view.y);
    expect(parentNow! + 24).toBeLessThanOrEqual(view.y + view.height);
    // Where it was, when it was on screen.
    if (parentAt !== null && parentAt >= view.y) expect(parentNow).toBeCloseTo(parentAt, 0);
    await page.screenshot({ path: artifactPath("trace-hide-db-kept.png") });
    await page.close();
  });

  it("shows local time, hidden counts and span details without setting up any of the browser's Intl formatters", async () => {
    // The first Intl formatter of a page sets up ICU's locale data, main-thread CPU of its own
    // soon after the first rows (docs/benchmarks.md §40).
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => pageErrors.push(`intl: ${error.message}`));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "Asia/Kolkata" });
    await page.addInitScript(() => {
      const uses: string[] = ((window as unknown as { __intlUses: string[] }).__intlUses = []);
      for (const name of ["DateTimeFormat", "NumberFormat", "RelativeTimeFormat", "Collator", "PluralRules", "ListFormat"] as const) {
        const Original = Intl[name] as unknown as new (...args: unknown[]) => object;
        (Intl as unknown as Record<string, unknown>)[name] = function (...args: unknown[]) {
          uses.push(`Intl.${name}`);
          return new Original(...args);
        };
      }
      const wrap = (proto: object, name: string) => {
        const original = (proto as Record<string, (...args: unknown[]) => unknown>)[name]!;
        (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
          uses.push(name);
          return original.apply(this, args);
        };
      };
      wrap(Number.prototype, "toLocaleString");
      for (const name of ["toLocaleString", "toLocaleDateString", "toLocaleTimeString"]) wrap(Date.prototype, name);
    });
    await page.goto(`${server.url}/traces/${boot.traceId}?crit=0`);
    await page.waitForSelector('[role="treeitem"]');
    // The header's second line: the UTC form from the server, then this browser's zone.
    await expect.poll(() => page.getByText(/ GMT\+5:30$/).count()).toBeGreaterThan(0);
    const root = page.locator('[role="treeitem"][aria-level="1"]').first();
    await root.getByRole("button", { name: "Collapse" }).click();
    expect(await root.getByTestId("hidden-count").innerText()).toBe(`+${(boot.spans - 1).toLocaleString("en")}`);
    await root.getByRole("button", { name: "Expand" }).click();
    await page.locator('[role="treeitem"]').filter({ hasText: "SELECT" }).first().click();
    const details = page.getByTestId("span-details");
    await expect.poll(() => details.getByText(/ GMT\+5:30/).count()).toBeGreaterThan(0);
    await expect.poll(() => details.getByTestId("sql-block").innerText()).toMatch(/^SELECT\n/);
    expect(await page.evaluate(() => (window as unknown as { __intlUses: string[] }).__intlUses)).toEqual([]);
    await page.close();
  });

  it("reads the start time once in a browser at UTC and beside the local time elsewhere, and nothing moves once the zone is known", async () => {
    // A span opened by a shared link: its details, with their times, come with the server's HTML too.
    const first = await openTrace(`/traces/${boot.traceId}`);
    const spanId = (await first.locator('[role="treeitem"]').nth(2).getAttribute("data-span-id"))!;
    await first.close();
    for (const [zone, local] of [
      ["UTC", null],
      ["Europe/Berlin", /^2024-05-01 13:00:00\.\d{3} GMT\+2$/],
    ] as const) {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      page.on("pageerror", (error) => pageErrors.push(`${zone}: ${error.message}`));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setTimezoneOverride", { timezoneId: zone });
      await page.addInitScript(recordSummaryShifts);
      await page.addInitScript(() => {
        const w = window as unknown as { __zoneAsked: number };
        // Local times are written from the offset at each instant: asked for once the first frame is painted.
        w.__zoneAsked = 0;
        const offset = Date.prototype.getTimezoneOffset;
        Date.prototype.getTimezoneOffset = function (this: Date) {
          w.__zoneAsked++;
          return offset.call(this);
        };
      });
      await page.goto(`${server.url}/traces/${boot.traceId}?span=${spanId}`);
      await page.waitForSelector('[role="treeitem"]');
      await expect.poll(() => page.evaluate(() => (window as unknown as { __zoneAsked: number }).__zoneAsked)).toBeGreaterThan(0);
      const summaryItems = page.getByRole("region", { name: "Trace summary" }).locator("dl > div");
      const startedItem = summaryItems.filter({ has: page.locator("dt", { hasText: /^Started$/ }) });
      const started = await startedItem.locator("dd").innerText();
      // The local time's room (empty at UTC) is where the line ends: no figure beyond a gap after the UTC time.
      const line = (await startedItem.boundingBox())!;
      const utc = (await startedItem.getByTitle("UTC, as OSprofiler sends it").boundingBox())!;
      const beyond = [];
      for (const item of await summaryItems.all()) {
        const box = (await item.boundingBox())!;
        if (Math.abs(box.y - line.y) < 4 && box.x > utc.x) beyond.push(await item.innerText());
      }
      expect(beyond).toEqual([]);
      const spanStarted = await page
        .getByTestId("span-details")
        .locator("tr")
        .filter({ hasText: /^Started/ })
        .innerText();
      const times = (text: string) => text.match(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ (?:UTC|GMT[+-][\d:]+)/g) ?? [];
      if (local === null) {
        expect(times(started)).toEqual([expect.stringMatching(/^2024-05-01 11:00:00\.\d{6} UTC$/)]);
        expect(times(spanStarted)).toHaveLength(1);
      } else {
        expect(times(started)).toEqual([expect.stringMatching(/^2024-05-01 11:00:00\.\d{6} UTC$/), expect.stringMatching(local)]);
        expect(times(spanStarted)).toEqual([expect.stringMatching(/ UTC$/), expect.stringMatching(/ GMT\+2$/)]);
      }
      expect(await page.evaluate(() => (window as unknown as { __shifted: string[] }).__shifted)).toEqual([]);
      await page.screenshot({ path: artifactPath(`trace-time-${zone.replace("/", "-")}.png`) });
      await page.close();
    }
  });

  it("paints nothing of the title block and the span details before they are parsed whole: nothing there moves when the HTML comes in pieces", async () => {
    // A busy machine or a slow link: the browser has parsed part of the HTML and paints it. Cut
    // before the base_id's Copy button (`base_id` moved 3 px down once it came) and
    // before the statement's Copy label (the button was 18 x 20 px, then 46 x 22).
    const first = await openTrace(`/traces/${boot.traceId}`);
    const spanId = (await first.locator('[role="treeitem"]').filter({ hasText: "SELECT" }).first().getAttribute("data-span-id"))!;
    await first.close();
    const proxy = await startStallingProxy(
      server.url,
      (html) => [
        html.lastIndexOf("<button", html.indexOf('aria-label="Copy base_id"')),
        html.indexOf("Copy</button>", html.indexOf('aria-label="Copy SQL"')),
      ],
      400,
    );
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      page.on("pageerror", (error) => pageErrors.push(`pieces: ${error.message}`));
      await page.addInitScript(recordSummaryShifts);
      await page.goto(`${proxy.url}/traces/${boot.traceId}?span=${spanId}`);
      await page.waitForSelector('[role="treeitem"]');
      expect(proxy.stalls()).toBe(2);
      // Hydrated, and the local time written (what moved here after the first paint before).
      await expect.poll(() => page.getByTestId("span-details").getByTestId("sql-block").innerText()).toMatch(/^SELECT\n/);
      await page.waitForTimeout(1000);
      expect(await page.evaluate(() => (window as unknown as { __shifted: string[] }).__shifted)).toEqual([]);
      await page.close();
    } finally {
      await proxy.close();
    }
  });

  it("opens span details with the formatted SQL and the raw payloads", async () => {
    const page = await openTrace(`/traces/${boot.traceId}`);
    const dbRow = page.locator('[role="treeitem"]').filter({ hasText: "SELECT" }).first();
    const spanId = (await dbRow.getAttribute("data-span-id"))!;
    await dbRow.click();
    const panel = page.getByTestId("span-details");
    await panel.getByTestId("raw-payloads").waitFor();
    // Named as the row's label names it ("SELECT … FROM <table>"), its type beside where it ran.
    expect(await panel.getByTestId("span-details-title").innerText()).toMatch(/^SELECT … FROM \w+$/);
    expect(await panel.getByText(/^db · /).count()).toBe(1);
    // Formatted (indented).
    await expect.poll(() => panel.getByTestId("sql-block").innerText()).toMatch(/^SELECT\n/);
    const start = await panel.getByRole("region", { name: "meta.raw_payload.db-start" }).innerText();
    expect(start).toContain(`trace_id: "${spanId}"`);
    expect(start).toContain("statement:");
    expect(await panel.getByRole("region", { name: "meta.raw_payload.db-stop" }).innerText()).toContain('"db-stop"');
    await page.screenshot({ path: artifactPath("trace-details.png") });
    await panel.getByRole("button", { name: "Close details" }).click();
    await panel.waitFor({ state: "detached" });
    await page.close();
  });

  it("keeps the span details' code (the SQL formatter) out of the scripts the page names, preloads it once idle, and a DB span still shows its formatted SQL at once and from a shared link", async () => {
    // The scripts the page's HTML names are compiled and run before or around its first rows
    // (issue 14 goal 1, docs/benchmarks.md §41); the details panel is a chunk of its own.
    const FORMATTER = "on duplicate key update"; // a string of lib/ui/formatSql.ts that minification keeps
    const path = `/traces/${boot.traceId}`;
    const named = async (html: string) => [...new Set(html.match(/\/_next\/static\/chunks\/[\w.-]+\.js/g) ?? [])];
    const page0 = await (await fetch(server.url + path)).text();
    // Nothing sent out of order either: React reveals such a part at least 300 ms after the first paint.
    expect(page0).not.toContain("$RC(");
    const first = await named(page0);
    expect(first.length).toBeGreaterThan(0);
    const firstTexts = await Promise.all(first.map(async (src) => (await fetch(server.url + src)).text()));
    expect(first.filter((_, k) => firstTexts[k]!.includes(FORMATTER))).toEqual([]);

    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => pageErrors.push(`details chunk: ${error.message}`));
    const scripts: { path: string; text: Promise<string> }[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push({ path: new URL(response.url()).pathname, text: response.text() });
    });
    // Whether the panel's stand-in ("Loading details…") is ever shown.
    await page.addInitScript(() => {
      const counter = window as unknown as { __detailsFallback: number };
      counter.__detailsFallback = 0;
      new MutationObserver(() => {
        if (document.querySelector('aside[aria-label="Span details"][aria-busy="true"]')) counter.__detailsFallback++;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url + path);
    await page.waitForSelector('[role="treeitem"]');
    // Preloaded once the page is idle, before any click: in a script the HTML did not name.
    const holding = async () =>
      (await Promise.all(scripts.map(async (s) => ((await s.text).includes(FORMATTER) ? s.path : null)))).filter((p) => p !== null);
    await expect.poll(holding).toHaveLength(1);
    expect(first).not.toContain((await holding())[0]);

    const dbRow = page.locator('[role="treeitem"]').filter({ hasText: "SELECT" }).first();
    const spanId = (await dbRow.getAttribute("data-span-id"))!;
    await dbRow.click();
    const panel = page.getByTestId("span-details");
    expect(await panel.getByTestId("sql-block").innerText()).toMatch(/^SELECT\n/);
    expect(await page.evaluate(() => (window as unknown as { __detailsFallback: number }).__detailsFallback)).toBe(0);
    await page.close();

    // A shared link to the span: its details (the formatted SQL) come in the server's HTML, and the
    // panel works once its code has arrived.
    const linked = `${path}?span=${spanId}`;
    const html = await (await fetch(server.url + linked)).text();
    expect(html).toContain('data-testid="span-details"');
    expect(html).not.toContain("$RC(");
    expect(html).toMatch(/data-testid="sql-block"[^>]*>(<[^>]+>)*SELECT(<[^>]+>)*\n/);
    const shared = await openTrace(linked);
    const sharedPanel = shared.getByTestId("span-details");
    expect(await sharedPanel.getByTestId("sql-block").innerText()).toMatch(/^SELECT\n/);
    await sharedPanel.getByRole("button", { name: "Close details" }).click();
    await sharedPanel.waitFor({ state: "detached" });
    await expect.poll(() => urlQuery(shared).get("span")).toBeNull();
    await shared.close();
  });

  it("searches text and regex, highlights hits, and shows only matches with their ancestors", async () => {
    const compact = (await (await fetch(`${server.url}/api/traces/${boot.traceId}`)).json()) as CompactTrace;
    const trace = convertCompactToTrace(compact);
    const expected = createTraceView(trace, { search: { text: "quota" } });
    const onlyMatches = createTraceView(trace, { search: { text: "quota" }, onlyMatches: true });
    expect(expected.matchCount).toBeGreaterThan(0);

    const page = await openTrace(`/traces/${boot.traceId}`);
    const search = page.getByRole("searchbox", { name: "Search spans" });
    await search.fill("quota");
    expect(await page.getByTestId("search-status").innerText()).toBe(
      `${expected.matchCount} match${expected.matchCount === 1 ? "" : "es"}`,
    );
    await page.getByRole("checkbox", { name: "Only matches" }).check();
    expect(await rowCount(page)).toBe(onlyMatches.size);
    // Hits are painted by the CSS custom highlight over the rows' plain text, not <mark> elements.
    const painted = await page.evaluate((name) => {
      const ranges = [...(CSS.highlights.get(name) ?? [])] as Range[];
      return {
        size: ranges.length,
        texts: [...new Set(ranges.map((r) => r.toString()))],
        inRows: ranges.every((r) => r.startContainer.parentElement?.closest('[role="treeitem"]') != null),
      };
    }, SEARCH_HIGHLIGHT);
    expect(painted.size).toBeGreaterThan(0);
    expect([...new Set(painted.texts.map((t) => t.toLowerCase()))]).toEqual(["quota"]);
    expect(painted.inRows).toBe(true);
    expect(await page.locator('[role="treeitem"] mark').count()).toBe(0);
    await search.press("Enter");
    // The selected row is a match: its tone (the tone layer, under the row) carries the flag.
    const selectedMatch = () =>
      page.evaluate(() => {
        const row = document.querySelector<HTMLElement>('[role="treeitem"][aria-selected="true"]');
        return row ? document.querySelector(`[data-tone-row="${row.dataset.row}"]`)?.getAttribute("data-match") : null;
      });
    await expect.poll(selectedMatch).toBe("1");
    await expect.poll(() => urlQuery(page).get("q")).toBe("quota");

    await page.getByRole("checkbox", { name: "Regex" }).check();
    await search.fill("quota_(usages|classes)");
    // The regex engine loads on first use, here and in the page ("searching…" until it is there).
    await loadRegexEngine();
    const regex = createTraceView(trace, { search: { text: "quota_(usages|classes)", regex: true } });
    expect(regex.searchPending).toBe(false);
    await expect
      .poll(() => page.getByTestId("search-status").innerText())
      .toBe(`${regex.matchCount} match${regex.matchCount === 1 ? "" : "es"}`);
    await search.fill("quota_(");
    expect(await page.getByTestId("search-status").innerText()).toBe("invalid regex");
    expect(await page.getByTestId("search-error").innerText()).toMatch(/^invalid regular expression/);
    await page.close();
  });

  it("tints a search's matching rows over the zebra at either parity, under their text, and hover still wins", async () => {
    const page = await openTrace(`/traces/${boot.traceId}`);
    await page.mouse.move(1, 1);
    /** A mounted row's background as drawn: the commonest colour of its pixels (its left border left out). */
    const drawnTone = async (row: string) => {
      const box = (await page.locator(`[role="treeitem"][data-row="${row}"]`).boundingBox())!;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const png = await page.screenshot({ clip: { x: box.x + 4, y: box.y, width: box.width - 4, height: box.height } });
      return page.evaluate(async (data) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        const counts = new Map<string, number>();
        for (let k = 0; k < pixels.length; k += 4) {
          const key = `${pixels[k]},${pixels[k + 1]},${pixels[k + 2]}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      }, png.toString("base64"));
    };
    // A search whose matching and plain rows are both at odd and even positions among the first rows.
    const kindsOfRows = () =>
      page.evaluate(() => {
        const out: Record<string, string> = {};
        for (const el of document.querySelectorAll<HTMLElement>('[role="treeitem"]')) {
          if (el.getAttribute("aria-selected") === "true" || el.dataset.highlighted) continue;
          const match = document.querySelector<HTMLElement>(`[data-tone-row="${el.dataset.row}"]`)?.dataset.match;
          out[`${match ? "match" : "plain"} ${Number(el.dataset.row) % 2 ? "odd" : "even"}`] ??= el.dataset.row!;
        }
        return out;
      });
    let rowsBy: Record<string, string> = {};
    for (const text of ["quota", "select", "keystone", "nova"]) {
      await page.getByRole("searchbox", { name: "Search spans" }).fill(text);
      rowsBy = await kindsOfRows();
      if (Object.keys(rowsBy).length === 4) break;
    }
    expect(Object.keys(rowsBy).sort()).toEqual(["match even", "match odd", "plain even", "plain odd"]);
    const tone: Record<string, string> = {};
    for (const [kind, row] of Object.entries(rowsBy)) tone[kind] = await drawnTone(row);
    // One match tone at both parities, not the zebra's; the zebra stays on the rows that do not match.
    expect(tone["match odd"]).toBe(tone["match even"]);
    expect(tone["plain odd"]).not.toBe(tone["plain even"]);
    expect(tone["match odd"]).not.toBe(tone["plain odd"]);
    expect(tone["match odd"]).not.toBe(tone["plain even"]);
    // Hover: one tone over a match and over a plain row, neither of theirs.
    const hovered = async (row: string) => {
      await page.locator(`[role="treeitem"][data-row="${row}"]`).hover();
      const drawn = await drawnTone(row);
      await page.mouse.move(1, 1);
      return drawn;
    };
    const hoverMatch = await hovered(rowsBy["match odd"]!);
    expect(await hovered(rowsBy["plain odd"]!)).toBe(hoverMatch);
    expect(hoverMatch).not.toBe(tone["match odd"]);
    expect(hoverMatch).not.toBe(tone["plain even"]);
    // For the eye: the search's matches, light and dark.
    await page.screenshot({ path: artifactPath("trace-search.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: artifactPath("trace-search-dark.png") });
    await page.close();
  });

  it("composites a focused search box's caret without a layer of the page painted after it", async () => {
    // Chromium draws a focused field's caret as a layer of its own, and whatever is painted after
    // the caret goes into another layer above it, rastered anew when the box takes focus: in the
    // first keystroke's frame (docs/benchmarks.md §54). The box is painted last, so that layer is
    // the box, not the page below the toolbar.
    const page = await openTrace(`/traces/${boot.traceId}`);
    const cdp = await page.context().newCDPSession(page);
    type Layer = { layerId: string; width: number; height: number; drawsContent: boolean; backendNodeId?: number };
    let layers: Layer[] = [];
    let changes = 0;
    cdp.on("LayerTree.layerTreeDidChange", (event: { layers?: Layer[] }) => {
      if (event.layers) layers = event.layers;
      changes++;
    });
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "[data-testid=search]" });
    const { node } = await cdp.send("DOM.describeNode", { nodeId });
    await cdp.send("LayerTree.enable");
    const search = page.getByRole("searchbox", { name: "Search spans" });
    const box = (await search.boundingBox())!;
    const before = changes;
    await search.focus();
    await search.press("s");
    await expect.poll(() => changes > before && layers.some((l) => l.backendNodeId === node.backendNodeId), { timeout: 5000 }).toBe(true);
    const ofTheBox = layers.filter((l) => l.drawsContent && l.backendNodeId === node.backendNodeId);
    expect(ofTheBox.length).toBeGreaterThan(0);
    // The box and its focus ring (a few pixels outside it), not the page (1248x816 px before).
    for (const layer of ofTheBox) {
      expect(layer.width).toBeLessThanOrEqual(box.width + 16);
      expect(layer.height).toBeLessThanOrEqual(box.height + 16);
    }
    await cdp.detach();
    await page.close();
  });

  it("navigates the tree with the keyboard", async () => {
    const page = await openTrace(`/traces/${boot.traceId}`);
    const tree = page.getByRole("tree", { name: "Spans of the trace" });
    await tree.focus();
    const active = async () => {
      const id = await tree.getAttribute("aria-activedescendant");
      return id === null ? null : page.locator(`[id="${id}"]`);
    };
    await expect.poll(async () => (await active())?.getAttribute("data-row")).toBe("0");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await (await active())!.getAttribute("data-row")).toBe("2");
    await page.keyboard.press("ArrowLeft"); // row 2 is a child of row 1 here, or a parent that collapses
    await page.keyboard.press("Home");
    expect(await (await active())!.getAttribute("data-row")).toBe("0");
    await page.keyboard.press("ArrowLeft"); // collapse the root
    expect(await page.locator('[data-row="0"]').getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("ArrowRight"); // expand it
    expect(await page.locator('[data-row="0"]').getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowRight"); // to its first child
    expect(await (await active())!.getAttribute("aria-level")).toBe("2");
    await page.keyboard.press("Enter");
    const selected = await (await active())!.getAttribute("data-span-id");
    await page.getByTestId("span-details").waitFor();
    await expect.poll(() => urlQuery(page).get("span")).toBe(selected);
    // End goes to the last row and scrolls it into view (virtualized: it gets mounted).
    await page.keyboard.press("End");
    expect(await (await active())!.getAttribute("data-row")).toBe(String((await rowCount(page)) - 1));
    await page.close();
  });

  it("downloads the OSprofiler JSON report", async () => {
    const page = await openTrace(`/traces/${boot.traceId}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download OSprofiler JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const report = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
      info: { name: string };
      children: unknown[];
      stats: Record<string, { count: number }>;
    };
    expect(report.info.name).toBe("total");
    expect(report.children.length).toBeGreaterThan(0);
    expect(report.stats.db!.count).toBe(boot.dbSpans);
    const [dot] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "dot", exact: true }).click()]);
    expect(readFileSync((await dot.path())!, "utf8")).toMatch(/^(di)?graph /);
    await page.close();
  });

  it("answers an unknown base_id with a not-found page", async () => {
    const unknown = "11111111-2222-4333-8444-555555555555";
    const response = await fetch(`${server.url}/traces/${unknown}`);
    expect(response.status).toBe(404);
    const page = await open(`/traces/${unknown}`);
    await page.getByTestId("trace-not-found").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Trace not found");
    expect((await fetch(`${server.url}/traces/not-a-uuid`)).status).toBe(404);
    // Styled (text-xl font-semibold): drawn in the browser from the payload's copy of the stylesheet.
    expect(await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).fontWeight)).toBe("600");
    await page.getByRole("link", { name: "Back to the trace list" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.close();
  });

  it("answers a URL no route matches with the site's not-found page, styled, under the site's header", async () => {
    const response = await fetch(`${server.url}/no/such/page`);
    expect(response.status).toBe(404);
    // Rendered on the server with its stylesheet (app/global-not-found.tsx), as the trace page is.
    expect(await response.text()).toMatch(/<style[^>]*data-precedence/);
    const page = await open("/no/such/page");
    const heading = page.getByRole("heading", { level: 1 });
    expect(await heading.innerText()).toBe("Page not found");
    expect(await heading.evaluate((el) => getComputedStyle(el).fontWeight)).toBe("600");
    expect(await page.title()).toBe("ostrace");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Traces" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.close();
  });

  it("renders HTML and script payloads from the wire as text and runs none of them", async () => {
    const { traceId, bodies } = buildHostileTrace(Date.UTC(2024, 4, 1, 12) * 1000);
    await postNotifications(server.url, bodies);
    const list = await open("/");
    const row = list.locator(`[data-trace-id="${traceId}"]`);
    await row.waitFor();
    expect(await row.getByRole("link").innerText()).toBe(`GET ${XSS.path}`);
    expect(await row.getByRole("list", { name: "Services" }).innerText()).toContain(XSS.service);

    const page = await openTrace(`/traces/${traceId}`);
    expect(await page.getByTestId("trace-title").innerText()).toBe(`GET ${XSS.path}`);
    // Open every span's details: fields, exception, raw payloads. What a person reads is the wire text.
    let seen = "";
    for (const id of await page.locator('[role="treeitem"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-span-id")!))) {
      await page.locator(`[data-span-id="${id}"]`).click();
      await page.getByTestId("raw-payloads").waitFor();
      seen += await page.locator("body").innerText();
    }
    for (const value of [XSS.host, XSS.service, XSS.name, XSS.etype, XSS.message, XSS.args, `GET ${XSS.path}`])
      expect(seen).toContain(value);
    await page.getByRole("checkbox", { name: /Hide DB spans/ }).check();
    await page.getByRole("checkbox", { name: /Hide DB spans/ }).uncheck();
    await page.locator('[role="treeitem"]').filter({ hasText: "SELECT" }).click();
    await page.getByTestId("raw-payloads").waitFor();
    expect(await page.getByTestId("sql-block").innerText()).toContain("<script>window.__xss=7</script>");
    for (const tab of ["Services", "Projects", "Hosts", "Span types", "DB statements"]) await page.getByRole("tab", { name: tab }).click();
    await page.getByRole("searchbox", { name: "Search spans" }).fill("<script>");

    for (const p of [list, page]) {
      expect(await p.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await p.locator('img[src="x"], svg[onload], b[onmouseover]').count()).toBe(0);
    }
    await list.close();
    await page.close();
  });

  it("keeps the span names readable on a 1024x768 screen with the details panel open (the bars give way), and 1440 px as it was", async () => {
    const page = await openTrace(`/traces/${boot.traceId}`);
    const root = page.locator('[role="treeitem"][aria-level="1"]').first();
    const cells = root.locator(":scope > div");
    const width = async (locator: ReturnType<Page["locator"]>) => (await locator.boundingBox())!.width;
    for (const [screen, height] of [
      [1024, 768],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width: screen, height });
      await page.locator('[role="treeitem"]').nth(3).click();
      const panel = page.getByTestId("span-details");
      await panel.getByTestId("raw-payloads").waitFor();
      // Beside the timeline, its full width, on screen.
      const box = (await panel.boundingBox())!;
      expect(box.width).toBe(416);
      expect(box.x + box.width).toBeLessThanOrEqual(screen);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen);
      // The names keep their 14rem, as on any laptop: the root request's reads in full.
      expect(await width(cells.nth(0))).toBeGreaterThanOrEqual(224);
      const name = root.locator("[data-hit-text]").first();
      expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await name.innerText()).toMatch(/POST \/v2\.1\/servers$/);
      // The bars still have room for the trace's shape; at 1440 px, the room they had.
      expect(await width(cells.nth(1))).toBeGreaterThanOrEqual(screen === 1024 ? 192 : 500);
      await page.screenshot({ path: artifactPath(`trace-${screen}-details.png`) });
      await panel.getByRole("button", { name: "Close details" }).click();
      await panel.waitFor({ state: "detached" });
    }
    await page.close();
  });

  it("looks right on a laptop screen in light and dark mode (screenshots)", async () => {
    const page = await openTrace(`/traces/${boot.traceId}?tab=db`);
    await page.screenshot({ path: artifactPath("trace.png") });
    await page.screenshot({ path: artifactPath("trace-full.png"), fullPage: true });
    await page.locator('[role="treeitem"]').nth(3).click();
    await page.getByTestId("raw-payloads").waitFor();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: artifactPath("trace-dark.png") });
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
