// Self time by view position, at once (stepSelfTimes says what it is and gives it in slices).
import type { TraceView } from "./createTraceView";
import { runSteps } from "./runSteps";
import { stepSelfTimes } from "./stepSelfTimes";

export function computeSelfTimes(view: TraceView): Float64Array {
  return runSteps(stepSelfTimes(view));
}
