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
import { DESCRIBED_HEAD_CHARS } from "../trace/describeLongText";
import type { TextMap } from "../span/createTextMap";
import { hashAggregateKey } from "../trace/hashAggregateKey";
import type { SpanChange, TraceAggregateDelta, TraceAggregateKind } from "./types";

export const MAX_KEYS_PER_KIND = 100;
export const OTHER_KEY = "(other)";
/** Statements are kept whole up to this; the hash is of the whole key either way. */
const MAX_KEY_TEXT = 4000;

/** Stored keys of the batch's traces: traceId -> "kind\tkeyHash". */
export type StoredAggregateKeys = ReadonlyMap<string, ReadonlySet<string>>;

/** A key as the batch's sums use it: its text, its hash, and "kind\thash" (the stored keys' form). */
type AggregateKey = { kind: TraceAggregateKind; key: string; keyHash: string; kindHash: string };

/** One trace's keys: stored and planned ("kind\thash"), how many of each kind, its sums by "kind\thash". */
type TraceKeys = {
  set: Set<string>;
  perKind: Map<string, number>;
  stored: ReadonlySet<string> | undefined;
  deltas: Map<string, TraceAggregateDelta>;
};

// A call's key, a statement's normalized shape and their hashes are pure functions of their
// texts, and the same few hundred texts recur in every batch: kept across batches, with the
// strings made of them (every span used to build its key, "kind\thash" and a trace-and-key id
// anew, and hash each). Bounded: once the texts kept pass MAX_REMEMBERED_CHARS (a few MB), they
// are started over.
const MAX_REMEMBERED_CHARS = 1 << 20;
let rememberedChars = 0;
/** service -> span name -> the call's key. */
const callKeys = new Map<string, Map<string, AggregateKey>>();
/** A statement as the span's detail -> its normalized key. */
const sqlKeys = new Map<string, AggregateKey>();

function makeKey(kind: TraceAggregateKind, key: string): AggregateKey {
  const keyHash = hashAggregateKey(key);
  return { kind, key, keyHash, kindHash: `${kind}\t${keyHash}` };
}

function remember(chars: number): void {
  rememberedChars += chars;
  if (rememberedChars > MAX_REMEMBERED_CHARS) {
    callKeys.clear();
    sqlKeys.clear();
    rememberedChars = chars;
  }
}

function callKey(service: string, name: string): AggregateKey {
  let byName = callKeys.get(service);
  let key = byName?.get(name);
  if (key === undefined) {
    key = makeKey("call", `${service}\t${name}`);
    remember(2 * key.key.length);
    // remember() may have started over: look the service up again.
    byName = callKeys.get(service);
    if (!byName) callKeys.set(service, (byName = new Map()));
    byName.set(name, key);
  }
  return key;
}

function sqlKey(statement: string): AggregateKey {
  let key = sqlKeys.get(statement);
  if (key === undefined) {
    key = makeKey("sql", normalizeSql(statement));
    remember(statement.length + key.key.length);
    sqlKeys.set(statement, key);
  }
  return key;
}

const OTHER: Record<TraceAggregateKind, AggregateKey> = { call: makeKey("call", OTHER_KEY), sql: makeKey("sql", OTHER_KEY) };

/**
 * `shapes`, when given, gets the normalized shape of each statement longer than
 * DESCRIBED_HEAD_CHARS, by its text: storing a new one describes it with its shape
 * (upsertSpanDetails.ts), which need not normalize it again.
 */
export function planTraceAggregates(
  changes: readonly SpanChange[],
  stored: StoredAggregateKeys,
  shapes?: TextMap<string>,
): TraceAggregateDelta[] {
  /** Every sum, in the order first touched. */
  const planned: TraceAggregateDelta[] = [];
  const traces = new Map<string, TraceKeys>();
  const keysOf = (traceId: string): TraceKeys => {
    let entry = traces.get(traceId);
    if (!entry) {
      const storedKeys = stored.get(traceId);
      const set = new Set(storedKeys);
      const perKind = new Map<string, number>();
      for (const k of set) perKind.set(k.slice(0, k.indexOf("\t")), (perKind.get(k.slice(0, k.indexOf("\t"))) ?? 0) + 1);
      traces.set(traceId, (entry = { set, perKind, stored: storedKeys, deltas: new Map() }));
    }
    return entry;
  };
  const add = (traceId: string, trace: TraceKeys, aggregate: AggregateKey, us: number, sign: 1 | -1) => {
    let k = aggregate;
    if (!trace.set.has(k.kindHash)) {
      // A key never stored was folded into "(other)" when it came (a removal finds it there).
      if (sign < 0 || (trace.perKind.get(k.kind) ?? 0) >= MAX_KEYS_PER_KIND) k = OTHER[k.kind];
      if (!trace.set.has(k.kindHash)) {
        trace.set.add(k.kindHash);
        trace.perKind.set(k.kind, (trace.perKind.get(k.kind) ?? 0) + 1);
      }
    }
    let delta = trace.deltas.get(k.kindHash);
    if (!delta) {
      const text = trace.stored?.has(k.kindHash) ? null : k.key.slice(0, MAX_KEY_TEXT);
      delta = { traceId, kind: k.kind, keyHash: k.keyHash, key: text, count: 0, totalUs: 0, maxUs: 0 };
      trace.deltas.set(k.kindHash, delta);
      planned.push(delta);
    }
    delta.count += sign;
    delta.totalUs += sign * us;
    if (sign > 0) delta.maxUs = Math.max(delta.maxUs, us);
  };
  const contribute = (row: SpanRow, sign: 1 | -1) => {
    const us = row.startUs !== null && row.stopUs !== null ? Math.max(0, row.stopUs - row.startUs) : 0;
    const trace = keysOf(row.traceId);
    add(row.traceId, trace, callKey(row.service, row.name), us, sign);
    if (DB_SPAN_NAMES.has(row.name) && row.detail !== null) {
      const key = sqlKey(row.detail);
      if (shapes && row.detail.length > DESCRIBED_HEAD_CHARS) shapes.set(row.detail, key.key);
      add(row.traceId, trace, key, us, sign);
    }
  };
  for (const { before, after } of changes) {
    if (before) contribute(before, -1);
    contribute(after, 1);
  }
  return planned.filter((d) => d.count !== 0 || d.totalUs !== 0 || d.maxUs !== 0);
}
