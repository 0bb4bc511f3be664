// Host clocks differ (controllers, compute nodes; milliseconds or more), so a call served on
// another host can seem to start before its caller did. Causality gives a lower bound on how far
// each host's clock is behind: a child cannot start before its parent. From every such edge
// between two hosts, this estimates per-host offsets relative to the root request's host
// (difference constraints, relaxed a bounded number of times). Casts make child spans end after
// their parents legitimately, so ends prove nothing and are not used. Nothing is shifted unless
// asked: shiftClocks builds the corrected view on request.
import { layoutTrace } from "./layoutTrace";
import { summarizeTrace } from "./summarizeTrace";
import { SpanFlag, type Trace } from "./types";

export type HostSkew = {
  host: string;
  /** Add to this host's timestamps to respect causality; > 0: its clock is at least this far behind. */
  offsetUs: number;
  /** Spans on this host that start before their parent on another host. */
  evidence: number;
};

export type ClockSkew = {
  /** The host the offsets are relative to (the root request's), null for an empty trace. */
  reference: string | null;
  /** Hosts that need an offset, largest first. */
  hosts: HostSkew[];
  /** False when the bounds contradict each other (clocks that drift rather than sit apart): offsets are then each edge's own. */
  consistent: boolean;
  /** Spans flagged SKEW. */
  skewedSpans: number;
};

export function estimateClockSkew(trace: Trace): ClockSkew {
  const edges = new Map<number, number>(); // parentHost * H + childHost -> largest lead of the child
  const evidence = new Map<number, number>();
  const H = trace.strings.length;
  let skewedSpans = 0;
  for (let i = 0; i < trace.size; i++) {
    const f = trace.flags[i]!;
    if (f & SpanFlag.SKEW) skewedSpans++;
    const p = trace.parent[i]!;
    if (p < 0 || f & SpanFlag.NO_START || trace.flags[p]! & SpanFlag.NO_START) continue;
    const a = trace.host[p]!,
      b = trace.host[i]!;
    const lead = trace.startUs[p]! - trace.startUs[i]!;
    if (a === b || lead <= 0) continue;
    const key = a * H + b;
    edges.set(key, Math.max(edges.get(key) ?? 0, lead));
    evidence.set(b, (evidence.get(b) ?? 0) + 1);
  }
  const summary = summarizeTrace(trace);
  const reference = summary.root >= 0 ? trace.host[summary.root]! : trace.size > 0 ? trace.host[0]! : -1;

  // o(child host) - o(parent host) >= lead; the reference stays at 0.
  const offset = new Map<number, number>();
  const get = (h: number) => offset.get(h) ?? 0;
  let consistent = true;
  for (let round = 0, changed = true; changed; round++) {
    if (round > H + 1) {
      consistent = false;
      break;
    }
    changed = false;
    for (const [key, lead] of edges) {
      const a = Math.floor(key / H),
        b = key % H;
      if (get(b) - get(a) >= lead) continue;
      if (b !== reference) offset.set(b, get(a) + lead);
      else offset.set(a, get(b) - lead);
      changed = true;
    }
  }
  if (!consistent) {
    offset.clear();
    for (const [key, lead] of edges) offset.set(key % H, Math.max(get(key % H), lead));
  }
  const hosts = [...offset]
    .filter(([h, us]) => us !== 0 && h !== reference)
    .map(([h, us]) => ({ host: trace.strings[h]!, offsetUs: us, evidence: evidence.get(h) ?? 0 }))
    .sort((x, y) => Math.abs(y.offsetUs) - Math.abs(x.offsetUs) || (x.host < y.host ? -1 : 1));
  return { reference: reference < 0 ? null : trace.strings[reference]!, hosts, consistent, skewedSpans };
}

/** The trace with each listed host's timestamps moved by its offset: the opt-in corrected view. */
export function shiftClocks(trace: Trace, hosts: readonly HostSkew[]): Trace {
  if (hosts.length === 0) return trace;
  const byHost = new Map(hosts.map((h) => [trace.strings.indexOf(h.host), h.offsetUs]));
  const startUs = Float64Array.from(trace.startUs),
    stopUs = Float64Array.from(trace.stopUs);
  for (let i = 0; i < trace.size; i++) {
    const us = byHost.get(trace.host[i]!);
    if (us === undefined) continue;
    startUs[i]! += us;
    stopUs[i]! += us;
  }
  const { traceId, size, strings, spanId, parent, name, service, project, host, detail, errorType, errorMessage, receivedParentId } = trace;
  return layoutTrace({
    traceId,
    size,
    strings,
    spanId,
    parent,
    name,
    service,
    project,
    host,
    detail,
    errorType,
    errorMessage,
    receivedParentId,
    flags: Uint8Array.from(trace.flags),
    startUs,
    stopUs,
  });
}
