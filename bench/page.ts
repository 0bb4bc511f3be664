// Item 4: the trace page in headless Chromium (Debian's, via playwright-core) against a warm
// `next start`, on the dataset's wide (list-servers) and deep (create-stack) traces of 1k, 10k
// and 100k spans. Each run is a fresh browser context (empty cache, as a first visit):
// - navigation -> rows visible (first painted frame with rows) and usable (a scroll answered
//   with the new rows painted), from the page's own clock (0 = navigation start);
// - navigation -> "where the time went" shown (the critical path and the findings, computed
//   after the first rows are painted), judged against the same budget as "usable";
// - collapse and expand the root, hide DB spans and show them again, critical path only on and
//   off, type a search ("select", key by key): input event -> the change painted, and Chrome's
//   Event Timing duration for the same input (the larger counts), once the findings are shown;
// - JS heap after a forced GC (CDP Runtime.getHeapUsage), per span above the same page
//   showing a 10-span trace; mounted rows (treeitems in the DOM) at every step.
//
// `--against <commit>` serves the same database from another commit's build too and visits its
// page next to this commit's in every run, the two taking turns at going first (a before/after
// under one load, as bench/firstRows.ts does); the verdicts are for the checked-out commit.
// `--sizes 10000` measures only the big traces of those sizes (the dataset still holds all of them).
//
//   npx tsx bench/page.ts [--dialect sqlite] [--runs 3] [--list-traces 100000] [--keep-data] [--shapes list-servers,create-stack] [--sizes 1000,10000,100000] [--against <commit>]
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_FLAGS } from "../tests/browser/support/browser";
import { openDb, type Dialect } from "../lib/db/client";
import { openDataset, SHAPE_LABEL, type BigTrace, type BigTraceShape } from "./support/dataset";
import { openProbedPage, waitForMark, type EventEntry, type Measurement } from "./support/pageProbes";
import {
  createAreaResult,
  inTurn,
  judge,
  median,
  noteStep,
  parseFlags,
  round,
  runIfMain,
  saveResult,
  type AreaResult,
} from "./support/report";
import { resolveCommit, startWebServer, type WebServer } from "./support/webServer";

export const PAGE_BUDGETS = {
  usableMs: { 10_000: 1000, 100_000: 3000 } as Record<number, number>,
  interactionMs: { 10_000: 50, 100_000: 150 } as Record<number, number>,
  heapBytesPerSpan: 500,
  mountedRows: 150,
};

/** Typed key by key: SQL that the trace's DB calls contain (list-servers reads, create-stack writes). */
const SEARCH_TEXT: Record<BigTraceShape, string> = { "boot-server": "select", "list-servers": "select", "create-stack": "insert" };
const INTERACTIONS = [
  "collapse root",
  "expand root",
  "hide DB spans",
  "show DB spans",
  "critical path only",
  "all spans again",
  "search keystroke",
] as const;
export type Interaction = (typeof INTERACTIONS)[number];

export type PageOptions = {
  dialect: Dialect;
  runs: number;
  listTraces: number;
  keep: boolean;
  shapes: BigTraceShape[];
  /** Big-trace sizes measured; null: all. */
  sizes: number[] | null;
  /** Another commit measured in the same runs (a before/after), or null. */
  against: string | null;
};

export function parsePageOptions(argv: readonly string[]): PageOptions {
  const flags = parseFlags(argv);
  return {
    dialect: (flags.get("dialect") ?? "sqlite") as Dialect,
    runs: Number(flags.get("runs") ?? 3),
    listTraces: Number(flags.get("list-traces") ?? 100_000),
    keep: flags.has("keep-data"),
    shapes: (flags.get("shapes") ?? "boot-server,list-servers,create-stack").split(",") as BigTraceShape[],
    sizes: flags.get("sizes")?.split(",").map(Number) ?? null,
    against: flags.get("against") ?? null,
  };
}

type RunFigures = {
  /** Navigation -> the findings painted ("ostrace:findings"). */
  findingsMs: number;
  domMs: number;
  visibleMs: number;
  usableMs: number;
  rowCount: number;
  heapBytes: number;
  heap: HeapFigures;
  mountedMax: number;
  mounted: Record<string, number>;
  interactions: Record<Interaction, number[]>;
  /** Event Timing durations (ms) of the inputs of each interaction; absent = under 16 ms. */
  eventTiming: Record<Interaction, number[]>;
  longTasksMs: number[];
};

