// Issue 14, goal 1: time from navigation to the first painted rows of the trace page, against a
// plain virtualized page over the same trace's OSprofiler report (bench/support/baselinePage.ts),
// served and measured in the same run, at 100, 1k, 5k, 20k and 100k spans (one synthetic
// boot-server trace of each size, stored through the worker's path into a fresh SQLite
// database). Headless Chromium, 1280x800, a fresh context for every visit (a first visit: empty
// cache), both servers warmed by one visit of every page; the pages are visited in turn within
// each run, so both see the same load, each run starting with the next page (none always goes
// first). Timed by the same probes as bench/page.ts (bench/support/pageProbes.ts): "visible" is
// the first painted frame with timeline rows.
// Budgets: <= 1.5x the baseline at every size, and <= 300 ms up to 1k spans.
// After each size's timed runs, one traced visit of every page and the server's CPU per render
// (bench/support/visitCpu.ts) say how much work the time was, which a busy machine hides.
//
// First open and repeat open: every timed visit of "ostrace" opens a trace the server has never
// rendered (a copy of the same synthetic trace under a base_id of its own, one per visit), after
// the server was warmed on the trace itself: what a person opening a trace from the list waits
// for, and what the verdicts judge. "ostrace, repeat open" visits that warmed trace again (a
// reload, a shared link opened by a colleague): reported beside it, no verdict. The plain page is
// the baseline of both.
//
// Beside the verdicts, one figure the verdicts do not cover: what a person waits for on their
// everyday click, a trace opened from the list (a client-side navigation: no new document, no
// new renderer process, the shared scripts already loaded), the pointer resting on the link for
// 150 ms before the click as a person's does. From the click's input event to the rows painted,
// in a fresh context that has loaded the list page and gone quiet; a first open too (a copy of its
// own each click, stored just before it, the list's first row). No verdict: the budget is the first visit's.
//
// `--against <commit>` serves the same database from another commit's build too and measures it
// in the same runs (a before/after); the verdicts are for the checked-out commit.
//
//   npx tsx bench/firstRows.ts [--sizes 100,1000,5000,20000,100000] [--runs 5] [--against <commit>] [--scenario boot-server]
import { randomUUID } from "node:crypto";
import { chromium, type Browser } from "playwright-core";
import { readTraceSpanRows } from "../lib/db/readTraceSpanRows";
import { tracePageUrl } from "../lib/ui/apiUrls";
import { convertSpanRowsToOsprofilerReport, formatOsprofilerReport } from "../lib/osprofiler/formatOsprofilerReport";
import type { ScenarioName } from "../testing/synthetic";
import { CHROMIUM, CHROMIUM_FLAGS } from "../tests/browser/support/browser";
import { createTestDb } from "../tests/support/testDb";
import { startBaselineServer } from "./support/baselinePage";
import { measure } from "./page";
import { openProbedPage, waitForMark } from "./support/pageProbes";
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
import { storeSyntheticTrace, type TraceCopy } from "./support/storeSyntheticTrace";
import { serverCpuPerFirstRender, serverCpuPerRender, visitCpu, type VisitCpu } from "./support/visitCpu";
import { resolveCommit, startWebServer, type WebServer } from "./support/webServer";

export const FIRST_ROWS_BUDGETS = { timesBaseline: 1.5, ms: 300, msUpToSpans: 1000 };

export type FirstRowsOptions = { sizes: number[]; runs: number; against: string | null; scenario: ScenarioName };

export function parseFirstRowsOptions(argv: readonly string[]): FirstRowsOptions {
  const flags = parseFlags(argv);
  return {
    sizes: (flags.get("sizes") ?? "100,1000,5000,20000,100000").split(",").map(Number),
    runs: Number(flags.get("runs") ?? 5),
    against: flags.get("against") ?? null,
    scenario: (flags.get("scenario") ?? "boot-server") as ScenarioName,
  };
}

