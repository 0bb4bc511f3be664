// The trace page's first screen at 1440x900 in real Chromium, on the demo's biggest trace (a
// dozen VMs booted by one request): the split between names and bars, the overview and its zoom
// window, span types in their own colors, and a trace followed live while its spans arrive.
// Screenshots go to test-artifacts/ (light and dark).
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTimelineRows, convertCompactToTrace, createTraceView, findRow, type CompactTrace } from "@/lib/trace";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import {
  convertNotificationToOsloMessage,
  generateProfilerNotifications,
  type ScenarioName,
  type SyntheticNotification,
} from "@/testing/synthetic";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";
import { countOverviewPixels } from "./support/overviewPixels";
import { installPlaceholderMeasures } from "./support/sqlPlaceholders";
import { MAX_INDENT_DEPTH } from "@/components/trace/TreeIndent";
import { createTestDb } from "../support/testDb";

let server: TestServer;
let browser: TestBrowser;
const pageErrors: string[] = [];
/** The demo's "boot a dozen VMs" trace (scripts/demo.ts), at a fixed time in the past: not live. */
let bootId = "";
/** The demo's Heat create-stack, 68 levels deep (its stack's nested resources), an hour before the boot. */
let stackId = "";
/** A list of servers: the API's own statements, all of its work done before it answered. */
let listId = "";
/** A boot statement with a WHERE's placeholders beside their columns and LIMIT's alone on its line. */
let limitSpanId = "";
/** Past 2,000 spans (EAGER_FINDINGS_SPANS): boots of ~3,000 (inlined in the page) and ~6,000 spans (fetched), a list of ~3,000. */
let bigBootId = "";
let biggerBootId = "";
let bigListId = "";

const asBodies = (notifications: SyntheticNotification[]) =>
  notifications.map((n) => JSON.parse(convertNotificationToOsloMessage(n).body) as unknown);
const urlQuery = (page: Page) => new URL(page.url()).searchParams;
const rowCount = async (page: Page) => Number(await page.getByTestId("timeline-body").getAttribute("data-row-count"));

async function openTrace(path: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme });
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(server.url + path);
  await page.waitForSelector('[role="treeitem"]');
  return page;
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
}

/**
 * The header's bar column (the ruler) and a row's bar cell: the same left edge and width.
 * Retried for a moment: the divider is placed over the column edge the timeline measures
 * (a ResizeObserver, the frame after the grid changed), so right after a key press on a busy
 * machine it may still stand where the previous frame had the edge.
 */
async function expectAligned(page: Page) {
  await vi.waitFor(() => expectAlignedNow(page), { timeout: 2_000, interval: 50 });
}

async function expectAlignedNow(page: Page) {
  const ruler = await box(page, '[data-testid="time-ruler"]');
  const overview = await box(page, '[data-testid="trace-overview"]');
  for (const row of [0, 5]) {
    const cell = await box(page, `[role="treeitem"][data-row="${row}"] .timeline-bar-cell`);
    expect(Math.abs(cell.x - ruler.x)).toBeLessThan(1);
    expect(Math.abs(cell.width - ruler.width)).toBeLessThan(1);
    expect(Math.abs(cell.x - overview.x)).toBeLessThan(1);
    expect(Math.abs(cell.width - overview.width)).toBeLessThan(1);
  }
  // The divider sits on the edge between the names and the bars.
  const divider = await box(page, '[role="separator"]');
  expect(Math.abs(divider.x + divider.width / 2 - ruler.x)).toBeLessThan(1.5);
}

/** Scrolls the boot's cast to nova-conductor into the timeline (it sits below the API request's SQL). */
async function scrollToCast(page: Page) {
  const trace = convertCompactToTrace((await (await fetch(`${server.url}/api/traces/${bootId}`)).json()) as CompactTrace);
  const castIndex = trace.spanId.findIndex(
    (_, i) => trace.detail[i]! >= 0 && trace.strings[trace.detail[i]!]!.endsWith("ComputeTaskAPI.schedule_and_build_instances"),
  );
  const castRow = findRow(buildTimelineRows(createTraceView(trace), new Set()), castIndex);
  await page.getByTestId("timeline-body").evaluate((el, top) => (el.scrollTop = top), castRow * 24);
  const cast = page.locator(`[role="treeitem"][data-row="${castRow}"]`);
  await expect.poll(() => cast.innerText()).toContain("ComputeTaskAPI.schedule_and_build_instances");
  return { trace, castIndex, castRow, cast };
}

async function traceDurationUs(traceId: string): Promise<number> {
  const trace = convertCompactToTrace((await (await fetch(`${server.url}/api/traces/${traceId}`)).json()) as CompactTrace);
  return trace.finishedUs - trace.startedUs;
}

async function zoomFractions(page: Page, durationUs: number): Promise<[number, number] | null> {
  const zoom = urlQuery(page).get("zoom");
  if (!zoom) return null;
  const [a, b] = zoom.split("-").map(Number) as [number, number];
  return [a / durationUs, b / durationUs];
}

