import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { convertCompactToTrace } from "./convertCompactToTrace";
import { convertTraceToCompact } from "./convertTraceToCompact";
import { readSpan } from "./readSpan";
import { summarizeTrace } from "./summarizeTrace";
import { explainTrace } from "./explainTrace";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";

// Every kind of flag, an error with and without a message, an orphan and a cut cycle.
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w      nova-api   0..1000    path="POST /v2.1/servers"
  ├ rpc#r     conductor  100..?     host=cond-1
  │ └ db#d    conductor  150..?     sql="SELECT 1" err=OperationalError msg="locked"
  └ db#e      nova-api   ?..900     sql="SELECT 1" err=DBError
  rpc#o       glance-api 200..300   project=glance parent=missing
  rpc#c1      nova-api   400..500   parent=c2
  rpc#c2      nova-api   450..460   parent=c1
`),
);

describe("compact trace", () => {
  it("rebuilds the identical model, flags, inferred times, errors and received parents included", () => {
    const compact = convertTraceToCompact(trace);
    const rebuilt = convertCompactToTrace(JSON.parse(JSON.stringify(compact)));
    expect(rebuilt).toEqual(trace);
    for (let i = 0; i < trace.size; i++) expect(readSpan(rebuilt, i)).toEqual(readSpan(trace, i));
  });

  it("is columns of small integers with texts and (name, service, project, host) combinations once", () => {
    const compact = convertTraceToCompact(trace);
    expect(compact.t0).toBe(T0);
    expect(compact.strings.filter((s) => s === "SELECT 1")).toHaveLength(1);
    expect(compact.kinds.length).toBeLessThan(trace.size);
    expect(compact.start.every((t) => Number.isInteger(t) && t >= 0)).toBe(true);
    expect(compact.errors).toHaveLength(2);
    expect(compact.receivedParents.map(([, p]) => p).sort()).toEqual(["c2", "missing"]);
    expect(JSON.stringify(compact)).not.toContain("payload");
  });

  it("refuses what is not a compact trace, saying why", () => {
    const compact = convertTraceToCompact(trace);
    expect(() => convertCompactToTrace({ ...compact, v: 2 } as never)).toThrow(/version 1/);
    expect(() => convertCompactToTrace({ ...compact, flags: [] })).toThrow(/column flags has 0 entries, expected 7/);
    expect(() => convertCompactToTrace({ ...compact, parent: compact.parent.map((_, i) => i) })).toThrow(/not in pre-order/);
  });

  it("stays small: a 10k-span trace of realistic db calls is under 100 bytes per span", () => {
    const lines = ['wsgi#root nova-api 0..10000000 path="POST /v2.1/servers"'];
    for (let i = 1; i < 10_000; i++)
      lines.push(
        `  db#${(0x10000000 + i).toString(16)}-7b3d-4e9f-8a62-3c4d5e6f7a8b nova-api ${i * 900}..${i * 900 + 450} sql="SELECT * FROM quota_usages WHERE id = ?"`,
      );
    const bytes = JSON.stringify(convertTraceToCompact(buildTrace(spansFromDrawing(lines.join("\n"))))).length;
    expect(bytes / 10_000).toBeLessThan(100);
  });
});

describe("summarizeTrace", () => {
  it("sums up the request, duration, services and what is wrong with the data", () => {
    expect(summarizeTrace(trace)).toEqual({
      traceId: trace.traceId,
      spanCount: 7,
      startedUs: T0,
      durationUs: 1000,
      root: 0,
      rootName: "wsgi",
      rootMethod: "POST",
      rootPath: "/v2.1/servers",
      rootRequests: 1,
      answeredUs: 1000,
      workUs: 1000,
      workUnfinished: true, // r, under the root, has no stop
      services: ["nova-api", "conductor", "glance-api"],
      projects: ["nova", "glance"],
      hosts: ["node-1", "cond-1"],
      errors: 2,
      unfinished: 2,
      noStart: 1,
      orphans: 1,
      cycles: 1,
      asyncSpans: 0,
      skewed: 0,
      maxDepth: 2,
      lastStarted: trace.spanId.indexOf("c2"),
    });
  });

  it("sums up an empty trace, and names a root without a request by its name", () => {
    expect(summarizeTrace(buildTrace([], "T"))).toMatchObject({
      spanCount: 0,
      root: -1,
      rootName: null,
      durationUs: 0,
      services: [],
      maxDepth: 0,
      lastStarted: -1,
    });
    expect(summarizeTrace(buildTrace(spansFromDrawing("rpc#r api 0..10")))).toMatchObject({
      root: 0,
      rootName: "rpc",
      rootMethod: null,
      rootRequests: 0,
    });
  });

  it("names a trace of several requests by the rule the trace list uses, and says how many there were", () => {
    // openstack server create: a token, two lookups, then the POST that casts the real work.
    const command = buildTrace(
      spansFromDrawing(`
      wsgi#token  public      0..20       project=keystone path="POST /v3/auth/tokens"
      wsgi#flavor osapi       30..40      path="GET /v2.1/flavors/1"
      wsgi#post   osapi       50..83      path="POST /v2.1/servers"
      └ rpc#cast  osapi       80..81
        └ rpc#cond conductor  90..10600
    `),
    );
    expect(summarizeTrace(command)).toMatchObject({
      root: command.spanId.indexOf("post"),
      rootName: "wsgi",
      rootMethod: "POST",
      rootPath: "/v2.1/servers",
      rootRequests: 3,
      answeredUs: 33,
      workUs: 10_550,
      durationUs: 10_600,
      asyncSpans: 1,
      lastStarted: command.spanId.indexOf("cond"),
    });
  });

  it("has no answer while the root request's stop has not arrived, as the list's answered_us", () => {
    // A server create still running (or whose stop was lost): buildTrace gives the root the
    // trace's end, which is not when the API answered.
    const running = buildTrace(
      spansFromDrawing(`
      wsgi#post   osapi       0..?        path="POST /v2.1/servers"
      └ rpc#cast  osapi       20..21
        └ rpc#cond conductor  30..9000
    `),
    );
    expect(summarizeTrace(running)).toMatchObject({ root: 0, answeredUs: null, workUnfinished: true });
    expect(explainTrace(running).map((f) => f.kind)).not.toContain("answer");
    const lostStart = buildTrace(spansFromDrawing(`wsgi#post osapi ?..50 path="POST /v2.1/servers"`));
    expect(summarizeTrace(lostStart).answeredUs).toBeNull();
  });

  it("round-trips an empty trace", () => {
    const empty = buildTrace([], "T");
    expect(convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(empty))))).toEqual(empty);
  });
});
