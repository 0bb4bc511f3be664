import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeMessageBody, decodeMessageJson } from "../notification/decodeMessage";
import type { JsonObject, Notification } from "../notification/types";
import type { SpanRow } from "../span/types";
import { profilerPayload, type PayloadSpec } from "@/tests/support/amqp";
import { measureSpanRow } from "./measureSpanRow";
import { mergeTraceSummaries } from "./mergeTraceSummaries";
import { MAX_TRACE_SET_CHARS } from "./traceSet";
import { DEFAULT_TRACE_CAPS, listBatchKeys, planBatch } from "./planBatch";
import { spanKey } from "./spanKey";
import type { TraceAggregateDelta, TraceSummaryRow } from "./types";

const TRACE = "11111111-1111-4111-8111-111111111111";
const ids = (c: string) => `${c.repeat(8)}-${c.repeat(4)}-4${c.repeat(3)}-8${c.repeat(3)}-${c.repeat(12)}`;
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

function n(spec: Partial<PayloadSpec> & Pick<PayloadSpec, "spanId" | "phase" | "us">): Notification {
  return decodeMessageJson(profilerPayload({ traceId: TRACE, parentId: TRACE, name: "db", ...spec })) as Notification;
}

/** A stand-in for the database: applies one batch plan after another, as storeBatch does. */
function store(batches: Notification[][]): {
  spans: Map<string, SpanRow>;
  traces: Map<string, TraceSummaryRow>;
  aggregates: Map<string, TraceAggregateDelta>;
  identifiers: Set<string>;
} {
  const identifiers = new Set<string>();
  const spans = new Map<string, SpanRow>();
  const traces = new Map<string, TraceSummaryRow>();
  const aggregates = new Map<string, TraceAggregateDelta>();
  for (const batch of batches) {
    const keys = listBatchKeys(batch);
    const existingSpans = new Map(
      keys.spans.flatMap(([t, s]) => (spans.has(spanKey(t, s)) ? [[spanKey(t, s), spans.get(spanKey(t, s))!] as const] : [])),
    );
    const existingTraces = new Map(keys.traceIds.flatMap((t) => (traces.has(t) ? [[t, traces.get(t)!] as const] : [])));
    const storedKeys = new Map<string, Set<string>>();
    for (const a of aggregates.values()) {
      if (!keys.traceIds.includes(a.traceId)) continue;
      if (!storedKeys.has(a.traceId)) storedKeys.set(a.traceId, new Set());
      storedKeys.get(a.traceId)!.add(`${a.kind}\t${a.keyHash}`);
    }
    const plan = planBatch(batch, existingSpans, existingTraces, 42, DEFAULT_TRACE_CAPS, storedKeys);
    for (const row of plan.spanWrites) spans.set(spanKey(row.traceId, row.spanId), row);
    for (const summary of plan.traceWrites) traces.set(summary.traceId, summary);
    for (const [id, traceId] of plan.identifierWrites) identifiers.add(`${id} ${traceId}`);
    // As upsertTraceAggregates adds them.
    for (const d of plan.aggregateWrites) {
      const id = `${d.traceId}\t${d.kind}\t${d.keyHash}`;
      const sum = aggregates.get(id);
      if (!sum) aggregates.set(id, { ...d });
      else
        aggregates.set(id, { ...sum, count: sum.count + d.count, totalUs: sum.totalUs + d.totalUs, maxUs: Math.max(sum.maxUs, d.maxUs) });
    }
  }
  return { spans, traces, aggregates, identifiers };
}

