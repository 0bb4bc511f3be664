// Long words in narrow boxes, in real Chromium against the real server: a SQL placeholder as long
// as the tokenizer takes (%(<100 characters>)s) wraps inside the details panel's SQL block instead
// of running out of it, while the short ones stay whole; on a statement's page at a phone's width,
// a request wraps between its path segments, never inside a word. Seeded through POST /api/ingest.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeV2, profilerPayload } from "@/tests/support/amqp";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";
import { installPlaceholderMeasures } from "./support/sqlPlaceholders";

let server: TestServer;
let browser: TestBrowser;
const pageErrors: string[] = [];
const traceId = randomUUID();
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
/** Folded to POST /v2.1/servers/{id}/os-interface/{id}: longer than a phone's column, its segments short. */
const PATH = `/v2.1/servers/${randomUUID()}/os-interface/${randomUUID()}`;
const LONG_NAME = `instance_system_metadata_${"x".repeat(75)}`;
/** A request path as long as the page shows one (ingest keeps 64K, the page 4,000): the details panel's title is its call. */
const HOSTILE_PATH = `/v1/AUTH_hostile/c/${"o/".repeat(1500)}`;
const STATEMENT =
  "SELECT instance_system_metadata.key, instance_system_metadata.value FROM instance_system_metadata " +
  `WHERE instance_system_metadata.instance_uuid = %(instance_uuid_1)s AND instance_system_metadata.key = %(${LONG_NAME})s ` +
  "AND instance_system_metadata.deleted = :deleted_1 LIMIT %(param_1)s";

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const root = randomUUID();
  const db = randomUUID();
  const hostile = randomUUID();
  const span = { traceId, project: "nova", service: "osapi_compute" };
  const bodies = [
    profilerPayload({
      ...span,
      spanId: root,
      parentId: traceId,
      name: "wsgi",
      phase: "start",
      us: T0,
      info: { request: { method: "POST", path: PATH, query: "", scheme: "http" } },
    }),
    profilerPayload({
      ...span,
      spanId: db,
      parentId: root,
      name: "db",
      phase: "start",
      us: T0 + 100,
      info: { db: { statement: STATEMENT, params: {} } },
    }),
    profilerPayload({ ...span, spanId: db, parentId: root, name: "db", phase: "stop", us: T0 + 900 }),
    profilerPayload({
      ...span,
      spanId: hostile,
      parentId: root,
      name: "wsgi",
      phase: "start",
      us: T0 + 1000,
      info: { request: { method: "GET", path: HOSTILE_PATH, query: "", scheme: "http" } },
    }),
    profilerPayload({ ...span, spanId: hostile, parentId: root, name: "wsgi", phase: "stop", us: T0 + 1100 }),
    profilerPayload({ ...span, spanId: root, parentId: traceId, name: "wsgi", phase: "stop", us: T0 + 2000 }),
  ].map((p) => JSON.parse(envelopeV2(p)) as unknown);
  await postNotifications(server.url, bodies);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, width: number): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.setViewportSize({ width, height: 900 });
  page.on("pageerror", (error) => pageErrors.push(`${path}: ${error.message}`));
  await page.goto(server.url + path);
  return page;
}

