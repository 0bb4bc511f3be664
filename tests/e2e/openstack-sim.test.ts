// The simulated cloud (scripts/openstack-sim) publishes what its README promises. The real
// osprofiler + oslo.messaging run in seven service processes. Most of this file only listens on
// the broker: its own queue bound to the run's prefixed exchanges, raw messages, no ostrace code
// in between except the boundary decoder (which must accept every one of them). The last part
// takes one asynchronous request through all of ostrace (collector, database, HTTP API) and
// checks what the trace model makes of it.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { ConsumeMessage } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import {
  computeCriticalPath,
  computeSelfTimes,
  convertCompactToTrace,
  createTraceView,
  explainTrace,
  readSpan,
  summarizeTrace,
  SpanFlag,
  type CompactTrace,
  type Trace,
} from "@/lib/trace";
import { describeFinding } from "@/lib/ui/describeFinding";
import { AMQP_URL, openBroker, uniqueName, type Broker } from "../support/amqp";
import { startOstrace, waitFor, type Ostrace } from "./support/startOstrace";

const PYTHON = "/usr/bin/python3";
const RUN_PY = fileURLToPath(new URL("../../scripts/openstack-sim/run.py", import.meta.url));

type Payload = {
  name: string;
  base_id: string;
  trace_id: string;
  parent_id: string;
  timestamp: string;
  project: string;
  service: string;
  info: {
    host: string;
    db?: { statement: string; params: unknown };
    etype?: string;
    message?: string;
    function?: { name: string };
  } & Record<string, unknown>;
};
type Inner = { message_id: string; publisher_id: string; event_type: string; priority: string; payload: Payload; timestamp: string };
type Raw = {
  exchange: string;
  routingKey: string;
  contentType: string | undefined;
  body: Buffer;
  json: Record<string, unknown>;
  inner: Inner;
};
type Span = { traceId: string; name: string; parentId: string; project: string; service: string; start?: Payload; stop?: Payload };

type Expected = {
  notifications: number;
  spans: number;
  spans_without_stop: string[];
  roots: number;
  services: Record<string, { project: string; service: string; host: string; exchange: string; event_type: string; spans: number }>;
  db_spans: number;
  repeated_statements: { statement: string; count: number; parent_id: string }[];
  failing_calls: { trace_id: string; name: string; service: string; function: string; etype: string; message: string }[];
  spans_after_response: number;
  services_after_response: string[];
};
type RequestLine = {
  kind: "request";
  signed: "valid" | "wrong-hmac";
  base_id: string;
  http: { service: string; status: number }[];
  expected: Expected;
};
type DescribeLine = { exchanges: string[]; services: { name: string; project: string; service: string; exchange: string }[] };