export async function runPageBench(options: PageOptions): Promise<AreaResult> {
  const result = createAreaResult("page");
  const against = options.against ? resolveCommit(options.against) : null;
  console.log(
    `# page: headless Chromium, ${options.runs} runs per trace, fresh context each${against ? `, and commit ${against.slice(0, 12)} in the same runs` : ""}`,
  );
  noteStep(result, `${options.dialect}: dataset`);
  const dataset = await openDataset(options.dialect, { listTraces: options.listTraces, keep: options.keep });
  const servers: WebServer[] = [];
  let browser: Browser | null = null;
  try {
    servers.push(await startWebServer(dataset.url));
    if (against) servers.push(await startWebServer(dataset.url, {}, against));
    result.figures.commits = servers.map((s) => s.commit);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    // The first server is the checked-out commit (its figures keep their plain labels and are judged).
    const suffix = (i: number) => (i === 0 ? "" : ` @${servers[i]!.commit.slice(0, 12)}`);
    // With every span (crit=0): the 10k nested and deep traces are async (their work outlives the
    // API's answer) and open on their critical path by default since session 28; the interactions
    // (critical path only on, then off) are measured from every span as before, on either build.
    const traceUrl = (server: WebServer, traceId: string) => `${server.url}/traces/${traceId}?crit=0`;
    const traces = dataset.info.bigTraces.filter(
      (t) => options.shapes.includes(t.shape) && (!options.sizes || options.sizes.includes(t.requested)),
    );
    // Warm servers: every page answered once before the clock runs.
    noteStep(result, "warming the servers");
    const small = await pickBaselineTrace(dataset.url);
    for (const s of servers) {
      await visit(browser, traceUrl(s, small.traceId), null);
      for (const t of traces) await visit(browser, traceUrl(s, t.traceId), null);
    }

    const baselineHeaps = servers.map((): number[] => []);
    for (let run = 0; run < options.runs; run++)
      for (const [i, s] of servers.entries()) baselineHeaps[i]!.push((await visit(browser, traceUrl(s, small.traceId), null)).heapBytes);
    const baselineHeap = baselineHeaps.map((runs) => median(runs));
    servers.forEach((_, i) => {
      result.figures[`baseline${suffix(i)}`] = { ...small, heapBytes: baselineHeap[i], runs: baselineHeaps[i] };
      console.log(
        `  baseline page${suffix(i)} (${small.spans} spans, ${small.scenario}): JS heap ${(baselineHeap[i]! / 2 ** 20).toFixed(1)} MiB after GC`,
      );
    });

    const heapBySize: { shape: BigTraceShape; spans: number; heap: number }[] = [];
    for (const t of traces) {
      const runs = servers.map((): RunFigures[] => []);
      for (let run = 1; run <= options.runs; run++) {
        noteStep(result, `${t.key} (${t.spans} spans) run ${run}`);
        // Each commit's visit right after the other's: the same load for both; the first in turn.
        for (const i of inTurn([...servers.keys()], run))
          runs[i]!.push(await visit(browser, traceUrl(servers[i]!, t.traceId), SEARCH_TEXT[t.shape]));
      }
      servers.forEach((_, i) => summarize(result, t, runs[i]!, baselineHeap[i]!, suffix(i), i === 0));
      heapBySize.push({ shape: t.shape, spans: t.spans, heap: median(runs[0]!.map((r) => r.heapBytes)) });
    }
    // What one more span costs, without any fixed part: the slope between the two biggest sizes.
    for (const shape of options.shapes) {
      const [a, b] = heapBySize
        .filter((h) => h.shape === shape)
        .sort((x, y) => x.spans - y.spans)
        .slice(-2);
      if (!a || !b) continue;
      const slope = round((b.heap - a.heap) / (b.spans - a.spans), 1);
      result.figures[`heap slope ${SHAPE_LABEL[shape]}`] = { fromSpans: a.spans, toSpans: b.spans, bytesPerSpan: slope };
      console.log(`  ${SHAPE_LABEL[shape]}: each further span costs ${slope} B of heap (${a.spans} -> ${b.spans} spans)`);
    }
  } finally {
    await browser?.close();
    for (const s of servers) await s.stop();
    await dataset.drop();
  }
  return result;
}

