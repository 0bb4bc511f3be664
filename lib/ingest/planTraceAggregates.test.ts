import { describe, expect, it } from "vitest";
import { createRandom } from "../../testing/synthetic/createRandom";
import type { SpanRow } from "../span/types";
import { DB_SPAN_NAMES } from "../trace/createTraceView";
import { hashAggregateKey } from "../trace/hashAggregateKey";
import { normalizeSql } from "../trace/normalizeSql";
import { createTextMap } from "../span/createTextMap";
import { MAX_KEYS_PER_KIND, OTHER_KEY, planTraceAggregates, type StoredAggregateKeys } from "./planTraceAggregates";
import type { SpanChange, TraceAggregateDelta, TraceAggregateKind } from "./types";

const row = (spanId: string, spec: Partial<SpanRow>): SpanRow => ({
  traceId: "t",
  spanId,
  parentId: "p",
  name: "db",
  project: "nova",
  service: "nova-api",
  host: "h",
  startUs: 100,
  stopUs: 300,
  errorType: null,
  detail: null,
  startRest: null,
  stopRest: null,
  ...spec,
});

describe("planTraceAggregates", () => {
  it("hands over the shape of each long statement it normalized, for describing it when stored", () => {
    const long = (k: number) =>
      `SELECT * FROM instances WHERE uuid IN (${Array.from({ length: 900 }, (_, i) => `'${k}-${i}'`).join(", ")})`;
    const changes = [
      row("1", { detail: long(1) }),
      row("2", { detail: long(2) }),
      row("3", { detail: "SELECT 1" }),
      row("4", { name: "rpc", detail: `call ${long(3)}` }),
    ].map((after) => ({ before: null, after }));
    const shapes = createTextMap<string>();
    planTraceAggregates(changes, new Map(), shapes);
    expect([...shapes.keys()]).toEqual([long(1), long(2)]);
    expect(shapes.get(long(2))).toBe(normalizeSql(long(2)));
  });

  it("sums calls per service and span name, and db calls per normalized statement", () => {
    const changes = [
      row("1", { name: "wsgi", detail: "GET /v2.1/servers", startUs: 0, stopUs: 1000 }),
      row("2", { detail: "SELECT * FROM instances WHERE id = 1", startUs: 10, stopUs: 30 }),
      row("3", { detail: "SELECT * FROM instances WHERE id = 2", startUs: 40, stopUs: 100 }),
    ].map((after) => ({ before: null, after }));
    const deltas = planTraceAggregates(changes, new Map());
    expect(deltas).toEqual(
      expect.arrayContaining([
        {
          traceId: "t",
          kind: "call",
          keyHash: hashAggregateKey("nova-api\twsgi"),
          key: "nova-api\twsgi",
          count: 1,
          totalUs: 1000,
          maxUs: 1000,
        },
        { traceId: "t", kind: "call", keyHash: hashAggregateKey("nova-api\tdb"), key: "nova-api\tdb", count: 2, totalUs: 80, maxUs: 60 },
        {
          traceId: "t",
          kind: "sql",
          keyHash: hashAggregateKey("select * from instances where id = ?"),
          key: "select * from instances where id = ?",
          count: 2,
          totalUs: 80,
          maxUs: 60,
        },
      ]),
    );
    expect(deltas).toHaveLength(3);
  });

  it("adds a duration when the stop arrives and a statement when the start arrives, without counting the span twice", () => {
    const stopOnly = row("1", { startUs: null, stopUs: 500 });
    const both = row("1", { startUs: 200, stopUs: 500, detail: "SELECT 1" });
    const deltas = planTraceAggregates(
      [{ before: stopOnly, after: both }],
      new Map([["t", new Set([`call\t${hashAggregateKey("nova-api\tdb")}`])]]),
    );
    expect(deltas).toEqual([
      // Stored before: its row is there, its text is not sent again.
      { traceId: "t", kind: "call", keyHash: hashAggregateKey("nova-api\tdb"), key: null, count: 0, totalUs: 300, maxUs: 300 },
      { traceId: "t", kind: "sql", keyHash: hashAggregateKey("select ?"), key: "select ?", count: 1, totalUs: 300, maxUs: 300 },
    ]);
  });

  it("folds a trace's statements past the bound into one (other) sum", () => {
    const changes = Array.from({ length: MAX_KEYS_PER_KIND + 20 }, (_, i) => ({
      before: null,
      after: row(String(i), { detail: `SELECT c FROM t${i}` }),
    }));
    const sql = planTraceAggregates(changes, new Map()).filter((d) => d.kind === "sql");
    expect(sql).toHaveLength(MAX_KEYS_PER_KIND + 1);
    expect(sql.find((d) => d.key === OTHER_KEY)).toMatchObject({ count: 20, totalUs: 20 * 200 });
  });

  it("plans exactly what the rule, written plainly, plans: across batches, stored keys, the bound and removals", () => {
    const random = createRandom("aggregates");
    const services = ["nova-api", "nova-conductor", "neutron-server", "a\tb", "a", "b\tc", ""];
    const names = ["db", "wsgi", "rpc", "compute_api", "neutron_api", "db\t", "b"];
    const statement = () =>
      random.chance(0.7)
        ? `SELECT c${random.int(0, 30)} FROM t WHERE id = ${random.int(0, 3)}`
        : // Unique texts, some long: the memo turns over during the test.
          `UPDATE t${random.hex32()} SET x = 'é\ud800' WHERE y = ${"z".repeat(random.int(0, 5000))}`;
    const half = (traceId: string, spanId: string): SpanRow =>
      row(spanId, {
        traceId,
        service: random.pick(services),
        name: random.pick(names),
        startUs: random.chance(0.8) ? random.int(0, 1000) : null,
        stopUs: random.chance(0.8) ? random.int(500, 2000) : null,
        detail: random.chance(0.8) ? statement() : null,
      });
    let unique = 0;
    for (let batch = 0; batch < 60; batch++) {
      const traceIds = Array.from({ length: random.int(1, 4) }, () => `t${random.int(0, 5)}`);
      const changes: SpanChange[] = Array.from({ length: random.int(1, 300) }, (_, i) => {
        const traceId = random.pick(traceIds);
        return { before: random.chance(0.3) ? half(traceId, String(i)) : null, after: half(traceId, String(i)) };
      });
      // Stored keys: some of the batch's own, some of earlier ones, past the bound for some traces.
      const stored = new Map<string, Set<string>>();
      for (const traceId of traceIds) {
        const keys = new Set<string>();
        for (let k = random.int(0, random.chance(0.3) ? 150 : 5); k > 0; k--) {
          const kind = random.pick(["call", "sql"] as const);
          const key = kind === "call" ? `${random.pick(services)}\t${random.pick(names)}` : normalizeSql(statement());
          keys.add(`${kind}\t${hashAggregateKey(random.chance(0.1) ? OTHER_KEY : key)}`);
        }
        stored.set(traceId, keys);
      }
      unique += changes.length;
      expect(planTraceAggregates(changes, stored)).toEqual(planPlainly(changes, stored));
    }
    expect(unique).toBeGreaterThan(5000);
  });
});