function runSim(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [RUN_PY, ...args], { timeout: 45_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`run.py ${args.join(" ")} failed: ${error.message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const parseLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);

/** One run of the simulation with this test's own queue bound to the run's private exchanges. */
type Capture = { prefix: string; cloud: DescribeLine; lines: RequestLine[]; raw: Raw[] };

const hmacKey = randomBytes(12).toString("hex");
const queues: string[] = [];
const channelErrors: string[] = [];
const exchanges: string[] = [];
let broker: Broker;

async function capture(simArgs: string[]): Promise<Capture> {
  const prefix = `${uniqueName("sim")}-`;
  const queue = uniqueName("openstack-sim-test");
  const cloud = parseLines(await runSim(["--describe", "--exchange-prefix", prefix]))[0] as DescribeLine;
  queues.push(queue);
  exchanges.push(...cloud.exchanges);
  const channel = await broker.connection.createChannel();
  channel.on("error", (error: Error) => channelErrors.push(`${queue}: ${error.message}`));
  await channel.assertQueue(queue, { exclusive: true });
  for (const exchange of cloud.exchanges) {
    await broker.declareOsloExchange(exchange);
    await channel.bindQueue(queue, exchange, "profiler.*");
  }
  const raw: Raw[] = [];
  await channel.consume(queue, (message) => message && raw.push(readMessage(message)), { noAck: true });
  const stdout = await runSim(["--amqp-url", AMQP_URL, "--exchange-prefix", prefix, "--hmac-key", hmacKey, "--cleanup-broker", ...simArgs]);
  const lines = parseLines(stdout) as RequestLine[];
  await settle(
    raw,
    lines.reduce((sum, line) => sum + line.expected.notifications, 0),
  );
  expect(channelErrors).toEqual([]);
  return { prefix, cloud, lines, raw };
}

function readMessage(message: ConsumeMessage): Raw {
  const json = JSON.parse(message.content.toString("utf8")) as Record<string, unknown>;
  const inner = (typeof json["oslo.message"] === "string" ? JSON.parse(json["oslo.message"]) : json) as Inner;
  return {
    exchange: message.fields.exchange,
    routingKey: message.fields.routingKey,
    contentType: message.properties.contentType as string | undefined,
    body: message.content,
    json,
    inner,
  };
}

/** Resolves once `count` messages arrived and then nothing else came for a short while. */
async function settle(raw: Raw[], count: number, deadlineMs = 15_000) {
  const deadline = Date.now() + deadlineMs;
  while (raw.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  let seen = -1;
  while (seen !== raw.length) {
    seen = raw.length;
    await new Promise((r) => setTimeout(r, 400));
  }
}

function buildSpans(raw: Raw[]): Map<string, Span> {
  const byId = new Map<string, Span>();
  for (const { inner } of raw) {
    const p = inner.payload;
    const phase = p.name.endsWith("-start") ? "start" : "stop";
    const span = byId.get(p.trace_id) ?? {
      traceId: p.trace_id,
      name: p.name.replace(/-(start|stop)$/, ""),
      parentId: p.parent_id,
      project: p.project,
      service: p.service,
    };
    span[phase] = p;
    byId.set(p.trace_id, span);
  }
  return byId;
}

let boot: Capture;
let valid: RequestLine;
let wrong: RequestLine;
let spans: Map<string, Span>;
let list: Capture;

beforeAll(async () => {
  broker = await openBroker();
  // One after the other: a failed run must not have its exchanges deleted under the other one.
  // One wrongly signed boot first, then a correctly signed boot of two servers, in one cloud.
  boot = await capture(["--scenario", "boot", "--count", "2", "--requests", "1", "--wrong-hmac-requests", "1"]);
  list = await capture(["--scenario", "list", "--requests", "1", "--oslo-driver", "messagingv2"]);
  expect(boot.lines.map((line) => line.signed)).toEqual(["wrong-hmac", "valid"]);
  [wrong, valid] = boot.lines as [RequestLine, RequestLine];
  spans = buildSpans(boot.raw);
}, 90_000);

afterAll(async () => {
  await broker?.cleanup({ queues, exchanges });
});

function expectOsloNotification(message: Raw, prefix: string) {
  expect(message.routingKey).toBe("profiler.info");
  expect(message.contentType).toBe("application/json");
  expect(message.exchange).toBe(`${prefix}${message.inner.payload.project}`);
  expect(message.inner.priority).toBe("INFO");
  expect(message.inner.event_type).toBe(`profiler.${message.inner.payload.service}`);
  expect(message.inner.publisher_id).toBe(message.inner.payload.info.host);
  expect(message.inner.message_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(message.inner.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
  expect(message.inner.payload.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
}

describe("openstack-sim traffic on the broker", () => {
  it("is what osprofiler's messaging driver publishes: a bare oslo message (format 1.0) on profiler.info", () => {
    expect(boot.raw.length).toBeGreaterThan(0);
    for (const message of boot.raw) {
      expectOsloNotification(message, boot.prefix);
      expect(message.json).not.toHaveProperty("oslo.version");
      expect(message.json.payload).toEqual(message.inner.payload);
      // ostrace's own boundary takes every one of them as a notification.
      expect(decodeMessageBody(message.body, 1 << 20)).toMatchObject({ traceId: valid.base_id, spanId: message.inner.payload.trace_id });
    }
  });

  it("wraps the same notifications in envelope v2 with --oslo-driver messagingv2", () => {
    const [line] = list.lines as [RequestLine];
    expect(list.raw.length).toBe(line.expected.notifications);
    for (const message of list.raw) {
      expectOsloNotification(message, list.prefix);
      expect(message.json["oslo.version"]).toBe("2.0");
      expect(typeof message.json["oslo.message"]).toBe("string");
      expect(decodeMessageBody(message.body, 1 << 20)).toMatchObject({ traceId: line.base_id, spanId: message.inner.payload.trace_id });
    }
  });

  it("comes from each service on its own project's exchange, in the numbers the run reported", () => {
    expect(boot.raw.length).toBe(valid.expected.notifications);
    expect(new Set(boot.raw.map((m) => m.exchange))).toEqual(new Set(boot.cloud.exchanges));
    const perService = new Map<string, number>();
    for (const span of spans.values())
      perService.set(`${span.project}/${span.service}`, (perService.get(`${span.project}/${span.service}`) ?? 0) + 1);
    const reported = Object.values(valid.expected.services).map((s) => [`${s.project}/${s.service}`, s.spans] as const);
    expect(new Map(reported)).toEqual(perService);
    expect([...perService.keys()].sort()).toEqual(boot.cloud.services.map((s) => `${s.project}/${s.service}`).sort());
    expect(new Set(boot.raw.map((m) => m.inner.payload.info.host))).toEqual(new Set(["controller-0", "compute-0"]));
  });

  it("gives every span a start and a stop", () => {
    expect(spans.size).toBe(valid.expected.spans);
    expect(valid.expected.spans_without_stop).toEqual([]);
    for (const span of spans.values()) {
      expect(span.start, `${span.name} ${span.traceId} start`).toBeDefined();
      expect(span.stop, `${span.name} ${span.traceId} stop`).toBeDefined();
    }
  });

  it("nests spans across services through parent_id, under the client's roots", () => {
    //   (client, base_id) ─┬─ keystone wsgi POST /v3/auth/tokens
    //                      ├─ nova-api wsgi GET /v2.1/flavors/1 ── keystone wsgi (token validation)
    //                      └─ nova-api wsgi POST /v2.1/servers ── compute_api create ─┬─ glance-api wsgi ── keystone wsgi
    //                                                                                 ├─ neutron-server wsgi ── keystone wsgi
    //                                                                                 └─ rpc cast ┄ nova-conductor rpc (after the 202)
    //   nova-conductor rpc ─┬─ rpc call ── nova-scheduler rpc
    //                       └─ rpc cast ┄ nova-compute rpc ─┬─ neutron_api ── neutron-server wsgi
    //                                                       └─ driver ── glance-api wsgi
    const roots = [...spans.values()].filter((s) => s.parentId === valid.base_id);
    expect(roots.length).toBe(valid.expected.roots);
    expect(roots.map((s) => `${s.service} ${s.name} ${String((s.start?.info.request as { path?: string })?.path)}`).sort()).toEqual([
      "nova-api wsgi /v2.1/flavors/1",
      "nova-api wsgi /v2.1/servers",
      "public wsgi /v3/auth/tokens",
    ]);
    for (const span of spans.values()) {
      if (span.parentId !== valid.base_id) expect(spans.has(span.parentId), `parent of ${span.name} ${span.traceId}`).toBe(true);
    }
    const edges = new Set<string>();
    for (const span of spans.values()) {
      const parent = spans.get(span.parentId);
      if (parent && parent.service !== span.service) edges.add(`${parent.service} ${parent.name} -> ${span.service} ${span.name}`);
    }
    expect([...edges].sort()).toEqual([
      "api wsgi -> public wsgi",
      "neutron-server wsgi -> public wsgi",
      "nova-api compute_api -> api wsgi",
      "nova-api compute_api -> neutron-server wsgi",
      "nova-api rpc -> nova-conductor rpc",
      "nova-api wsgi -> public wsgi",
      "nova-compute driver -> api wsgi",
      "nova-compute neutron_api -> neutron-server wsgi",
      "nova-conductor rpc -> nova-compute rpc",
      "nova-conductor rpc -> nova-scheduler rpc",
    ]);
  });

  it("carries SQL statements, with identical statements repeated under one parent", () => {
    const db = [...spans.values()].filter((s) => s.name === "db");
    expect(db.length).toBe(valid.expected.db_spans);
    for (const span of db) {
      expect(span.start?.info.db?.statement).toMatch(/^(SELECT|INSERT|UPDATE) /);
      expect(span.start?.info.db).toHaveProperty("params");
    }
    const repeats = new Map<string, number>();
    for (const span of db) {
      const key = `${span.parentId}\n${span.start?.info.db?.statement}`;
      repeats.set(key, (repeats.get(key) ?? 0) + 1);
    }
    const repeated = [...repeats.entries()].filter(([, count]) => count > 1);
    expect(repeated.length).toBe(valid.expected.repeated_statements.length);
    // Two servers in one request: one INSERT per server under the same compute_api span.
    const inserts = repeated.filter(([key]) => key.includes("INSERT INTO instances "));
    expect(inserts.map(([, count]) => count)).toEqual([2]);
    expect(spans.get(inserts[0]![0].split("\n")[0]!)?.name).toBe("compute_api");
  });

  it("has exactly one call that raised, its stop carrying etype and message", () => {
    const failed = [...spans.values()].filter((s) => s.stop?.info.etype !== undefined);
    expect(failed.map((s) => s.traceId)).toEqual(valid.expected.failing_calls.map((c) => c.trace_id));
    expect(failed).toHaveLength(1);
    const [span] = failed as [Span];
    expect(span.name).toBe("driver");
    expect(span.start?.info.function?.name).toBe("glance_store._drivers.swift.store.Store.get_size");
    expect(span.stop?.info.etype).toBe("glance_store.exceptions.NotFound");
    expect(span.stop?.info.message).toMatch(/not found in swift/);
    // The caller caught it: the request it served still succeeded.
    expect(spans.get(span.parentId)?.stop?.info.etype).toBeUndefined();
  });

  it("keeps tracing after the API response was sent (conductor, scheduler and the builds on nova-compute)", () => {
    const roots = [...spans.values()].filter((s) => s.parentId === valid.base_id);
    const responseSentBy = roots
      .map((s) => s.stop!.timestamp)
      .sort()
      .at(-1)!;
    const after = [...spans.values()].filter((s) => s.start!.timestamp > responseSentBy);
    expect(after.length).toBe(valid.expected.spans_after_response);
    expect(new Set(after.map((s) => s.service))).toEqual(
      new Set(["nova-conductor", "nova-scheduler", "nova-compute", "neutron-server", "api"]),
    );
  });

  it("goes over oslo.messaging RPC with the trace context in the message: one cast to the conductor, a call to the scheduler, a cast per server to compute", () => {
    const byFunction = (name: string) => [...spans.values()].filter((s) => s.start?.info.function?.name === name);
    const parentOf = (span: Span) => spans.get(span.parentId)!;

    // nova-api casts once for both servers; the conductor starts after that client span ended.
    const [conductor, ...moreConductors] = byFunction("nova.conductor.manager.ComputeTaskManager.schedule_and_build_instances");
    expect(moreConductors).toEqual([]);
    expect(conductor!.service).toBe("nova-conductor");
    const apiCast = parentOf(conductor!);
    expect([apiCast.service, apiCast.name, apiCast.start?.info.function?.name]).toEqual([
      "nova-api",
      "rpc",
      "nova.conductor.rpcapi.ComputeTaskAPI.schedule_and_build_instances",
    ]);
    expect(apiCast.stop!.timestamp < conductor!.start!.timestamp).toBe(true);

    // A call: the scheduler's span lies inside the conductor's client span.
    const [scheduler] = byFunction("nova.scheduler.manager.SchedulerManager.select_destinations");
    const call = parentOf(scheduler!);
    expect([call.service, call.start?.info.function?.name, call.parentId]).toEqual([
      "nova-conductor",
      "nova.scheduler.rpcapi.SchedulerAPI.select_destinations",
      conductor!.traceId,
    ]);
    expect(call.start!.timestamp <= scheduler!.start!.timestamp && scheduler!.stop!.timestamp <= call.stop!.timestamp).toBe(true);

    // One cast per server to compute-0, each served by its own build, which outlives the conductor.
    const builds = byFunction("nova.compute.manager.ComputeManager.build_and_run_instance");
    expect(builds).toHaveLength(2);
    for (const build of builds) {
      expect([build.service, build.start!.info.host]).toEqual(["nova-compute", "compute-0"]);
      const cast = parentOf(build);
      expect([cast.start?.info.function?.name, cast.parentId]).toEqual([
        "nova.compute.rpcapi.ComputeAPI.build_and_run_instance",
        conductor!.traceId,
      ]);
      expect(build.stop!.timestamp > conductor!.stop!.timestamp).toBe(true);
    }
  });

  it("traces nothing for a request signed with a wrong HMAC key, though it was served", () => {
    expect(wrong.http.map((call) => call.status)).toEqual([201, 200, 202]);
    expect(wrong.expected.notifications).toBe(0);
    expect(wrong.base_id).not.toBe(valid.base_id);
    expect(new Set(boot.raw.map((m) => m.inner.payload.base_id))).toEqual(new Set([valid.base_id]));
  });
});

describe("openstack-sim server list", () => {
  it("loads each server's details one query at a time (N+1) and does nothing after the response", () => {
    const [line] = list.lines as [RequestLine];
    const listSpans = buildSpans(list.raw);
    expect(listSpans.size).toBe(line.expected.spans);
    const getAll = [...listSpans.values()].find((s) => s.start?.info.function?.name === "nova.compute.api.API.get_all");
    expect(getAll).toBeDefined();
    const perStatement = new Map<string, number>();
    for (const span of listSpans.values()) {
      if (span.parentId === getAll!.traceId && span.name === "db") {
        const statement = span.start!.info.db!.statement;
        perStatement.set(statement, (perStatement.get(statement) ?? 0) + 1);
      }
    }
    const extraLookups = [...perStatement.entries()].filter(([statement]) => statement.includes("FROM instance_extra"));
    expect(extraLookups).toHaveLength(1);
    expect(extraLookups[0]![1]).toBeGreaterThanOrEqual(4);
    expect(line.expected.spans_after_response).toBe(0);
  });
});

/** Positions of the spans whose detail (function name, "METHOD path", SQL) satisfies `test`. */
function findSpans(trace: Trace, test: (detail: string) => boolean): number[] {
  const found: number[] = [];
  for (let i = 0; i < trace.size; i++) {
    const detail = trace.detail[i]!;
    if (detail >= 0 && test(trace.strings[detail]!)) found.push(i);
  }
  return found;
}

function findOne(trace: Trace, detail: string): number {
  const found = findSpans(trace, (d) => d === detail);
  expect(found, detail).toHaveLength(1);
  return found[0]!;
}

// `openstack server create` of one server, as OpenStack really runs it: nova-api answers 202 and
// casts to nova-conductor; after the answer the conductor calls nova-scheduler, then casts the
// build to nova-compute, whose LibvirtDriver.spawn takes longest. Through RabbitMQ, the worker
// process, the database and GET /api/traces/{id}, back into the trace model. The trace is loaded
// once, so every further check of what ostrace makes of an async trace can go in here.
describe("an asynchronous request (server create) through the collector and the HTTP API", () => {
  const prefix = `${uniqueName("sim-async")}-`;
  const workerQueue = uniqueName("openstack-sim-async-worker");
  let ostrace: Ostrace;
  /** The run's line for the request: base_id is the trace id. */
  let request: RequestLine;
  /** The trace as GET /api/traces/{id} delivered it, in the trace model. */
  let trace: Trace;
  let listed: { durationUs: number; answeredUs: number | null };
  /** The spans the assertions are about, by position in `trace`. */
  let at: {
    api: number;
    apiCast: number;
    conductor: number;
    schedulerCall: number;
    scheduler: number;
    computeCast: number;
    build: number;
    spawn: number;
  };

  beforeAll(async () => {
    const cloud = parseLines(await runSim(["--describe", "--exchange-prefix", prefix]))[0] as DescribeLine;
    exchanges.push(...cloud.exchanges);
    queues.push(workerQueue);
    ostrace = await startOstrace({ exchanges: cloud.exchanges, queue: workerQueue });
    const lines = parseLines(
      await runSim([
        "--amqp-url",
        AMQP_URL,
        "--exchange-prefix",
        prefix,
        "--hmac-key",
        hmacKey,
        "--cleanup-broker",
        "--scenario",
        "boot",
        "--count",
        "1",
      ]),
    ) as RequestLine[];
    expect(lines).toHaveLength(1);
    request = lines[0]!;
    const url = ostrace.server.url;
    listed = await waitFor(
      "every span of the request to be stored",
      async () => {
        const page = (await (await fetch(`${url}/api/traces?traceId=${request.base_id}`)).json()) as {
          traces: { spanCount: number; unfinishedCount: number; durationUs: number; answeredUs: number | null }[];
        };
        const summary = page.traces[0];
        return summary && summary.spanCount === request.expected.spans && summary.unfinishedCount === 0 ? summary : null;
      },
      30_000,
      () => `worker log:\n${ostrace.workerLog()}`,
    );
    const response = await fetch(`${url}/api/traces/${request.base_id}`);
    expect(response.status).toBe(200);
    trace = convertCompactToTrace((await response.json()) as CompactTrace);
    at = {
      api: findOne(trace, "POST /v2.1/servers"),
      apiCast: findOne(trace, "nova.conductor.rpcapi.ComputeTaskAPI.schedule_and_build_instances"),
      conductor: findOne(trace, "nova.conductor.manager.ComputeTaskManager.schedule_and_build_instances"),
      schedulerCall: findOne(trace, "nova.scheduler.rpcapi.SchedulerAPI.select_destinations"),
      scheduler: findOne(trace, "nova.scheduler.manager.SchedulerManager.select_destinations"),
      computeCast: findOne(trace, "nova.compute.rpcapi.ComputeAPI.build_and_run_instance"),
      build: findOne(trace, "nova.compute.manager.ComputeManager.build_and_run_instance"),
      spawn: findOne(trace, "nova.virt.libvirt.driver.LibvirtDriver.spawn"),
    };
  }, 10 * 60_000);

  afterAll(async () => {
    await ostrace?.stop();
  });

  const duration = (i: number) => trace.stopUs[i]! - trace.startUs[i]!;
  const isAncestor = (ancestor: number, i: number) => ancestor < i && i < trace.subtreeEnd[ancestor]!;

  it("arrives whole: every span, each with a start and a stop, the RPC chain nested under the API request", () => {
    expect(trace.traceId).toBe(request.base_id);
    expect(trace.size).toBe(request.expected.spans);
    // Nothing unfinished, orphaned, cut or skewed; the one error is glance's swift store (caught
    // by glance). Async continuations are flagged, and looked at below.
    const flagged = [];
    for (let i = 0; i < trace.size; i++)
      if (trace.flags[i]! & ~SpanFlag.ASYNC) flagged.push([readSpan(trace, i).detail, trace.flags[i]! & ~SpanFlag.ASYNC]);
    expect(flagged).toEqual([["glance_store._drivers.swift.store.Store.get_size", SpanFlag.ERROR]]);
    expect(trace.parent[at.api]).toBe(-1);
    // POST ─ compute_api ─ cast ┄ conductor ─┬─ call ─ scheduler
    //                                         └─ cast ┄ build ─ spawn
    expect(trace.parent[trace.parent[at.apiCast]!]).toBe(at.api);
    expect(trace.parent[at.conductor]).toBe(at.apiCast);
    expect([trace.parent[at.schedulerCall], trace.parent[at.scheduler]]).toEqual([at.conductor, at.schedulerCall]);
    expect([trace.parent[at.computeCast], trace.parent[at.build], trace.parent[at.spawn]]).toEqual([
      at.conductor,
      at.computeCast,
      at.build,
    ]);
    const service = (i: number) => readSpan(trace, i).service;
    expect([at.api, at.conductor, at.scheduler, at.build].map(service)).toEqual([
      "nova-api",
      "nova-conductor",
      "nova-scheduler",
      "nova-compute",
    ]);
  });

  it("has children that end after their parent ended: the API request ends before the conductor's work does", () => {
    expect(trace.stopUs[at.api]).toBeLessThan(trace.stopUs[at.conductor]!);
    expect(isAncestor(at.api, at.conductor)).toBe(true);
    const outliving = [];
    for (let i = 0; i < trace.size; i++) if (trace.parent[i]! >= 0 && trace.stopUs[i]! > trace.stopUs[trace.parent[i]!]!) outliving.push(i);
    // The two casts' server sides at least (compute_api and the build's own children may add more).
    expect(outliving).toEqual(expect.arrayContaining([at.conductor, at.build]));
    // The model flags exactly those as async continuations.
    expect(outliving).toEqual(Array.from({ length: trace.size }, (_, i) => i).filter((i) => trace.flags[i]! & SpanFlag.ASYNC));
  });

  it("serves the cast after its client span ended, and a call inside its client span", () => {
    expect(trace.startUs[at.conductor]).toBeGreaterThan(trace.stopUs[at.apiCast]!);
    // And after the 202 was sent: the API request had ended too.
    expect(trace.startUs[at.conductor]).toBeGreaterThan(trace.stopUs[at.api]!);
    expect(trace.startUs[at.scheduler]).toBeGreaterThanOrEqual(trace.startUs[at.schedulerCall]!);
    expect(trace.stopUs[at.scheduler]).toBeLessThanOrEqual(trace.stopUs[at.schedulerCall]!);
  });

  it("spends the most time in the driver call on the compute host", () => {
    const view = createTraceView(trace);
    const self = computeSelfTimes(view);
    let longest = 0;
    for (let v = 1; v < view.size; v++) if (self[v]! > self[longest]!) longest = v;
    const span = readSpan(trace, view.order[longest]!);
    expect([span.index, span.name, span.service, span.host]).toEqual([at.spawn, "driver", "nova-compute", "compute-0"]);
  });

  it("lasts much longer end to end than the API request that answered it", () => {
    const wall = trace.finishedUs - trace.startedUs;
    expect(trace.finishedUs).toBe(Math.max(...trace.stopUs));
    // The 202 came back long before the work was done: the build's spawn alone sleeps 0.5 s.
    expect(wall).toBeGreaterThan(2 * duration(at.api));
    expect(trace.stopUs[at.build]).toBe(trace.finishedUs);
  });

  it("is listed with both times: when the API answered and when the work it cast was done", () => {
    expect(listed).toEqual({ ...listed, durationUs: trace.finishedUs - trace.startedUs, answeredUs: duration(at.api) });
    expect(listed.answeredUs!).toBeLessThan(listed.durationUs / 2);
  });

  it("has a critical path that accounts for the whole wall time and runs through the cast's work to the spawn", () => {
    const path = computeCriticalPath(trace);
    const wall = trace.finishedUs - trace.startedUs;
    const onSpans = path.bySpan.reduce((a, b) => a + b, 0);
    expect(onSpans + path.gapUs).toBe(wall);
    // What no span covers is a few named waits (the broker hop of the cast, the client between
    // its requests), not the bulk of the trace. They are real waits between real processes and
    // grow with the machine's load (94.4% covered once at load ~7, against > 95% when quiet).
    expect(onSpans / wall).toBeGreaterThan(0.9);
    for (const gap of path.gaps) expect(gap.before >= 0 || gap.after >= 0).toBe(true);
    for (const i of [at.apiCast, at.conductor, at.scheduler, at.computeCast, at.build, at.spawn])
      expect(path.bySpan[i], readSpan(trace, i).detail ?? "").toBeGreaterThan(0);
    // The wait between the cast leaving nova-api and the conductor picking it up is named as such.
    const hop = path.gaps.find((g) => g.after === at.conductor);
    expect(hop).toBeDefined();
    expect(trace.startUs[at.conductor]! - hop!.fromUs).toBe(hop!.toUs - hop!.fromUs);
  });

  it("says the API answered long before the work was done, and names the compute service and its spawn as where the time went", () => {
    const summary = summarizeTrace(trace);
    expect(summary.root).toBe(at.api);
    expect(summary.answeredUs).toBe(duration(at.api));
    expect(summary.workUs).toBe(trace.subtreeStopUs[at.api]! - trace.startUs[at.api]!);
    const findings = explainTrace(trace);
    expect(findings[0]).toMatchObject({ kind: "answer", root: at.api });
    const top = findings.find((f) => f.kind === "service");
    expect(top).toMatchObject({ kind: "service", service: "nova-compute" });
    expect(top!.spans).toContain(at.spawn);
    expect(describeFinding(trace, top!)).toMatch(/ of the .* is nova-compute: LibvirtDriver\.spawn/);
  });
});
