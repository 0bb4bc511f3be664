// Instruments for the page benchmark, injected into every document before its own scripts
// (page.addInitScript). All times are the page's performance.now(): milliseconds since the
// navigation started.
// - visibleAt: the first frame that painted timeline rows (rAF after the rows exist, then a
//   message-channel task, which runs after that frame's paint).
// - usableAt: the page answered a scroll of the timeline with the rows of the new position,
//   painted: the main thread is free for input and the virtualized list follows it.
// - events: Event Timing entries (input -> next paint, as Chrome's INP measures it; only
//   entries of 16 ms and more are reported) and long tasks.
// - measure(kind): for the next trusted input (pointerdown or keydown), the time from its
//   event timestamp until the DOM shows the change (`kind`) and that frame is painted.

import type { Browser, BrowserContext, Page } from "playwright-core";

export type PageMarks = { domAt: number; visibleAt: number; usableAt: number; rowCount: number; mountedAtVisible: number };
export type EventEntry = { name: string; startTime: number; duration: number; interactionId: number };
export type Measurement = { startAt: number | null; doneAt: number | null; ms: number | null };

/** The instrumentation, as a function serialised into the page (no closures over Node values). */
function installPageProbes(): void {
  type Bench = {
    marks: Partial<PageMarks>;
    events: EventEntry[];
    longTasks: { startTime: number; duration: number }[];
    measure(kind: "rowCountChange" | "anyMutation"): void;
    measurement: Measurement;
  };
  const w = window as unknown as { __bench: Bench };
  const afterPaint = (then: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then();
      channel.port2.postMessage(0);
    });
  const body = () => document.querySelector<HTMLElement>("[data-testid=timeline-body]");
  const bench: Bench = {
    marks: {},
    events: [],
    longTasks: [],
    measurement: { startAt: null, doneAt: null, ms: null },
    measure(kind) {
      const m: Measurement = { startAt: null, doneAt: null, ms: null };
      bench.measurement = m;
      const before = body()?.dataset.rowCount;
      let mutated = false;
      const observer = new MutationObserver(() => (mutated = m.startAt !== null));
      const root = body()?.parentElement?.parentElement ?? document.body;
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
      const onInput = (event: Event) => {
        if (m.startAt === null && event.isTrusted) m.startAt = event.timeStamp;
      };
      window.addEventListener("pointerdown", onInput, { capture: true });
      window.addEventListener("keydown", onInput, { capture: true });
      const changed = () => (kind === "rowCountChange" ? body()?.dataset.rowCount !== before : mutated);
      const loop = () => {
        if (m.startAt !== null && changed()) {
          observer.disconnect();
          window.removeEventListener("pointerdown", onInput, { capture: true });
          window.removeEventListener("keydown", onInput, { capture: true });
          afterPaint(() => {
            m.doneAt = performance.now();
            m.ms = m.doneAt - m.startAt!;
          });
          return;
        }
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
  };
  w.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        bench.events.push({
          name: e.name,
          startTime: e.startTime,
          duration: e.duration,
          interactionId: (e as unknown as { interactionId?: number }).interactionId ?? 0,
        });
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true } as PerformanceObserverInit);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // an engine without Event Timing: the DOM-based measurements remain
  }

  const rowsObserver = new MutationObserver(() => {
    if (bench.marks.domAt !== undefined || !document.querySelector("[role=treeitem]")) return;
    bench.marks.domAt = performance.now();
    rowsObserver.disconnect();
    afterPaint(() => {
      bench.marks.visibleAt = performance.now();
      const b = body()!;
      bench.marks.rowCount = Number(b.dataset.rowCount);
      bench.marks.mountedAtVisible = document.querySelectorAll("[role=treeitem]").length;
      // Usable: scroll 200 rows down (or to the end) and wait for the rows there.
      const target = Math.min(200, bench.marks.rowCount - 1);
      const rowHeight = (document.querySelector<HTMLElement>("[role=treeitem]")?.offsetHeight ?? 24) || 24;
      b.scrollTop = target * rowHeight;
      const wait = () => {
        if (document.querySelector(`[role=treeitem][data-row="${target}"]`)) {
          afterPaint(() => {
            bench.marks.usableAt = performance.now();
            b.scrollTop = 0;
          });
        } else {
          requestAnimationFrame(wait);
        }
      };
      requestAnimationFrame(wait);
    });
  });
  rowsObserver.observe(document, { childList: true, subtree: true });
}

/** A first visit's tab: a fresh context (an empty cache) at 1280x800 with the probes installed before any script of the page. */
export async function openProbedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  const page = await context.newPage();
  // tsx (esbuild) may wrap functions with __name(); the page has no such helper.
  await page.addInitScript({ content: "globalThis.__name = globalThis.__name || ((f) => f);" });
  await page.addInitScript({ content: `(${installPageProbes.toString()})();` });
  return { context, page };
}

/** Waits until the probes have set `mark`, then reads every mark. */
export async function waitForMark(
  page: Page,
  mark: "visibleAt" | "usableAt",
  options: { timeoutMs: number; pollingMs: number },
): Promise<PageMarks> {
  await page.waitForFunction(
    (name) => (window as unknown as { __bench?: { marks: Partial<PageMarks> } }).__bench?.marks[name] !== undefined,
    mark,
    { timeout: options.timeoutMs, polling: options.pollingMs },
  );
  return page.evaluate(() => (window as unknown as { __bench: { marks: PageMarks } }).__bench.marks);
}
