// Two traces side by side: the spans of A and B aligned by service and call path. Two spans
// align when their parents aligned and they are the same call (service plus labelCall's words:
// ids folded, SQL normalized); repeated siblings pair up in order, so an N+1 loop that ran 3
// times in A and 240 in B gives 3 aligned rows and one row standing for the 237 extra calls
// (its members are its children, for whoever opens it). Roots (several in a multi-root trace,
// orphans included) align like the children of one virtual root.
//
// The aligned tree is itself a Trace (`merged`, one span per row, its ids the rows' ids), so
// the trace page's views, search, collapse levels and rows work on it unchanged; the columns
// here say which span of A and of B each row stands for, and how their times compare.
import { createStringTable } from "./createStringTable";
import { labelCall } from "./labelCall";
import { layoutTrace } from "./layoutTrace";
import { SpanFlag, type Trace } from "./types";

export const AlignClass = { SAME: 0, FASTER: 1, SLOWER: 2, MISSING: 3, NEW: 4 } as const;
export type AlignClass = (typeof AlignClass)[keyof typeof AlignClass];

/** Durations closer than this, or than this share of the longer one, are the same: timing noise. */
export const SAME_WITHIN_US = 1000;
const SAME_WITHIN_SHARE = 0.1;
/** Extra repeated calls of one kind under one parent are grouped into a row from this many on. */
const MIN_GROUP = 3;

export type TraceAlignment = {
  a: Trace;
  b: Trace;
  /** The aligned rows as a trace (pre-order; times are B's, or A's for rows only in A, after each trace's start). */
  merged: Trace;
  size: number;
  /** By row: the span of A / B it stands for, -1 when none (a row only in the other trace, or a group). */
  aSpan: Int32Array;
  bSpan: Int32Array;
  /** By row: 1 for a group of repeated calls only in one trace (its members are its children). */
  group: Uint8Array;
  /** By row: how many spans of A / B the row stands for (a group's members; 0 or 1 otherwise). */
  aCount: Int32Array;
  bCount: Int32Array;
  /** By row: the row's own time in A / B (a group's: its members' summed), NaN when absent. */
  aUs: Float64Array;
  bUs: Float64Array;
  /**
   * By row: the wall time of its subtree in A / B (first start to last stop, async tails
   * included; a group's: its members' summed), NaN when absent. A collapsed row shows this.
   */
  aSubtreeUs: Float64Array;
  bSubtreeUs: Float64Array;
  /** By row: spans of A / B in its subtree (itself included). */
  aSpans: Int32Array;
  bSpans: Int32Array;
  /** By row: the class of its own time, and of its subtree's (for a collapsed row). */
  ownClass: Uint8Array;
  subtreeClass: Uint8Array;
};

/** A run of work: align these children of A with these of B (either may be empty), under a row. */
type Item = { kind: "pair"; a: number; b: number; parent: number } | { kind: "group"; side: "a" | "b"; members: number[]; parent: number };

export function alignTraces(a: Trace, b: Trace): TraceAlignment {
  const keys = new Map<string, number>();
  const keyA = callKeys(a, keys),
    keyB = callKeys(b, keys);

  const rowA: number[] = [],
    rowB: number[] = [],
    rowParent: number[] = [],
    rowGroup: number[] = [];
  const groupMembers = new Map<number, number[]>();
  const stack: Item[] = [];
  pushReversed(stack, alignChildren(children(a, -1), children(b, -1), keyA, keyB, -1));
  while (stack.length > 0) {
    const item = stack.pop()!;
    const row = rowA.length;
    rowParent.push(item.parent);
    if (item.kind === "pair") {
      rowA.push(item.a);
      rowB.push(item.b);
      rowGroup.push(0);
      const kidsA = item.a < 0 ? [] : children(a, item.a),
        kidsB = item.b < 0 ? [] : children(b, item.b);
      pushReversed(stack, alignChildren(kidsA, kidsB, keyA, keyB, row));
    } else {
      rowA.push(-1);
      rowB.push(-1);
      rowGroup.push(1);
      groupMembers.set(row, item.members);
      pushReversed(
        stack,
        item.members.map((m) =>
          item.side === "a" ? { kind: "pair", a: m, b: -1, parent: row } : { kind: "pair", a: -1, b: m, parent: row },
        ),
      );
    }
  }
  return measure(a, b, Int32Array.from(rowA), Int32Array.from(rowB), Int32Array.from(rowParent), Uint8Array.from(rowGroup), groupMembers);
}

