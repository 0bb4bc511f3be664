// Spans -> OSprofiler's report, field for field as `osprofiler trace show --json` prints it.
// OSprofiler builds it in drivers/base.py by feeding each notification to _append_results and
// then calling _parse_results; this replays the same rules on our spans' notifications, in
// timestamp order: a node is created by its span's first notification (which gives name, project,
// service, host, trace_id, parent_id), each notification adds its raw payload under
// "meta.raw_payload.<notification name>", a stop sets "exception", times become integer ms after
// the trace's first timestamp, and children are sorted by start, ties in creation order.
//
// One deliberate difference: OSprofiler drops spans caught in a parent_id cycle from the tree
// (they are nobody's descendants); here the cycle is cut at its first-created span, which is
// listed as a root, so the export never loses a span.
import { isJsonObject } from "../notification/isJsonObject";
import type { Json, JsonObject } from "../notification/types";
import { formatTimestampUs } from "../notification/timestamp";
import type { Span } from "../span/types";

export type OsprofilerNode = {
  /** name, project, service, host, meta.raw_payload.*, started, finished, exception. */
  info: JsonObject;
  trace_id: string;
  parent_id: string;
  children: OsprofilerNode[];
};

export type OsprofilerReport = {
  info: { name: "total"; started: 0; finished: number | null; last_trace_started: number | null };
  children: OsprofilerNode[];
  stats: { [name: string]: { count: number; duration: number } };
};

type Event = { us: number; phase: "start" | "stop"; span: number; payload: JsonObject };

/** Spans must carry their payloads (convertSpanRowToSpan with payloads); a missing one is rebuilt from the span's fields. */
export function convertSpansToOsprofilerReport(spans: readonly Span[]): OsprofilerReport {
  const events: Event[] = [];
  spans.forEach((span, k) => {
    if (span.startUs !== null)
      events.push({ us: span.startUs, phase: "start", span: k, payload: span.startPayload ?? rebuildPayload(span, "start", span.startUs) });
    if (span.stopUs !== null)
      events.push({ us: span.stopUs, phase: "stop", span: k, payload: span.stopPayload ?? rebuildPayload(span, "stop", span.stopUs) });
  });
  events.sort((a, b) => a.us - b.us || a.span - b.span || (a.phase === b.phase ? 0 : a.phase === "start" ? -1 : 1));

  // _append_results, once per notification.
  const nodes: OsprofilerNode[] = [];
  const startedUs: (number | undefined)[] = [];
  const finishedUs: (number | undefined)[] = [];
  const nodeOfSpan = new Map<number, number>();
  let firstUs: number | null = null,
    lastUs: number | null = null,
    lastStartUs: number | null = null;
  for (const e of events) {
    const span = spans[e.span]!;
    const notificationName = stringOr(e.payload.name, `${span.name}-${e.phase}`);
    let k = nodeOfSpan.get(e.span);
    if (k === undefined) {
      k = nodes.length;
      nodeOfSpan.set(e.span, k);
      nodes.push({
        info: {
          name: notificationName.split("-")[0]!,
          project: stringOr(e.payload.project, span.project),
          service: stringOr(e.payload.service, span.service),
          host: stringOr(objectOr(e.payload.info)?.host, span.host),
        },
        trace_id: stringOr(e.payload.trace_id, span.spanId),
        parent_id: stringOr(e.payload.parent_id, span.parentId),
        children: [],
      });
    }
    const info = nodes[k]!.info;
    setOwn(info, `meta.raw_payload.${notificationName}`, e.payload);
    if (e.phase === "stop") {
      finishedUs[k] = e.us;
      info.finished = null; // the key's place in the object, as Python's dict gets it here
      const stopInfo = e.payload.info;
      info.exception = isJsonObject(stopInfo) && Object.hasOwn(stopInfo, "etype") ? stopInfo.etype! : "None";
    } else {
      startedUs[k] = e.us;
      info.started = null;
      if (lastStartUs === null || lastStartUs < e.us) lastStartUs = e.us;
    }
    if (firstUs === null || firstUs > e.us) firstUs = e.us;
    if (lastUs === null || lastUs < e.us) lastUs = e.us;
  }

  // _parse_results: a missing start or stop takes the other's time (zero duration).
  const ms = (us: number) => Math.trunc((us - firstUs!) / 1000);
  const stats: OsprofilerReport["stats"] = {};
  nodes.forEach((node, k) => {
    const startUs = startedUs[k] ?? finishedUs[k]!;
    const stopUs = finishedUs[k] ?? startUs;
    node.info.started = ms(startUs);
    node.info.finished = ms(stopUs);
    const duration = ms(stopUs) - ms(startUs);
    const name = node.info.name as string;
    const stat = Object.hasOwn(stats, name) ? stats[name]! : undefined;
    if (stat) {
      stat.count += 1;
      stat.duration += duration;
    } else {
      setOwn(stats, name, { count: 1, duration });
    }
  });

  return {
    info: {
      name: "total",
      started: 0,
      finished: firstUs === null ? null : ms(lastUs!),
      last_trace_started: firstUs === null || lastStartUs === null ? null : ms(lastStartUs),
    },
    children: buildTree(nodes),
    stats,
  };
}

/** _build_tree: attach each node to the node whose trace_id is its parent_id; sort children stably by start. */
function buildTree(nodes: OsprofilerNode[]): OsprofilerNode[] {
  const byTraceId = new Map<string, number>();
  nodes.forEach((node, k) => byTraceId.has(node.trace_id) || byTraceId.set(node.trace_id, k));
  const parentOf = nodes.map((node) => byTraceId.get(node.parent_id) ?? -1);

  // Cut cycles (and self-parents) at the first-created node of each, iteratively.
  const state = new Int32Array(nodes.length);
  let walk = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (state[i] !== 0) continue;
    walk++;
    let j = i;
    while (j >= 0 && state[j] === 0) {
      state[j] = walk;
      j = parentOf[j]!;
    }
    if (j >= 0 && state[j] === walk) {
      let cut = j;
      for (let c = parentOf[j]!; c !== j; c = parentOf[c]!) cut = Math.min(cut, c);
      parentOf[cut] = -1;
    }
    for (j = i; j >= 0 && state[j] === walk; j = parentOf[j]!) state[j] = -1;
  }

  const roots: OsprofilerNode[] = [];
  nodes.forEach((node, k) => (parentOf[k]! < 0 ? roots : nodes[parentOf[k]!]!.children).push(node));
  const byStart = (a: OsprofilerNode, b: OsprofilerNode) => (a.info.started as number) - (b.info.started as number);
  for (const node of nodes) node.children.sort(byStart); // Array.prototype.sort is stable, like Python's
  return roots.sort(byStart);
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
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