/** One synthetic trace of a demo scenario (scripts/demo.ts's seeds), stored through ingest. */
async function seedOne(seed: string, scenario: ScenarioName, spanCount: number, start: string): Promise<SyntheticNotification[]> {
  const notifications = [...generateProfilerNotifications({ seed, scenario, spanCount, traces: 1, start })];
  await postNotifications(server.url, asBodies(notifications));
  return notifications;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const boot = await seedOne("ostrace-demo-0", "boot-server", 520, "2024-05-01T10:00:00");
  bootId = boot[0]!.payload.base_id;
  limitSpanId = boot.find((n) =>
    /WHERE .*= %\(\w+\)s LIMIT %\(param_1\)s$/.test(String((n.payload.info.db as { statement?: unknown } | undefined)?.statement)),
  )!.payload.trace_id;
  // The demo's Heat stack, an hour before the boot; a list of servers, two hours before.
  stackId = (await seedOne("ostrace-demo-6", "create-stack", 300, "2024-05-01T09:00:00"))[0]!.payload.base_id;
  listId = (await seedOne("ostrace-demo-2", "list-servers", 60, "2024-05-01T08:00:00"))[0]!.payload.base_id;
  bigBootId = (await seedOne("ostrace-big-1", "boot-server", 3000, "2024-05-01T07:00:00"))[0]!.payload.base_id;
  biggerBootId = (await seedOne("ostrace-big-2", "boot-server", 6000, "2024-05-01T06:00:00"))[0]!.payload.base_id;
  bigListId = (await seedOne("ostrace-big-3", "list-servers", 3000, "2024-05-01T05:00:00"))[0]!.payload.base_id;
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the trace page at 1440x900", () => {
  it("answers 'why slow' on the first screen: the API's answer against the work, the spawns named and marked, a click brings them into view", async () => {
    // With every span (crit=0): the finding's click must bring a spawn from far down the tree into view.
    const page = await openTrace(`/traces/${bootId}?crit=0`);
    const findings = page.getByTestId("finding");
    await findings.first().waitFor();
    const sentences = await findings.allInnerTexts();
    // The API answered in tens of milliseconds; the work it cast went on for seconds.
    expect(sentences[0]).toMatch(/answered in [\d.]+\u00a0ms; the work it started went on for [\d.]+\u00a0s\./);
    expect(await page.getByTestId("trace-answer").innerText()).toMatch(/answered in [\d.]+\u00a0ms; work went on for [\d.]+\u00a0s/);
    const compute = sentences.findIndex((s) => /is nova-compute: \d+ × LibvirtDriver\.spawn/.test(s));
    expect(compute, sentences.join("\n")).toBeGreaterThan(0);
    // All of it without scrolling: the summary, and the overview with the spawn marked on it.
    await page.screenshot({ path: artifactPath("trace-1440-why.png") });
    const fold = 900;
    expect((await box(page, '[data-testid="why-slow"]')).y + (await box(page, '[data-testid="why-slow"]')).height).toBeLessThanOrEqual(
      fold,
    );
    const overview = await box(page, '[data-testid="trace-overview"]');
    expect(overview.y + overview.height).toBeLessThanOrEqual(fold);
    const spawnMarker = page.locator('[data-testid="overview-marker"][title="LibvirtDriver.spawn"]');
    expect(await spawnMarker.count()).toBe(1);
    const marker = (await spawnMarker.boundingBox())!;
    // Marked over its extent: seconds of the trace, where the API request is a sliver at 0.
    expect(marker.width).toBeGreaterThan(overview.width * 0.2);

    // Before the click, the spawns are far down the tree; after it, the one on the critical path
    // is selected, on screen, and every spawn is highlighted.
    const body = await box(page, '[data-testid="timeline-body"]');
    const spawnRows = page.locator('[role="treeitem"]', { hasText: "LibvirtDriver.spawn" });
    expect(await spawnRows.count()).toBe(0); // not mounted: beyond the first screen of rows
    await findings.nth(compute).click();
    await expect.poll(() => urlQuery(page).get("why")).toBe(String(compute));
    const selected = page.locator('[role="treeitem"][aria-selected="true"]');
    await expect.poll(() => selected.innerText()).toContain("LibvirtDriver.spawn");
    const row = (await selected.boundingBox())!;
    expect(row.y).toBeGreaterThanOrEqual(body.y);
    expect(row.y + row.height).toBeLessThanOrEqual(body.y + body.height);
    // Every spawn on screen is highlighted (all of them are the finding's spans).
    const mountedSpawns = await spawnRows.count();
    expect(mountedSpawns).toBeGreaterThan(0);
    expect(await page.locator('[role="treeitem"][data-highlighted="1"]', { hasText: "LibvirtDriver.spawn" }).count()).toBe(mountedSpawns);
    // The critical path is drawn under the selected spawn's bar.
    expect(await selected.getByTestId("critical-stripe").count()).toBe(1);
    await page.screenshot({ path: artifactPath("trace-1440-why-clicked.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("shows what a collapsed cast hides, and keeps only the critical path when asked", async () => {
    const page = await openTrace(`/traces/${bootId}?crit=0`);
    const { trace, castIndex, castRow, cast } = await scrollToCast(page);
    const own = (await cast.locator(".timeline-bar-cell > div.rounded-sm").first().boundingBox())!;
    await cast.getByRole("button", { name: "Collapse" }).click();
    // The cast's own bar is a sliver; its subtree (conductor, scheduler, computes) runs for seconds.
    const subtree = (await cast.getByTestId("subtree-bar").boundingBox())!;
    expect(subtree.width).toBeGreaterThan(10 * own.width);
    expect(Number((await cast.getByTestId("hidden-count").innerText()).replace(/[^\d]/g, ""))).toBeGreaterThan(100);
    // And says in numbers how long the work it started went on after the cast returned.
    expect(await cast.getByTestId("hidden-tail").innerText()).toBe(
      `async +${formatDurationUs(trace.subtreeStopUs[castIndex]! - trace.stopUs[castIndex]!)}`,
    );
    expect(trace.subtreeStopUs[castIndex]! - trace.stopUs[castIndex]!).toBeGreaterThan(1_000_000);
    await page.screenshot({ path: artifactPath("trace-1440-collapsed-cast.png") });
    await cast.getByRole("button", { name: "Expand" }).click();
    // Its server side (the conductor), selected, says how long it waited after the cast returned
    // and how long the work under it went on.
    await page.locator(`[role="treeitem"][data-row="${castRow + 1}"]`).click();
    const timing = page.getByTestId("span-timing");
    await expect
      .poll(() => timing.innerText())
      .toMatch(/^Began [\d.]+\u00a0(µs|ms) after its caller ComputeTaskAPI\.schedule_and_build_instances returned: an RPC cast/);
    expect(await timing.innerText()).toMatch(/What it started went on for [\d.]+\u00a0s after it returned/);

    const all = await rowCount(page);
    await page.getByTestId("critical-only").check();
    await expect.poll(() => rowCount(page)).toBeLessThan(all / 2);
    // On: this trace's own default, which its link need not name.
    await expect.poll(() => urlQuery(page).get("crit")).toBeNull();
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/off the critical path/);
    await page.close();
  });

  it("opens on the critical path, as the work went on long after the API answered: the API's sub-millisecond statements folded, the conductor and compute work on the first screen", async () => {
    // A plain link: the trace's own default, which the page says and the URL need not.
    const page = await openTrace(`/traces/${bootId}`);
    expect(await page.getByTestId("critical-only").isChecked()).toBe(true);
    const note = page.getByTestId("critical-path-first");
    expect(await note.innerText()).toMatch(/^Opened on the critical path: most of this request's time came after the API answered\./);
    // What it hides, and what it folds into a few rows.
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/off the critical path · \d+ in folds$/);
    const body = page.getByTestId("timeline-body");
    const firstScreen = async () => {
      const { height } = (await body.boundingBox())!;
      const rows = page.locator('[role="treeitem"]');
      const texts: string[] = [];
      for (const row of await rows.all())
        if (Number(await row.getAttribute("data-row")) < Math.floor(height / 24)) texts.push(await row.innerText());
      return texts.join("\n");
    };
    const fold = page.locator('[role="treeitem"][data-fold="1"]').first();
    await expect.poll(() => fold.getByTestId("fold-label").innerText()).toMatch(/^\d+ spans, [\d.]+\s(µs|ms) of the path/);
    const shown = await firstScreen();
    expect(shown).toContain("nova-conductor");
    expect(shown).toContain("nova-compute");
    await page.screenshot({ path: artifactPath("trace-1440-critical-folds.png") });
    // The fold opens on click: its spans (the API's statements) are rows again, runs inside it
    // that carry a sliver of the path folded in their turn.
    const before = await rowCount(page);
    const row = await fold.getAttribute("data-row");
    const firstSpan = await fold.getAttribute("data-span-id");
    await fold.click();
    await expect.poll(() => rowCount(page)).toBeGreaterThan(before + 5);
    expect(await page.locator(`[role="treeitem"][data-row="${row}"]`).getAttribute("data-fold")).toBeNull();
    // The opened fold is in the URL: the link reopens it.
    await expect.poll(() => urlQuery(page).get("fold")).toBe(firstSpan);
    expect(urlQuery(page).get("crit")).toBeNull();
    const opened = await rowCount(page);
    await page.reload();
    await expect.poll(() => rowCount(page)).toBe(opened);
    expect(await page.locator(`[role="treeitem"][data-row="${row}"]`).getAttribute("data-fold")).toBeNull();

    // One click (here Enter, from the keyboard) gives every span back, and the link says so from
    // then on. The note goes with its button: the focus goes to the checkbox that now says off.
    await page.getByTestId("critical-path-first").getByRole("button", { name: "Show every span" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => rowCount(page)).toBeGreaterThan(opened * 2);
    expect(await page.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("critical-only");
    expect(await page.getByTestId("critical-path-first").count()).toBe(0);
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/^Showing (\d+) of \1 spans$/);
    await expect.poll(() => urlQuery(page).get("crit")).toBe("0");
    expect(urlQuery(page).get("fold")).toBeNull();
    const all = await rowCount(page);
    await page.reload();
    await page.waitForSelector('[role="treeitem"]');
    expect(await page.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await rowCount(page)).toBe(all);
    await page.close();
  });

  it("opens a request that did its work before answering with every span, as before", async () => {
    const page = await openTrace(`/traces/${listId}`);
    expect(await page.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await page.getByTestId("critical-path-first").count()).toBe(0);
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/^Showing (\d+) of \1 spans$/);
    await page.close();
  });

  it("opens a server create of ~3,000 spans (inlined) and ~6,000 (fetched) on its critical path from its first rows; a list of ~3,000 with every span", async () => {
    // What the page's first rows were, read as they appear (before the first paint), not later.
    const openWatched = async (traceId: string) => {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      await page.setViewportSize({ width: 1440, height: 900 });
      page.on("pageerror", (error) => pageErrors.push(`/traces/${traceId}: ${error.message}`));
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[role="treeitem"]')) return;
          observer.disconnect();
          (window as unknown as { firstRows: unknown }).firstRows = {
            fold: document.querySelector('[role="treeitem"][data-fold="1"]') !== null,
            note: document.querySelector('[data-testid="critical-path-first"]') !== null,
            checked: (document.querySelector('[data-testid="critical-only"]') as HTMLInputElement | null)?.checked ?? null,
          };
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${server.url}/traces/${traceId}`);
      await page.waitForSelector('[role="treeitem"]');
      return page;
    };
    for (const id of [bigBootId, biggerBootId]) {
      const page = await openWatched(id);
      expect(await page.evaluate(() => (window as unknown as { firstRows: unknown }).firstRows)).toEqual({
        fold: true,
        note: true,
        checked: true,
      });
      expect(await page.getByTestId("critical-path-first").innerText()).toMatch(/^Opened on the critical path: /);
      expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/off the critical path · [\d,]+ in folds$/);
      expect(urlQuery(page).get("crit")).toBeNull();
      await page.close();
    }
    const page = await openWatched(bigListId);
    expect(await page.evaluate(() => (window as unknown as { firstRows: unknown }).firstRows)).toEqual({
      fold: false,
      note: false,
      checked: false,
    });
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/^Showing (\S+) of \1 spans$/);
    await page.close();
  });

  it("shows the span a link opens though the link hides DB spans and shows only the root: only what hid it is relaxed", async () => {
    const page = await openTrace(`/traces/${bootId}?crit=0&hideDb=1&level=0&span=${limitSpanId}`);
    const row = page.locator(`[role="treeitem"][data-span-id="${limitSpanId}"]`);
    await expect.poll(() => row.getAttribute("aria-selected")).toBe("true");
    // Its statement (the row clips it before its LIMIT), on screen in the timeline's box.
    expect(await row.innerText()).toMatch(/^db\s*SELECT /);
    const body = await box(page, '[data-testid="timeline-body"]');
    const shown = (await row.boundingBox())!;
    expect(shown.y).toBeGreaterThanOrEqual(body.y);
    expect(shown.y + shown.height).toBeLessThanOrEqual(body.y + body.height);
    // The URL: DB spans shown, the level kept, its ancestors toggled open.
    await expect.poll(() => urlQuery(page).get("hideDb")).toBeNull();
    expect(urlQuery(page).get("level")).toBe("0");
    expect(urlQuery(page).get("span")).toBe(limitSpanId);
    expect(urlQuery(page).get("toggle")).toBeTruthy();
    expect(await page.getByTestId("hide-db").isChecked()).toBe(false);
    await page.screenshot({ path: artifactPath("trace-1440-linked-span-revealed.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("takes 'Hide DB spans' clicked before the page's scripts ran: once they run, the DB spans are hidden", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    // The scripts held until the click: the server-rendered first screen is all there is.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/**/*.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/traces/${bootId}?crit=0`, { waitUntil: "commit" });
    await page.waitForSelector('[role="treeitem"]');
    const all = await rowCount(page);
    await page.getByTestId("hide-db").check();
    release();
    // Hydration after the release takes ~1 s under the suite's load (poll's default is 1 s): what is
    // checked is that the click is replayed, not how soon the scripts run.
    await expect.poll(() => urlQuery(page).get("hideDb"), { timeout: 15_000 }).toBe("1");
    await expect.poll(() => rowCount(page), { timeout: 15_000 }).toBeLessThan(all / 2);
    expect(await page.getByTestId("hide-db").isChecked()).toBe(true);
    await page.getByTestId("hide-db").uncheck();
    await expect.poll(() => rowCount(page)).toBe(all);
    await page.close();
  });

  it("gives the bars 60% or more of the timeline, header and rows aligned, in light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await openTrace(`/traces/${bootId}`, scheme);
      const timeline = await box(page, '[data-testid="timeline"]');
      const bars = await box(page, '[role="treeitem"] .timeline-bar-cell');
      expect(bars.width / timeline.width).toBeGreaterThanOrEqual(0.6);
      await expectAligned(page);
      // Type, project and host fold into the tree and service cells: no column of their own, and
      // the page (never 140rem wide) renders no cells for them at all.
      expect(await page.locator('[data-testid="timeline"] .timeline-wide-only').count()).toBe(0);
      expect(await page.locator('[role="treeitem"] .timeline-narrow-only').first().isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
      await page.screenshot({ path: artifactPath(`trace-1440${scheme === "dark" ? "-dark" : ""}.png`) });
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it("resizes the names column by dragging the divider and by keyboard, and remembers it after a reload", async () => {
    const page = await openTrace(`/traces/${bootId}`);
    const divider = page.getByRole("separator", { name: "Resize the span names column" });
    const treeBefore = (await box(page, '[role="treeitem"][data-row="0"] > div')).width;
    const d = (await divider.boundingBox())!;
    await page.mouse.move(d.x + d.width / 2, d.y + 200);
    await page.mouse.down();
    await page.mouse.move(d.x + d.width / 2 + 80, d.y + 200, { steps: 4 });
    await page.mouse.move(d.x + d.width / 2 + 150, d.y + 200, { steps: 4 });
    await page.mouse.up();
    const treeAfter = (await box(page, '[role="treeitem"][data-row="0"] > div')).width;
    expect(treeAfter - treeBefore).toBeGreaterThan(145);
    expect(treeAfter - treeBefore).toBeLessThan(155);
    await expectAligned(page);
    const share = await divider.getAttribute("aria-valuenow");
    await page.screenshot({ path: artifactPath("trace-1440-resized.png") });

    await page.reload();
    await page.waitForSelector('[role="treeitem"]');
    expect(await page.getByRole("separator").getAttribute("aria-valuenow")).toBe(share);
    expect(Math.abs((await box(page, '[role="treeitem"][data-row="0"] > div')).width - treeAfter)).toBeLessThan(2);

    await page.getByRole("separator").focus();
    await page.keyboard.press("ArrowLeft");
    expect(Number(await page.getByRole("separator").getAttribute("aria-valuenow"))).toBe(Number(share) - 2);
    await page.keyboard.press("Enter"); // back to the default, remembered for the other tests
    expect(await page.getByRole("separator").getAttribute("aria-valuenow")).toBe("21");
    await expectAligned(page);
    await page.close();
  });

  it("draws every span in the overview, long ones standing out, and its window drives the zoom", async () => {
    const durationUs = await traceDurationUs(bootId);
    const page = await openTrace(`/traces/${bootId}`);
    // Drawn once the first rows are painted and the browser is idle (useAfterFirstPaint).
    await expect.poll(() => countOverviewPixels(page)).toBeGreaterThan(0);
    // Painted: lines of spans, and long solid runs (the seconds-long spawns and downloads).
    const drawn = await page.getByTestId("overview-canvas").evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0,
        longestSolidRun = 0;
      for (let y = 0; y < canvas.height; y++) {
        let run = 0;
        for (let x = 0; x < canvas.width; x++) {
          const alpha = data[(y * canvas.width + x) * 4 + 3]!;
          if (alpha > 0) painted++;
          run = alpha === 255 ? run + 1 : 0;
          if (run > longestSolidRun) longestSolidRun = run;
        }
      }
      return { painted, longestSolidRun, width: canvas.width };
    });
    expect(drawn.painted).toBeGreaterThan(500);
    expect(drawn.longestSolidRun).toBeGreaterThan(drawn.width * 0.3);

    const area = await box(page, '[data-testid="overview-window-area"]');
    const at = (f: number) => area.x + f * area.width;
    const y = area.y + area.height / 2;
    const drag = async (from: number, to: number) => {
      await page.mouse.move(at(from), y);
      await page.mouse.down();
      await page.mouse.move(at((from + to) / 2), y, { steps: 3 });
      await page.mouse.move(at(to), y, { steps: 3 });
      await page.mouse.up();
    };
    // The URL follows the view after a short pause: poll until both ends are there (to 1%).
    const expectZoom = async (from: number, to: number) => {
      const rounded = async () => (await zoomFractions(page, durationUs))?.map((f) => Math.round(f * 100) / 100) ?? null;
      await expect.poll(rounded).toEqual([from, to]);
    };

    // Select a window on the empty overview.
    await drag(0.4, 0.6);
    await expectZoom(0.4, 0.6);
    // The ruler now starts 40% into the trace.
    const firstTick = await page.getByTestId("time-ruler").locator("span.tabular-nums").first().innerText();
    expect(firstTick).not.toBe("0");
    // "Reset zoom" covers no tick label shown (it stood over the ruler's last one).
    const reset = (await page.getByRole("button", { name: "Reset zoom" }).boundingBox())!;
    const labels = await page
      .getByTestId("time-ruler")
      .locator("span.tabular-nums")
      .evaluateAll((spans) =>
        spans
          .map((s) => s.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
      );
    expect(labels.length).toBeGreaterThan(2);
    const overlaps = (a: typeof reset, b: typeof reset) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(labels.filter((label) => overlaps(reset, label))).toEqual([]);
    await page.screenshot({ path: artifactPath("trace-1440-zoomed.png") });
    // Pan it from the inside, then pull its right edge.
    await drag(0.5, 0.7);
    await expectZoom(0.6, 0.8);
    await drag(0.8, 0.9);
    await expectZoom(0.6, 0.9);
    // Keyboard: left by a tenth of its width.
    await page.getByRole("slider", { name: "Zoom window on the whole trace" }).focus();
    await page.keyboard.press("ArrowLeft");
    await expectZoom(0.57, 0.87);
    // A double-click shows the whole trace again.
    await page.mouse.dblclick(at(0.2), y);
    await expect.poll(() => urlQuery(page).get("zoom")).toBeNull();
    expect(await page.getByTestId("overview-window").count()).toBe(0);
    // The zoom survives a reload (the URL keeps it), and the overview shows it.
    await drag(0.1, 0.3);
    await expectZoom(0.1, 0.3);
    await page.reload();
    await page.waitForSelector('[role="treeitem"]');
    const windowBox = await box(page, '[data-testid="overview-window"]');
    expect((windowBox.x - area.x) / area.width).toBeCloseTo(0.1, 1);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: artifactPath("trace-1440-zoomed-dark.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("shows a search hit that lies past where a row's name cell cuts its statement, at 1440 and 390 px", async () => {
    const page = await openTrace(`/traces/${bootId}`);
    // An instance's last column, named after ~60 others: far past what any names cell shows, or
    // what a row keeps of its text (200 characters).
    await page.getByTestId("search").fill("instances_hidden");
    await expect.poll(() => page.getByTestId("search-status").innerText()).toMatch(/^\d+ match/);
    // To the first match, then Escape closes its details (which narrow the names column).
    await page.getByTestId("search").press("Enter");
    const spanId = await page.locator('[role="treeitem"][aria-selected="true"]').getAttribute("data-span-id");
    await page.keyboard.press("Escape");
    await page.getByTestId("span-details").waitFor({ state: "detached" });
    const row = page.locator(`[role="treeitem"][data-span-id="${spanId}"]`);
    /** The painted hits inside the row's name cell, and that cell's box. */
    const hitsInNameCell = () =>
      row.getByTestId("row-name").evaluate((cell) => {
        const box = cell.getBoundingClientRect();
        const ranges = [...(CSS.highlights.get("span-search") ?? [])] as Range[];
        const inCell = ranges.filter((r) => cell.contains(r.startContainer));
        return {
          text: cell.textContent ?? "",
          cell: { left: box.left, right: box.right },
          hits: inCell.map((r) => ({ text: r.toString(), left: r.getBoundingClientRect().left, right: r.getBoundingClientRect().right })),
        };
      });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await expect
        .poll(async () => {
          const { cell, hits } = await hitsInNameCell();
          // At 390 px the names column (9rem) may be narrower than the hit: it starts the cell's text, cut at its end.
          return hits.some(
            (h) =>
              h.text === "instances_hidden" && h.left >= cell.left && (width === 390 ? h.left < cell.right - 40 : h.right <= cell.right),
          );
        })
        .toBe(true);
      const { text, cell, hits } = await hitsInNameCell();
      // Shown from a little before the hit, after a "…" (after the span's name "db", shown before its statement here).
      expect(text).toMatch(/^db ….{0,14}instances_hidden/);
      expect(hits[0]!.left).toBeGreaterThanOrEqual(cell.left);
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath(`trace-${width}-search-clipped-hit.png`) });
    }
    // Without the search, the statement is shown from its start again.
    await page.getByTestId("search").fill("");
    await expect.poll(async () => (await hitsInNameCell()).text).toMatch(/^db SELECT /);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("never wraps a SQL placeholder inside itself in the details panel while it fits a line, at any width", async () => {
    const page = await openTrace(`/traces/${bootId}?span=${limitSpanId}`);
    const block = page.getByTestId("span-details").getByTestId("sql-block");
    await expect.poll(() => block.innerText()).toMatch(/^SELECT\n/);
    await installPlaceholderMeasures(page);
    // Every width from narrow to wide: a placeholder split over two lines has its text on two
    // lines (its characters' boxes, not its own: a placeholder is an inline-block, one box).
    const split = await block.evaluate((pre: HTMLElement) => {
      const { find, lines, oneLineWidth } = window.placeholderMeasures;
      const placeholders = find(pre);
      // Only one wider than the whole line may wrap inside.
      const oneLine = new Map(placeholders.map((p) => [p, oneLineWidth(p)]));
      const found = new Set<string>();
      for (let width = 160; width <= 520; width += 3) {
        pre.style.width = `${width}px`;
        const style = getComputedStyle(pre);
        const right = pre.getBoundingClientRect().left + pre.clientLeft + pre.clientWidth - parseFloat(style.paddingRight);
        // A formatted line's box starts after its indent, its wrapped lines 2 characters further in
        // (components/trace/SqlBlock.tsx): a placeholder's line is from there to the block's edge.
        const room = (p: HTMLElement) => {
          const box = p.closest<HTMLElement>("[data-sql-line]")!;
          return right - 1 - (box.getBoundingClientRect().left + parseFloat(getComputedStyle(box).paddingLeft));
        };
        for (const p of placeholders) if (oneLine.get(p)! <= room(p) && lines(p) > 1) found.add(`${width}px: ${p.textContent}`);
      }
      pre.style.width = "";
      return { placeholders: placeholders.length, found: [...found] };
    });
    expect(split.placeholders).toBeGreaterThan(0);
    expect(split.found).toEqual([]);
    await page.close();
  });

  it("makes the breakdown tabs one tab stop that the arrow keys move through, the URL following", async () => {
    const page = await openTrace(`/traces/${bootId}`);
    const tablist = page.getByRole("tablist", { name: "Breakdown" });
    await tablist.getByRole("tab", { name: "Services" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => urlQuery(page).get("tab")).toBe("project");
    const focusedTab = () =>
      page.evaluate(() => (document.activeElement?.getAttribute("role") === "tab" ? document.activeElement.id : null));
    expect(await focusedTab()).toBe("tab-project");
    expect(await tablist.getByRole("tab", { name: "Projects" }).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("End");
    expect(await focusedTab()).toBe("tab-longest");
    await page.keyboard.press("Home");
    expect(await focusedTab()).toBe("tab-service");
    await page.keyboard.press("ArrowLeft");
    expect(await focusedTab()).toBe("tab-longest");
    // Tab leaves the list at once: the other five tabs are not tab stops.
    await page.keyboard.press("Tab");
    expect(await focusedTab()).toBeNull();
    await page.keyboard.press("Shift+Tab");
    expect(await focusedTab()).toBe("tab-longest");
    await page.close();
  });

  it("colors span types from their own palette, never a service's color", async () => {
    const page = await openTrace(`/traces/${bootId}?tab=type`);
    const services = await page
      .getByRole("list", { name: "Services (legend)" })
      .locator("span[aria-hidden]")
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    const table = page.getByTestId("breakdown-table-type");
    await table.waitFor();
    const types = await table
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) => [r.querySelector("td")!.textContent, getComputedStyle(r.querySelector("td span[aria-hidden]")!).backgroundColor]),
      );
    expect(types.map(([t]) => t)).toEqual(expect.arrayContaining(["db", "rpc", "wsgi", "driver", "compute_api"]));
    expect(new Set(types.map(([, c]) => c)).size).toBe(types.length);
    for (const [, color] of types) expect(services).not.toContain(color);
    // The type filter menu shows the same colors.
    await page.locator("summary", { hasText: "Types" }).click();
    await page.getByTestId("filter-swatch").first().waitFor(); // the list is rendered once the menu opens
    const menuColors = await page.getByTestId("filter-swatch").evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(new Set(menuColors)).toEqual(new Set(types.map(([, c]) => c)));
    await page.getByTestId("breakdown").scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath("trace-1440-types.png") });
    await page.close();
  });
});