/** Children of span `i` (roots for -1), in the trace's order (by start). */
function children(trace: Trace, i: number): number[] {
  const out: number[] = [];
  const end = i < 0 ? trace.size : trace.subtreeEnd[i]!;
  for (let c = i + 1; c < end; c = trace.subtreeEnd[c]!) out.push(c);
  return out;
}

/** By span: a number per distinct (service, call label), shared by both traces through `keys`. */
function callKeys(trace: Trace, keys: Map<string, number>): Int32Array {
  const out = new Int32Array(trace.size);
  // labelCall normalizes SQL: once per distinct (service, name, detail), not once per span.
  const byStrings = new Map<string, number>();
  for (let i = 0; i < trace.size; i++) {
    const raw = `${trace.service[i]} ${trace.name[i]} ${trace.detail[i]}`;
    let key = byStrings.get(raw);
    if (key === undefined) {
      const text = `${trace.strings[trace.service[i]!]}\u0000${labelCall(trace, i)}`;
      key = keys.get(text);
      if (key === undefined) keys.set(text, (key = keys.size));
      byStrings.set(raw, key);
    }
    out[i] = key;
  }
  return out;
}

/**
 * Pairs the k-th call of a kind in A with the k-th in B; the rest are only in one trace, and a
 * kind's extras under one parent become a group from MIN_GROUP on. The order follows B, with A's
 * unpaired calls placed after the paired call before them in A.
 */
function alignChildren(kidsA: number[], kidsB: number[], keyA: Int32Array, keyB: Int32Array, parent: number): Item[] {
  const queue = new Map<number, number[]>();
  kidsA.forEach((c, k) => {
    const q = queue.get(keyA[c]!);
    if (q) q.push(k);
    else queue.set(keyA[c]!, [k]);
  });
  const heads = new Map<number, number>();
  const partnerOfA = new Int32Array(kidsA.length).fill(-1);
  const partnerOfB = new Int32Array(kidsB.length).fill(-1);
  kidsB.forEach((c, k) => {
    const key = keyB[c]!;
    const q = queue.get(key),
      head = heads.get(key) ?? 0;
    if (q && head < q.length) {
      partnerOfB[k] = q[head]!;
      partnerOfA[q[head]!] = k;
      heads.set(key, head + 1);
    }
  });
  const extrasA = groupExtras(kidsA, partnerOfA, keyA, "a", parent);
  const extrasB = groupExtras(kidsB, partnerOfB, keyB, "b", parent);

  const out: Item[] = [];
  const emitted = new Set<Item>();
  const emitExtra = (extras: Map<number, Item>, k: number, single: Item) => {
    const group = extras.get(k);
    if (!group) out.push(single);
    else if (!emitted.has(group)) {
      emitted.add(group);
      out.push(group);
    }
  };
  let nextA = 0;
  const flushA = (upTo: number) => {
    for (; nextA < upTo; nextA++) if (partnerOfA[nextA]! < 0) emitExtra(extrasA, nextA, { kind: "pair", a: kidsA[nextA]!, b: -1, parent });
  };
  kidsB.forEach((c, k) => {
    const partner = partnerOfB[k]!;
    if (partner < 0) return emitExtra(extrasB, k, { kind: "pair", a: -1, b: c, parent });
    flushA(partner + 1);
    out.push({ kind: "pair", a: kidsA[partner]!, b: c, parent });
  });
  flushA(kidsA.length);
  return out;
}