/** `suffix` names another commit's figures (` @<commit>`); only the checked-out commit's are judged. */
function summarize(result: AreaResult, t: BigTrace, runs: RunFigures[], baselineHeap: number, suffix: string, judged: boolean): void {
  const label = `${SHAPE_LABEL[t.shape]} ${t.key.split(" ")[1]} (${t.spans} spans)${suffix}`;
  const heap = median(runs.map((r) => r.heapBytes));
  const perSpan = (heap - baselineHeap) / t.spans;
  const interactions: Record<string, unknown> = {};
  for (const kind of INTERACTIONS) {
    // Per input: the larger of the DOM measurement and Chrome's Event Timing (16 ms when Chrome reported none).
    const perRun = runs.map((r) => r.interactions[kind].map((ms, i) => Math.max(ms, r.eventTiming[kind][i] ?? 16)));
    const worstPerRun = perRun.map((xs) => Math.max(...xs));
    interactions[kind] = {
      medianMs: round(median(worstPerRun), 1),
      maxMs: round(Math.max(...worstPerRun), 1),
      domMs: runs.map((r) => r.interactions[kind].map((x) => round(x, 1))),
      eventTimingMs: runs.map((r) => r.eventTiming[kind]),
    };
  }
  const figure = {
    traceId: t.traceId,
    spans: t.spans,
    rows: runs[0]!.rowCount,
    domMs: runs.map((r) => round(r.domMs, 1)),
    visibleMs: runs.map((r) => round(r.visibleMs, 1)),
    usableMs: runs.map((r) => round(r.usableMs, 1)),
    medianVisibleMs: round(median(runs.map((r) => r.visibleMs)), 1),
    medianUsableMs: round(median(runs.map((r) => r.usableMs)), 1),
    findingsMs: runs.map((r) => round(r.findingsMs, 1)),
    medianFindingsMs: round(median(runs.map((r) => r.findingsMs)), 1),
    heapBytes: runs.map((r) => r.heapBytes),
    heapParts: runs[0]!.heap,
    heapBytesPerSpanAboveBaseline: round(perSpan, 1),
    heapBytesPerSpanTotal: round(heap / t.spans, 1),
    mountedMax: Math.max(...runs.map((r) => r.mountedMax)),
    mounted: runs[0]!.mounted,
    interactions,
    longTasksMs: runs.map((r) => r.longTasksMs),
  };
  result.figures[label] = figure;
  console.log(
    `  ${label}: visible ${figure.medianVisibleMs} ms, usable ${figure.medianUsableMs} ms, findings ${figure.medianFindingsMs} ms, heap ${(heap / 2 ** 20).toFixed(1)} MiB ` +
      `(${figure.heapBytesPerSpanAboveBaseline} B/span above the baseline page), mounted rows max ${figure.mountedMax}; ` +
      INTERACTIONS.map((k) => `${k} ${(interactions[k] as { medianMs: number }).medianMs} ms`).join(", "),
  );
  if (!judged) return;
  const size = t.requested;
  if (PAGE_BUDGETS.usableMs[size] !== undefined) {
    judge(
      result,
      `page ${label} navigation -> rows visible and usable (median of ${runs.length})`,
      figure.medianUsableMs,
      "<=",
      PAGE_BUDGETS.usableMs[size]!,
      "ms",
      `first rows painted at ${figure.medianVisibleMs} ms`,
    );
    judge(
      result,
      `page ${label} navigation -> where the time went shown (critical path, findings; median of ${runs.length})`,
      figure.medianFindingsMs,
      "<=",
      PAGE_BUDGETS.usableMs[size]!,
      "ms",
    );
  }
  if (PAGE_BUDGETS.interactionMs[size] !== undefined) {
    for (const kind of INTERACTIONS) {
      const f = interactions[kind] as { medianMs: number; maxMs: number };
      judge(
        result,
        `page ${label} ${kind} (median of ${runs.length}, worst input of each run)`,
        f.medianMs,
        "<=",
        PAGE_BUDGETS.interactionMs[size]!,
        "ms",
        `max ${f.maxMs} ms`,
      );
    }
  }
  {
    judge(
      result,
      `page ${label} JS heap per span`,
      figure.heapBytesPerSpanAboveBaseline,
      "<=",
      PAGE_BUDGETS.heapBytesPerSpan,
      "B",
      `total heap / spans = ${figure.heapBytesPerSpanTotal} B`,
    );
  }
  judge(result, `page ${label} mounted rows`, figure.mountedMax, "<=", PAGE_BUDGETS.mountedRows, "rows");
}

