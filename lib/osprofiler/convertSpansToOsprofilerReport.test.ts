import { describe, expect, it } from "vitest";
import type { Json, JsonObject } from "../notification/types";
import { readOsprofilerReport } from "../osprofiler/readOsprofilerReport";
import type { Span } from "../span/types";
import { convertOsprofilerReportToDot } from "./convertOsprofilerReportToDot";
import { convertSpansToOsprofilerReport, type OsprofilerNode } from "./convertSpansToOsprofilerReport";
import { formatJsonLikePython } from "./formatJsonLikePython";
import { DRAWN_TRACE_ID, spansFromDrawing } from "../../testing/spansFromDrawing";

/** The report's tree as "name started..finished" lines. */
function outline(nodes: OsprofilerNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${"  ".repeat(depth)}${n.trace_id} ${n.info.started}..${n.info.finished}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe("convertSpansToOsprofilerReport", () => {
  it("uses integer ms after the first timestamp, truncated, with durations as differences of those", () => {
    // µs:   0 ........ 1999 2001 .......... 5000
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      wsgi#w   api  0..5000
      └ db#d   api  1999..2001
    `),
    );
    expect(outline(report.children)).toEqual(["w 0..5", "  d 1..2"]);
    expect(report.stats).toStrictEqual({ wsgi: { count: 1, duration: 5 }, db: { count: 1, duration: 1 } });
    expect(report.info).toStrictEqual({ name: "total", started: 0, finished: 5, last_trace_started: 1 });
  });

  it("names a node by the notification name up to its first dash, as OSprofiler does", () => {
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      compute-api#c  api  0..1000
    `),
    );
    expect(report.children[0]!.info.name).toBe("compute");
    expect(Object.keys(report.children[0]!.info)).toEqual([
      "name",
      "project",
      "service",
      "host",
      "meta.raw_payload.compute-api-start",
      "started",
      "meta.raw_payload.compute-api-stop",
      "finished",
      "exception",
    ]);
    expect(report.stats).toStrictEqual({ compute: { count: 1, duration: 1 } });
  });

  it("gives a span without a stop no exception and a zero duration at its start, and one without a start one at its stop", () => {
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      wsgi#w   api  0..9000
      ├ rpc#r  api  1000..?
      └ db#d   api  ?..7000
    `),
    );
    const [r, d] = report.children[0]!.children;
    expect(r!.info).not.toHaveProperty("exception");
    expect([r!.info.started, r!.info.finished]).toEqual([1, 1]);
    expect(d!.info.exception).toBe("None");
    expect([d!.info.started, d!.info.finished]).toEqual([7, 7]);
    // OSprofiler adds the missing key last.
    expect(Object.keys(d!.info).slice(-3)).toEqual(["finished", "exception", "started"]);
    expect(Object.keys(r!.info).filter((k) => k.startsWith("meta"))).toEqual(["meta.raw_payload.rpc-start"]);
    expect(report.info).toMatchObject({ finished: 9, last_trace_started: 1 });
  });

  it('reports the exception as the etype of the stop, "None" without one, and null for an explicit null', () => {
    const spans = spansFromDrawing(`
      wsgi#w   api  0..9000   err=webob.exc.HTTPNotFound msg="gone"
      └ db#d   api  10..20
    `);
    expect(convertSpansToOsprofilerReport(spans).children[0]!.info.exception).toBe("webob.exc.HTTPNotFound");
    expect(convertSpansToOsprofilerReport(spans).children[0]!.children[0]!.info.exception).toBe("None");
    const stop = spans[1]!.stopPayload!;
    spans[1] = { ...spans[1]!, stopPayload: { ...stop, info: { ...(stop.info as JsonObject), etype: null } } };
    expect(convertSpansToOsprofilerReport(spans).children[0]!.children[0]!.info.exception).toBeNull();
  });

  it("sorts children by started ms, ties in the order of their first notification", () => {
    // b, a and c all start in ms 1; b's first notification is earliest, then a, then c (a stop).
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      wsgi#w   api  0..9000
      ├ db#a   api  1500..1600
      ├ db#c   api  ?..1700
      └ db#b   api  1100..1200
      db#late  api  8000..8100
      db#x     api  1800..1900   parent=elsewhere
    `),
    );
    expect(outline(report.children)).toEqual(["w 0..9", "  b 1..1", "  a 1..1", "  c 1..1", "x 1..1", "late 8..8"]);
  });

  it("takes name, project, service and host from a span's first notification in time", () => {
    const [span] = spansFromDrawing(`
      rpc#r  api  5000..1000
    `) as [Span];
    // The stop is earlier than the start (another host's clock): it creates the node.
    const stop = { ...span.stopPayload!, project: "glance", service: "glance-api", info: { host: "img-1" } };
    const report = convertSpansToOsprofilerReport([{ ...span, stopPayload: stop }]);
    expect(report.children[0]!.info).toMatchObject({ project: "glance", service: "glance-api", host: "img-1", started: 4, finished: 0 });
    expect(report.stats).toStrictEqual({ rpc: { count: 1, duration: -4 } });
  });

  it("is empty for no spans, as OSprofiler's is", () => {
    expect(convertSpansToOsprofilerReport([])).toStrictEqual({
      info: { name: "total", started: 0, finished: null, last_trace_started: null },
      children: [],
      stats: {},
    });
  });

  it("rebuilds payloads for spans loaded without them", () => {
    const spans = spansFromDrawing(`
      wsgi#w  nova-api  0..2000
    `).map((s) => ({ ...s, startPayload: null, stopPayload: null }));
    const info = convertSpansToOsprofilerReport(spans).children[0]!.info;
    expect(info["meta.raw_payload.wsgi-start"]).toStrictEqual({
      name: "wsgi-start",
      base_id: DRAWN_TRACE_ID,
      trace_id: "w",
      parent_id: DRAWN_TRACE_ID,
      timestamp: "2024-05-01T10:00:00.000000",
      info: { host: "node-1" },
      project: "nova",
      service: "nova-api",
    });
  });

  it("keeps spans caught in a parent cycle, cut at the first-created one", () => {
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      rpc#a  api  0..100    parent=b
      rpc#b  api  10..20    parent=a
      rpc#s  api  30..40    parent=s
    `),
    );
    expect(outline(report.children).map((l) => l.replace(/ \S+$/, ""))).toEqual(["a", "  b", "s"]);
  });

  it("builds, prints and draws a 100k-deep trace without recursion, and imports it back", () => {
    const n = 100_000;
    const id = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    const lines = Array.from(
      { length: n },
      (_, i) => `${i === 0 ? "" : "  "}db#${id(i)} api ${i}..${2 * n - i}${i > 1 ? ` parent=${id(i - 1)}` : ""}`,
    );
    const report = convertSpansToOsprofilerReport(spansFromDrawing(lines.join("\n")));
    let node = report.children[0]!,
      depth = 0;
    while (node.children.length > 0) {
      node = node.children[0]!;
      depth++;
    }
    expect(depth).toBe(n - 1);
    const text = formatJsonLikePython(report as never, null);
    expect(text).toMatch(/"children": \[\]\}\]\}\]\}.*\], "stats": \{"db": \{"count": 100000, "duration": \d+\}\}\}$/s);
    const dot = convertOsprofilerReportToDot(report);
    expect(dot.split("\n").filter((l) => l.includes(" -> "))).toHaveLength(n);
    const imported = readOsprofilerReport(text, { maxReportDepth: Infinity });
    expect("error" in imported ? imported.error : imported.notifications.length).toBe(2 * n);
  });
});