/** Position among the children -> the group it belongs to, for kinds with MIN_GROUP unpaired calls or more. */
function groupExtras(kids: number[], partner: Int32Array, keys: Int32Array, side: "a" | "b", parent: number): Map<number, Item> {
  const byKey = new Map<number, number[]>();
  kids.forEach((c, k) => {
    if (partner[k]! >= 0) return;
    const list = byKey.get(keys[c]!);
    if (list) list.push(k);
    else byKey.set(keys[c]!, [k]);
  });
  const out = new Map<number, Item>();
  for (const positions of byKey.values()) {
    if (positions.length < MIN_GROUP) continue;
    const group: Item = { kind: "group", side, members: positions.map((k) => kids[k]!), parent };
    for (const k of positions) out.set(k, group);
  }
  return out;
}

function pushReversed(stack: Item[], items: Item[]) {
  for (let k = items.length - 1; k >= 0; k--) stack.push(items[k]!);
}

function measure(
  a: Trace,
  b: Trace,
  aSpan: Int32Array,
  bSpan: Int32Array,
  parent: Int32Array,
  group: Uint8Array,
  groupMembers: Map<number, number[]>,
): TraceAlignment {
  const n = aSpan.length;
  const aCount = new Int32Array(n),
    bCount = new Int32Array(n);
  const aUs = new Float64Array(n).fill(NaN),
    bUs = new Float64Array(n).fill(NaN);
  const aSubtreeUs = new Float64Array(n).fill(NaN),
    bSubtreeUs = new Float64Array(n).fill(NaN);
  const aSpans = new Int32Array(n),
    bSpans = new Int32Array(n);
  const ownClass = new Uint8Array(n),
    subtreeClass = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (aSpan[r]! >= 0) {
      const i = aSpan[r]!;
      aCount[r] = aSpans[r] = 1;
      aUs[r] = a.stopUs[i]! - a.startUs[i]!;
      aSubtreeUs[r] = a.subtreeStopUs[i]! - a.subtreeStartUs[i]!;
    }
    if (bSpan[r]! >= 0) {
      const i = bSpan[r]!;
      bCount[r] = bSpans[r] = 1;
      bUs[r] = b.stopUs[i]! - b.startUs[i]!;
      bSubtreeUs[r] = b.subtreeStopUs[i]! - b.subtreeStartUs[i]!;
    }
  }
  // Members come after their group in pre-order: a backward pass sums them into it, and spans
  // into every ancestor.
  for (let r = n - 1; r >= 0; r--) {
    const p = parent[r]!;
    if (p < 0) continue;
    aSpans[p]! += aSpans[r]!;
    bSpans[p]! += bSpans[r]!;
    if (!group[p]) continue;
    aCount[p]! += aCount[r]!;
    bCount[p]! += bCount[r]!;
    if (aSpan[r]! >= 0) {
      aUs[p] = (Number.isNaN(aUs[p]!) ? 0 : aUs[p]!) + aUs[r]!;
      aSubtreeUs[p] = (Number.isNaN(aSubtreeUs[p]!) ? 0 : aSubtreeUs[p]!) + aSubtreeUs[r]!;
    }
    if (bSpan[r]! >= 0) {
      bUs[p] = (Number.isNaN(bUs[p]!) ? 0 : bUs[p]!) + bUs[r]!;
      bSubtreeUs[p] = (Number.isNaN(bSubtreeUs[p]!) ? 0 : bSubtreeUs[p]!) + bSubtreeUs[r]!;
    }
  }
  for (let r = 0; r < n; r++) {
    ownClass[r] = classify(aUs[r]!, bUs[r]!);
    subtreeClass[r] = classify(aSubtreeUs[r]!, bSubtreeUs[r]!);
  }
  const merged = mergeRows(a, b, aSpan, bSpan, parent, groupMembers);
  return {
    a,
    b,
    merged,
    size: n,
    aSpan,
    bSpan,
    group,
    aCount,
    bCount,
    aUs,
    bUs,
    aSubtreeUs,
    bSubtreeUs,
    aSpans,
    bSpans,
    ownClass,
    subtreeClass,
  };
}

