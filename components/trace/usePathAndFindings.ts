// The trace page's critical path and findings: with the first render for an everyday trace (a
// few ms, and the summary above the timeline then never shifts it), after the first rows are
// painted for a big one (80-120 ms and more at 100k spans), in slices between inputs (at 1M
// spans each is hundreds of ms of work). The path of a trace shown "critical path only" comes
// with the render whatever its size: its view needs it before its rows anyway.
import { useMemo, useState } from "react";
import { computeCriticalPath, stepCriticalPath, type CriticalPath, type Trace, type TraceFinding } from "@/lib/trace";
import { EAGER_FINDINGS_SPANS, explainWholeTrace, stepExplainWholeTrace } from "@/lib/ui/explainWholeTrace";
import { readFindingsJson } from "@/lib/ui/findingsJson";
import { useIdleSteps } from "./useIdleComputation";

const AFTER_PAINT = { start: "afterPaint" } as const;
const WHEN_IDLE = { start: "idle" } as const;

/**
 * `received`: the trace as first received, whose findings the server may have computed
 * (`initialFindings`, ASCII JSON); `trace`: the version shown (its clocks shifted, or a later
 * one); `criticalOnly`: the view shows the critical path only. Null while computed.
 */
export function usePathAndFindings(
  received: Trace,
  trace: Trace,
  initialFindings: string | null,
  complete: boolean,
  criticalOnly: boolean,
): { criticalPath: CriticalPath | null; findings: TraceFinding[] | null } {
  const eager = trace.size <= EAGER_FINDINGS_SPANS;
  // Kept from the first render: the findings belong to that version of the trace only.
  const [explained] = useState(() => ({ trace: received, findings: initialFindings === null ? null : readFindingsJson(initialFindings) }));
  const eagerFindings = useMemo(() => {
    if (!eager) return null;
    return explained.findings && trace === explained.trace ? explained.findings : explainWholeTrace(trace);
  }, [eager, trace, explained]);
  // Once the whole trace is in, started as soon as its rows are painted, not at the next idle
  // period: they are what the page is for. While chunks still arrive, each version's run is
  // dropped at the next one, so it waits for an idle period instead.
  const when = complete ? AFTER_PAINT : WHEN_IDLE;
  const idlePath = useIdleSteps(trace, stepCriticalPath, !eager, when).value;
  const idleFindings = useIdleSteps(trace, stepExplainWholeTrace, !eager && idlePath !== null, when).value;
  // "Critical path only" (a big async trace opened on its path, or a link that asks for it): the
  // view computes the path before its rows anyway (createTraceView, one path per trace), so its
  // folds come with those rows, not a moment later when the idle run ends, moving them.
  const pathNow = eager || criticalOnly;
  return { criticalPath: pathNow ? computeCriticalPath(trace) : idlePath, findings: eager ? eagerFindings : idleFindings };
}
