// Two traces' own defaults for their compare page (TraceViewDefaults): the view a plain link opens.
import { summarizeTrace, workOutlivedAnswer, type Trace } from "../trace";
import { PLAIN_TRACE_VIEW_DEFAULTS, type TraceViewDefaults } from "./traceViewState";

const ON_THE_CRITICAL_PATH: TraceViewDefaults = { criticalOnly: true };

/**
 * "Critical path only" when either trace's work went on long after its API answered
 * (workOutlivedAnswer), as the trace page opens such a trace (chooseTraceViewDefaults): the
 * API's own statements fold into a row and the casts whose work got slower or faster come
 * first. Either, not both: when only one trace's work outlived its answer (the other failed
 * early, or did its work before answering), that work is still most of the difference.
 * Unlike the trace page's, whatever the size: the compare page has both traces whole and aligns
 * them before its first render, so the path is there with it.
 */
export function chooseCompareViewDefaults(a: Trace, b: Trace): TraceViewDefaults {
  return workOutlivedAnswer(summarizeTrace(a)) || workOutlivedAnswer(summarizeTrace(b)) ? ON_THE_CRITICAL_PATH : PLAIN_TRACE_VIEW_DEFAULTS;
}
