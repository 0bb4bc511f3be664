// Keeps the per-trace summary current as batches land, from the spans each batch changed.
// Every field is order-independent: times are min/max, counts follow the before/after rows of
// each span, sets are sorted, and the root is the best candidate by a rank that only improves
// as a span's halves arrive (its earliest known time can only move earlier, and a request line
// comes with the start and never goes away).
import { readRequestLine } from "../span/describeCall";
import { deriveNestedFields, derivePayloadFields, expandPayload } from "../span/payloadRest";
import type { SpanRow } from "../span/types";
import { addToTraceSet } from "./traceSet";
import type { SpanChange, TraceSummary } from "./types";

export function mergeTraceSummaries(
  existing: ReadonlyMap<string, TraceSummary>,
  changes: readonly SpanChange[],
  nowUs: number,
): TraceSummary[] {
  const working = new Map<string, TraceSummary>();
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
    if (!before) summary.spanCount++;
    summary.startCount += present(after.startUs) - present(before?.startUs);
    summary.stopCount += present(after.stopUs) - present(before?.stopUs);
    summary.errorCount += present(after.errorType) - present(before?.errorType);
    summary.services = addToTraceSet(summary.services, after.service);
    summary.projects = addToTraceSet(summary.projects, after.project);
    summary.hosts = addToTraceSet(summary.hosts, after.host);
    if (after.parentId === after.traceId) considerRoot(summary, after, earliest);
    summary.updatedUs = nowUs;
  }
  return [...working.values()];
}

function emptySummary(traceId: string, us: number): TraceSummary {
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
    updatedUs: 0,
  };
}

function present(value: unknown): number {
  return value === null || value === undefined ? 0 : 1;
}

/**
 * The root request is the earliest top-level span (parent = the trace) that carries an HTTP
 * request line (osprofiler.web's wsgi span); without one, the earliest top-level span. One
 * client command is often several requests in one trace: `openstack --os-profile KEY server
 * create` asks keystone for a token, looks up the flavor and image with GETs, then POSTs the
 * server. So a request that changes something outranks a read, and a read outranks the token.
 */
function considerRoot(summary: TraceSummary, span: SpanRow, earliestUs: number): void {
  const request = span.startRest !== null && span.startUs !== null
    ? readRequestLine(expandPayload(span.startRest, derivePayloadFields(span, "start", span.startUs), deriveNestedFields(span, "start")))
    : null;
  const candidate = [requestTier(request), earliestUs, span.spanId] as const;
  if (summary.rootSpanId !== null && summary.rootSpanId !== span.spanId) {
    const stored = summary.rootMethod !== null && summary.rootPath !== null ? { method: summary.rootMethod, path: summary.rootPath } : null;
    const current = [requestTier(stored), summary.rootStartUs ?? Infinity, summary.rootSpanId] as const;
    if (compareRank(candidate, current) >= 0) return;
  }
  summary.rootSpanId = span.spanId;
  summary.rootStartUs = earliestUs;
  summary.rootName = span.name;
  summary.rootMethod = request?.method ?? null;
  summary.rootPath = request?.path ?? null;
}

/** 0: a request that changes something, 1: a read, 2: a keystone token request, 3: none. */
function requestTier(request: { method: string; path: string } | null): number {
  if (!request) return 3;
  if (/\/auth\/tokens\/?(\?|$)/.test(request.path)) return 2;
  return ["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase()) ? 1 : 0;
}

function compareRank(a: readonly [number, number, string], b: readonly [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}
