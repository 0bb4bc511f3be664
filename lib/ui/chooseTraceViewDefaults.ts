// A trace's own defaults for its page (TraceViewDefaults): the view a plain link opens.
import { summarizeTrace, workOutlivedAnswer, type Trace } from "../trace";
import { PLAIN_TRACE_VIEW_DEFAULTS, type TraceViewDefaults } from "./traceViewState";

const ON_THE_CRITICAL_PATH: TraceViewDefaults = { criticalOnly: true };

/**
 * Up to this many spans, an async trace opens on its critical path: its path is then computed
 * before the first rows (components/trace/usePathAndFindings.ts), which a trace opened with every
 * span leaves until after they are painted. In Node on this 2-core machine (busy), the path and the
 * critical-path view took ~12 + 3 ms at 5k spans of a synthetic boot, ~45 + 17 ms at 20k and
 * ~90 + 17 ms at 50k (docs/benchmarks.md §97). The trace page draws a trace of 20,000 spans or
 * more from its preview first (lib/api/renderCompactTracePreview.ts, PREVIEW_MIN_SPANS), not
 * complete, so it opens with every span anyway; past this bound a complete one (the offline
 * report's, at any size) does too, as its path would hold its first rows back by 100 ms and more.
 */
export const OPEN_ON_PATH_MAX_SPANS = 20_000;

/**
 * "Critical path only" when the work went on long after the API answered (workOutlivedAnswer):
 * the spans that carry the time then come first, the API's own statements folded into a row.
 * Only for the whole trace (`complete`: false while its chunks still arrive, whose later spans may
 * change the path) and up to OPEN_ON_PATH_MAX_SPANS: what the first rows wait for stays small.
 */
export function chooseTraceViewDefaults(trace: Trace, complete: boolean): TraceViewDefaults {
  if (!complete || trace.size > OPEN_ON_PATH_MAX_SPANS) return PLAIN_TRACE_VIEW_DEFAULTS;
  return workOutlivedAnswer(summarizeTrace(trace)) ? ON_THE_CRITICAL_PATH : PLAIN_TRACE_VIEW_DEFAULTS;
}