type Visit = { domMs: number; visibleMs: number; usableMs: number; rows: number };
/** A page's next URL: always the same page (a repeat open), or a trace the server never rendered (a first open). */
type Page = { label: string; next: () => string; server: WebServer | null; firstOpen: boolean };

/** Pages the server's CPU per first render is measured over, one GET each (a tick is 10 ms). */
const FIRST_OPEN_CPU_GETS = 5;
/** The visited copies sort after the warmed traces in the list (newest first). */
const VISITED_COPY_START = "2024-04-30T12:00:00";
/**
 * A clicked copy is stored just before its click, newer than every trace before it, so that it is
 * the list's first row whatever the sizes and runs (the list shows 50).
 */
function clickedCopyStart(click: number): string {
  return new Date(Date.UTC(2024, 4, 2, 0, click)).toISOString().slice(0, 19);
}

export async function runFirstRowsBench(options: FirstRowsOptions): Promise<AreaResult> {
  const result = createAreaResult("first-rows");
  const against = options.against ? resolveCommit(options.against) : null;
  console.log(
    `# first rows: trace page (first open, and repeat open) against a plain virtualized page, ${options.runs} runs per size${against ? `, and commit ${against.slice(0, 12)}` : ""}`,
  );
  const db = await createTestDb("sqlite");
  const baseline = await startBaselineServer();
  const servers: WebServer[] = [];
  let browser: Browser | null = null;
  try {
    const servings = against ? 2 : 1;
    const traces: {
      size: number;
      traceId: string;
      spans: number;
      reportBytes: number;
      baselineUrl: string;
      /** Per server (this commit's, then the other's): traces it will never have rendered before its visit. */
      visited: string[][];
      storeCopy: (start: string) => Promise<string>;
    }[] = [];
    for (const size of options.sizes) {
      noteStep(result, `storing a ${size}-span ${options.scenario} trace, and copies of it to open first`);
      const stored = await storeSyntheticTrace(db, options.scenario, size);
      const report = formatOsprofilerReport(convertSpanRowsToOsprofilerReport(await readTraceSpanRows(db, stored.traceId)));
      const storeCopy = async (start: string): Promise<string> => {
        const copy: TraceCopy = { traceId: randomUUID(), start };
        const again = await storeSyntheticTrace(db, options.scenario, size, undefined, copy);
        if (again.spans !== stored.spans) throw new Error(`a copy of the ${size}-span trace has ${again.spans} spans, not ${stored.spans}`);
        return copy.traceId;
      };
      const visited: string[][] = [];
      // Every timed visit, a traced visit's tries, and the CPU's GETs: each a trace of its own.
      for (let i = 0; i < servings; i++)
        visited.push(await storeCopies(options.runs + 3 + FIRST_OPEN_CPU_GETS, () => storeCopy(VISITED_COPY_START)));
      const reportBytes = Buffer.byteLength(report);
      traces.push({
        size,
        traceId: stored.traceId,
        spans: stored.spans,
        reportBytes,
        baselineUrl: baseline.addReport(stored.traceId, report),
        visited,
        storeCopy,
      });
      result.figures[`trace ${size}`] = { ...stored, reportBytes };
    }
    noteStep(result, "next start (this commit)");
    servers.push(await startWebServer(db.url));
    if (against) {
      noteStep(result, `next start (${against.slice(0, 12)})`);
      servers.push(await startWebServer(db.url, {}, against));
    }
    result.figures.commits = servers.map((s) => s.commit);
    const pagesOf = (t: (typeof traces)[number]): Page[] => [
      { label: "baseline", next: () => t.baselineUrl, server: null, firstOpen: false },
      ...servers.flatMap((s, i): Page[] => {
        const name = i === 0 ? "ostrace" : `ostrace ${s.commit.slice(0, 12)}`;
        const urls = t.visited[i]!.map((id) => `${s.url}/traces/${id}`);
        return [
          { label: name, next: () => takeFirst(urls, name), server: s, firstOpen: true },
          { label: `${name}, repeat open`, next: () => `${s.url}/traces/${t.traceId}`, server: s, firstOpen: false },
        ];
      }),
    ];
    const pages = new Map(traces.map((t) => [t, pagesOf(t)]));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    // On the traces themselves: the first-open pages' copies stay unrendered.
    noteStep(result, "warming both servers (one visit of every page but the first opens)");
    for (const t of traces) for (const p of pages.get(t)!) if (!p.firstOpen) await visit(browser, p.next());

    let click = 0;
    for (const t of traces) {
      const visits = new Map<string, Visit[]>(pages.get(t)!.map((p) => [p.label, []]));
      const clicks = new Map<string, number[]>(servers.map((s) => [s.commit, []]));
      for (let run = 1; run <= options.runs; run++) {
        noteStep(result, `${t.size} spans run ${run}`);
        for (const p of inTurn(pages.get(t)!, run)) visits.get(p.label)!.push(await visit(browser, p.next()));
        for (const s of inTurn(servers, run)) {
          const copy = await t.storeCopy(clickedCopyStart(click++));
          clicks.get(s.commit)!.push(await clickFromList(browser, s.url, copy));
        }
      }
      summarize(result, t.size, t.spans, t.reportBytes, visits);
      summarizeClicks(result, t.size, servers, clicks);
      await measureCpu(result, browser, t.size, pages.get(t)!);
    }
  } finally {
    await browser?.close();
    for (const s of servers) await s.stop();
    await baseline.stop();
    await db.drop();
  }
  return result;
}