describe("formatJsonLikePython", () => {
  it("writes Python's json.dumps(indent=2, separators=(',', ': ')) layout, escaping non-ASCII", () => {
    expect(formatJsonLikePython({ a: [1, { b: 'é\u007f\n"' }], c: {}, d: [], e: null, f: true, g: "😀" })).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": "\\u00e9\\u007f\\n\\""\n    }\n  ],\n  "c": {},\n  "d": [],\n  "e": null,\n  "f": true,\n  "g": "\\ud83d\\ude00"\n}',
    );
    expect(formatJsonLikePython({ a: [1, 2], b: {} }, null)).toBe('{"a": [1, 2], "b": {}}');
  });
});

describe("readOsprofilerReport", () => {
  it("rejects what is not a report, and reports bad payloads with where they were", () => {
    expect(readOsprofilerReport("[]")).toMatchObject({ error: expect.stringContaining("not an OSprofiler report") });
    expect(readOsprofilerReport('{"children": []}')).toMatchObject({ error: expect.stringContaining("no OSprofiler notifications") });
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      wsgi#5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b  api  0..100
    `).map((s) => ({
        ...s,
        traceId: "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47",
        parentId: "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47",
        startPayload: null,
        stopPayload: null,
      })),
    );
    (report.children[0]!.info["meta.raw_payload.wsgi-stop"] as JsonObject).timestamp = "yesterday";
    const imported = readOsprofilerReport(formatJsonLikePython(report as unknown as Json));
    expect(imported).toMatchObject({
      traceId: "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47",
      notifications: [{ name: "wsgi", phase: "start" }],
      skipped: [{ path: 'children[0].info["meta.raw_payload.wsgi-stop"]', reason: expect.stringContaining("timestamp") }],
    });
  });
});

describe("convertOsprofilerReportToDot", () => {
  it("escapes quotes, backslashes and newlines coming from the wire", () => {
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      wsgi#w  api  0..2000  path="GET /a\\"]"
    `),
    );
    (report.children[0]!.info["meta.raw_payload.wsgi-start"] as { info: { request: { path: string } } }).info.request.path = '/a"]\n\\';
    expect(convertOsprofilerReportToDot(report)).toBe(
      'digraph {\n\t0 [label="total - 2 ms"]\n\t1 [label="api:wsgi - 2 ms\\nGET /a\\"]\\n\\\\.."]\n\t0 -> 1\n}\n',
    );
  });
});

