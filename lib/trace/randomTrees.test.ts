// Random messy traces, checked against slow, obviously-right reference implementations written
// with plain objects and recursion (fine at these sizes): the fast columnar code must agree on
// every one of them.
import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { buildTimelineRows } from "./buildTimelineRows";
import { buildTrace } from "./buildTrace";
import { computeBreakdowns } from "./computeBreakdowns";
import { computeCriticalPath } from "./computeCriticalPath";
import { computeSelfTimes } from "./computeSelfTimes";
import { convertCompactToTrace } from "./convertCompactToTrace";
import { convertTraceToCompact } from "./convertTraceToCompact";
import { createTraceView, type TraceFilter } from "./createTraceView";
import { projectCriticalPath } from "./projectCriticalPath";
import { SpanFlag, type Trace } from "./types";

function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), chance: (p: number) => next() < p };
}

const NAMES = ["wsgi", "rpc", "db", "driver"];
const SERVICES = ["nova-api", "nova-conductor", "glance-api"];

/** A random trace: nested calls, plus lost starts/stops, orphans, self-parents, cycles, skew. */
function randomSpans(seed: number, n: number): Span[] {
  const r = createRandom(seed);
  const spans: Span[] = [];
  for (let i = 0; i < n; i++) {
    const parent = i === 0 || r.chance(0.1) ? -1 : r.int(i);
    const base = parent < 0 ? r.int(1000) : (spans[parent]!.startUs ?? spans[parent]!.stopUs ?? 0) + r.int(50) - (r.chance(0.05) ? 80 : 0);
    const start = base,
      stop = base + r.int(300);
    let parentId = parent < 0 ? "T" : `s${parent}`;
    if (r.chance(0.03)) parentId = `missing${i}`;
    if (r.chance(0.02)) parentId = `s${i}`;
    if (r.chance(0.02) && i + 1 < n) parentId = `s${i + 1 + r.int(Math.min(5, n - i - 1))}`; // may close a cycle
    spans.push({
      traceId: "T",
      spanId: `s${i}`,
      parentId,
      name: NAMES[r.int(4)]!,
      project: "nova",
      service: SERVICES[r.int(3)]!,
      host: `h${r.int(2)}`,
      startUs: r.chance(0.05) ? null : start,
      stopUs: r.chance(0.08) ? null : stop,
      error: r.chance(0.05) ? { type: "E", message: null } : null,
      detail: r.chance(0.5) ? `SELECT ${r.int(3)}` : null,
      startPayload: null,
      stopPayload: null,
    });
  }
  // Shuffle: arrival order means nothing.
  for (let i = spans.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [spans[i], spans[j]] = [spans[j]!, spans[i]!];
  }
  return spans;
}

type Node = { i: number; children: Node[] };

/** The trace's forest as nested objects, from its parent column. */
function forestOf(trace: Trace): Node[] {
  const nodes = Array.from({ length: trace.size }, (_, i) => ({ i, children: [] as Node[] }));
  const roots: Node[] = [];
  for (let i = 0; i < trace.size; i++) (trace.parent[i]! < 0 ? roots : nodes[trace.parent[i]!]!.children).push(nodes[i]!);
  return roots;
}

/** Reference filter: recursive, children of a hidden node spliced into its place. */
function referenceView(trace: Trace, keep: (i: number) => boolean): { i: number; depth: number; parent: number }[] {
  const out: { i: number; depth: number; parent: number }[] = [];
  const walk = (nodes: Node[], depth: number, parent: number) => {
    for (const node of nodes) {
      if (keep(node.i)) {
        out.push({ i: node.i, depth, parent });
        walk(node.children, depth + 1, node.i);
      } else {
        walk(node.children, depth, parent);
      }
    }
  };
  walk(forestOf(trace), 0, -1);
  return out;
}

function referenceSelf(trace: Trace, kids: number[], i: number): number {
  const s = trace.startUs[i]!,
    e = trace.stopUs[i]!;
  let covered = 0;
  for (let t = s; t < e; t++) if (kids.some((k) => trace.startUs[k]! <= t && t < trace.stopUs[k]!)) covered++;
  return e - s - covered;
}

/** Time covered by at least one of the spans, counted microsecond by microsecond. */
function referenceBusy(trace: Trace, spans: number[]): number {
  const from = Math.min(...spans.map((i) => trace.startUs[i]!)),
    to = Math.max(...spans.map((i) => trace.stopUs[i]!));
  let busy = 0;
  for (let t = from; t < to; t++) if (spans.some((i) => trace.startUs[i]! <= t && t < trace.stopUs[i]!)) busy++;
  return busy;
}