async function storeCopies(count: number, store: () => Promise<string>): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < count; k++) ids.push(await store());
  return ids;
}

function takeFirst(urls: string[], label: string): string {
  const url = urls.shift();
  if (url === undefined) throw new Error(`${label}: no trace left that the server never rendered`);
  return url;
}

function summarize(result: AreaResult, size: number, spans: number, reportBytes: number, visits: Map<string, Visit[]>): void {
  const figure: Record<string, unknown> = { spans, reportBytes };
  const medians = new Map<string, number>();
  for (const [label, runs] of visits) {
    const visible = median(runs.map((v) => v.visibleMs));
    medians.set(label, visible);
    figure[label] = {
      medianVisibleMs: round(visible, 1),
      medianDomMs: round(median(runs.map((v) => v.domMs)), 1),
      medianUsableMs: round(median(runs.map((v) => v.usableMs)), 1),
      visibleMs: runs.map((v) => round(v.visibleMs, 1)),
      usableMs: runs.map((v) => round(v.usableMs, 1)),
      rows: runs[0]!.rows,
    };
  }
  result.figures[`${size} spans`] = figure;
  const base = medians.get("baseline")!,
    ours = medians.get("ostrace")!;
  const repeat = medians.get("ostrace, repeat open")!;
  console.log(
    `  ${spans} spans: ${[...medians].map(([label, ms]) => `${label} ${round(ms)} ms`).join(", ")} ` +
      `(ratio ${round(ours / base, 2)} first open, ${round(repeat / base, 2)} repeat open)`,
  );
  judge(
    result,
    `first rows ${size} spans: trace page, first open / plain virtualized page (median of ${visits.get("baseline")!.length})`,
    round(ours / base, 2),
    "<=",
    FIRST_ROWS_BUDGETS.timesBaseline,
    "x",
    `${round(ours)} ms against ${round(base)} ms (repeat open ${round(repeat)} ms)`,
  );
  if (size <= FIRST_ROWS_BUDGETS.msUpToSpans)
    judge(result, `first rows ${size} spans: navigation -> rows painted, first open`, round(ours, 1), "<=", FIRST_ROWS_BUDGETS.ms, "ms");
}

/**
 * The same pages' CPU, which the machine's load inflates far less than their times: one traced
 * visit each (main thread CPU until the first painted rows, and when parsing began) and the
 * server's CPU per render of each trace page. Figures only, no verdict: the budget is the time.
 */
