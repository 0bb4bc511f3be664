// Spans -> trace tree. Arrival is messy, so assembly never trusts the data: a missing start or
// stop is flagged and inferred from what the trace proves, a parent that is not in the trace
// makes an orphan root, and a parent chain that loops is cut (the tree's rules: planTraceTree,
// shared with the OTLP export's plan). Every pass is iterative and linear (plus one sort), so a
// 100k-deep chain or a 100k-wide fan-out builds without recursion.
import type { Span } from "../span/types";
import { createStringTable } from "./createStringTable";
import { layoutTrace } from "./layoutTrace";
import { planTraceTree } from "./planTraceTree";
import { SpanFlag, type Trace } from "./types";

/**
 * Builds the trace tree of one trace's spans. Children (and roots) are ordered by start, then
 * stop, then span id. A span id given twice is kept once (the first).
 */
export function buildTrace(spans: readonly Span[], traceId: string = spans[0]?.traceId ?? ""): Trace {
  const unique = dedupeById(spans);
  const m = unique.length;
  const indexOf = new Map<string, number>();
  for (let k = 0; k < m; k++) indexOf.set(unique[k]!.spanId, k);

  const parentOf = new Int32Array(m);
  const flagsOf = new Uint8Array(m);
  const receivedStart = new Float64Array(m);
  const receivedStop = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const s = unique[k]!;
    let flags = 0;
    if (s.startUs === null) flags |= SpanFlag.NO_START;
    if (s.stopUs === null) flags |= SpanFlag.UNFINISHED;
    if (s.error !== null) flags |= SpanFlag.ERROR;
    const p = s.parentId === s.spanId ? -1 : (indexOf.get(s.parentId) ?? -1);
    if (s.parentId === s.spanId) flags |= SpanFlag.CYCLE;
    else if (p < 0 && s.parentId !== traceId) flags |= SpanFlag.ORPHAN;
    parentOf[k] = p;
    flagsOf[k] = flags;
    receivedStart[k] = s.startUs ?? NaN;
    receivedStop[k] = s.stopUs ?? NaN;
  }
  const { order, startOf, stopOf } = planTraceTree({
    parentOf,
    flagsOf,
    receivedStart,
    receivedStop,
    compareIds: (a, b) => compareText(unique[a]!.spanId, unique[b]!.spanId),
  });

  const positionOf = new Int32Array(m);
  for (let i = 0; i < m; i++) positionOf[order[i]!] = i;

  const table = createStringTable();
  const spanId: string[] = new Array<string>(m);
  const parent = new Int32Array(m);
  const name = new Int32Array(m),
    service = new Int32Array(m),
    project = new Int32Array(m),
    host = new Int32Array(m);
  const detail = new Int32Array(m),
    errorType = new Int32Array(m),
    errorMessage = new Int32Array(m);
  const flags = new Uint8Array(m);
  const startUs = new Float64Array(m),
    stopUs = new Float64Array(m);
  const receivedParentId = new Map<number, string>();
  for (let i = 0; i < m; i++) {
    const k = order[i]!;
    const s = unique[k]!;
    spanId[i] = s.spanId;
    parent[i] = parentOf[k]! < 0 ? -1 : positionOf[parentOf[k]!]!;
    name[i] = table.intern(s.name);
    service[i] = table.intern(s.service);
    project[i] = table.intern(s.project);
    host[i] = table.intern(s.host);
    detail[i] = table.internOrNone(s.detail);
    errorType[i] = table.internOrNone(s.error?.type ?? null);
    errorMessage[i] = table.internOrNone(s.error?.message ?? null);
    flags[i] = flagsOf[k]!;
    startUs[i] = startOf[k]!;
    stopUs[i] = stopOf[k]!;
    if (flagsOf[k]! & (SpanFlag.ORPHAN | SpanFlag.CYCLE)) receivedParentId.set(i, s.parentId);
  }
  return layoutTrace({
    traceId,
    size: m,
    strings: table.strings,
    spanId,
    parent,
    name,
    service,
    project,
    host,
    detail,
    errorType,
    errorMessage,
    flags,
    receivedParentId,
    startUs,
    stopUs,
  });
}

function dedupeById(spans: readonly Span[]): readonly Span[] {
  const seen = new Set<string>();
  let duplicate = false;
  for (const s of spans) {
    if (seen.has(s.spanId)) duplicate = true;
    seen.add(s.spanId);
  }
  if (!duplicate) return spans;
  seen.clear();
  return spans.filter((s) => !seen.has(s.spanId) && seen.add(s.spanId));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
