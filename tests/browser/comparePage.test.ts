// Two traces side by side in real Chromium: a fast boot of one VM (A) against a slow boot of
// four (B), picked in the list, compared, collapsed, filtered, searched, and the view
// reproduced from its URL. Screenshots go to test-artifacts/.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  alignCriticalPaths,
  alignTraces,
  computeCriticalPath,
  convertCompactToTrace,
  createTraceView,
  type CompactTrace,
} from "@/lib/trace";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { seedSyntheticTraces } from "./support/seed";

let server: TestServer;
let browser: TestBrowser;
const pageErrors: string[] = [];
let fastId = "";
let slowId = "";
/** Two lists of servers: the API does the work before answering (no async tail). */
let listAId = "";
let listBId = "";

const urlQuery = (page: Page) => new URL(page.url()).searchParams;
const rowCount = async (page: Page) => Number(await page.getByTestId("compare-body").getAttribute("data-row-count"));
const classesOnScreen = async (page: Page) =>
  new Set(await page.locator('[role="treeitem"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-class"))));

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(server.url + path);
  return page;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Two boots an hour apart, so the list shows both on its first page; both in the past: not live.
  fastId = (
    await seedSyntheticTraces(server.url, {
      seed: "compare-fast",
      scenario: "boot-server",
      spanCount: 90,
      traces: 1,
      errorRate: 0,
      start: "2024-05-01T10:00:00",
    })
  )[0]!;
  slowId = (
    await seedSyntheticTraces(server.url, {
      seed: "compare-slow",
      scenario: "boot-server",
      spanCount: 220,
      traces: 1,
      errorRate: 0,
      start: "2024-05-01T11:00:00",
    })
  )[0]!;
  const seedList = async (seed: string, start: string) =>
    (await seedSyntheticTraces(server.url, { seed, scenario: "list-servers", spanCount: 60, traces: 1, errorRate: 0, start }))[0]!;
  listAId = await seedList("compare-list-a", "2024-05-01T07:00:00");
  listBId = await seedList("compare-list-b", "2024-05-01T08:00:00");
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("two traces side by side", () => {
  it("is reached by picking two traces in the list, and shows the classes, the groups and a summing-up sentence", async () => {
    const page = await open("/");
    // The request both boots made, as the list names it: the compare page's title and heading say it.
    const listName = (id: string) => page.locator(`tr[data-trace-id="${id}"] a[href^="/traces/"]`).first().innerText();
    const request = await listName(fastId);
    expect(request).toMatch(/^POST \/v2\.1\/servers/);
    expect(await listName(slowId)).toBe(request);
    await page.locator(`tr[data-trace-id="${fastId}"] [data-testid="compare-checkbox"]`).check();
    expect(await page.getByTestId("compare-button").getAttribute("aria-disabled")).toBe("true");
    await page.locator(`tr[data-trace-id="${slowId}"] [data-testid="compare-checkbox"]`).check();
    await page.getByTestId("compare-button").click();
    await page.waitForURL(`**/compare/${fastId}/${slowId}`);
    await page.waitForSelector('[role="treeitem"]');
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(`Compare ${request}`);
    expect(await page.title()).toBe(`Compare ${request}: ${fastId.slice(0, 8)} with ${slowId.slice(0, 8)} · ostrace`);
    // Two boots: their casts' work outlived the API's answer, so the pair opens on the critical
    // path (below, "critical path only on the compare page"); every span here.
    await page.getByRole("button", { name: "Show every span" }).click();
    await expect.poll(() => urlQuery(page).get("crit")).toBe("0");

    expect(await page.getByTestId("compare-summary").innerText()).toMatch(
      /^B is [\d.]+\u00a0s slower than A \([\d.]+\u00a0s against [\d.]+\u00a0s\): \+[\d.]+\u00a0s in .*LibvirtDriver\.spawn/,
    );
    expect(await page.getByTestId("compare-legend").innerText()).toMatch(
      /B faster[\s\S]*B slower[\s\S]*B same[\s\S]*(?<!B )missing in B[\s\S]*(?<!B )new in B/,
    );
    // The first screen already holds calls in both (same, slower) and calls only in B.
    const classes = await classesOnScreen(page);
    for (const cls of ["same", "slower", "new"]) expect(classes, [...classes].join(",")).toContain(cls);
    // B boots four VMs: the three extra INSERTs of each kind are one collapsed row, not three.
    const group = page.locator('[role="treeitem"]', { has: page.getByTestId("group-count") }).first();
    expect(await group.getByTestId("group-count").innerText()).toBe("+3 ×");
    expect(await group.getAttribute("aria-expanded")).toBe("false");
    expect(await group.getAttribute("data-class")).toBe("new");
    // Every row draws A's bar and B's where the call is in that trace.
    const newRow = page.locator('[role="treeitem"][data-class="new"]').first();
    expect(await newRow.getByTestId("bar-a").count()).toBe(0);
    expect(await newRow.getByTestId("bar-b").count()).toBe(1);
    const sameRow = page.locator('[role="treeitem"][data-class="same"]').first();
    expect(await sameRow.getByTestId("bar-a").count()).toBe(1);
    expect(await sameRow.getByTestId("bar-b").count()).toBe(1);
    await page.screenshot({ path: artifactPath("compare-1440.png") });

    // Opening a group shows its members, each a new call.
    const before = await rowCount(page);
    await group.getByRole("button", { name: "Expand" }).click();
    await expect.poll(() => rowCount(page)).toBe(before + 3);
    await expect.poll(() => urlQuery(page).get("toggle")).toMatch(/^group-/);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("collapses, hides DB calls and searches like the trace page, and a fresh page from the URL shows the same", async () => {
    const page = await open(`/compare/${fastId}/${slowId}`);
    await page.waitForSelector('[role="treeitem"]');
    const all = await rowCount(page);

    await page.getByRole("button", { name: "Collapse all" }).click();
    await expect.poll(() => rowCount(page)).toBe(1);
    // The collapsed root shows its whole subtree against A's: slower, with the rows it hides.
    const root = page.locator('[role="treeitem"][data-row="0"]');
    expect(await root.getAttribute("data-class")).toBe("slower");
    // It hides every row below it, the members of the (collapsed) groups included.
    expect(Number((await root.getByTestId("hidden-count").innerText()).replace(/\D/g, ""))).toBeGreaterThan(all - 1);
    await root.getByRole("button", { name: "Expand" }).click();
    await expect.poll(() => rowCount(page)).toBeGreaterThan(1);
    const expanded = await rowCount(page);

    await page.getByTestId("hide-db").check();
    await expect.poll(() => urlQuery(page).get("hideDb")).toBe("1");
    await page.getByTestId("search").fill("spawn");
    await expect.poll(() => urlQuery(page).get("q")).toBe("spawn");
    await expect.poll(() => page.getByTestId("search-status").innerText()).toMatch(/^\d+ match/);
    expect(urlQuery(page).get("level")).toBe("0");
    expect(urlQuery(page).get("toggle")).toBeTruthy();
    const query = new URL(page.url()).search;
    const shownRows = await rowCount(page);
    expect(shownRows).toBeLessThanOrEqual(expanded);
    await page.screenshot({ path: artifactPath("compare-1440-filtered.png") });

    const again = await open(`/compare/${fastId}/${slowId}${query}`);
    await again.waitForSelector('[role="treeitem"]');
    expect(await rowCount(again)).toBe(shownRows);
    expect(await again.getByTestId("hide-db").isChecked()).toBe(true);
    expect(await again.getByTestId("search").inputValue()).toBe("spawn");
    expect(await again.getByTestId("search-status").innerText()).toBe(await page.getByTestId("search-status").innerText());
    await page.close();
    await again.close();
    expect(pageErrors).toEqual([]);
  });

  it("shows a link's search hit that sits in a collapsed subtree, as the trace page does: its ancestors expanded, scrolled to", async () => {
    // The hit's id as going to it writes it in the URL.
    const page = await open(`/compare/${fastId}/${slowId}`);
    await page.waitForSelector('[role="treeitem"]');
    await page.getByTestId("search").fill("spawn");
    await page.getByTestId("search").press("Enter");
    await expect.poll(() => urlQuery(page).get("span")).toBeTruthy();
    const hit = urlQuery(page).get("span")!;
    await page.close();

    // A link that names it with everything collapsed (no toggle: written by hand, or before the page wrote them).
    const linked = await open(`/compare/${fastId}/${slowId}?q=spawn&level=0&span=${hit}`);
    const row = linked.locator(`[role="treeitem"][aria-selected="true"]`);
    await row.waitFor();
    expect(await row.getByTestId("compare-row-name").innerText()).toMatch(/spawn/);
    // In the timeline's box, not below it.
    const body = (await linked.getByTestId("compare-body").boundingBox())!;
    const box = (await row.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(body.y);
    expect(box.y + box.height).toBeLessThanOrEqual(body.y + body.height);
    // Only its ancestors were expanded: the level stays, the URL says what was opened.
    await expect.poll(() => urlQuery(linked).get("toggle")).toBeTruthy();
    expect(urlQuery(linked).get("level")).toBe("0");
    expect(await rowCount(linked)).toBeGreaterThan(1);
    await linked.close();
    expect(pageErrors).toEqual([]);
  });

  it("is reached from a trace page's 'Compare with…' box, and answers 404 for an unknown trace", async () => {
    const page = await open(`/traces/${slowId}`);
    await page.getByTestId("compare-with-input").fill(`Trace ID: ${fastId}`);
    await page.getByTestId("compare-with-input").press("Enter");
    await page.waitForURL(`**/compare/${fastId}/${slowId}`);
    await page.waitForSelector('[role="treeitem"]');
    await page.close();

    // The first 8 characters, as a reader types them in the list's box, name one stored trace.
    const byPrefix = await open(`/traces/${slowId}`);
    await byPrefix.getByTestId("compare-with-input").fill(fastId.slice(0, 8));
    await byPrefix.getByTestId("compare-with-input").press("Enter");
    await byPrefix.waitForURL(`**/compare/${fastId}/${slowId}`);
    await byPrefix.waitForSelector('[role="treeitem"]');
    await byPrefix.close();

    const unknown = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";
    const response = await fetch(`${server.url}/compare/${fastId}/${unknown}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("compare-not-found");
    expect((await fetch(`${server.url}/compare/${fastId}/not-an-id`)).status).toBe(404);
    expect(pageErrors).toEqual([]);
  });

  it("says so in the 'Compare with…' box when the reader pastes this trace's own base_id, and stays on the trace", async () => {
    const page = await open(`/traces/${slowId}`);
    const input = page.getByTestId("compare-with-input");
    const problem = page.locator("#compare-with-problem");
    // A link to this very trace, as copied from the address bar.
    await input.fill(`${server.url}/traces/${slowId.toUpperCase()}`);
    await input.press("Enter");
    await expect.poll(() => problem.innerText()).toBe("That is this trace's base_id: paste another trace's to compare with.");
    expect(await problem.getAttribute("role")).toBe("alert");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await input.getAttribute("aria-describedby")).toBe("compare-with-problem");
    expect(new URL(page.url()).pathname).toBe(`/traces/${slowId}`);
    await page.screenshot({ path: artifactPath("compare-with-own-id.png") });
    // Its first hex digits, which only this trace's base_id starts with: said differently, nothing opened either.
    const prefix = slowId.slice(0, 8);
    expect(fastId.startsWith(prefix)).toBe(false);
    await input.fill(prefix);
    expect(await problem.count()).toBe(0);
    await input.press("Enter");
    await expect.poll(() => problem.innerText()).toBe(`Only this trace's base_id starts with “${prefix}”.`);
    expect(new URL(page.url()).pathname).toBe(`/traces/${slowId}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("zooms by a drag across the ruler, with Reset zoom beside the ruler (over no tick label), which shows both traces whole again", async () => {
    const page = await open(`/compare/${fastId}/${slowId}`);
    await page.waitForSelector('[role="treeitem"]');
    const timeline = page.getByTestId("compare-timeline");
    const ruler = timeline.getByTestId("time-ruler");
    const tickLabels = () =>
      ruler.locator("span.tabular-nums").evaluateAll((spans) =>
        spans
          .map((s) => s.getBoundingClientRect())
          .filter((r) => r.width > 0)
          .map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })),
      );
    const firstTick = () => ruler.locator("span.tabular-nums").first().innerText();
    expect(await firstTick()).toBe("0");
    expect(await timeline.getByRole("button", { name: "Reset zoom" }).count()).toBe(0);
    const area = (await ruler.boundingBox())!;
    const y = area.y + area.height / 2;
    await page.mouse.move(area.x + 0.4 * area.width, y);
    await page.mouse.down();
    await page.mouse.move(area.x + 0.5 * area.width, y, { steps: 3 });
    await page.mouse.move(area.x + 0.6 * area.width, y, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => urlQuery(page).get("zoom")).toMatch(/^\d+-\d+$/);
    // The ruler now starts 40% into the longer trace.
    await expect.poll(firstTick).not.toBe("0");
    const reset = timeline.getByRole("button", { name: "Reset zoom" });
    const button = (await reset.boundingBox())!;
    const rulerBox = (await ruler.boundingBox())!;
    // Beside the ruler: at the end of the names column's head, on the ruler's line, left of its first tick.
    expect(button.x + button.width).toBeLessThanOrEqual(rulerBox.x + 1);
    expect(button.y).toBeGreaterThanOrEqual(rulerBox.y - 1);
    expect(button.y + button.height).toBeLessThanOrEqual(rulerBox.y + rulerBox.height + 1);
    const labels = await tickLabels();
    expect(labels.length).toBeGreaterThan(2);
    const overlaps = (a: typeof button, b: typeof button) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(labels.filter((label) => overlaps(button, label))).toEqual([]);
    await page.screenshot({ path: artifactPath("compare-1440-zoomed.png") });
    await reset.click();
    await expect.poll(() => urlQuery(page).get("zoom")).toBeNull();
    expect(await firstTick()).toBe("0");
    expect(await reset.count()).toBe(0);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("keeps the difference on a phone's screen beside the bars, the header over the rows, nothing scrolling sideways", async () => {
    const page = await open(`/compare/${fastId}/${slowId}`);
    await page.setViewportSize({ width: 390, height: 844 });
    const row = page.locator('[role="treeitem"]').first();
    await row.waitFor();
    const body = page.getByTestId("compare-body");
    // The rows' 39rem of columns once made the body scroll sideways under a header that did not.
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const difference = row.locator("> div").last();
    const box = (await difference.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await difference.innerText()).toMatch(/^([+−-]?[\d,.]+|new|missing)$/);
    // The header's "B − A" stands over that column, and the bars under the ruler.
    const header = (await page.getByText("B − A", { exact: true }).boundingBox())!;
    expect(Math.abs(header.x + header.width - (box.x + box.width))).toBeLessThan(2);
    const ruler = (await page.getByTestId("compare-timeline").getByTestId("time-ruler").boundingBox())!;
    const bars = (await row.locator(".timeline-bar-cell").boundingBox())!;
    expect(Math.abs(ruler.x - bars.x)).toBeLessThan(1);
    expect(Math.abs(ruler.width - bars.width)).toBeLessThan(1);
    // Each row names its call there: the service before it (a column's width of "osapi_compute") left it none.
    expect(await row.getByTestId("compare-row-name").innerText()).toMatch(/^(GET|POST|PUT|DELETE|PATCH) \//);
    await page.screenshot({ path: artifactPath("compare-390.png") });
    // Both times are in the details panel a row opens.
    await row.click();
    await expect.poll(() => page.locator("body").innerText()).toMatch(/in B against .* in A/);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});

describe("critical path only on the compare page", () => {
  const rowTexts = (page: Page) =>
    page
      .locator('[role="treeitem"]')
      .evaluateAll((rows) =>
        rows
          .filter((r) => r.getBoundingClientRect().bottom <= window.innerHeight)
          .map((r) => `${r.getAttribute("data-fold") ? "fold " : ""}${(r as HTMLElement).innerText.replace(/\s+/g, " ")}`),
      );

  it("opens two server creates on the rows either trace's path runs through: the casts' work on a laptop's first screen, the API's statements folded", async () => {
    const page = await open(`/compare/${fastId}/${slowId}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForSelector('[role="treeitem"]');
    expect(await page.getByTestId("critical-only").isChecked()).toBe(true);
    expect(await page.getByTestId("critical-path-first").innerText()).toMatch(
      /^Opened on the critical path: in either trace, most of the request's time came after the API answered\. Show every span$/,
    );
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/off the critical path · [\d,]+ in folds$/);
    const first = await rowTexts(page);
    // The API's own statements are folded into a row; the conductor's and compute's work is on the first screen.
    expect(
      first.some((t) => /^fold \S+ [\d,]+ rows, [\d.]+ \S+ of the paths$/.test(t)),
      first.join("\n"),
    ).toBe(true);
    expect(
      first.some((t) => /^\S+ nova-conductor/.test(t)),
      first.join("\n"),
    ).toBe(true);
    expect(
      first.some((t) => /^\S+ nova-compute/.test(t)),
      first.join("\n"),
    ).toBe(true);
    await page.screenshot({ path: artifactPath("compare-1366-critical.png") });
    // A plain link means this view: the URL names nothing.
    expect(urlQuery(page).get("crit")).toBeNull();

    // A fold opens on click, and stays open in the link.
    const folds = await page.locator('[data-fold="1"]').count();
    const rows = await rowCount(page);
    await page.locator('[data-fold="1"]').first().click();
    await expect.poll(() => rowCount(page)).toBeGreaterThan(rows);
    expect(await page.locator('[data-fold="1"]').count()).toBeLessThanOrEqual(folds);
    await expect.poll(() => urlQuery(page).get("fold")).toBeTruthy();

    // "Show every span" turns it off: every row, the note gone, the link says crit=0.
    await page.getByRole("button", { name: "Show every span" }).click();
    await expect.poll(() => page.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await page.getByTestId("critical-path-first").count()).toBe(0);
    expect(await page.locator('[data-fold="1"]').count()).toBe(0);
    await expect.poll(() => urlQuery(page).get("crit")).toBe("0");
    expect(urlQuery(page).get("fold")).toBeNull();
    expect(await page.getByTestId("hidden-counts").innerText()).toMatch(/^Showing ([\d,]+) of \1 spans$/);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("opens a link to a row off both paths with every span from the first render, and no note", async () => {
    // A row on neither trace's path, found as the page finds them (both traces as the API sends them).
    const read = async (id: string) =>
      convertCompactToTrace((await (await fetch(`${server.url}/api/traces/${id}`)).json()) as CompactTrace);
    const al = alignTraces(await read(fastId), await read(slowId));
    const path = alignCriticalPaths(al, computeCriticalPath(al.a), computeCriticalPath(al.b));
    const kept = createTraceView(al.merged, { criticalOnly: true, criticalPath: path }).position;
    const off = kept.findIndex((p, r) => p < 0 && al.group[r] === 0);
    expect(off).toBeGreaterThanOrEqual(0);
    const offPath = al.merged.spanId[off]!;

    // Whether the path's view was ever rendered, if only before the row was shown.
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    page.on("pageerror", (error) => pageErrors.push(`off-path link: ${error.message}`));
    await page.addInitScript(() => {
      const w = window as unknown as { pathViewSeen: boolean };
      w.pathViewSeen = false;
      // Read from the records: a view rendered and replaced within one task is gone from the DOM by the callback.
      const pathView = '[data-testid="critical-path-first"], [data-fold="1"]';
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof Element && (node.matches(pathView) || node.querySelector(pathView))) w.pathViewSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/compare/${fastId}/${slowId}?span=${encodeURIComponent(offPath)}`);
    const row = page.locator('[role="treeitem"][aria-selected="true"]');
    await row.waitFor();
    expect(await row.getAttribute("data-row-id")).toBe(offPath);
    expect(await page.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { pathViewSeen: boolean }).pathViewSeen)).toBe(false);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("goes to a search hit inside a fold: the fold opened (in the link), the row selected in view", async () => {
    const page = await open(`/compare/${fastId}/${slowId}`);
    await page.waitForSelector('[data-fold="1"]');
    // The API's statements are folded: the first SELECT is one of them.
    await page.getByTestId("search").fill("SELECT");
    await page.getByTestId("search").press("Enter");
    const row = page.locator('[role="treeitem"][aria-selected="true"]');
    await row.waitFor();
    expect(await row.getByTestId("compare-row-name").innerText()).toMatch(/SELECT/);
    await expect.poll(() => urlQuery(page).get("fold")).toBeTruthy();
    expect(await page.getByTestId("critical-only").isChecked()).toBe(true);
    const body = (await page.getByTestId("compare-body").boundingBox())!;
    const box = (await row.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(body.y);
    expect(box.y + box.height).toBeLessThanOrEqual(body.y + body.height);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it("opens with every span from a link with crit=0, and a pair of plain traces as before; the box turns it on, and its link says crit=1", async () => {
    const off = await open(`/compare/${fastId}/${slowId}?crit=0`);
    await off.waitForSelector('[role="treeitem"]');
    expect(await off.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await off.getByTestId("critical-path-first").count()).toBe(0);
    expect(await off.getByTestId("hidden-counts").innerText()).toMatch(/^Showing ([\d,]+) of \1 spans$/);
    // Turned on again: the rows on the paths, and the view a plain link opens.
    const all = await rowCount(off);
    await off.getByTestId("critical-only").check();
    await expect.poll(() => rowCount(off)).toBeLessThan(all);
    await expect.poll(() => urlQuery(off).get("crit")).toBeNull();
    // The reader's choice, not how the page opened: no note saying it opened so.
    expect(await off.getByTestId("critical-path-first").count()).toBe(0);
    await off.close();

    const plain = await open(`/compare/${listAId}/${listBId}`);
    await plain.waitForSelector('[role="treeitem"]');
    expect(await plain.getByTestId("critical-only").isChecked()).toBe(false);
    expect(await plain.getByTestId("critical-path-first").count()).toBe(0);
    expect(await plain.getByTestId("hidden-counts").innerText()).toMatch(/^Showing ([\d,]+) of \1 spans$/);
    await plain.getByTestId("critical-only").check();
    await expect.poll(() => urlQuery(plain).get("crit")).toBe("1");
    expect(await plain.getByTestId("hidden-counts").innerText()).toMatch(/critical path/);
    await plain.close();
    expect(pageErrors).toEqual([]);
  });
});