describe("random messy traces", () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}: tree, views, rows, self time, critical path and wire form agree with the references`, () => {
      const spans = randomSpans(seed, 30 + (seed % 7) * 20);
      const trace = buildTrace(spans, "T");

      // Every span once, parents before children, children ordered by start.
      expect(trace.size).toBe(spans.length);
      expect(new Set(trace.spanId).size).toBe(spans.length);
      for (let i = 0; i < trace.size; i++) {
        expect(trace.parent[i]!).toBeLessThan(i);
        expect(trace.stopUs[i]!).toBeGreaterThanOrEqual(trace.startUs[i]!);
        expect(trace.displayStartUs[i]!).toBeLessThanOrEqual(trace.startUs[i]!);
        expect(trace.displayStopUs[i]!).toBeGreaterThanOrEqual(trace.stopUs[i]!);
      }
      const walk = (nodes: Node[]) => {
        for (let k = 1; k < nodes.length; k++) expect(trace.startUs[nodes[k]!.i]!).toBeGreaterThanOrEqual(trace.startUs[nodes[k - 1]!.i]!);
        nodes.forEach((n) => walk(n.children));
      };
      walk(forestOf(trace));
      // A span's flags say exactly what arrived and where its parent is.
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      for (let i = 0; i < trace.size; i++) {
        const s = byId.get(trace.spanId[i]!)!;
        const f = trace.flags[i]!;
        expect(Boolean(f & SpanFlag.NO_START)).toBe(s.startUs === null);
        expect(Boolean(f & SpanFlag.UNFINISHED)).toBe(s.stopUs === null);
        if (trace.parent[i]! >= 0) expect(trace.spanId[trace.parent[i]!]).toBe(s.parentId);
        else expect(s.parentId === "T" || Boolean(f & (SpanFlag.ORPHAN | SpanFlag.CYCLE))).toBe(true);
        expect(Boolean(f & SpanFlag.ORPHAN)).toBe(!byId.has(s.parentId) && s.parentId !== "T");
      }

      const filters: [TraceFilter, (i: number) => boolean][] = [
        [{}, () => true],
        [{ hideDb: true }, (i) => trace.strings[trace.name[i]!] !== "db"],
        [
          { hideNames: ["rpc"], hideServices: ["glance-api"] },
          (i) => trace.strings[trace.name[i]!] !== "rpc" && trace.strings[trace.service[i]!] !== "glance-api",
        ],
      ];
      for (const [filter, keep] of filters) {
        const view = createTraceView(trace, filter);
        const expected = referenceView(trace, keep);
        expect(Array.from(view.order)).toEqual(expected.map((e) => e.i));
        expect(Array.from(view.depth)).toEqual(expected.map((e) => e.depth));
        expect(Array.from(view.parent, (p) => (p < 0 ? -1 : view.order[p]!))).toEqual(expected.map((e) => e.parent));

        const self = computeSelfTimes(view);
        for (let v = 0; v < view.size; v++) {
          const kids = expected.filter((e) => e.parent === view.order[v]).map((e) => e.i);
          expect(self[v]).toBe(referenceSelf(trace, kids, view.order[v]!));
        }
        const path = projectCriticalPath(view, computeCriticalPath(trace));
        expect(path.byPosition.reduce((a, b) => a + b, 0) + path.hiddenUs + computeCriticalPath(trace).gapUs).toBe(
          trace.finishedUs - trace.startedUs,
        );
        expect(Math.min(...path.byPosition)).toBeGreaterThanOrEqual(0);
        const b = computeBreakdowns(view);
        expect(b.service.rows.reduce((a, r) => a + r.count, 0)).toBe(view.size);
        expect(b.name.rows.reduce((a, r) => a + r.selfUs, 0)).toBe(self.reduce((a, x) => a + x, 0));
        for (const row of b.host.rows) {
          expect(row.busyUs).toBe(
            referenceBusy(
              trace,
              Array.from(view.order).filter((i) => trace.strings[trace.host[i]!] === row.label),
            ),
          );
        }

        // Collapsing a random set hides exactly the descendants of collapsed spans.
        const r = createRandom(seed * 31);
        const collapsed = new Set(trace.spanId.filter(() => r.chance(0.15)));
        const rows = buildTimelineRows(view, collapsed);
        const hiddenByCollapse = (v: number): boolean => {
          for (let p = view.parent[v]!; p >= 0; p = view.parent[p]!) if (collapsed.has(trace.spanId[view.order[p]!]!)) return true;
          return false;
        };
        expect(Array.from(rows.rows)).toEqual(Array.from({ length: view.size }, (_, v) => v).filter((v) => !hiddenByCollapse(v)));
      }

      expect(convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(trace))))).toEqual(trace);
    });
  }
});