describe("a SQL placeholder in the details panel", () => {
  it("keeps one that fits a line whole, wraps one longer than the line inside the block, at any width", async () => {
    const page = await open(`/traces/${traceId}`, 1440);
    await page.locator('[role="treeitem"]').filter({ hasText: "SELECT instance_system_metadata" }).click();
    const block = page.getByTestId("span-details").getByTestId("sql-block");
    await expect.poll(() => block.innerText()).toContain(LONG_NAME);
    await installPlaceholderMeasures(page);
    const found = await block.evaluate((pre: HTMLElement) => {
      const { find, lines, oneLineWidth } = window.placeholderMeasures;
      const named = find(pre);
      const oneLine = new Map(named.map((s) => [s, oneLineWidth(s)]));
      const problems = new Set<string>();
      let longWrapped = false;
      for (let width = 160; width <= 1000; width += 3) {
        pre.style.width = `${width}px`;
        const style = getComputedStyle(pre);
        const content = pre.getBoundingClientRect();
        const right = content.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
        const blockRoom = right - (content.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth));
        for (const s of named) {
          const text = s.textContent!.slice(0, 24);
          // A formatted line's box starts after its indent, and its wrapped lines 2 characters further in
          // (components/trace/SqlBlock.tsx): the line a placeholder has is from there to the block's edge.
          const box = s.closest<HTMLElement>("[data-sql-line]");
          const room = box ? right - 1 - (box.getBoundingClientRect().left + parseFloat(getComputedStyle(box).paddingLeft)) : blockRoom;
          if (oneLine.get(s)! <= room && lines(s) > 1) problems.add(`${width}px: ${text} split though it fits`);
          if (s.getBoundingClientRect().right > right + 0.5) problems.add(`${width}px: ${text} runs out of the block`);
          if (s.textContent!.length > 100 && lines(s) > 1) {
            longWrapped = true;
            // Its lines filled, not "%" alone on the first one (a break Unicode allows there).
            const range = document.createRange();
            range.selectNodeContents(s);
            const first = range.getClientRects()[0]!;
            if (first.width < room - 16)
              problems.add(`${width}px: the long one's first line is ${Math.round(first.width)} of ${Math.round(room)} px`);
          }
        }
        if (pre.scrollWidth > pre.clientWidth) problems.add(`${width}px: the block scrolls sideways`);
      }
      pre.style.width = "";
      return { named: named.map((s) => s.textContent!.length), problems: [...problems].slice(0, 10), longWrapped };
    });
    // %(instance_uuid_1)s, the long one (104 characters), :deleted_1, and LIMIT's %(param_1)s alone on its line.
    expect(found.named).toEqual([19, 104, 10, 11]);
    expect(found.problems).toEqual([]);
    expect(found.longWrapped).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("span-details").screenshot({ path: artifactPath("narrow-sql-placeholder-390.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});

describe("the details panel of a span with a long call", () => {
  it("keeps most of its height for the details, on a wide screen and on a phone", async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const page = await open(`/traces/${traceId}`, width);
      await page.setViewportSize({ width, height });
      await page.locator('[role="treeitem"]').filter({ hasText: "AUTH_hostile" }).first().click();
      const panel = page.getByTestId("span-details");
      await expect.poll(() => panel.getByTestId("span-details-title").count()).toBe(1);
      // Its header and the scrolling details under it: a title of thousands of characters, wrapped
      // whole, took the panel's height and left the details none (the panel hides what overflows).
      const sizes = await panel.evaluate((aside: HTMLElement) => ({
        panel: aside.getBoundingClientRect().height,
        body: aside.lastElementChild!.getBoundingClientRect().height,
      }));
      expect(sizes.body, `${width}px`).toBeGreaterThan(sizes.panel / 2);
      await panel.getByText("Span id").scrollIntoViewIfNeeded();
      expect(await panel.getByText("Span id").isVisible()).toBe(true);
      // The whole call is still the title's, to read (its tooltip) and to copy.
      expect(await panel.getByTestId("span-details-title").getAttribute("title")).toBe(`GET ${HOSTILE_PATH}`);
      await panel.screenshot({ path: artifactPath(`narrow-long-title-${width}.png`) });
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

describe("the details panel of a root span", () => {
  it("says its parent is the trace beside the id, without breaking a word of that note", async () => {
    for (const width of [1440, 390]) {
      const page = await open(`/traces/${traceId}`, width);
      await page.locator('[role="treeitem"]').filter({ hasText: "os-interface" }).first().click();
      const note = page.getByTestId("span-details").getByText("(the trace: a root)");
      await expect.poll(() => note.count()).toBe(1);
      // Each word's characters on one line: the id beside it breaks anywhere (break-all), which the
      // note inherited, so "(the tr|ace: a root)" at 1440 px.
      const split = await note.evaluate((el: HTMLElement) => {
        const text = el.firstChild as Text;
        const words: string[] = [];
        for (const match of text.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) words.push(match[0]);
        }
        return words;
      });
      expect(split, `${width}px`).toEqual([]);
      await page.getByTestId("span-details").screenshot({ path: artifactPath(`narrow-root-parent-${width}.png`) });
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

describe("a statement's page on a phone", () => {
  it("wraps the request links between path segments, never inside a word, and does not scroll sideways", async () => {
    const trace = await open(`/traces/${traceId}?tab=db`, 1440);
    const href = await trace.getByTestId("statement-across-traces").first().getAttribute("href");
    await trace.close();
    expect(href).toMatch(/^\/statements\/[0-9a-f]{16}$/);
    const page = await open(href!, 390);
    const links = page.locator("[data-testid=statement-per-request] a, [data-testid=statement-slowest] a");
    expect(await links.count()).toBe(2);
    for (const link of await links.all()) {
      expect(await link.innerText()).toBe("POST /v2.1/servers/{id}/os-interface/{id}");
      // Where each line ends: the character before each break.
      const breaks = await link.evaluate((a: HTMLElement) => {
        const chars: { c: string; top: number }[] = [];
        const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect) chars.push({ c: node.textContent![i]!, top: rect.top });
          }
        }
        return chars.flatMap((ch, i) => (i > 0 && ch.top > chars[i - 1]!.top + 2 ? [chars[i - 1]!.c] : []));
      });
      expect(breaks.length).toBeGreaterThan(0);
      for (const before of breaks) expect("/ -").toContain(before);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.getByTestId("statement-totals").innerText()).toBe("Run 1 time in 1 trace.");
    // The chart's labels at their size: the phone's own layout, not the wide one scaled down.
    const label = page.getByTestId("statement-chart").locator("text").first();
    expect(await label.evaluate((t: SVGTextElement) => t.getBoundingClientRect().height)).toBeGreaterThan(10);
    await page.screenshot({ path: artifactPath("narrow-statement-390.png"), fullPage: true });
    // The statement wrapped at any width has no line of only its indent (a clause's item too long
    // for what its indent left of the line went below it, leaving the indent alone).
    const blank = await page.getByTestId("sql-block").evaluate((pre: HTMLElement) => {
      pre.style.maxHeight = "none";
      const found: string[] = [];
      for (let width = 200; width <= 700 && found.length < 5; width += 7) {
        pre.style.width = `${width}px`;
        const lines = new Map<number, string>();
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          for (let i = 0; i < node.data.length; i++) {
            if (node.data[i] === "\n") continue;
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect && rect.width > 0) lines.set(Math.round(rect.top), (lines.get(Math.round(rect.top)) ?? "") + node.data[i]);
          }
        }
        for (const text of lines.values()) if (text.trim() === "") found.push(`${width}px: a line of ${text.length} spaces`);
      }
      return found;
    });
    expect(blank).toEqual([]);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
