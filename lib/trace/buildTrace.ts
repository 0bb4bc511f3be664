// Spans -> trace tree. Arrival is messy, so assembly never trusts the data: a missing start or
// stop is flagged and inferred from what the trace proves, a parent that is not in the trace
// makes an orphan root, and a parent chain that loops is cut. Every pass is iterative and linear
// (plus one sort), so a 100k-deep chain or a 100k-wide fan-out builds without recursion.
import { cutParentCycles } from "./cutParentCycles";
import type { Span } from "../span/types";
import { createStringTable } from "./createStringTable";
import { layoutTrace } from "./layoutTrace";
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
  }
  cutParentCycles(
    parentOf,
    (a, b) => compareReceived(unique[a]!, unique[b]!) < 0,
    (cut) => (flagsOf[cut]! |= SpanFlag.CYCLE),
  );

  // Measured extents need subtree extremes, which need a tree; any pre-order will do for that.
  const [startOf, stopOf] = measureExtents(unique, parentOf, preorder(parentOf, identityOrder(m)));

  const sorted = identityOrder(m).sort(
    (a, b) =>
      compareNumber(startOf[a]!, startOf[b]!) || compareNumber(stopOf[a]!, stopOf[b]!) || compareText(unique[a]!.spanId, unique[b]!.spanId),
  );
  const order = preorder(parentOf, sorted);

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

function identityOrder(m: number): Int32Array {
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  return order;
}

/** Pre-order of the forest given by `parent`, children and roots in the order they have in `sequence`. */
function preorder(parent: Int32Array, sequence: Int32Array): Int32Array {
  const m = parent.length;
  // Children lists as one flat array (CSR), filled in `sequence` order.
  const first = new Int32Array(m + 1);
  let roots = 0;
  for (let k = 0; k < m; k++) {
    const p = parent[k]!;
    if (p < 0) roots++;
    else first[p + 1]!++;
  }
  for (let k = 0; k < m; k++) first[k + 1]! += first[k]!;
  const fill = first.slice(0, m);
  const children = new Int32Array(m - roots);
  const rootList = new Int32Array(roots);
  let r = 0;
  for (const k of sequence) {
    const p = parent[k]!;
    if (p < 0) rootList[r++] = k;
    else children[fill[p]!++] = k;
  }

  const order = new Int32Array(m);
  const stack = new Int32Array(m);
  let top = 0,
    pos = 0;
  for (let i = roots - 1; i >= 0; i--) stack[top++] = rootList[i]!;
  while (top > 0) {
    const k = stack[--top]!;
    order[pos++] = k;
    for (let c = first[k + 1]! - 1; c >= first[k]!; c--) stack[top++] = children[c]!;
  }
  return order;
}

function measureExtents(spans: readonly Span[], parent: Int32Array, order: Int32Array): [Float64Array, Float64Array] {
  const m = spans.length;
  const low = new Float64Array(m).fill(Infinity);
  const high = new Float64Array(m).fill(-Infinity);
  for (let k = 0; k < m; k++) {
    const { startUs, stopUs } = spans[k]!;
    for (const t of [startUs, stopUs]) {
      if (t === null) continue;
      if (t < low[k]!) low[k] = t;
      if (t > high[k]!) high[k] = t;
    }
  }
  for (let i = m - 1; i >= 0; i--) {
    const k = order[i]!;
    const p = parent[k]!;
    if (p < 0) continue;
    if (low[k]! < low[p]!) low[p] = low[k]!;
    if (high[k]! > high[p]!) high[p] = high[k]!;
  }
  let first = Infinity;
  for (let k = 0; k < m; k++) if (low[k]! < first) first = low[k]!;
  const start = new Float64Array(m);
  const stop = new Float64Array(m);
  // Parents first: a span with no timestamp and no timed descendant sits at its parent's start
  // (or the trace's), so that it sorts among its siblings where it will be drawn.
  for (const k of order) {
    const s = spans[k]!,
      p = parent[k]!;
    start[k] = s.startUs ?? (low[k] !== Infinity ? low[k]! : p >= 0 ? start[p]! : first === Infinity ? 0 : first);
    stop[k] = s.stopUs ?? (high[k] !== -Infinity ? high[k]! : start[k]!);
  }
  return [start, stop];
}

function compareReceived(a: Span, b: Span): number {
  const ta = a.startUs ?? a.stopUs ?? Infinity;
  const tb = b.startUs ?? b.stopUs ?? Infinity;
  return ta < tb ? -1 : ta > tb ? 1 : compareText(a.spanId, b.spanId);
}

function compareNumber(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
