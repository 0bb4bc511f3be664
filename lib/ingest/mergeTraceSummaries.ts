// Keeps the per-trace summary current as batches land, from the spans each batch changed.
// Every field is order-independent: times are min/max, counts follow the before/after rows of
// each span, sets are sorted, and the root is the best candidate by a rank that only improves
// as a span's halves arrive (see lib/span/rootRequest.ts, the rule the trace page shares).
import { requestSignature } from "../span/requestSignature";
import { compareRootCandidates, parseRequestLine, type RootCandidate } from "../span/rootRequest";
import type { SpanRow } from "../span/types";
import { measureSpanRow } from "./measureSpanRow";
import { addToTraceSet } from "./traceSet";
import type { SpanChange, TraceSummaryRow } from "./types";

export function mergeTraceSummaries(
  existing: ReadonlyMap<string, TraceSummaryRow>,
  changes: readonly SpanChange[],
  nowUs: number,
): TraceSummaryRow[] {
  const working = new Map<string, TraceSummaryRow>();
  // Each trace's new set values, added to its set texts once per batch (lib/ingest/traceSet.ts).
  const setValues = new Map<string, { services: Set<string>; projects: Set<string>; hosts: Set<string> }>();
  for (const { before, after } of changes) {
    const times = [after.startUs, after.stopUs].filter((t): t is number => t !== null);
    if (times.length === 0) continue;
    const earliest = Math.min(...times);
    const latest = Math.max(...times);
    let summary = working.get(after.traceId);
    if (!summary) {
      const stored = existing.get(after.traceId);
      summary = stored ? { ...stored } : emptySummary(after.traceId, earliest);
      working.set(after.traceId, summary);
    }
    summary.startUs = Math.min(summary.startUs, earliest);
    summary.endUs = Math.max(summary.endUs, latest);
    summary.durationUs = summary.endUs - summary.startUs;
    if (!before) {
      summary.spanCount++;
      summary.aggregatedSpans++;
    }
    summary.startCount += present(after.startUs) - present(before?.startUs);
    summary.stopCount += present(after.stopUs) - present(before?.stopUs);
    summary.errorCount += present(after.errorType) - present(before?.errorType);
    summary.storedBytes += measureSpanRow(after) - measureSpanRow(before);
    let values = setValues.get(after.traceId);
    if (!values) setValues.set(after.traceId, (values = { services: new Set(), projects: new Set(), hosts: new Set() }));
    values.services.add(after.service);
    values.projects.add(after.project);
    values.hosts.add(after.host);
    if (after.parentId === after.traceId) {
      considerRoot(summary, after, earliest);
      // A span becomes a request once, when its start (which carries the request line) arrives.
      if (parseRequestLine(after.detail) && !parseRequestLine(before?.detail ?? null)) summary.rootRequests++;
    }
    summary.updatedUs = nowUs;
  }
  for (const summary of working.values()) {
    const values = setValues.get(summary.traceId);
    if (values) {
      summary.services = addToTraceSet(summary.services, values.services);
      summary.projects = addToTraceSet(summary.projects, values.projects);
      summary.hosts = addToTraceSet(summary.hosts, values.hosts);
    }
    summary.signature = requestSignature(summary.rootMethod, summary.rootPath, summary.rootName);
  }
  return [...working.values()];
}

function emptySummary(traceId: string, us: number): TraceSummaryRow {
  return {
    traceId,
    startUs: us,
    endUs: us,
    durationUs: 0,
    spanCount: 0,
    startCount: 0,
    stopCount: 0,
    errorCount: 0,
    services: "",
    projects: "",
    hosts: "",
    rootSpanId: null,
    rootStartUs: null,
    rootName: null,
    rootMethod: null,
    rootPath: null,
    answeredUs: null,
    rootRequests: 0,
    updatedUs: 0,
    storedBytes: 0,
    droppedSpans: 0,
    droppedNotifications: 0,
    truncated: null,
    signature: null,
    aggregatedSpans: 0,
    identifierCount: 0,
  };
}

function present(value: unknown): number {
  return value === null || value === undefined ? 0 : 1;
}

/** Keeps the top-level span that names the trace by the shared rule (lib/span/rootRequest.ts). */
function considerRoot(summary: TraceSummaryRow, span: SpanRow, earliestUs: number): void {
  const candidate: RootCandidate = { request: parseRequestLine(span.detail), earliestUs, spanId: span.spanId };
  if (summary.rootSpanId !== null && summary.rootSpanId !== span.spanId) {
    const request =
      summary.rootMethod !== null && summary.rootPath !== null ? { method: summary.rootMethod, path: summary.rootPath } : null;
    if (compareRootCandidates(candidate, { request, earliestUs: summary.rootStartUs ?? Infinity, spanId: summary.rootSpanId }) >= 0) return;
  }
  summary.rootSpanId = span.spanId;
  summary.rootStartUs = earliestUs;
  summary.rootName = span.name;
  summary.rootMethod = candidate.request?.method ?? null;
  summary.rootPath = candidate.request?.path ?? null;
  // As the trace page reads it (lib/trace/summarizeTrace.ts), but only from halves that arrived.
  summary.answeredUs = span.startUs !== null && span.stopUs !== null ? Math.max(0, span.stopUs - span.startUs) : null;
}
