// Tests draw small traces as ASCII trees and get real Span values back, payloads included:
//
//   wsgi#w   nova-api   0..100
//   ├ db#d1  nova-api   10..20   sql="SELECT 1"
//   └ rpc#r  conductor  30..?    err=Timeout msg="no reply"
//     └ db#d2 conductor ?..50    parent=zzz
//
// A line is: tree prefix (2 columns per level, any of " │├└─|`-"), name, optional #id, service,
// start..stop in microseconds after T0 ("?" when that notification never arrived), then
// key=value options: project, host, sql, path (as "METHOD /path"), fn (function name),
// err (etype), msg (exception message), parent (overrides the drawn parent; "T" is the trace).
// Ids are taken as written; the trace id is DRAWN_TRACE_ID.
import type { JsonObject } from "../lib/notification/types";
import { formatTimestampUs } from "../lib/notification/timestamp";
import type { Span } from "../lib/span/types";

/** The trace id of every drawn span: a UUID, so drawn payloads also pass the wire validation. */
export const DRAWN_TRACE_ID = "00000000-0000-4000-8000-000000000000";
/** 2024-05-01T10:00:00 UTC in microseconds. */
export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

const LINE = /^([\s│├└─|`-]*)(\S+)\s+(\S+)\s+(\?|-?\d+)\.\.(\?|-?\d+)(.*)$/;
const OPTION = /(\w+)=(?:"([^"]*)"|(\S+))/g;

export function spansFromDrawing(drawing: string): Span[] {
  const spans: Span[] = [];
  const openAtDepth: string[] = [];
  const lines = drawing.split("\n");
  // The drawing sits indented inside a template literal: its own left margin is not depth.
  const margin = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)![0].length));
  lines.forEach((line, lineNo) => {
    if (line.trim() === "") return;
    const raw = line.slice(margin);
    const m = LINE.exec(raw.replace(/\s+$/, ""));
    if (!m) throw new Error(`drawing line ${lineNo + 1} is not "name#id service start..stop [options]": ${raw}`);
    const [, prefix, label, service, start, stop, rest] = m;
    const depth = Math.floor(prefix!.length / 2);
    const [name, id = `${label}@${lineNo}`] = label!.split("#") as [string, string?];
    const options: Record<string, string> = {};
    for (const o of rest!.matchAll(OPTION)) options[o[1]!] = o[2] ?? o[3]!;
    const drawnParent = depth === 0 ? DRAWN_TRACE_ID : openAtDepth[depth - 1];
    if (drawnParent === undefined) throw new Error(`drawing line ${lineNo + 1} is indented under nothing`);
    openAtDepth[depth] = id;
    openAtDepth.length = depth + 1;
    spans.push(
      makeSpan({
        spanId: id,
        parentId: options.parent === "T" ? DRAWN_TRACE_ID : (options.parent ?? drawnParent),
        name,
        service: service!,
        startUs: start === "?" ? null : T0 + Number(start),
        stopUs: stop === "?" ? null : T0 + Number(stop),
        options,
      }),
    );
  });
  return spans;
}

type SpanInput = {
  spanId: string;
  parentId: string;
  name: string;
  service: string;
  startUs: number | null;
  stopUs: number | null;
  options: Record<string, string>;
};

function makeSpan({ spanId, parentId, name, service, startUs, stopUs, options }: SpanInput): Span {
  const project = options.project ?? "nova";
  const host = options.host ?? "node-1";
  const common = { base_id: DRAWN_TRACE_ID, trace_id: spanId, parent_id: parentId };
  const startInfo: JsonObject = {};
  let detail: string | null = null;
  if (options.sql !== undefined) {
    startInfo.db = { statement: options.sql, params: {} };
    detail = options.sql;
  } else if (options.path !== undefined) {
    const [method = "GET", path = "/"] = options.path.split(" ");
    startInfo.request = { path, query: "", method, scheme: "http" };
    detail = `${method} ${path}`;
  } else if (options.fn !== undefined) {
    startInfo.function = { name: options.fn, args: "()", kwargs: "{}" };
    detail = options.fn;
  }
  startInfo.host = host;
  const stopInfo: JsonObject = { host };
  if (options.err !== undefined) {
    stopInfo.etype = options.err;
    stopInfo.message = options.msg ?? null;
  }
  const payload = (phase: string, us: number, info: JsonObject): JsonObject => ({
    name: `${name}-${phase}`,
    ...common,
    timestamp: formatTimestampUs(us),
    info,
    project,
    service,
  });
  return {
    traceId: DRAWN_TRACE_ID,
    spanId,
    parentId,
    name,
    project,
    service,
    host,
    startUs,
    stopUs,
    error: options.err === undefined ? null : { type: options.err, message: options.msg ?? null },
    detail,
    startPayload: startUs === null ? null : payload("start", startUs, startInfo),
    stopPayload: stopUs === null ? null : payload("stop", stopUs, stopInfo),
  };
}
