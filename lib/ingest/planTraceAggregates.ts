// The per-trace sums that let a trace be compared with others of its signature cheaply: per
// call type (service and span name) and per normalized SQL statement, a count, a total and a
// longest duration. Kept at ingest from the before/after rows of each changed span: a span
// counts once when it appears, its duration when both halves are known, its statement when its
// start (which carries the statement) arrives. Every step is a sum, so batches in any order give
// the same totals. Bounded: past MAX_KEYS distinct keys of one kind, a trace's new keys go
// into one "(other)" sum, so a hostile trace cannot grow the table without limit. Only keys not
// stored yet carry their text: the others' rows exist, and the upsert only adds to them.
import type { SpanRow } from "../span/types";
import { DB_SPAN_NAMES } from "../trace/createTraceView";
import { normalizeSql } from "../trace/normalizeSql";
import { hashAggregateKey } from "../trace/hashAggregateKey";
import type { SpanChange, TraceAggregateDelta, TraceAggregateKind } from "./types";

export const MAX_KEYS_PER_KIND = 100;
export const OTHER_KEY = "(other)";
/** Statements are kept whole up to this; the hash is of the whole key either way. */
const MAX_KEY_TEXT = 4000;

/** Stored keys of the batch's traces: traceId -> "kind\tkeyHash". */
export type StoredAggregateKeys = ReadonlyMap<string, ReadonlySet<string>>;

type Contribution = { kind: TraceAggregateKind; key: string; count: number; us: number };

// A key's hash and a statement's normalized shape are pure functions of their text, and the same
// few hundred texts recur in every batch: kept across batches, not only within one. Bounded: once
// the texts kept pass MAX_REMEMBERED_CHARS (a few MB), it starts over.
const MAX_REMEMBERED_CHARS = 1 << 20;

function createMemo(compute: (text: string) => string): (text: string) => string {
  const memo = new Map<string, string>();
  let chars = 0;
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = compute(text);
      chars += text.length + value.length;
      if (chars > MAX_REMEMBERED_CHARS) {
        memo.clear();
        chars = text.length + value.length;
      }
      memo.set(text, value);
    }
    return value;
  };
}

const hash = createMemo(hashAggregateKey);
const normalize = createMemo(normalizeSql);

export function planTraceAggregates(changes: readonly SpanChange[], stored: StoredAggregateKeys): TraceAggregateDelta[] {
  const deltas = new Map<string, TraceAggregateDelta>();
  const keysOf = new Map<string, { set: Set<string>; perKind: Map<string, number> }>();
  const keys = (traceId: string) => {
    let entry = keysOf.get(traceId);
    if (!entry) {
      const set = new Set(stored.get(traceId));
      const perKind = new Map<string, number>();
      for (const k of set) perKind.set(k.slice(0, k.indexOf("\t")), (perKind.get(k.slice(0, k.indexOf("\t"))) ?? 0) + 1);
      keysOf.set(traceId, (entry = { set, perKind }));
    }
    return entry;
  };
  const add = (traceId: string, c: Contribution, sign: 1 | -1) => {
    const { set, perKind } = keys(traceId);
    let key = c.key;
    let keyHash = hash(key);
    let kindHash = `${c.kind}\t${keyHash}`;
    if (!set.has(kindHash)) {
      // A key never stored was folded into "(other)" when it came (a removal finds it there).
      if (sign < 0 || (perKind.get(c.kind) ?? 0) >= MAX_KEYS_PER_KIND) {
        key = OTHER_KEY;
        keyHash = hash(key);
        kindHash = `${c.kind}\t${keyHash}`;
      }
      if (!set.has(kindHash)) {
        set.add(kindHash);
        perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
      }
    }
    const id = `${traceId}\t${kindHash}`;
    let delta = deltas.get(id);
    if (!delta) {
      const text = stored.get(traceId)?.has(kindHash) ? null : key.slice(0, MAX_KEY_TEXT);
      deltas.set(id, (delta = { traceId, kind: c.kind, keyHash, key: text, count: 0, totalUs: 0, maxUs: 0 }));
    }
    delta.count += sign * c.count;
    delta.totalUs += sign * c.us;
    if (sign > 0) delta.maxUs = Math.max(delta.maxUs, c.us);
  };
  const contributions = (row: SpanRow): Contribution[] => {
    const us = row.startUs !== null && row.stopUs !== null ? Math.max(0, row.stopUs - row.startUs) : 0;
    const out: Contribution[] = [{ kind: "call", key: `${row.service}\t${row.name}`, count: 1, us }];
    if (DB_SPAN_NAMES.has(row.name) && row.detail !== null) {
      out.push({ kind: "sql", key: normalize(row.detail), count: 1, us });
    }
    return out;
  };
  for (const { before, after } of changes) {
    if (before) for (const c of contributions(before)) add(before.traceId, c, -1);
    for (const c of contributions(after)) add(after.traceId, c, 1);
  }
  return [...deltas.values()].filter((d) => d.count !== 0 || d.totalUs !== 0 || d.maxUs !== 0);
}