/**
 * The page's cost without a big trace: a stored request of 100-150 spans, enough rows to fill
 * the timeline (so mounted rows, panels and charts are all there), from the 100k list traffic.
 */
async function pickBaselineTrace(databaseUrl: string): Promise<{ traceId: string; spans: number; scenario: string }> {
  const db = await openDb(databaseUrl);
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ trace_id: string; span_count: number; root_path: string | null }[]>(
      `SELECT "trace_id", "span_count", "root_path" FROM "trace" WHERE "span_count" BETWEEN 100 AND 150 AND "error_count" = 0 ORDER BY "trace_id" LIMIT 1`,
    );
    if (!rows[0]) throw new Error("the dataset has no trace of 100-150 spans for the baseline page");
    return { traceId: rows[0].trace_id, spans: Number(rows[0].span_count), scenario: rows[0].root_path ?? "?" };
  } finally {
    await db.close();
  }
}

/** One first visit in a fresh context; with a search text, the interactions too. */
async function visit(browser: Browser, url: string, searchText: string | null): Promise<RunFigures> {
  const { context, page } = await openProbedPage(browser);
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: "commit" });
    const marks = await waitForMark(page, "usableAt", { timeoutMs: 120_000, pollingMs: 50 });
    await page.waitForFunction(() => performance.getEntriesByName("ostrace:findings").length > 0, null, { timeout: 120_000, polling: 50 });
    const findingsMs = await page.evaluate(() => performance.getEntriesByName("ostrace:findings")[0]!.startTime);
    await page.waitForFunction(() => document.querySelector('[role=treeitem][data-row="0"]') !== null);
    const mounted: Record<string, number> = { "at first paint": marks.mountedAtVisible, "after load": await countMounted(page) };
    const heap = await measureHeap(cdp);
    const interactions = {} as Record<Interaction, number[]>;
    const eventTiming = {} as Record<Interaction, number[]>;
    for (const k of INTERACTIONS) {
      interactions[k] = [];
      eventTiming[k] = [];
    }
    if (searchText !== null) {
      await interactAtAPersonsPace(page, INTERACTIONS, searchText, 3000, async (kind, measured) => {
        interactions[kind].push(measured.ms);
        if (measured.eventMs !== undefined) eventTiming[kind].push(measured.eventMs);
        mounted[kind] = Math.max(mounted[kind] ?? 0, await countMounted(page));
      });
      await page.fill("[data-testid=search]", "");
      for (const where of ["middle", "end"] as const) {
        await page.evaluate((w) => {
          const body = document.querySelector<HTMLElement>("[data-testid=timeline-body]")!;
          body.scrollTop = w === "middle" ? body.scrollHeight / 2 : body.scrollHeight;
        }, where);
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        mounted[`scrolled to the ${where}`] = await countMounted(page);
      }
    }
    const longTasksMs = await page.evaluate(() =>
      (window as unknown as { __bench: { longTasks: { duration: number }[] } }).__bench.longTasks.map((t) => Math.round(t.duration)),
    );
    return {
      findingsMs,
      domMs: marks.domAt,
      visibleMs: marks.visibleAt,
      usableMs: marks.usableAt,
      rowCount: marks.rowCount,
      heapBytes: heap.total,
      heap,
      mountedMax: Math.max(...Object.values(mounted)),
      mounted,
      interactions,
      eventTiming,
      longTasksMs,
    };
  } finally {
    await context.close();
  }
}

const ROOT_ROW = '[role=treeitem][data-row="0"]';
/** Each click of an interaction, and what it changes on the page. */
const CLICKS: Record<Exclude<Interaction, "search keystroke">, { change: "rowCountChange" | "anyMutation"; selector: string }> = {
  "collapse root": { change: "rowCountChange", selector: `${ROOT_ROW} button[aria-label=Collapse]` },
  "expand root": { change: "rowCountChange", selector: `${ROOT_ROW} button[aria-label=Expand]` },
  "hide DB spans": { change: "rowCountChange", selector: "[data-testid=hide-db]" },
  "show DB spans": { change: "rowCountChange", selector: "[data-testid=hide-db]" },
  "critical path only": { change: "anyMutation", selector: "[data-testid=critical-only]" },
  "all spans again": { change: "anyMutation", selector: "[data-testid=critical-only]" },
};

