// Issue 14, goal 3: a million-span trace. One synthetic trace stored straight through lib/db
// (bench/support/storeSyntheticTrace.ts: the worker's decode and storeBatch, no broker) into a
// fresh SQLite database, then, each against a freshly started `next start` (so one request's
// leftovers do not count against the next):
// - the exports (osprofiler.json, OTLP JSON, dot) downloaded as a tool would (no compression):
//   status, time to the first byte and to the last, bytes and their SHA-256, and the server's
//   peak RSS (process tree, every 250 ms) against the budget of 300 MiB;
// - GET /api/traces/{id}?preview=1 (the page's first rows), GET /api/traces/{id} and ?chunks=1
//   (the compact forms the page reads): the same figures;
// - the trace page in headless Chromium: navigation -> first rows painted (budget 3 s; for a big
//   trace the server's preview, its first spans in time), navigation -> the whole trace in (the
//   chunks assembled and drawn), the longest task while the chunks arrived, then, the whole trace
//   in and the page settled (its idle work done: the moment the trace comes in races the last
//   render that still holds the preview), the page's heap after a forced GC per span (budget
//   400 B; V8 heap + ArrayBuffers + Blink; the figure at the moment it came in is kept too)
//   and interactions (collapse and expand the root, hide and show DB spans, search keystrokes:
//   input -> change painted, budget 150 ms each).
// --db-url reuses a database that holds the trace (its biggest one), stored by an earlier run
// with --keep-db: storing 1M spans takes minutes.
// A request whose server grows past --max-rss-mib is aborted (the machine is shared), and one
// that takes longer than --timeout-s too; both are recorded as such, never as a figure.
//
// --only osprofiler.json,otlp.json,osprofiler.dot,compact measures those representations alone
// ("compact" is the first word of the preview's, the whole trace's and the chunks' labels).
//
//   npx tsx bench/bigTrace.ts [--spans 1000000] [--scenario boot-server] [--timeout-s 600] [--max-rss-mib 6000] [--skip-page] [--skip-exports] [--only <labels>] [--db-url <url>] [--keep-db] [--at <commit>]
import { createHash } from "node:crypto";
import { chromium, type CDPSession, type Page } from "playwright-core";
import { openDb } from "../lib/db/client";
import type { ScenarioName } from "../testing/synthetic";
import { CHROMIUM, CHROMIUM_FLAGS } from "../tests/browser/support/browser";
import { createTestDb } from "../tests/support/testDb";
import { openProbedPage, waitForMark } from "./support/pageProbes";
import { interactAtAPersonsPace } from "./page";
import { createAreaResult, judge, noteStep, parseFlags, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { storeSyntheticTrace, type StoredTrace } from "./support/storeSyntheticTrace";
import { readTreeRss, type TreeRss } from "./support/treeRss";
import { resolveCommit, startWebServer, type WebServer } from "./support/webServer";

export const BIG_TRACE_BUDGETS = { exportRssMiB: 300, firstRowsMs: 3000, heapBytesPerSpan: 400, interactionMs: 150 };

export type BigTraceOptions = {
  spans: number;
  scenario: ScenarioName;
  timeoutS: number;
  maxRssMiB: number;
  page: boolean;
  exports: boolean;
  dbUrl: string | null;
  keepDb: boolean;
  at: string;
  /** Labels' first words (osprofiler.json, otlp.json, osprofiler.dot, compact); null: all. */
  only: string[] | null;
};

export function parseBigTraceOptions(argv: readonly string[]): BigTraceOptions {
  const flags = parseFlags(argv);
  return {
    spans: Number(flags.get("spans") ?? 1_000_000),
    scenario: (flags.get("scenario") ?? "boot-server") as ScenarioName,
    timeoutS: Number(flags.get("timeout-s") ?? 600),
    maxRssMiB: Number(flags.get("max-rss-mib") ?? 6000),
    page: !flags.has("skip-page"),
    exports: !flags.has("skip-exports"),
    dbUrl: flags.get("db-url") ?? null,
    keepDb: flags.has("keep-db"),
    at: flags.get("at") ?? "HEAD",
    only: flags.get("only")?.split(",") ?? null,
  };
}

type Download = {
  status: number | "aborted: RSS limit" | "aborted: timeout" | "failed";
  firstByteS: number;
  seconds: number;
  bytes: number;
  /** Of the whole body, to tell a change that keeps the bytes from one that only keeps their count. */
  sha256: string;
  rssBeforeMiB: number;
  peak: TreeRss;
  error?: string;
};

const REPRESENTATIONS = [
  { label: "osprofiler.json", path: "/osprofiler.json", export: true },
  { label: "otlp.json", path: "/otlp.json", export: true },
  { label: "osprofiler.dot", path: "/osprofiler.dot", export: true },
  // What the trace page reads first (its first rows): the trace's earliest spans, through the
  // (trace_id, start_us) index since migration 0009.
  { label: "compact preview (GET /api/traces/{id}?preview=1)", path: "?preview=1", export: false },
  { label: "compact (GET /api/traces/{id})", path: "", export: false },
  // What the trace page reads after the preview (?preview=1): the chunks.
  { label: "compact chunks (GET /api/traces/{id}?chunks=1)", path: "?chunks=1", export: false },
];

export async function runBigTraceBench(options: BigTraceOptions): Promise<AreaResult> {
  const result = createAreaResult("big-trace");
  console.log(`# big trace: a ${options.spans.toLocaleString("en")}-span ${options.scenario} trace: exports, GET and the page`);
  // One build for every server of the run, whatever is committed meanwhile.
  const commit = resolveCommit(options.at);
  result.figures.commit = commit;
  const db = options.dbUrl ? await openStoredDb(options.dbUrl) : await createTestDb("sqlite");
  try {
    noteStep(result, options.dbUrl ? `the trace stored in ${options.dbUrl}` : `storing the trace through lib/db`);
    const stored = options.dbUrl ? await findBiggestTrace(db) : await storeSyntheticTrace(db, options.scenario, options.spans);
    result.figures.trace = stored;
    console.log(`  stored ${stored.spans} spans (${stored.notifications} notifications) in ${round(stored.seconds)} s`);
    if (options.keepDb && !options.dbUrl) console.log(`  kept: --db-url ${db.url}`);
    for (const r of REPRESENTATIONS.filter((r) => !options.only || options.only.includes(r.label.split(" ")[0]!))) {
      if (r.export && !options.exports) continue;
      noteStep(result, `${r.label}: fresh next start`);
      const server = await startWebServer(db.url, {}, commit);
      try {
        await fetch(`${server.url}/api/traces?limit=1`); // the database opened, the routes warm
        const figure = await download(server, `${server.url}/api/traces/${stored.traceId}${r.path}`, options);
        result.figures[r.label] = figure;
        console.log(`  ${r.label}: ${JSON.stringify(figure)}`);
        const ok = figure.status === 200;
        if (r.export) {
          judge(
            result,
            `${r.label} of ${stored.spans} spans: web server peak RSS`,
            ok ? round(figure.peak.rss) : Infinity,
            "<=",
            BIG_TRACE_BUDGETS.exportRssMiB,
            "MiB",
            ok
              ? `${round(figure.seconds, 1)} s, ${round(figure.bytes / 2 ** 20)} MiB; RSS before ${figure.rssBeforeMiB} MiB`
              : `status ${figure.status}${figure.error ? `: ${figure.error}` : ""}`,
          );
        }
      } finally {
        await server.stop();
      }
    }
    if (options.page) await measureBigTracePage(result, db.url, stored, options, commit);
  } finally {
    if (options.keepDb || options.dbUrl) await db.prisma.$disconnect();
    else await db.drop();
  }
  return result;
}

type StoredDb = Awaited<ReturnType<typeof openDb>> & { url: string; drop(): Promise<void> };

async function openStoredDb(url: string): Promise<StoredDb> {
  const db = await openDb(url);
  return { ...db, url, drop: async () => void (await db.prisma.$disconnect()) };
}

/** The biggest trace of a database stored by an earlier run (--keep-db). */
async function findBiggestTrace(db: StoredDb): Promise<StoredTrace> {
  const [row] = await db.prisma.$queryRawUnsafe<{ trace_id: string; span_count: number | bigint }[]>(
    `SELECT "trace_id", "span_count" FROM "trace" ORDER BY "span_count" DESC LIMIT 1`,
  );
  if (!row) throw new Error(`no trace stored in ${db.url}`);
  const spans = Number(row.span_count);
  return { traceId: row.trace_id, spans, notifications: 2 * spans, seconds: 0 };
}

/** What a person does on the loaded page, each measured input -> change painted (bench/page.ts). */
const BIG_PAGE_INTERACTIONS = ["collapse root", "expand root", "hide DB spans", "show DB spans", "search keystroke"] as const;

/**
 * The page (issue 14, goal 3): first rows, the whole trace in, the longest task meanwhile, then
 * the heap per span and interactions on the whole trace.
 */
async function measureBigTracePage(result: AreaResult, dbUrl: string, stored: StoredTrace, options: BigTraceOptions, commit: string) {
  noteStep(result, "the page: fresh next start");
  const server = await startWebServer(dbUrl, {}, commit);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  let visibleMs = Infinity;
  let heapPerSpan = Infinity;
  const interactions: Record<string, number[]> = {};
  try {
    const { context, page } = await openProbedPage(browser);
    const cdp = await context.newCDPSession(page);
    try {
      await page.goto(`${server.url}/traces/${stored.traceId}`, { waitUntil: "commit" });
      const marks = await waitForMark(page, "visibleAt", { timeoutMs: options.timeoutS * 1000, pollingMs: 100 });
      visibleMs = marks.visibleAt;
      const previewShown = await page.evaluate(() => document.querySelector("[data-testid=trace-chunks-loading]") !== null);
      // The whole trace in: the model built (the mark) and drawn (the loading status gone).
      await page.waitForFunction(
        () =>
          performance.getEntriesByName("ostrace:trace-fetched").length > 0 &&
          document.querySelector("[data-testid=trace-chunks-loading]") === null &&
          document.querySelector('[role=treeitem][data-row="0"]') !== null,
        null,
        { timeout: options.timeoutS * 1000, polling: 100 },
      );
      const wholeMs = await page.evaluate(() => performance.now());
      const longTasks = await page.evaluate(
        () => (window as unknown as { __bench: { longTasks: { startTime: number; duration: number }[] } }).__bench.longTasks,
      );
      const duringLoad = longTasks.filter((t) => t.startTime >= visibleMs);
      // At "whole trace in" the previous version (the preview) may still be held until the next
      // render: that figure races the page's idle work. The budget is judged once settled.
      const usageAtWhole = await measureHeapUsage(cdp);
      const settledAfterMs = await waitUntilSettled(page);
      const usage = await measureHeapUsage(cdp);
      heapPerSpan = heapTotal(usage) / stored.spans;
      await interactAtAPersonsPace(page, BIG_PAGE_INTERACTIONS, "nova", 10_000, async (kind, measured) => {
        (interactions[kind] ??= []).push(measured.ms);
      });
      result.figures.page = {
        visibleMs: round(visibleMs),
        previewShown,
        wholeMs: round(wholeMs),
        longestTaskWhileLoadingMs: round(Math.max(0, ...duringLoad.map((t) => t.duration))),
        longTasksWhileLoading: duringLoad.length,
        heap: usage,
        heapBytesPerSpan: round(heapPerSpan, 1),
        heapSettledAfterMs: round(settledAfterMs),
        heapAtWholeTraceIn: usageAtWhole,
        heapBytesPerSpanAtWholeTraceIn: round(heapTotal(usageAtWhole) / stored.spans, 1),
        interactionsMs: Object.fromEntries(Object.entries(interactions).map(([k, v]) => [k, v.map((ms) => round(ms))])),
      };
    } catch (error) {
      result.figures.page = { error: error instanceof Error ? error.message : String(error) };
    }
    console.log(`  page: ${JSON.stringify(result.figures.page)}`);
    judge(
      result,
      `page of ${stored.spans} spans: navigation -> first rows painted`,
      round(visibleMs),
      "<=",
      BIG_TRACE_BUDGETS.firstRowsMs,
      "ms",
    );
    judge(
      result,
      `page of ${stored.spans} spans: heap per span (total heap / spans), the whole trace loaded and the page settled`,
      round(heapPerSpan, 1),
      "<=",
      BIG_TRACE_BUDGETS.heapBytesPerSpan,
      "B",
      `at the moment the whole trace was in: ${(result.figures.page as { heapBytesPerSpanAtWholeTraceIn?: number }).heapBytesPerSpanAtWholeTraceIn ?? "?"} B`,
    );
    for (const k of BIG_PAGE_INTERACTIONS) {
      const worst = interactions[k]?.length ? Math.max(...interactions[k]) : Infinity;
      judge(result, `page of ${stored.spans} spans: ${k} (worst)`, round(worst), "<=", BIG_TRACE_BUDGETS.interactionMs, "ms");
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

type HeapUsage = { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };

/** V8 heap + ArrayBuffers + Blink after two forced GCs (CDP). */
async function measureHeapUsage(cdp: CDPSession): Promise<HeapUsage> {
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")) as HeapUsage;
}

function heapTotal(usage: HeapUsage): number {
  return usage.usedSize + (usage.backingStorageSize ?? 0) + (usage.embedderHeapUsedSize ?? 0);
}

/**
 * Waits until the page has nothing left to do (the idle computations after the whole trace came
 * in: critical path, findings, overview, and the renders they cause): 2 s in which every idle
 * period had the whole 50 ms to spare, at most 60 s. Returns how long it waited.
 */
async function waitUntilSettled(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const began = performance.now();
        let quietSince = began;
        const check = (deadline: IdleDeadline) => {
          const now = performance.now();
          if (deadline.timeRemaining() < 45) quietSince = now;
          if (now - quietSince >= 2000 || now - began >= 60_000) resolve(now - began);
          else requestIdleCallback(check);
        };
        requestIdleCallback(check);
      }),
  );
}

/** Reads the whole answer as a stream, sampling the server's memory; aborts past the RSS limit or the timeout. */
async function download(server: WebServer, url: string, options: BigTraceOptions): Promise<Download> {
  const before = readTreeRss(server.pid);
  const peak = { ...before };
  const controller = new AbortController();
  let abortedFor: Download["status"] | null = null;
  const sample = () => {
    const now = readTreeRss(server.pid);
    peak.rss = Math.max(peak.rss, now.rss);
    peak.anon = Math.max(peak.anon, now.anon);
    peak.file = Math.max(peak.file, now.file);
    if (now.rss > options.maxRssMiB && !abortedFor) {
      abortedFor = "aborted: RSS limit";
      controller.abort();
    }
  };
  const timer = setInterval(sample, 250);
  const timeout = setTimeout(() => {
    abortedFor ??= "aborted: timeout";
    controller.abort();
  }, options.timeoutS * 1000);
  const started = performance.now();
  let firstByteS = NaN;
  let bytes = 0;
  const hash = createHash("sha256");
  let status: Download["status"] = "failed";
  let error: string | undefined;
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { "accept-encoding": "identity" } });
    status = response.status;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Number.isNaN(firstByteS)) firstByteS = (performance.now() - started) / 1000;
      bytes += value.byteLength;
      hash.update(value);
    }
  } catch (e) {
    status = abortedFor ?? "failed";
    error = e instanceof Error ? e.message : String(e);
  } finally {
    clearInterval(timer);
    clearTimeout(timeout);
  }
  sample();
  const mib = (r: TreeRss): TreeRss => ({ rss: round(r.rss), anon: round(r.anon), file: round(r.file) });
  return {
    status,
    firstByteS: round(firstByteS, 2),
    seconds: round((performance.now() - started) / 1000, 2),
    bytes,
    sha256: hash.digest("hex"),
    rssBeforeMiB: round(before.rss),
    peak: mib(peak),
    ...(error ? { error } : {}),
  };
}

runIfMain(import.meta.url, async () => {
  saveResult(await runBigTraceBench(parseBigTraceOptions(process.argv.slice(2))));
});
