// Issue 14: an everyday trace's first screen comes with the HTML. The server inlines the
// compact trace and renders the first rows, so they are there before any JavaScript runs and
// no second request is made; the page then hydrates from the same data and stays interactive
// (collapse, search, a live trace's polls carry on from the inlined version). A trace above the
// inlining limit is fetched by the browser as before.
import { chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateProfilerNotifications, convertNotificationToOsloMessage } from "@/testing/synthetic";
import { artifactPath, CHROMIUM, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";
import { countOverviewPixels } from "./support/overviewPixels";

let server: TestServer;
let browser: TestBrowser;
let everydayId = "";
let bigId = "";

function bodiesOf(options: Parameters<typeof generateProfilerNotifications>[0]): { id: string; bodies: unknown[] } {
  const notifications = [...generateProfilerNotifications(options)];
  return {
    id: notifications[0]!.payload.base_id,
    bodies: notifications.map((n) => JSON.parse(convertNotificationToOsloMessage(n).body) as unknown),
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const everyday = bodiesOf({
    seed: "first-screen",
    scenario: "boot-server",
    spanCount: 300,
    traces: 1,
    errorRate: 0,
    start: "2024-05-01T10:00:00",
  });
  const big = bodiesOf({
    seed: "first-screen-big",
    scenario: "list-servers",
    spanCount: 6000,
    traces: 1,
    errorRate: 0,
    start: "2024-05-01T11:00:00",
  });
  everydayId = everyday.id;
  bigId = big.id;
  await postNotifications(server.url, [...everyday.bodies, ...big.bodies]);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a trace page, recording what the browser asked the API for and any page error or console error. */
async function open(path: string): Promise<{ page: Page; apiRequests: string[]; errors: string[] }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const apiRequests: string[] = [];
  const errors: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/traces/"))
      apiRequests.push(`${request.method()} ${url.pathname} ${request.headers()["if-none-match"] ?? ""}`.trim());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  // A hydration mismatch is reported on the console (React's recoverable error), not thrown.
  page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  await page.goto(server.url + path);
  return { page, apiRequests, errors };
}

describe("an everyday trace's first screen", () => {
  it("is in the HTML: the first rows, rendered on the server, with the trace inlined", async () => {
    const html = await (await fetch(`${server.url}/traces/${everydayId}`)).text();
    // The first screen of rows, the root first, and not the whole trace (the list is virtualized).
    const rows = html.match(/role="treeitem"/g)?.length ?? 0;
    expect(rows).toBeGreaterThan(20);
    expect(rows).toBeLessThan(150);
    expect(html).toMatch(/role="treeitem"[^>]*data-row="0"/);
    expect(html).toContain('data-row-count="');
    expect(html).toMatch(/Showing <span class="tabular-nums">\d+<\/span> of/);
    expect(html).not.toContain('data-testid="trace-loading"');
    // Nothing asks the browser to fetch the trace again.
    expect(html).not.toContain(`/api/traces/${everydayId}"`);

    // Without JavaScript at all, the rows are on screen.
    const bare = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const context = await bare.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/traces/${everydayId}`);
      const first = page.locator('[role="treeitem"][data-row="0"]');
      expect(await first.isVisible()).toBe(true);
      expect((await first.boundingBox())!.y).toBeLessThan(800);
      expect(await page.locator('[role="treeitem"]').count()).toBe(rows);
      await page.screenshot({ path: artifactPath("first-screen-no-js.png") });
    } finally {
      await bare.close();
    }
  });

  it("carries its stylesheet in a <style> and once more in its payload, not a third time", async () => {
    const html = await (await fetch(`${server.url}/traces/${everydayId}`)).text();
    // Inlined (next.config.mjs, inlineCss): the rows are painted without waiting for a stylesheet request.
    const css = /<style[^>]*data-precedence[^>]*>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(css.length).toBeGreaterThan(10_000);
    // A piece of it that the payload carries as it is (nothing in it is escaped there).
    const piece = css.slice(0, 60);
    expect(piece).not.toMatch(/["\\<>&\u2028\u2029]/);
    // The payload's copy is the one React hydrates with (and draws a 404 page from). The root layout
    // carries no stylesheet, so Next.js adds no copy for the global error boundary (app/layout.tsx).
    expect(html.split(piece).length - 1).toBe(2);
  });

  it("writes its payload with no character past Latin-1, the findings' folded SQL list included", async () => {
    const html = await (await fetch(`${server.url}/traces/${everydayId}`)).text();
    const payload = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
      .map((m) => m[1]!)
      .filter((script) => script.includes("self.__next_f.push"))
      .join("");
    expect(payload.length).toBeGreaterThan(20_000);
    // The N+1 statement's shape, "... values (…)", is there, escaped (lib/api/escapeJsonToAscii.ts):
    // one "…" as it is made Next.js's copy of the whole payload a two-byte string, slower to write.
    expect(payload).toContain("u2026");
    expect(payload).not.toMatch(/[^\x00-\xff]/);
  });

  it("hydrates without a second request and stays interactive", async () => {
    // Every span (crit=0): this boot opens on its critical path otherwise, with a few dozen rows.
    const { page, apiRequests, errors } = await open(`/traces/${everydayId}?crit=0`);
    const body = page.getByTestId("timeline-body");
    const count = async () => Number(await body.getAttribute("data-row-count"));
    const all = await count();
    expect(all).toBeGreaterThan(250);
    // Interactive once hydrated: collapsing the root leaves one row, expanding brings them back.
    const root = page.locator('[role="treeitem"][data-row="0"]');
    await expect
      .poll(async () => {
        await root
          .locator("button[aria-label=Collapse]")
          .click({ timeout: 1000 })
          .catch(() => undefined);
        return count();
      })
      .toBe(1);
    await root.locator("button[aria-label=Expand]").click();
    await expect.poll(count).toBe(all);
    // A search filters the rows in the browser.
    await page.getByTestId("search").fill("select");
    await expect.poll(async () => page.locator('[role="treeitem"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId("search").inputValue()).toBe("select");
    // The overview was painted (the canvas has pixels), with no layout shift after the first paint.
    await expect.poll(() => countOverviewPixels(page)).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath("first-screen-hydrated.png") });
    // Span details still come from the API on demand; the trace itself was never fetched.
    expect(apiRequests.filter((r) => r === `GET /api/traces/${everydayId}` || r.startsWith(`GET /api/traces/${everydayId} `))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("does not shift the layout while it hydrates", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __shifts: number[] };
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) w.__shifts.push(e.value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${server.url}/traces/${everydayId}`);
    await page.locator('[role="treeitem"][data-row="0"] button[aria-label=Collapse]').waitFor();
    await page.waitForTimeout(1000);
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
    expect(
      shifts.reduce((a, b) => a + b, 0),
      JSON.stringify(shifts),
    ).toBeLessThan(0.01);
    await page.close();
  });

  // The collector badge grew from "Collector…" (77 px) to "Collector disconnected" (139 px) when
  // its status came; the ruler's ticks were placed for a guessed 400 px until the ruler was measured.
  // A case per width and scheme, each a fresh load with its scripts held (routed, so uncached):
  // ~4 s each at load 8, and the six in one test took 22.8-27.9 s of its 30 s, timing out at load 12.
  it.each([1440, 1024, 390].flatMap((width) => (["light", "dark"] as const).map((scheme) => [width, scheme] as const)))(
    "paints its final layout before its scripts run: nothing moves when they do, at %i px, %s",
    async (width, scheme) => {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.addInitScript(() => {
        const w = window as unknown as { __moved: string[] };
        w.__moved = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as {
            sources?: { node?: Node | null; previousRect: DOMRect; currentRect: DOMRect }[];
          }[])
            for (const { node, previousRect: a, currentRect: b } of entry.sources ?? []) {
              const element = node instanceof Element ? node : (node?.parentElement ?? null);
              w.__moved.push(`${element?.outerHTML.slice(0, 100)}: ${[a.x, a.y, a.width, a.height]} -> ${[b.x, b.y, b.width, b.height]}`);
            }
        }).observe({ type: "layout-shift", buffered: true });
      });
      // The scripts held until the first paint is on screen: what the server rendered is all there is.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/_next/static/**/*.js", async (route) => {
        await held;
        await route.continue();
      });
      const visibleTicks = () =>
        page
          .getByTestId("time-ruler")
          .evaluate((ruler) =>
            [...ruler.querySelectorAll("span")]
              .filter((label) => label.checkVisibility() && !label.classList.contains("sr-only"))
              .map((label) => `${label.textContent} at ${Math.round(label.getBoundingClientRect().x)}`),
          );
      await page.goto(`${server.url}/traces/${everydayId}`, { waitUntil: "commit" });
      await page.locator('[role="treeitem"][data-row="0"]').waitFor();
      // Painted: the first frame waits for the page's end (blocking="render"), then a frame more.
      await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))));
      const ticksFirst = await visibleTicks();
      expect(ticksFirst.length).toBeGreaterThan(1);
      release();
      await page.locator('[role="treeitem"][data-row="0"] button[aria-label=Collapse]').waitFor();
      // The status arrives after hydration (GET /api/status), seconds later on a loaded machine:
      // what is checked is that nothing moves when it does, not how soon.
      await page.getByTestId("collector-status").getByText("Collector disconnected", { exact: true }).waitFor();
      await page.waitForTimeout(1000);
      expect(await visibleTicks()).toEqual(ticksFirst);
      const moved = await page.evaluate(() => (window as unknown as { __moved: string[] }).__moved);
      await page.screenshot({ path: artifactPath(`first-screen-${width}-${scheme}.png`) });
      await page.close();
      expect(moved).toEqual([]);
    },
  );

  it("keeps the base_id's Copy button on the id's line, the id whole, at 390 and 1440 px", async () => {
    // At 390 px the button wrapped onto a line of its own under the id.
    for (const width of [390, 1440]) {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/traces/${everydayId}`);
      const id = page.getByTestId("trace-id");
      const copy = page.getByRole("button", { name: "Copy base_id" });
      const [idBox, copyBox] = [(await id.boundingBox())!, (await copy.boundingBox())!];
      expect(await id.innerText()).toBe(everydayId);
      expect(copyBox.y, `${width}: the button below the id`).toBeLessThan(idBox.y + idBox.height);
      expect(copyBox.x, `${width}: the button beside the id`).toBeGreaterThanOrEqual(idBox.x + idBox.width);
      expect(copyBox.x + copyBox.width, `${width}: the button on screen`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: artifactPath(`first-screen-base-id-${width}.png`), clip: { x: 0, y: 0, width, height: 160 } });
      await page.close();
    }
  });

  it("follows a live trace from the inlined version: the first poll asks with its ETag", async () => {
    // Stored just now (live for 30 s after its last change), so it is live whatever ran before.
    const live = bodiesOf({
      seed: "first-screen-live",
      scenario: "list-servers",
      spanCount: 40,
      traces: 1,
      errorRate: 0,
      start: new Date(Date.now() - 2000).toISOString().slice(0, 19),
    });
    await postNotifications(server.url, live.bodies);
    const liveId = live.id;
    const { page, apiRequests, errors } = await open(`/traces/${liveId}`);
    await page.getByTestId("live-indicator").waitFor();
    // The page polls every 2 s; its first poll carries the inlined version's ETag and gets a 304.
    await expect.poll(() => apiRequests.find((r) => r.startsWith(`GET /api/traces/${liveId} "`)), { timeout: 10_000 }).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("a trace above the inlining limit", () => {
  it("is fetched by the browser and drawn, as before", async () => {
    const html = await (await fetch(`${server.url}/traces/${bigId}`)).text();
    expect(html).not.toContain('role="treeitem"');
    expect(html).toContain('data-testid="trace-loading"');
    const { page, apiRequests, errors } = await open(`/traces/${bigId}`);
    await page.locator('[role="treeitem"][data-row="0"]').waitFor();
    expect(apiRequests).toContain(`GET /api/traces/${bigId}`);
    expect(Number(await page.getByTestId("timeline-body").getAttribute("data-row-count"))).toBeGreaterThan(5000);
    expect(errors).toEqual([]);
    await page.close();
  });
});