async function measureCpu(result: AreaResult, browser: Browser, size: number, pages: Page[]): Promise<void> {
  const figure = result.figures[`${size} spans`] as Record<string, Record<string, unknown>>;
  const line: string[] = [];
  for (const p of pages) {
    const cpu: VisitCpu | null = await visitCpu(browser, p.next);
    let serverCpuMs: number | null = null;
    if (p.server && p.firstOpen) {
      const urls: string[] = [];
      for (let i = 0; i < FIRST_OPEN_CPU_GETS; i++) urls.push(p.next());
      serverCpuMs = await serverCpuPerFirstRender(p.server.pid, urls);
    } else if (p.server) serverCpuMs = await serverCpuPerRender(p.server.pid, p.next());
    figure[p.label]!.cpu = { ...cpu, traced: cpu !== null, serverCpuMs };
    const visitLine = cpu
      ? `parsing from ${round(cpu.parseStartMs)} ms, renderer ${round(cpu.renderCpuMs)} ms + script ${round(cpu.scriptCpuMs)} ms CPU until painted`
      : "visit not traced (Chromium's trace lost the navigation three times)";
    const serverLine = p.firstOpen
      ? `server ${round(serverCpuMs!, 1)} ms CPU per first render (${FIRST_OPEN_CPU_GETS} GETs)`
      : `server ${round(serverCpuMs!, 1)} ms CPU per render`;
    line.push(`${p.label}: ${visitLine}${serverCpuMs === null ? "" : `, ${serverLine}`}`);
  }
  console.log(`  CPU (one traced visit): ${line.join("; ")}`);
}

/** One first visit in a fresh context: navigation -> rows in the DOM, painted, and a scroll answered. */
async function visit(browser: Browser, url: string): Promise<Visit> {
  const { context, page } = await openProbedPage(browser);
  try {
    await page.goto(url, { waitUntil: "commit" });
    const marks = await waitForMark(page, "usableAt", { timeoutMs: 180_000, pollingMs: 50 });
    return { domMs: marks.domAt, visibleMs: marks.visibleAt, usableMs: marks.usableAt, rows: marks.rowCount };
  } finally {
    await context.close();
  }
}

/** How long a person's pointer rests on a link before the click lands (the press after the approach). */
const HOVER_BEFORE_CLICK_MS = 150;

/**
 * A fresh context loads the trace list and goes quiet; the pointer comes to rest on the trace's
 * link and clicks it HOVER_BEFORE_CLICK_MS later, as a person does. Timed from the click to its rows painted.
 */
async function clickFromList(browser: Browser, serverUrl: string, traceId: string): Promise<number> {
  const { context, page } = await openProbedPage(browser);
  try {
    await page.goto(`${serverUrl}/`, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    const link = `a[href="${tracePageUrl(traceId)}"]`;
    await page.hover(link);
    await page.waitForTimeout(HOVER_BEFORE_CLICK_MS);
    return (await measure(page, "rowCountChange", () => page.click(link))).ms;
  } finally {
    await context.close();
  }
}

function summarizeClicks(result: AreaResult, size: number, servers: WebServer[], clicks: Map<string, number[]>): void {
  const figure = result.figures[`${size} spans`] as Record<string, unknown>;
  const line = servers.map((s, i) => {
    const runs = clicks.get(s.commit)!.map((ms) => round(ms, 1));
    const label = i === 0 ? "ostrace" : `ostrace ${s.commit.slice(0, 12)}`;
    figure[`${label}, clicked in the list`] = { medianClickMs: round(median(runs), 1), clickMs: runs };
    return `${label} ${round(median(runs))} ms`;
  });
  console.log(`  opened from the list (hover ${HOVER_BEFORE_CLICK_MS} ms, click -> rows painted, median, no verdict): ${line.join(", ")}`);
}

runIfMain(import.meta.url, async () => {
  saveResult(await runFirstRowsBench(parseFirstRowsOptions(process.argv.slice(2))));
});
