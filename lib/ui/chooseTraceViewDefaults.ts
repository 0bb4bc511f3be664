// A trace's own defaults for its page (TraceViewDefaults): the view a plain link opens.
import { summarizeTrace, workOutlivedAnswer, type Trace } from "../trace";
import { EAGER_FINDINGS_SPANS } from "./explainWholeTrace";
import { PLAIN_TRACE_VIEW_DEFAULTS, type TraceViewDefaults } from "./traceViewState";

const ON_THE_CRITICAL_PATH: TraceViewDefaults = { criticalOnly: true };

/**
 * "Critical path only" when the work went on long after the API answered (workOutlivedAnswer):
 * the spans that carry the time then come first, the API's own statements folded into a row.
 * Only where the page has the path with its first render (EAGER_FINDINGS_SPANS, the whole trace
 * in): a bigger trace's path comes after the first paint, and its rows would change under the
 * reader's eyes. `complete`: false while a trace's chunks still arrive.
 */
export function chooseTraceViewDefaults(trace: Trace, complete: boolean): TraceViewDefaults {
  if (!complete || trace.size > EAGER_FINDINGS_SPANS) return PLAIN_TRACE_VIEW_DEFAULTS;
  return workOutlivedAnswer(summarizeTrace(trace)) ? ON_THE_CRITICAL_PATH : PLAIN_TRACE_VIEW_DEFAULTS;
}