describe("a trace of a few spans", () => {
  it("gets a timeline box that fits its rows, not a screen's height of empty box, in light and dark", async () => {
    const small = [
      ...generateProfilerNotifications({
        seed: "few-spans",
        scenario: "list-servers",
        spanCount: 4,
        traces: 1,
        start: "2024-05-01T09:00:00",
      }),
    ];
    await postNotifications(server.url, asBodies(small));
    for (const scheme of ["light", "dark"] as const) {
      const page = await openTrace(`/traces/${small[0]!.payload.base_id}`, scheme);
      const rows = await rowCount(page);
      expect(rows).toBeGreaterThan(3);
      expect(rows).toBeLessThan(20);
      const body = await box(page, '[data-testid="timeline-body"]');
      const last = await box(page, `[role="treeitem"][data-row="${rows - 1}"]`);
      // Every row shown, and under the last one less than a row of empty box.
      expect(last.y + last.height).toBeLessThanOrEqual(body.y + body.height + 0.5);
      expect(body.y + body.height - (last.y + last.height)).toBeLessThan(24);
      await page.screenshot({ path: artifactPath(`trace-few-spans${scheme === "dark" ? "-dark" : ""}.png`), fullPage: true });
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

describe("the trace page on a 768 px high laptop", () => {
  // Everything above the timeline is dense enough that the first screen shows the findings in
  // full, the toolbar on one line, and a screenful of rows (it was 3 at 1024x768, 7 at 1366x768).
  for (const width of [1024, 1366]) {
    it(`shows every finding and at least 10 timeline rows at ${width}x768, without scrolling`, async () => {
      const height = 768;
      const page = await openTrace(`/traces/${bootId}`);
      await page.setViewportSize({ width, height });
      await page.getByTestId("finding").first().waitFor();
      await page.screenshot({ path: artifactPath(`trace-${width}x768-first-screen.png`) });
      const findings = await page
        .getByTestId("finding")
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      expect(findings.length).toBeGreaterThanOrEqual(3);
      for (const f of findings) expect(f.bottom).toBeLessThanOrEqual(height);
      const rows = await page
        .locator('[role="treeitem"]')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
      const onScreen = rows.filter((r) => r.top >= 0 && r.bottom <= height).length;
      expect(onScreen, `first row at y=${Math.round(rows[0]!.top)}`).toBeGreaterThanOrEqual(10);
      // Nothing moved off the page: the compare box, the legend and the span count are on it, the
      // toolbar is one line, and the page does not scroll sideways.
      for (const testId of ["compare-with-input", "hidden-counts"])
        expect((await box(page, `[data-testid="${testId}"]`)).y).toBeLessThan(height);
      expect((await box(page, '[aria-label="Services (legend)"]')).y).toBeLessThan(height);
      expect((await box(page, '[role="toolbar"]')).height).toBeLessThan(40);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: artifactPath(`trace-${width}x768-first-screen-dark.png`) });
      // The legend's services that do not fit its line are a click away, and back.
      const more = page.getByRole("button", { name: /^\+\d+ more$/ });
      if (width === 1024) {
        const legend = page.getByRole("list", { name: "Services (legend)" });
        const last = legend.locator("li").last();
        expect((await last.boundingBox())!.y).toBeLessThan(height); // in the page: clipped, not removed
        await more.click();
        await expect.poll(async () => (await legend.boundingBox())!.height).toBeGreaterThan(20);
        const [listBox, lastBox] = [(await legend.boundingBox())!, (await last.boundingBox())!];
        expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(listBox.y + listBox.height);
        await page.getByRole("button", { name: "fewer" }).click();
        await more.waitFor();
      } else expect(await more.count()).toBe(0); // all on one line
      // A search's count takes room from the box, not a second toolbar line, and reads whole.
      await page.getByTestId("search").fill("select");
      await expect.poll(() => page.getByTestId("search-status").innerText()).toMatch(/^\d+ matches$/);
      expect((await box(page, '[role="toolbar"]')).height).toBeLessThan(40);
      const cut = await page.getByTestId("search-status").evaluate((el) => {
        const text = document.createRange();
        text.selectNodeContents(el);
        return text.getBoundingClientRect().width - el.getBoundingClientRect().width;
      });
      // (A fraction of a pixel is enough for the ellipsis: it was 0.34 px when the count shrank with the box.)
      expect(cut).toBeLessThan(0.05);
      await page.getByTestId("search").fill("");
      // A bad paste in the compare box says so over the page, not in a line that would push the
      // header's actions under the title; editing the box takes the message away.
      const copyLink = await box(page, 'button[aria-label="Copy link to this view"]');
      await page.getByTestId("compare-with-input").fill("not an id");
      await page.getByTestId("compare-with-input").press("Enter");
      const problem = page.getByRole("form", { name: "Compare this trace with another" }).getByRole("alert");
      await problem.waitFor();
      expect(await box(page, 'button[aria-label="Copy link to this view"]')).toEqual(copyLink);
      expect(await page.getByTestId("compare-with-input").getAttribute("aria-invalid")).toBe("true");
      await page.getByTestId("compare-with-input").press("Backspace");
      expect(await problem.count()).toBe(0);
      await page.close();
    });
  }
});

describe("the trace page at 1024 px", () => {
  it("keeps a collapsed cast's name readable beside its badges, which take their short forms", async () => {
    const page = await openTrace(`/traces/${bootId}?crit=0`);
    await page.setViewportSize({ width: 1024, height: 768 });
    const { trace, castIndex, castRow, cast } = await scrollToCast(page);
    await cast.getByRole("button", { name: "Collapse" }).click();
    const tail = cast.getByTestId("hidden-tail");
    await expect.poll(() => tail.innerText()).toBe(`+${formatDurationUs(trace.subtreeStopUs[castIndex]! - trace.stopUs[castIndex]!)}`);
    await cast.screenshot({ path: artifactPath("trace-1024-collapsed-cast.png") });
    const name = await box(page, `[role="treeitem"][data-row="${castRow}"] [data-testid="row-name"]`);
    const cell = await cast
      .locator("> div")
      .first()
      .evaluate((el) => {
        const r = el.getBoundingClientRect();
        return {
          left: r.left + parseFloat(getComputedStyle(el).paddingLeft),
          right: r.right - parseFloat(getComputedStyle(el).paddingRight),
        };
      });
    // 40% of what the indent leaves, at least (it was ~6 characters: "rpc no…").
    expect(name.width).toBeGreaterThanOrEqual(((cell.right - cell.left) * 2) / 5 - 1);
    expect(name.width).toBeGreaterThan(60);
    // And the badges are whole, inside the cell.
    for (const badge of [tail, cast.getByTestId("hidden-count")]) {
      const b = (await badge.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(cell.right + 1);
      const widths = await badge.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(widths[0], `${await badge.innerText()}: ${widths.join(" > ")}`).toBeLessThanOrEqual(widths[1]!);
    }
    await page.close();
  });
});

describe("a trace nested 68 levels deep (Heat's create-stack)", () => {
  // The indent filled the names column from level 16 on (12 px a level up to 24 levels): the
  // deep rows showed a level badge and a toggle, and no name at all.
  it.each([1440, 390])(
    "keeps a readable part of every row's name at %i px, levels told apart by indent and past it by a badge",
    async (width) => {
      const page = await openTrace(`/traces/${stackId}?crit=0`);
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      const trace = convertCompactToTrace((await (await fetch(`${server.url}/api/traces/${stackId}`)).json()) as CompactTrace);
      const rows = buildTimelineRows(createTraceView(trace), new Set());
      const depthOf = (row: number) => rows.view.depth[rows.rows[row]!]!;
      const deepest = Math.max(...Array.from({ length: rows.count }, (_, r) => depthOf(r)));
      expect(deepest).toBeGreaterThan(60);
      type Measured = { row: number; column: number; indent: number; name: number; text: number; badged: boolean; level: number[] | null };
      const measured = new Map<number, Measured>();
      const body = page.getByTestId("timeline-body");
      await body.scrollIntoViewIfNeeded();
      for (let top = 0; top < rows.count; top += 10) {
        await body.evaluate((el, px) => (el.scrollTop = px), top * 24);
        const last = Math.min(top + 9, rows.count - 1);
        await page.locator(`[role="treeitem"][data-row="${last}"]`).waitFor();
        // Queried in the task that measures: a row the scroll has just moved out of the range may be unmounted in between.
        const seen = await body.evaluate((bodyEl) =>
          [...bodyEl.querySelectorAll<HTMLElement>('[role="treeitem"]:not([data-fold])')].map((el) => {
            const cell = el.firstElementChild as HTMLElement;
            const bars = el.querySelector(".timeline-bar-cell")!.getBoundingClientRect();
            const c = cell.getBoundingClientRect();
            const name = el.querySelector<HTMLElement>('[data-testid="row-name"]')!;
            const level = el.querySelector('[data-testid="row-level"]')?.getBoundingClientRect();
            return {
              row: Number(el.getAttribute("data-row")),
              // The names column: from the row's cell to the bars (the cell itself may be pushed wider by what it holds).
              column: bars.left - c.left,
              indent: cell.firstElementChild!.getBoundingClientRect().left - c.left,
              name: name.getBoundingClientRect().width,
              text: name.scrollWidth,
              // Something after the name (async, +N hidden...) keeps 40% of what the indent leaves, not of the column.
              badged: name.nextElementSibling !== null,
              level: level ? [level.left - c.left, level.right - c.left, c.width] : null,
            };
          }),
        );
        for (const m of seen) measured.set(m.row, m);
      }
      expect(measured.size).toBe(rows.count);
      await page.getByTestId("timeline-body").evaluate((el, px) => (el.scrollTop = px), (rows.count - 30) * 24);
      await page.waitForTimeout(100);
      await page.screenshot({ path: artifactPath(`trace-${width}-deep-rows.png`) });

      const column = measured.get(0)!.column;
      const unreadable: string[] = [];
      const indentAt = new Map<number, number>();
      for (const m of measured.values()) {
        const depth = depthOf(m.row);
        expect(Math.abs(m.column - column), `row ${m.row}: its cell runs into the bars`).toBeLessThan(1);
        // On a phone (a 9rem column), 52 px: about 8 characters.
        const least = m.badged ? 0.4 * (column - m.indent - 8) : width > 500 ? 0.42 * column : 52;
        if (m.name < Math.min(m.text, least) - 1)
          unreadable.push(`row ${m.row} (depth ${depth}): ${Math.round(m.name)} of ${Math.round(column)} px`);
        indentAt.set(depth, m.indent);
        // The level, left of the toggle in the indent, whole and inside the cell, exactly where the indent stops telling it.
        expect(m.level !== null, `row ${m.row} (depth ${depth})`).toBe(depth > MAX_INDENT_DEPTH);
        if (m.level) {
          expect(m.level[0]).toBeGreaterThanOrEqual(0);
          expect(m.level[1]).toBeLessThanOrEqual(m.indent);
        }
      }
      expect(unreadable).toEqual([]);
      // Every depth up to the limit further in than its parent; deeper ones at the limit's.
      for (let d = 1; d <= MAX_INDENT_DEPTH; d++)
        expect(indentAt.get(d)! - indentAt.get(d - 1)!, `depth ${d}`).toBeGreaterThanOrEqual(width > 500 ? 3.9 : 2.5);
      for (let d = MAX_INDENT_DEPTH + 1; d <= deepest; d++)
        expect(Math.abs(indentAt.get(d)! - indentAt.get(MAX_INDENT_DEPTH)!)).toBeLessThan(0.5);
      // The top levels as they always were, at the desktop's column.
      if (width > 500) for (let d = 0; d <= 3; d++) expect(Math.abs(indentAt.get(d)! - (4 + 12 * d))).toBeLessThan(0.5);
      await page.close();
    },
  );
});

describe("on a phone (390x844)", () => {
  it("neither the list nor the trace page scrolls sideways, and the findings wrap the calls they name", async () => {
    const width = 390;
    const page = await openTrace(`/traces/${bootId}`);
    // The breakdown chart drawn at 1440 first, as on a window narrowed or a tablet turned: its SVG
    // kept the page 575 px wide when it had rendered before the resize (this test then failed by turns).
    await page.getByTestId("breakdown-table-service").waitFor();
    await page.setViewportSize({ width, height: 844 });
    await page.getByTestId("finding").first().waitFor();
    await page.screenshot({ path: artifactPath("trace-390-first-screen.png") });
    // "… under ComputeTaskManager.schedule_and_build_instances (nova-conductor)" ran out of its box.
    const overflowing = await page
      .getByTestId("finding")
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(overflowing).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // The list's "Paste a base_id" box was 24rem wide whatever the screen.
    await page.goto(server.url + "/");
    await page.getByTestId("jump-input").waitFor();
    await page.screenshot({ path: artifactPath("list-390.png") });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.close();
  });

  it("keeps the trace list's request and duration, and the DB statements' count and total, on screen; no blank line under Started", async () => {
    const width = 390;
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 844 });
    // At UTC the local time is not shown: its room, a line of its own on a phone, was left blank.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setTimezoneOverride", { timezoneId: "UTC" });
    const onScreen = async (what: Locator) => {
      const box = (await what.boundingBox())!;
      return box.x >= 0 && box.x + box.width <= width;
    };
    const scrollsSideways = (scroller: Locator) => scroller.evaluate((el) => el.scrollWidth > el.clientWidth);

    await page.goto(`${server.url}/`);
    const list = page.getByTestId("trace-list");
    await list.locator("tbody tr").first().waitFor();
    expect(await scrollsSideways(list.locator("xpath=.."))).toBe(false);
    for (const name of ["Root request", "Duration"]) expect(await onScreen(list.getByRole("columnheader", { name })), name).toBe(true);
    const row = list.locator("tbody tr").first();
    expect(await onScreen(row.getByRole("link"))).toBe(true);
    // What the row has no column for any more, under the request: when, spans and services.
    expect(await row.getByTestId("row-summary").innerText()).toMatch(/ago · \d+ spans · /);
    expect(await onScreen(row.getByText(/^\d[\d.]*\u00a0(s|ms|µs)$/).first())).toBe(true);
    await page.screenshot({ path: artifactPath("list-390-rows.png"), fullPage: true });

    await page.goto(`${server.url}/?view=requests`);
    const groups = page.getByTestId("signature-groups");
    await groups.locator("tbody tr").first().waitFor();
    expect(await scrollsSideways(groups.locator("xpath=.."))).toBe(false);
    for (const name of ["Request", "Traces", "Duration p50"])
      expect(await onScreen(groups.getByRole("columnheader", { name })), name).toBe(true);

    await page.goto(`${server.url}/traces/${bootId}?tab=db`);
    const started = page
      .getByRole("region", { name: "Trace summary" })
      .locator("dl > div")
      .filter({ has: page.locator("dt", { hasText: /^Started$/ }) });
    await started.waitFor();
    // One line of text-sm (20 px), not two.
    expect((await started.boundingBox())!.height).toBeLessThan(30);
    // The breakdowns' stand-in (in the server's HTML) gives way to their code once it has arrived,
    // right after the hydration: a tab found before that swap can be detached while the scroll
    // waits for it to be stable (at load 12-15), so the scroll is tried again on the new one.
    const dbTab = page.getByRole("tab", { name: "DB statements" });
    const scrolled = () =>
      dbTab.scrollIntoViewIfNeeded({ timeout: 2000 }).then(
        () => true,
        () => false,
      );
    await expect.poll(scrolled, { timeout: 10_000 }).toBe(true);
    const statements = page.getByTestId("db-statements");
    await statements.waitFor();
    expect(await scrollsSideways(statements.locator("xpath=.."))).toBe(false);
    for (const name of ["Statement (normalized)", "Count", "Total"])
      expect(await onScreen(statements.getByRole("columnheader", { name })), name).toBe(true);
    // The N+1 flag, whose column a phone has no room for, under its statement.
    expect(
      await statements
        .getByText(/^N\+1 ×\d+$/)
        .first()
        .isVisible(),
    ).toBe(true);
    await statements.screenshot({ path: artifactPath("db-statements-390.png") });

    // A row tapped: its details under the timeline, the rows still there (the panel took the box's
    // whole height, and the timeline's rows were gone until it was closed).
    await page.getByTestId("timeline-body").scrollIntoViewIfNeeded();
    await page.locator('[role="treeitem"]').nth(1).click();
    const details = page.getByTestId("span-details");
    await details.waitFor();
    expect((await page.getByTestId("timeline-body").boundingBox())!.height).toBeGreaterThan(120);
    expect((await details.boundingBox())!.height).toBeGreaterThan(200);
    await page.screenshot({ path: artifactPath("trace-390-span-selected.png") });
    await page.close();
  });
});

describe("a trace that is still running", () => {
  it("updates in place while its spans arrive: new rows without a reload, collapsed rows and the selection kept", async () => {
    // A boot that began 20 s ago. When the page opens, the first half of its notifications has
    // arrived, except glance's (its image lookup, early in the API's work, comes late): the rest
    // then lands both after and above what the page shows.
    const notifications = [
      ...generateProfilerNotifications({
        seed: "browser-live",
        scenario: "boot-server",
        spanCount: 200,
        traces: 1,
        start: Date.now() * 1000 - 20_000_000,
      }),
    ];
    const traceId = notifications[0]!.payload.base_id;
    const first = notifications.slice(0, Math.floor(notifications.length / 2)).filter((n) => n.payload.project !== "glance");
    const rest = notifications.filter((n) => !first.includes(n));
    expect(rest.some((n) => n.payload.project === "glance" && notifications.indexOf(n) < notifications.length / 4)).toBe(true);
    await postNotifications(server.url, asBodies(first));

    const page = await openTrace(`/traces/${traceId}`);
    const statuses: number[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname === `/api/traces/${traceId}`) statuses.push(r.status());
    });
    const live = page.getByTestId("live-indicator");
    await expect.poll(() => live.innerText()).toMatch(/^Live: watching for more spans, the last came \d+ s ago$/);
    // Collapse a row with children (the API's image lookup) and select another one; mark the
    // page to see that it is not reloaded.
    const parent = page.locator('[role="treeitem"][aria-level="3"][aria-expanded="true"]').first();
    const collapsedId = (await parent.getAttribute("data-span-id"))!;
    await parent.getByRole("button", { name: "Collapse" }).click();
    const before = await rowCount(page);
    const selected = page.locator(`[role="treeitem"][data-row="${Number(await parent.getAttribute("data-row")) + 1}"]`);
    const selectedId = (await selected.getAttribute("data-span-id"))!;
    await selected.click();
    // The URL follows both changes (it is written after a short pause, maybe once per change).
    await expect.poll(() => [urlQuery(page).get("toggle"), urlQuery(page).get("span")]).toEqual([collapsedId, selectedId]);
    const url = page.url();
    await page.evaluate(() => ((window as { __samePage?: boolean }).__samePage = true));
    // Unchanged meanwhile: the polls are answered 304.
    await expect.poll(() => statuses.filter((s) => s === 304).length, { timeout: 10_000 }).toBeGreaterThan(0);

    // Scrolled to the end: the row on top stays on top while rows are inserted above it.
    const body = page.getByTestId("timeline-body");
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const topRowBefore = Math.floor((await body.evaluate((el) => el.scrollTop)) / 24);
    const topId = await page.locator(`[role="treeitem"][data-row="${topRowBefore}"]`).getAttribute("data-span-id");

    await postNotifications(server.url, asBodies(rest));
    const compact = (await (await fetch(`${server.url}/api/traces/${traceId}`)).json()) as CompactTrace;
    const whole = convertCompactToTrace(compact);
    const expected = buildTimelineRows(createTraceView(whole), new Set([collapsedId])).count;
    expect(expected).toBeGreaterThan(before);
    await expect.poll(() => rowCount(page), { timeout: 15_000 }).toBe(expected);
    expect(await page.getByTestId("trace-span-count").innerText()).toBe(whole.size.toLocaleString("en"));
    expect(await page.evaluate(() => (window as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(page.url()).toBe(url);
    const topRow = Math.floor((await body.evaluate((el) => el.scrollTop)) / 24);
    expect(topRow).toBeGreaterThan(topRowBefore); // rows came in above it
    expect(await page.locator(`[role="treeitem"][data-row="${topRow}"]`).getAttribute("data-span-id")).toBe(topId);
    await body.evaluate((el) => (el.scrollTop = 0));
    expect(await page.locator(`[data-span-id="${selectedId}"]`).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(`[data-span-id="${collapsedId}"]`).getAttribute("aria-expanded")).toBe("false");
    await page.getByTestId("span-details").waitFor();
    expect(await live.innerText()).toMatch(/^Live:/);
    await page.screenshot({ path: artifactPath("trace-1440-live.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});

describe("a shared link's span that a live trace brings later", () => {
  it("is not revealed over the reader's own change made first (Hide DB spans), and is revealed where nothing was done", async () => {
    // A boot still running: two of its late DB statements not stored yet, each named by a link.
    const notifications = [
      ...generateProfilerNotifications({
        seed: "browser-reader-wins",
        scenario: "boot-server",
        spanCount: 120,
        traces: 1,
        start: Date.now() * 1000 - 20_000_000,
      }),
    ];
    const traceId = notifications[0]!.payload.base_id;
    const statements = [...new Set(notifications.filter((n) => n.payload.name === "db-start").map((n) => n.payload.trace_id))];
    const [acted, untouched] = statements.slice(-2) as [string, string];
    const late = new Set([acted, untouched]);
    await postNotifications(server.url, asBodies(notifications.filter((n) => !late.has(n.payload.trace_id))));

    // The reader hides DB spans before the linked statement is in.
    const page = await openTrace(`/traces/${traceId}?span=${acted}`);
    await page.getByTestId("hide-db").check();
    // Live: the URL names "critical path only" either way, as later spans may change the trace's default.
    await expect.poll(() => page.url()).toContain(`?hideDb=1&crit=1&span=${acted}`);
    // The same kind of link, left alone (its own hideDb=1 is the link's, not the reader's).
    const other = await openTrace(`/traces/${traceId}?hideDb=1&span=${untouched}`);
    const spans = Number((await page.getByTestId("trace-span-count").innerText()).replace(/,/g, ""));

    await postNotifications(server.url, asBodies(notifications.filter((n) => late.has(n.payload.trace_id))));
    for (const p of [page, other]) {
      await expect.poll(() => p.getByTestId("trace-span-count").innerText(), { timeout: 15_000 }).toBe((spans + 2).toLocaleString("en"));
    }
    // Left alone, the link's span is shown (its filter relaxed) and selected.
    await expect.poll(() => other.locator(`[data-span-id="${untouched}"]`).getAttribute("aria-selected")).toBe("true");
    expect(await other.getByTestId("hide-db").isChecked()).toBe(false);
    // The reader's change stands: DB spans stay hidden, the statement has no row, the URL is theirs.
    await page.waitForTimeout(500); // past the URL's write delay
    expect(await page.getByTestId("hide-db").isChecked()).toBe(true);
    expect(await page.locator(`[data-span-id="${acted}"]`).count()).toBe(0);
    expect(urlQuery(page).get("hideDb")).toBe("1");
    expect(urlQuery(page).get("span")).toBe(acted);
    await page.screenshot({ path: artifactPath("trace-1440-reader-wins.png") });
    await page.close();
    await other.close();
    expect(pageErrors).toEqual([]);
  });
});

describe("instead of a trace", () => {
  /** A page opened where no trace is drawn: what the console said (React's #441 was one). */
  async function openMessage(url: string): Promise<{ page: Page; consoleErrors: string[]; status: number | undefined }> {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      // A 404's own "Failed to load resource" line is the browser's, not the page's.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    const response = await page.goto(url);
    await page.getByRole("heading", { level: 1 }).waitFor();
    return { page, consoleErrors, status: response?.status() };
  }

  it("says a malformed id is not a trace id (page 404, API 400 naming the expected form), not that it may still arrive", async () => {
    for (const bad of ["not-a-uuid", "0c6a8b65-1e1c", "%3Cscript%3E"]) {
      const response = await fetch(`${server.url}/traces/${bad}`);
      expect(response.status, bad).toBe(404);
      const html = await response.text();
      expect(html, bad).toContain("trace-id-malformed");
      expect(html, bad).not.toContain("on their way");
      const api = await fetch(`${server.url}/api/traces/${bad}`);
      expect(api.status, bad).toBe(400);
      expect(((await api.json()) as { error: string }).error, bad).toMatch(
        /is not a trace id \(OSprofiler base_id\): expected a UUID like [0-9a-f-]{36}$/,
      );
    }
    const { page, consoleErrors } = await openMessage(`${server.url}/traces/not-a-uuid`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Not a valid trace id");
    expect(await page.getByTestId("trace-id-malformed").innerText()).toMatch(/a UUID like [0-9a-f-]{36}/);
    await page.screenshot({ path: artifactPath("trace-id-malformed.png") });
    await page.getByRole("link", { name: "Back to the trace list" }).click();
    await page.waitForURL(`${server.url}/`);
    // A well-formed id that is not stored still gets the page that says why it may not be there yet.
    await page.goto(`${server.url}/traces/11111111-2222-4333-8444-555555555555`);
    await page.getByTestId("trace-not-found").waitFor();
    expect(await page.getByTestId("trace-id-malformed").count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("says the database is unreachable and to retry when the trace (or the list, a comparison, a statement) cannot be read, with no error in the console, and 503 once known", async () => {
    // Traces are read from OSTRACE_READ_DATABASE_URL when it is set (a PostgreSQL primary's
    // replica); nothing listens on port 1. Health and the header read the primary, which answers.
    const primary = await createTestDb("postgresql");
    const down = await startServer({ DATABASE_URL: primary.url, OSTRACE_READ_DATABASE_URL: "postgresql://root@127.0.0.1:1/unreachable" });
    try {
      const path = `/traces/${bootId}?hideDb=1`;
      // The first page of the outage answers 503 too: the proxy probes before a page once the
      // database's last answer is a second old, and nothing here read before.
      const { page, consoleErrors, status } = await openMessage(down.url + path);
      expect(status).toBe(503);
      const message = page.getByTestId("database-unreachable");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("The database is unreachable");
      expect(await message.innerText()).toMatch(/database does not answer.*retry in a moment/s);
      expect(await message.getAttribute("role")).toBe("alert");
      await page.screenshot({ path: artifactPath("trace-database-unreachable.png") });
      expect(await page.getByRole("link", { name: "Try again" }).getAttribute("href")).toBe(path);
      expect(consoleErrors).toEqual([]);
      await page.close();
      // The list, the compare page and a statement's page say the same, as 503 Service
      // Unavailable (what a monitor or a proxy's health check can tell from a page that works):
      // the proxy probes before each page while the outage lasts, and the page probes no more.
      const statement = "/statements/0123456789abcdef";
      for (const other of ["/?sort=slowest", `/compare/${bootId}/11111111-2222-4333-8444-555555555555`, statement]) {
        const opened = await openMessage(down.url + other);
        expect(opened.status, other).toBe(503);
        await opened.page.getByTestId("database-unreachable").waitFor();
        expect(await opened.page.getByRole("heading", { level: 1 }).innerText(), other).toBe("The database is unreachable");
        expect(await opened.page.getByRole("link", { name: "Try again" }).getAttribute("href"), other).toBe(other);
        expect(opened.consoleErrors, other).toEqual([]);
        await opened.page.close();
      }
      const again = await fetch(down.url + path);
      expect([again.status, again.headers.get("retry-after")]).toEqual([503, "10"]);
      expect(await again.text()).toContain("database-unreachable");
      // Only the pages that read traces: their scripts and the pages that read none answer as before.
      expect((await fetch(`${down.url}/no-such-page`)).status).toBe(404);
      expect(down.output()).toMatch(/"msg":"page read failed: the database does not answer"/);
    } finally {
      await down.stop();
      await primary.drop();
    }
    // A server of its own and five pages that each wait for a refused connection: 25-30 s here.
  }, 90_000);
});
