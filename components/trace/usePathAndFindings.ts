// The trace page's critical path and findings: with the first render for an everyday trace (a
// few ms, and the summary above the timeline then never shifts it), after the first rows are
// painted for a big one (80-120 ms and more at 100k spans), in slices between inputs (at 1M
// spans each is hundreds of ms of work).
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
 * one). Null while computed.
 */
export function usePathAndFindings(
  received: Trace,
  trace: Trace,
  initialFindings: string | null,
  complete: boolean,
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
  return { criticalPath: eager ? computeCriticalPath(trace) : idlePath, findings: eager ? eagerFindings : idleFindings };
}
