// One span -> its node of OSprofiler's report, as drivers/base.py's _append_results and
// _parse_results make it: the span's first notification (by timestamp, a start before a stop
// at the same time) gives name, project, service, host, trace_id and parent_id; each notification
// adds its raw payload under "meta.raw_payload.<notification name>" and its "started" or
// "finished" key (a stop also "exception") in arrival order, which is the order Python's dict
// keeps; times become integer ms after the trace's first timestamp, a missing start or stop
// taking the other's time. A node depends only on its own span and that first timestamp, which
// is what lets a report be printed one node at a time (streamOsprofilerReport).
import { isJsonObject } from "../notification/isJsonObject";
import type { Json, JsonObject } from "../notification/types";
import { formatTimestampUs } from "../notification/timestamp";
import type { Span } from "../span/types";
import type { OsprofilerNode } from "./convertSpansToOsprofilerReport";

/** Null for a span with neither a start nor a stop (no notification, no node). `children` is left empty. */
export function createOsprofilerNode(span: Span, firstUs: number): OsprofilerNode | null {
  // Its notifications in the order OSprofiler met them: by time, a start first at the same time.
  const phases: readonly ("start" | "stop")[] =
    span.startUs === null
      ? span.stopUs === null
        ? []
        : ["stop"]
      : span.stopUs === null
        ? ["start"]
        : span.stopUs < span.startUs
          ? ["stop", "start"]
          : ["start", "stop"];
  if (phases.length === 0) return null;
  let node: OsprofilerNode | null = null;
  for (const phase of phases) {
    const us = (phase === "start" ? span.startUs : span.stopUs)!;
    const payload = (phase === "start" ? span.startPayload : span.stopPayload) ?? rebuildPayload(span, phase, us);
    const notificationName = stringOr(payload.name, `${span.name}-${phase}`);
    node ??= {
      info: {
        name: notificationName.split("-")[0]!,
        project: stringOr(payload.project, span.project),
        service: stringOr(payload.service, span.service),
        host: stringOr(objectOr(payload.info)?.host, span.host),
      },
      trace_id: stringOr(payload.trace_id, span.spanId),
      parent_id: stringOr(payload.parent_id, span.parentId),
      children: [],
    };
    const info = node.info;
    setOwn(info, `meta.raw_payload.${notificationName}`, payload);
    if (phase === "stop") {
      info.finished = null; // the key's place in the object, as Python's dict gets it here
      const stopInfo = payload.info;
      info.exception = isJsonObject(stopInfo) && Object.hasOwn(stopInfo, "etype") ? stopInfo.etype! : "None";
    } else {
      info.started = null;
    }
  }
  const startUs = span.startUs ?? span.stopUs!;
  const stopUs = span.stopUs ?? startUs;
  node!.info.started = msAfter(startUs, firstUs);
  node!.info.finished = msAfter(stopUs, firstUs);
  return node;
}

/** OSprofiler's times: integer milliseconds after the trace's first timestamp, truncated. */
export function msAfter(us: number, firstUs: number): number {
  return Math.trunc((us - firstUs) / 1000);
}

/** What OSprofiler would have sent, for a span loaded without its payloads. */
function rebuildPayload(span: Span, phase: "start" | "stop", us: number): JsonObject {
  return {
    name: `${span.name}-${phase}`,
    base_id: span.traceId,
    trace_id: span.spanId,
    parent_id: span.parentId,
    timestamp: formatTimestampUs(us),
    info: { host: span.host },
    project: span.project,
    service: span.service,
  };
}

function objectOr(value: Json | undefined): JsonObject | null {
  return isJsonObject(value) ? value : null;
}

function stringOr(value: Json | undefined, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

/** Keys come from the wire: "__proto__" must stay a plain key. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
