// Where the time of one trace went, at once (stepBreakdowns says what and gives it in slices).
import type { TraceView } from "./createTraceView";
import { runSteps } from "./runSteps";
import { stepBreakdowns, type TraceBreakdowns } from "./stepBreakdowns";

export type { Breakdown, TraceBreakdowns } from "./stepBreakdowns";

export function computeBreakdowns(view: TraceView): TraceBreakdowns {
  return runSteps(stepBreakdowns(view));
}
