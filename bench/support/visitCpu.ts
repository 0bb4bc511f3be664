// CPU figures of a page visit and of a server's render, which a busy machine inflates far less
// than wall-clock times (issue 14, first rows): a shared 2-core machine turns 45 ms of work into
// 200-600 ms of waiting, but not into more work.
// - visitCpu: one visit traced by Chromium (`devtools.timeline`): when the renderer began to parse
//   the document (navigation -> first parse: the server's answer plus, for a page sent with
//   Cross-Origin-Opener-Policy, a new renderer process), and the main thread's CPU time (`tdur`)
//   until the first painted rows (the page probes' visibleAt): parsing, style, layout, paint, and
//   script.
// - serverCpuPerRender: /proc CPU ticks of a server process tree over repeated GETs of one URL;
//   serverCpuPerFirstRender: over one GET each of URLs the server has never rendered (a first open).
import { readdirSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { openProbedPage, waitForMark } from "./pageProbes";

export type VisitCpu = { parseStartMs: number; renderCpuMs: number; scriptCpuMs: number };

const RENDER_EVENTS = new Set(["ParseHTML", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize"]);
const SCRIPT_EVENTS = new Set(["EvaluateScript", "FunctionCall", "v8.compile", "TimerFire", "FireAnimationFrame", "EventDispatch"]);

type TraceEvent = {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  tdur?: number;
  args?: { data?: { documentLoaderURL?: string } };
};

/**
 * A busy machine sometimes loses the navigation's events from Chromium's trace (seen at load 8: no
 * navigationStart for the new renderer of a Cross-Origin-Opener-Policy page). The figure is a side
 * witness, so a lost trace is traced again, and after three tries it is reported missing rather than
 * failing the benchmark's measured visits.
 */
export async function visitCpu(browser: Browser, url: string | (() => string)): Promise<VisitCpu | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // A function gives every attempt a page of its own (a first open stays a first open).
    const cpu = await tracedVisitCpu(browser, typeof url === "string" ? url : url());
    if (cpu) return cpu;
  }
  return null;
}

async function tracedVisitCpu(browser: Browser, url: string): Promise<VisitCpu | null> {
  const { context, page } = await openProbedPage(browser);
  try {
    await browser.startTracing(page, { categories: ["devtools.timeline", "blink.user_timing", "loading"] });
    await page.goto(url, { waitUntil: "commit" });
    const marks = await waitForMark(page, "visibleAt", { timeoutMs: 180_000, pollingMs: 50 });
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    return readVisitCpu(Array.isArray(trace) ? trace : (trace.traceEvents ?? []), url, marks.visibleAt);
  } finally {
    await context.close();
  }
}

function readVisitCpu(events: TraceEvent[], url: string, visibleAt: number): VisitCpu | null {
  const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL === url);
  if (!nav) return null;
  let render = 0,
    script = 0,
    parseStart = Infinity;
  for (const e of events) {
    if (e.pid !== nav.pid || e.tid !== nav.tid || e.ph !== "X") continue;
    const at = (e.ts - nav.ts) / 1000;
    if (at < 0 || at > visibleAt) continue;
    if (e.name === "ParseHTML") parseStart = Math.min(parseStart, at);
    if (RENDER_EVENTS.has(e.name)) render += (e.tdur ?? 0) / 1000;
    else if (SCRIPT_EVENTS.has(e.name)) script += (e.tdur ?? 0) / 1000;
  }
  return { parseStartMs: parseStart, renderCpuMs: render, scriptCpuMs: script };
}

/** Milliseconds of CPU (user + system) the process tree of `pid` spends per GET of `url`. */
export async function serverCpuPerRender(pid: number, url: string, requests = 30): Promise<number> {
  for (let i = 0; i < 3; i++) await get(url);
  return cpuPerGet(pid, Array<string>(requests).fill(url));
}

/** The same per GET, one GET of each of `urls` and no warming GETs: pages the server never rendered. */
export function serverCpuPerFirstRender(pid: number, urls: readonly string[]): Promise<number> {
  return cpuPerGet(pid, urls);
}

async function cpuPerGet(pid: number, urls: readonly string[]): Promise<number> {
  const pids = processTree(pid);
  const before = pids.reduce((sum, p) => sum + cpuTicks(p), 0);
  for (const url of urls) await get(url);
  const after = pids.reduce((sum, p) => sum + cpuTicks(p), 0);
  return ((after - before) * (1000 / CLOCK_TICKS_PER_S)) / urls.length;
}

async function get(url: string): Promise<void> {
  await (await fetch(url, { headers: { "accept-encoding": "gzip, deflate, br" } })).arrayBuffer();
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

function processTree(pid: number): number[] {
  const pids = [pid];
  for (let k = 0; k < pids.length; k++) {
    try {
      for (const task of readdirSync(`/proc/${pids[k]}/task`))
        for (const child of readFileSync(`/proc/${pids[k]}/task/${task}/children`, "utf8").split(" ").filter(Boolean))
          pids.push(Number(child));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