describe("convertOsprofilerReportToDot labels", () => {
  it("names the function for rpc and driver spans, and leaves out what a span does not carry", () => {
    const report = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      rpc#r        nova-conductor  0..3000   fn=nova.conductor.manager.ComputeTaskManager.build_instances
      └ driver#d   nova-compute    1000..2500 fn=nova.virt.libvirt.driver.LibvirtDriver.spawn
        └ db#q     nova-compute    1200..1300 sql="SELECT 1"
      wsgi#w       nova-api        2000..2999
    `),
    );
    expect(convertOsprofilerReportToDot(report).split("\n")).toEqual([
      "digraph {",
      '\t0 [label="total - 3 ms"]',
      '\t1 [label="nova-conductor:rpc - 3 ms\\nbuild_instances"]',
      '\t2 [label="nova-compute:driver - 1 ms\\nspawn"]',
      '\t3 [label="nova-compute:db - 0 ms"]',
      "\t2 -> 3",
      "\t1 -> 2",
      "\t0 -> 1",
      '\t4 [label="nova-api:wsgi - 0 ms"]',
      "\t0 -> 4",
      "}",
      "",
    ]);
  });
});

describe("readOsprofilerReport on odd input", () => {
  it("refuses a report that mixes traces, and reports nodes that are not nodes", () => {
    const a = convertSpansToOsprofilerReport(
      spansFromDrawing(`
      wsgi#5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b  api  0..100
    `),
    );
    const b = JSON.parse(JSON.stringify(a).replaceAll(DRAWN_TRACE_ID, "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47")) as typeof a;
    expect(readOsprofilerReport(JSON.stringify({ ...a, children: [...a.children, ...b.children] }))).toMatchObject({
      error: expect.stringContaining("mixes 2 traces"),
    });
    const odd = readOsprofilerReport(JSON.stringify({ ...a, children: [...a.children, 42, { info: {}, children: "no" }] }));
    expect(odd).toMatchObject({
      notifications: [{ phase: "start" }, { phase: "stop" }],
      skipped: [{ path: "children[1]" }, { path: "children[2].children", reason: "expected an array" }],
    });
  });
});
