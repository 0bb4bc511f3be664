// The longest spans of a type (or of every type), by total or by self time: "Slowest calls" for
// any kind of call, not only SQL. Self time is the span's own, children taken away (on the
// view given, so hiding DB spans folds their time into their callers).
import { computeSelfTimes } from "./computeSelfTimes";
import type { TraceView } from "./createTraceView";

export type LongestSpans = {
  /** Trace positions, longest first. */
  spans: number[];
  durationsUs: number[];
};

export function listLongestSpans(
  view: TraceView,
  options: { type?: string | null; by?: "total" | "self"; limit?: number } = {},
): LongestSpans {
  const { type = null, by = "total", limit = 20 } = options;
  const { trace } = view;
  const typeIndex = type === null ? -1 : trace.strings.indexOf(type);
  if (type !== null && typeIndex < 0) return { spans: [], durationsUs: [] };
  const self = by === "self" ? computeSelfTimes(view) : null;
  const candidates: { v: number; us: number }[] = [];
  for (let v = 0; v < view.size; v++) {
    const i = view.order[v]!;
    if (typeIndex >= 0 && trace.name[i] !== typeIndex) continue;
    candidates.push({ v, us: self ? self[v]! : trace.stopUs[i]! - trace.startUs[i]! });
  }
  candidates.sort((a, b) => b.us - a.us || a.v - b.v);
  const top = candidates.slice(0, limit);
  return { spans: top.map((c) => view.order[c.v]!), durationsUs: top.map((c) => c.us) };
}