/** The rule as it was first written (a string per key, per hash and per trace and key): the reference. */
function planPlainly(changes: readonly SpanChange[], stored: StoredAggregateKeys): TraceAggregateDelta[] {
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
  const add = (traceId: string, c: { kind: TraceAggregateKind; key: string; us: number }, sign: 1 | -1) => {
    const { set, perKind } = keys(traceId);
    let key = c.key;
    let kindHash = `${c.kind}\t${hashAggregateKey(key)}`;
    if (!set.has(kindHash)) {
      if (sign < 0 || (perKind.get(c.kind) ?? 0) >= MAX_KEYS_PER_KIND) {
        key = OTHER_KEY;
        kindHash = `${c.kind}\t${hashAggregateKey(key)}`;
      }
      if (!set.has(kindHash)) {
        set.add(kindHash);
        perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
      }
    }
    const id = `${traceId}\t${kindHash}`;
    let delta = deltas.get(id);
    if (!delta) {
      const text = stored.get(traceId)?.has(kindHash) ? null : key.slice(0, 4000);
      deltas.set(id, (delta = { traceId, kind: c.kind, keyHash: hashAggregateKey(key), key: text, count: 0, totalUs: 0, maxUs: 0 }));
    }
    delta.count += sign;
    delta.totalUs += sign * c.us;
    if (sign > 0) delta.maxUs = Math.max(delta.maxUs, c.us);
  };
  const contributions = (r: SpanRow) => {
    const us = r.startUs !== null && r.stopUs !== null ? Math.max(0, r.stopUs - r.startUs) : 0;
    const out: { kind: TraceAggregateKind; key: string; us: number }[] = [{ kind: "call", key: `${r.service}\t${r.name}`, us }];
    if (DB_SPAN_NAMES.has(r.name) && r.detail !== null) out.push({ kind: "sql", key: normalizeSql(r.detail), us });
    return out;
  };
  for (const { before, after } of changes) {
    if (before) for (const c of contributions(before)) add(before.traceId, c, -1);
    for (const c of contributions(after)) add(after.traceId, c, 1);
  }
  return [...deltas.values()].filter((d) => d.count !== 0 || d.totalUs !== 0 || d.maxUs !== 0);
}