function sorted(aggregates: Map<string, TraceAggregateDelta>): TraceAggregateDelta[] {
  return [...aggregates.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
}

/** Deterministic shuffle and split, so a failure can be replayed. */
function shuffledBatches<T>(items: T[], seed: number): T[][] {
  const out = [...items];
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  const batches: T[][] = [];
  for (let i = 0; i < out.length;) {
    const size = 1 + Math.floor(random() * 4);
    batches.push(out.slice(i, i + size));
    i += size;
  }
  return batches;
}

//  wsgi  GET /v2.1/servers   nova-api  ctl-1   [0 ................. 9000]
//  ├── compute_api            nova-api  ctl-1     [100 ......... 8000]  raises InstanceNotFound
//  │   └── db  SELECT ...     nova-api  ctl-1       [200 .. 900]
//  └── rpc                    nova-cond cond-1             [8100 .. (stop lost)]
//  db (parent unknown: its parent never arrived) glance img-1   [50 .. 60]
const WSGI = ids("a"),
  API = ids("b"),
  DB = ids("c"),
  RPC = ids("d"),
  ORPHAN = ids("e");
const request = { request: { method: "GET", path: "/v2.1/servers", query: "", scheme: "http" } };
const tree: Notification[] = [
  n({ spanId: WSGI, name: "wsgi", phase: "start", us: T0, service: "nova-api", host: "ctl-1", info: request }),
  n({ spanId: API, parentId: WSGI, name: "compute_api", phase: "start", us: T0 + 100, service: "nova-api", host: "ctl-1" }),
  n({
    spanId: DB,
    parentId: API,
    phase: "start",
    us: T0 + 200,
    service: "nova-api",
    host: "ctl-1",
    info: { db: { statement: "SELECT 1", params: {} } },
  }),
  n({ spanId: DB, parentId: API, phase: "stop", us: T0 + 900, service: "nova-api", host: "ctl-1" }),
  n({
    spanId: API,
    parentId: WSGI,
    name: "compute_api",
    phase: "stop",
    us: T0 + 8000,
    service: "nova-api",
    host: "ctl-1",
    info: { etype: "InstanceNotFound", message: "gone" } as JsonObject,
  }),
  n({ spanId: RPC, parentId: WSGI, name: "rpc", phase: "start", us: T0 + 8100, service: "nova-conductor", host: "cond-1" }),
  n({ spanId: WSGI, name: "wsgi", phase: "stop", us: T0 + 9000, service: "nova-api", host: "ctl-1" }),
  n({ spanId: ORPHAN, parentId: ids("f"), phase: "start", us: T0 + 50, project: "glance", service: "glance-api", host: "img-1" }),
  n({ spanId: ORPHAN, parentId: ids("f"), phase: "stop", us: T0 + 60, project: "glance", service: "glance-api", host: "img-1" }),
];

describe("mergeTraceSummaries (through planBatch)", () => {
  const stored = store([tree]);
  const inOrder = stored.traces.get(TRACE)!;

  it("summarises a trace: times, counts, sets, errors and the root request", () => {
    expect(inOrder).toEqual({
      traceId: TRACE,
      startUs: T0,
      endUs: T0 + 9000,
      durationUs: 9000,
      spanCount: 5,
      startCount: 5,
      stopCount: 4,
      errorCount: 1,
      services: "|glance-api|nova-api|nova-conductor|",
      projects: "|glance|nova|",
      hosts: "|cond-1|ctl-1|img-1|",
      rootSpanId: WSGI,
      rootStartUs: T0,
      rootName: "wsgi",
      rootMethod: "GET",
      rootPath: "/v2.1/servers",
      answeredUs: 9000,
      rootRequests: 1,
      updatedUs: 42,
      storedBytes: [...stored.spans.values()].reduce((sum, row) => sum + measureSpanRow(row), 0),
      droppedSpans: 0,
      droppedNotifications: 0,
      truncated: null,
      signature: "GET /v2.1/servers",
      aggregatedSpans: 5,
      identifierCount: 0,
    });
  });

  it("gives the same spans and summary whatever the order, batching and repetition", () => {
    const expected = store([tree]);
    for (let seed = 1; seed <= 40; seed++) {
      const repeated = [...tree, ...tree.filter((_, i) => (i * seed) % 3 === 0)];
      const result = store(shuffledBatches(repeated, seed));
      expect(result.traces.get(TRACE), `seed ${seed}`).toEqual(expected.traces.get(TRACE));
      expect(result.spans, `seed ${seed}`).toEqual(expected.spans);
      expect(sorted(result.aggregates), `seed ${seed}`).toEqual(sorted(expected.aggregates));
    }
  });

  it("falls back to the earliest top-level span when no top-level span carries a request", () => {
    const later = n({ spanId: ids("8"), name: "rpc", phase: "stop", us: T0 + 700 });
    const earlier = n({ spanId: ids("9"), name: "compute_api", phase: "start", us: T0 + 300 });
    for (const batches of [[[later], [earlier]], [[earlier], [later]], [[earlier, later]]]) {
      const summary = store(batches).traces.get(TRACE)!;
      expect(summary).toMatchObject({
        rootSpanId: ids("9"),
        rootName: "compute_api",
        rootStartUs: T0 + 300,
        rootMethod: null,
        rootPath: null,
      });
    }
  });

  it("leaves the root empty while the top-level span is missing (its children's parent is not the trace)", () => {
    const noWsgi = tree.filter((x) => x.spanId !== WSGI);
    expect(store([noWsgi]).traces.get(TRACE)).toMatchObject({ spanCount: 4, rootSpanId: null });
    expect(store([noWsgi, [tree[6]!]]).traces.get(TRACE)).toMatchObject({
      rootSpanId: WSGI,
      rootName: "wsgi",
      rootStartUs: T0 + 9000,
      rootMethod: null,
      answeredUs: null,
    });
    expect(store([noWsgi, [tree[6]!], [tree[0]!]]).traces.get(TRACE)).toMatchObject({
      rootStartUs: T0,
      rootMethod: "GET",
      rootPath: "/v2.1/servers",
      answeredUs: 9000,
    });
  });

  it("keeps when the API answered apart from when the work it cast ended, whichever half comes first", () => {
    // wsgi GET /v2.1/servers answers at +9 ms; the rpc cast it sent runs on until +5 s.
    const rpcStop = n({ spanId: RPC, parentId: WSGI, name: "rpc", phase: "stop", us: T0 + 5_000_000, service: "nova-conductor" });
    const all = [...tree, rpcStop];
    const wsgiStop = tree[6]!;
    for (const batches of [
      [all],
      [[...all].reverse()],
      [all.filter((x) => x !== wsgiStop), [wsgiStop]],
      [[wsgiStop], all.filter((x) => x !== wsgiStop)],
    ]) {
      expect(store(batches).traces.get(TRACE)).toMatchObject({ durationUs: 5_000_000, answeredUs: 9000 });
    }
    // Only the start so far: no answer yet, however long the trace has run.
    expect(store([all.filter((x) => x !== wsgiStop)]).traces.get(TRACE)).toMatchObject({ answeredUs: null, rootSpanId: WSGI });
  });

  it("names the trace after the request that changes something, then a read, then the keystone token, in any order", () => {
    // openstack --os-profile KEY server create: three top-level requests in one trace.
    //   t0      keystone  POST /v3/auth/tokens
    //   t0+50   nova-api  GET  /v2.1/flavors/1
    //   t0+90   nova-api  POST /v2.1/servers
    const request = (c: string, us: number, method: string, path: string) =>
      n({ spanId: ids(c), name: "wsgi", phase: "start", us, info: { request: { method, path, query: "", scheme: "http" } } });
    const token = request("a", T0, "POST", "/v3/auth/tokens");
    const flavor = request("b", T0 + 50_000, "GET", "/v2.1/flavors/1");
    const create = request("c", T0 + 90_000, "POST", "/v2.1/servers");
    for (const batches of [[[token, flavor, create]], [[create], [token]], [[token], [create], [flavor]], [[flavor], [token], [create]]]) {
      expect(store(batches).traces.get(TRACE)).toMatchObject({
        rootSpanId: ids("c"),
        rootMethod: "POST",
        rootPath: "/v2.1/servers",
        rootRequests: new Set(batches.flat()).size,
      });
    }
    // Counted once per span, however often its start comes back (redelivery) or its stop follows.
    const stop = n({ spanId: ids("c"), name: "wsgi", phase: "stop", us: T0 + 120_000 });
    expect(
      store([
        [token, create],
        [create, stop],
        [flavor, token],
      ]).traces.get(TRACE),
    ).toMatchObject({ rootRequests: 3 });
    // openstack server list: the token and a read; the read names it.
    for (const batches of [[[token, flavor]], [[flavor], [token]]]) {
      expect(store(batches).traces.get(TRACE)).toMatchObject({ rootSpanId: ids("b"), rootPath: "/v2.1/flavors/1" });
    }
    // A trace that is only a token request still has it as its root.
    expect(store([[token]]).traces.get(TRACE)).toMatchObject({ rootSpanId: ids("a"), rootPath: "/v3/auth/tokens" });
  });

  it("prefers the request span even when it arrives after an earlier-starting top-level span", () => {
    const early = n({ spanId: ids("9"), name: "rpc", phase: "start", us: T0 - 500 });
    const summary = store([[early], [tree[0]!]]).traces.get(TRACE)!;
    expect(summary).toMatchObject({ rootSpanId: WSGI, rootMethod: "GET" });
  });
});

describe("mergeTraceSummaries on hostile sets", () => {
  it("stays linear and bounded when every span names a host, service and project of its own", () => {
    // 2,000 valid notifications (one batch) naming 255-character values: the sets were re-parsed
    // and re-sorted per span (14 s, 0.5 MB per column); now one sort per batch, under the cap.
    const changes = Array.from({ length: 2000 }, (_, i) => {
      const own = `${String(i).padStart(4, "0")}${"x".repeat(251)}`;
      const after: SpanRow = {
        traceId: TRACE,
        spanId: ids(String(i % 10)).replace(/^.{4}/, String(i).padStart(4, "0")),
        parentId: TRACE,
        name: "db",
        project: own,
        service: own,
        host: own,
        startUs: T0 + i,
        stopUs: null,
        errorType: null,
        detail: null,
        startRest: "{}",
        stopRest: null,
      };
      return { before: null, after };
    });
    const started = performance.now();
    const [summary] = mergeTraceSummaries(new Map(), changes, 42);
    const ms = performance.now() - started;
    for (const set of [summary!.services, summary!.projects, summary!.hosts]) {
      expect(set.length).toBeLessThanOrEqual(MAX_TRACE_SET_CHARS);
      expect(set.length).toBeGreaterThan(MAX_TRACE_SET_CHARS - 300);
    }
    expect(summary!.spanCount).toBe(2000);
    expect(ms).toBeLessThan(2000);
  });
});

describe("real OSprofiler captures (tests/fixtures/osprofiler)", () => {
  const dir = join(process.cwd(), "tests", "fixtures", "osprofiler");
  const messages = JSON.parse(readFileSync(join(dir, "messages.json"), "utf8")) as { body: string }[];
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    traces: { name: string; baseId: string; request: string; lostStopSpanId: string | null; messages: number }[];
  };
  const notifications = messages.map((m) => decodeMessageBody(new TextEncoder().encode(m.body), 1 << 20) as Notification);

  it("decodes every captured message", () => {
    expect(notifications.every((x) => "traceId" in x)).toBe(true);
  });

  it("summarises each captured trace the same in arrival order and reversed", () => {
    const forward = store([notifications]);
    const backward = store(notifications.map((x) => [x]).reverse());
    // identifierCount is an upper bound that depends on batching (an id met in two batches counts
    // twice); the identifiers themselves may not.
    const withoutIdCount = (traces: Map<string, TraceSummaryRow>) =>
      new Map([...traces].map(([id, { identifierCount: _, ...t }]) => [id, t]));
    expect(withoutIdCount(backward.traces)).toEqual(withoutIdCount(forward.traces));
    expect(backward.identifiers).toEqual(forward.identifiers);
    expect(forward.identifiers.size).toBeGreaterThan(0);
    for (const [traceId, t] of backward.traces)
      expect(t.identifierCount).toBeGreaterThanOrEqual([...forward.identifiers].filter((x) => x.endsWith(traceId)).length);
    expect(backward.spans).toEqual(forward.spans);
    for (const trace of manifest.traces) {
      const summary = forward.traces.get(trace.baseId)!;
      const [method, path] = trace.request.split(" ");
      expect(summary, trace.name).toMatchObject({ rootName: "wsgi", rootMethod: method, rootPath: path });
      expect(summary.spanCount * 2 - (trace.lostStopSpanId ? 1 : 0), trace.name).toBe(trace.messages);
      expect(summary.stopCount, trace.name).toBe(summary.spanCount - (trace.lostStopSpanId ? 1 : 0));
    }
    const notFound = forward.traces.get(manifest.traces.find((t) => t.name === "not-found")!.baseId)!;
    expect(notFound.errorCount).toBe(2);
  });
});