/**
 * Performs `kinds` in order, at a person's pace: each click once the page has settled from the
 * previous one (idle, and 300 ms later; waiting at most `settleTimeoutMs` for idle), then
 * `searchText` typed key by key 150 ms apart (a quick typist), so that work deferred by one input
 * and still running when the next comes counts against the next.
 */
export async function interactAtAPersonsPace(
  page: Page,
  kinds: readonly Interaction[],
  searchText: string,
  settleTimeoutMs: number,
  record: (kind: Interaction, measured: { ms: number; eventMs: number | undefined }) => Promise<void>,
): Promise<void> {
  const settle = () =>
    page.evaluate(
      (timeout) => new Promise<void>((resolve) => requestIdleCallback(() => setTimeout(resolve, 300), { timeout })),
      settleTimeoutMs,
    );
  for (const kind of kinds) {
    if (kind === "search keystroke") continue;
    await settle();
    const { change, selector } = CLICKS[kind];
    await record(kind, await measure(page, change, () => page.click(selector)));
  }
  await settle();
  if (!kinds.includes("search keystroke")) return;
  await page.focus("[data-testid=search]");
  for (const key of searchText) {
    const keyAt = performance.now();
    await record("search keystroke", await measure(page, "anyMutation", () => page.keyboard.press(key)));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 150 - (performance.now() - keyAt))));
  }
}

/** Arms the in-page measurement, performs the input, waits for the painted change. */
export async function measure(
  page: Page,
  kind: "rowCountChange" | "anyMutation",
  act: () => Promise<void>,
): Promise<{ ms: number; eventMs: number | undefined }> {
  const eventsBefore = await page.evaluate((k) => {
    const bench = (window as unknown as { __bench: { measure(kind: string): void; events: unknown[] } }).__bench;
    bench.measure(k);
    return bench.events.length;
  }, kind);
  await act();
  let ms: number | null = null;
  try {
    const handle = await page.waitForFunction(
      () => {
        const m = (window as unknown as { __bench: { measurement: Measurement } }).__bench.measurement;
        return m.ms !== null ? m.ms : false;
      },
      null,
      { timeout: kind === "anyMutation" ? 3000 : 30_000, polling: 20 },
    );
    ms = (await handle.jsonValue()) as number;
  } catch (error) {
    // A keystroke that changes nothing on screen (same matches, same marks): Event Timing alone tells.
    if (kind !== "anyMutation") throw error;
  }
  // Event Timing entries arrive after the frame: give Chrome two frames to report them.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const events = await page.evaluate(
    (from) => (window as unknown as { __bench: { events: EventEntry[] } }).__bench.events.slice(from),
    eventsBefore,
  );
  const relevant = events.filter((e) =>
    ["pointerdown", "pointerup", "mousedown", "mouseup", "click", "keydown", "keypress", "keyup", "input", "beforeinput"].includes(e.name),
  );
  const eventMs = relevant.length ? Math.max(...relevant.map((e) => e.duration)) : undefined;
  return { ms: ms ?? eventMs ?? 16, eventMs };
}

function countMounted(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll("[role=treeitem]").length);
}

/**
 * Memory the page's JavaScript holds after a forced GC: the V8 heap, plus ArrayBuffer backing
 * stores (the trace model's typed columns live there, outside usedSize), plus Blink's heap for
 * the DOM (embedder), as CDP's Runtime.getHeapUsage reports them.
 */
async function measureHeap(cdp: CDPSession): Promise<HeapFigures> {
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const usage = (await cdp.send("Runtime.getHeapUsage")) as {
    usedSize: number;
    embedderHeapUsedSize?: number;
    backingStorageSize?: number;
  };
  const v8 = usage.usedSize;
  const backingStore = usage.backingStorageSize ?? 0;
  const embedder = usage.embedderHeapUsedSize ?? 0;
  return { total: v8 + backingStore + embedder, v8, backingStore, embedder };
}

type HeapFigures = { total: number; v8: number; backingStore: number; embedder: number };

runIfMain(import.meta.url, async () => {
  saveResult(await runPageBench(parsePageOptions(process.argv.slice(2))));
});
