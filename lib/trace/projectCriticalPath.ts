// The critical path as one view sees it, at once (stepCriticalPathProjection says how, in slices).
import type { CriticalPath } from "./computeCriticalPath";
import type { TraceView } from "./createTraceView";
import { runSteps } from "./runSteps";
import { stepCriticalPathProjection, type ViewCriticalPath } from "./stepCriticalPathProjection";

export function projectCriticalPath(view: TraceView, path: CriticalPath): ViewCriticalPath {
  return runSteps(stepCriticalPathProjection(view, path));
}