/** A's time against B's: NaN on one side means the row is only in the other trace. */
function classify(aUs: number, bUs: number): AlignClass {
  if (Number.isNaN(bUs)) return AlignClass.MISSING;
  if (Number.isNaN(aUs)) return AlignClass.NEW;
  const delta = bUs - aUs;
  if (Math.abs(delta) < Math.max(SAME_WITHIN_US, SAME_WITHIN_SHARE * Math.max(Math.abs(aUs), Math.abs(bUs)))) return AlignClass.SAME;
  return delta > 0 ? AlignClass.SLOWER : AlignClass.FASTER;
}

/**
 * The rows as a trace: each row is B's span (or A's, or a group's first member), with its times
 * after its own trace's start, so both traces share one axis starting at 0. A row's id is its
 * span's id, made unique when A and B share ids (a trace compared with itself); a group's is
 * "group-" and its first member's.
 */
const COLUMNS = ["name", "service", "project", "host", "detail", "errorType", "errorMessage"] as const;

function mergeRows(
  a: Trace,
  b: Trace,
  aSpan: Int32Array,
  bSpan: Int32Array,
  parent: Int32Array,
  groupMembers: Map<number, number[]>,
): Trace {
  const n = aSpan.length;
  const table = createStringTable();
  // A trace's string index -> the merged table's, interned on first use (-1: not yet).
  const remapA = new Int32Array(a.strings.length).fill(-1),
    remapB = new Int32Array(b.strings.length).fill(-1);
  const spanId: string[] = new Array<string>(n);
  const cols = {
    name: new Int32Array(n),
    service: new Int32Array(n),
    project: new Int32Array(n),
    host: new Int32Array(n),
    detail: new Int32Array(n),
    errorType: new Int32Array(n),
    errorMessage: new Int32Array(n),
  };
  const flags = new Uint8Array(n);
  const startUs = new Float64Array(n),
    stopUs = new Float64Array(n);
  const used = new Set<string>();
  for (let r = 0; r < n; r++) {
    const members = groupMembers.get(r);
    const fromB = bSpan[r]! >= 0 || (members !== undefined && aSpan[r + 1]! < 0);
    const t = fromB ? b : a;
    const i = members ? (fromB ? bSpan[r + 1]! : aSpan[r + 1]!) : fromB ? bSpan[r]! : aSpan[r]!;
    let id = members ? `group-${t.spanId[i]!}` : t.spanId[i]!;
    if (used.has(id)) id = `${fromB ? "b" : "a"}-${id}`;
    for (let k = 2; used.has(id); k++) id = `${id}-${k}`;
    used.add(id);
    spanId[r] = id;
    const remap = t === a ? remapA : remapB;
    for (const column of COLUMNS) {
      const s = t[column][i]!;
      if (s < 0) cols[column][r] = -1;
      else cols[column][r] = remap[s]! >= 0 ? remap[s]! : (remap[s] = table.intern(t.strings[s]!));
    }
    flags[r] = t.flags[i]! & (SpanFlag.ERROR | SpanFlag.UNFINISHED | SpanFlag.NO_START);
    if (members) {
      startUs[r] = t.startUs[i]! - t.startedUs;
      let stop = -Infinity;
      for (const m of members) stop = Math.max(stop, t.stopUs[m]!);
      stopUs[r] = stop - t.startedUs;
      flags[r] = flags[r]! & ~SpanFlag.UNFINISHED;
    } else {
      startUs[r] = t.startUs[i]! - t.startedUs;
      stopUs[r] = t.stopUs[i]! - t.startedUs;
    }
  }
  return layoutTrace({
    traceId: `${a.traceId}/${b.traceId}`,
    size: n,
    strings: table.strings,
    spanId,
    parent,
    ...cols,
    flags,
    receivedParentId: new Map(),
    startUs,
    stopUs,
    // By text, so both traces' entries hold for the merged table.
    ...((a.clippedTexts || b.clippedTexts) && { clippedTexts: new Map([...(a.clippedTexts ?? []), ...(b.clippedTexts ?? [])]) }),
  });
}
