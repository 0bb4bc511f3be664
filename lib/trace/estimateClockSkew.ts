// Host clocks differ (controllers, compute nodes; milliseconds or more), so a call served on
// another host can seem to start before its caller did. Causality bounds how far each host's
// clock is behind another's: a child cannot start before its parent. Every parent and child on
// two hosts is such a bound, one that already holds too (shifting a host must not push its other
// callees before their callers). The offsets are the smallest raises from zero that meet every
// bound (difference constraints, Bellman-Ford over the hosts), then read relative to the root
// request's host: pinning that host during the relaxation never settles when bounds run through
// it both ways. Casts make child spans end after their parents legitimately, so ends prove
// nothing and are not used. Nothing is shifted unless asked: shiftClocks builds the corrected
// view on request.
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
  /**
   * How the offsets were found. "solved": they meet every bound. "contradictory": no offsets can
   * (a cycle of bounds that sums above zero: clocks that drift or step during the trace rather
   * than sit apart). "too-large": the bounds were too many to solve within MAX_BOUND_VISITS (a
   * hostile trace), so whether they agree is unknown. Unless solved, each host's offset is its
   * own worst lead alone.
   */
  solution: ClockSolution;
  /** Hosts tied by bounds (on two hosts, a parent and its child), and the bounds: what the solver's work grows with. */
  boundHosts: number;
  bounds: number;
  /** Spans flagged SKEW. */
  skewedSpans: number;
};

type ClockSolution = "solved" | "contradictory" | "too-large";

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
    if (a === b) continue;
    const key = a * H + b;
    edges.set(key, Math.max(edges.get(key) ?? -Infinity, lead));
    if (lead > 0) evidence.set(b, (evidence.get(b) ?? 0) + 1);
  }
  const summary = summarizeTrace(trace);
  const reference = summary.root >= 0 ? trace.host[summary.root]! : trace.size > 0 ? trace.host[0]! : -1;

  // o(child host) - o(parent host) >= lead, every host raised from 0 as little as that needs: the
  // bounds hold once a round changes nothing, which takes at most one round per host unless they
  // contradict each other (a cycle of bounds that sums above zero).
  const offset = new Map<number, number>();
  const get = (h: number) => offset.get(h) ?? 0;
  const hostCount = new Set([...edges.keys()].flatMap((key) => [Math.floor(key / H), key % H])).size;
  let solution: ClockSolution = "solved";
  // Each round visits every bound; a hostile trace can make the rounds as many as its hosts
  // (tens of thousands of bounds met one per round), seconds of the page's main thread: past
  // MAX_BOUND_VISITS the bounds are taken as unsolvable, each edge's own offset, as for a
  // contradiction. Everyday traces (dozens of hosts) take a few rounds of a few hundred bounds.
  for (let round = 0, changed = true; changed; round++) {
    if (round > hostCount + 1) {
      solution = "contradictory";
      break;
    }
    if (round * edges.size > MAX_BOUND_VISITS) {
      solution = "too-large";
      break;
    }
    changed = false;
    for (const [key, lead] of edges) {
      const a = Math.floor(key / H),
        b = key % H;
      if (get(b) - get(a) >= lead) continue;
      offset.set(b, get(a) + lead);
      changed = true;
    }
  }
  if (solution === "solved") {
    // Relative to the reference, for the hosts tied to it by some bound; the others keep theirs.
    const tied = connectedHosts(edges, H, reference);
    const base = get(reference);
    for (const h of tied) offset.set(h, get(h) - base);
  } else {
    offset.clear();
    for (const [key, lead] of edges) offset.set(key % H, Math.max(get(key % H), lead));
  }
  const hosts = [...offset]
    .filter(([h, us]) => us !== 0 && h !== reference)
    .map(([h, us]) => ({ host: trace.strings[h]!, offsetUs: us, evidence: evidence.get(h) ?? 0 }))
    .sort((x, y) => Math.abs(y.offsetUs) - Math.abs(x.offsetUs) || (x.host < y.host ? -1 : 1));
  return {
    reference: reference < 0 ? null : trace.strings[reference]!,
    hosts,
    solution,
    boundHosts: hostCount,
    bounds: edges.size,
    skewedSpans,
  };
}

/** Bound visits (rounds × bounds) the relaxation may take: ~50 ms. */
const MAX_BOUND_VISITS = 4_000_000;

/** The hosts joined to `start` by bounds in either direction (itself included): a walk over each bound once. */
function connectedHosts(edges: Map<number, number>, H: number, start: number): Set<number> {
  const neighbours = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const key of edges.keys()) {
    const a = Math.floor(key / H),
      b = key % H;
    link(a, b);
    link(b, a);
  }
  const seen = new Set([start]);
  for (const stack = [start]; stack.length > 0;)
    for (const h of neighbours.get(stack.pop()!) ?? [])
      if (!seen.has(h)) {
        seen.add(h);
        stack.push(h);
      }
  return seen;
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
  // Everything but the times (and the flags layoutTrace derives from them) is the trace's own:
  // spread, so every other field (clippedTexts, once dropped here, and any added later) comes along unlisted.
  return layoutTrace({ ...trace, flags: Uint8Array.from(trace.flags), startUs, stopUs });
}
