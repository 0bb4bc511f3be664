// The shape of OSprofiler's report of a trace without its payloads: which span is which node,
// the tree (drivers/base.py's _build_tree), its pre-order, the totals and stats, and the
// indentation chooseReportIndent would pick, all from one pass over the spans. A streamed
// export then prints the nodes in that order, reading each span's payloads again as it goes
// (streamOsprofilerReport, streamOsprofilerDot), so memory holds this plan and never the report:
// ~60 bytes a span while planning, ~21 once planned (the ids, the order, the child counts). The
// in-memory report (convertSpansToOsprofilerReport) is built on the same plan, so both follow one
// set of rules:
// - nodes are created in notification order: by the span's first timestamp, ties in the order
//   the spans were given (the database's: span id);
// - a node's parent is the first-created node whose trace_id is its parent_id; a parent_id cycle
//   (OSprofiler drops those spans) is cut at its first-created node, listed as a root;
// - children (and roots) are sorted by "started" (ms), ties in creation order.
import { growColumn, initialColumnLength } from "../trace/growColumn";
import { cutParentCycles } from "../trace/cutParentCycles";
import { sortInPlace } from "../trace/sortInPlace";
import type { JsonObject, Json } from "../notification/types";
import type { Span } from "../span/types";
import { measureContainerIndent, measureIndentCost } from "./chooseReportIndent";
import type { OsprofilerReport } from "./convertSpansToOsprofilerReport";
import { createOsprofilerNode, msAfter, setOwn } from "./createOsprofilerNode";
import { createSpanIdTable, type SpanIdTable } from "../span/createSpanIdTable";
import { createTextMap } from "../span/createTextMap";

/** Indentation (and newline) bytes above which a report is printed on one line (chooseReportIndent's). */
const MAX_INDENT_BYTES = 64 * 1024 * 1024;

export type OsprofilerReportPlan = {
  /** The spans given, numbered 0.. in the order given (k); their ids. */
  ids: SpanIdTable;
  /** The nodes' k in pre-order (the report's order); spans without a notification are not nodes. */
  order: Uint32Array;
  /**
   * Number of children of the node at each position of `order`: its children follow it, each
   * after the subtree of the one before, which is all the tree a printer needs (createOpenNodes).
   * As narrow as the widest node allows (1 byte a node in most traces).
   */
  childCounts: Uint8Array | Uint16Array | Uint32Array;
  /** Number of roots (the report's "children"). */
  roots: number;
  /** The trace's first timestamp, µs (times are ms after it); 0 when there is none. */
  firstUs: number;
  info: OsprofilerReport["info"];
  stats: OsprofilerReport["stats"];
  /** 2, or null: the report is printed on one line (it would indent past the limit). */
  indent: number | null;
};

export type OsprofilerReportPlanner = {
  /** Adds the next span (payloads included while wantsPayloads: they decide the node's ids, name and indentation). */
  add(span: Span): void;
  /**
   * False once the indentation is decided (the report will be on one line) or was not asked for:
   * from then on a span's payloads matter only where they give the node another name, ids,
   * project, service or host than the span's columns (addRowToReportPlan), so most need no parsing.
   */
  readonly wantsPayloads: boolean;
  /** Once: the finish lets the planner's columns go as it goes. */
  finish(): OsprofilerReportPlan;
};

/** What any node adds to the report's indentation at the least, beyond its info's own cost: its object of 4 keys at level 2. */
const LEAST_NODE_INDENT = measureContainerIndent(4, 2, 2);

export function createOsprofilerReportPlanner(
  options: {
    expectedSpans?: number;
    maxIndentBytes?: number;
    indent?: boolean;
    /**
     * Called inside the finish wherever it has just let go of columns of the trace's size and is
     * about to make new ones (a streamed export collects its garbage there: lib/api/reclaimMemory).
     */
    reclaim?: () => void;
  } = {},
): OsprofilerReportPlanner {
  const reclaim = options.reclaim ?? (() => {});
  const indent = 2;
  const maxIndentBytes = options.maxIndentBytes ?? MAX_INDENT_BYTES;
  // Indentation is priced until a lower bound of it passes the limit: each node costs at least
  // its info at level 0, three levels of its info's per-level cost (a node is at level 2 or
  // deeper, its info one deeper) and its own object. A big trace passes the limit long before
  // its end (~130k spans of boot-server), and the rest of its payloads need no measuring.
  let measuring = options.indent !== false;
  let leastIndentBytes = 0;
  let capacity = initialColumnLength(options.expectedSpans);
  const ids = createSpanIdTable(capacity);
  let parentIds = createSpanIdTable(capacity, { indexed: false }); // each node's parent_id, numbered by k
  let startUs = new Float64Array(capacity); // NaN: no start
  let stopUs = new Float64Array(capacity);
  // Indentation each level deeper adds to the node's info; only while measuring (empty after).
  let perLevel = new Float64Array(measuring ? capacity : 0);
  let nameOf = new Int32Array(capacity); // node name's number in `names`; -1: no node
  const names: string[] = [];
  let nameNumbers = createTextMap<number>(); // names may be 64K characters each (createTextMap.ts)
  /** Nodes whose trace_id is not their span's id, or whose span id came twice: trace_id -> their k. */
  const unusualTraceIds = new Map<string, number[]>();
  const unusual = new Set<number>();
  let infoIndentBytes = 0; // the nodes' info at level 0
  let firstUs: number | null = null,
    lastUs: number | null = null,
    lastStartUs: number | null = null;

  const grow = () => {
    capacity *= 2;
    startUs = growColumn(startUs, capacity);
    stopUs = growColumn(stopUs, capacity);
    if (measuring) perLevel = growColumn(perLevel, capacity);
    nameOf = growColumn(nameOf, capacity);
  };

  return {
    get wantsPayloads() {
      return measuring;
    },

    add(span) {
      const seen = ids.find(span.spanId) >= 0;
      const k = ids.add(span.spanId);
      if (k >= capacity) grow();
      startUs[k] = span.startUs ?? NaN;
      stopUs[k] = span.stopUs ?? NaN;
      const node = createOsprofilerNode(span, 0);
      if (!node) {
        nameOf[k] = -1;
        parentIds.add("");
        return;
      }
      parentIds.add(node.parent_id);
      const name = node.info.name as string;
      let number = nameNumbers.get(name);
      if (number === undefined) {
        number = names.push(name) - 1;
        nameNumbers.set(name, number);
      }
      nameOf[k] = number;
      if (seen || node.trace_id !== span.spanId) {
        unusual.add(k);
        const list = unusualTraceIds.get(node.trace_id);
        if (list) list.push(k);
        else unusualTraceIds.set(node.trace_id, [k]);
      }
      if (measuring) {
        const cost = measureIndentCost(node.info, indent);
        infoIndentBytes += cost.bytes;
        perLevel[k] = cost.perLevel;
        leastIndentBytes += cost.bytes + 3 * cost.perLevel + LEAST_NODE_INDENT;
        if (leastIndentBytes > maxIndentBytes) {
          measuring = false;
          perLevel = new Float64Array(0);
        }
      }
      for (const us of [span.startUs, span.stopUs]) {
        if (us === null) continue;
        if (firstUs === null || firstUs > us) firstUs = us;
        if (lastUs === null || lastUs < us) lastUs = us;
      }
      if (span.startUs !== null && (lastStartUs === null || lastStartUs < span.startUs)) lastStartUs = span.startUs;
    },

    finish() {
      const m = ids.size;
      const first = firstUs ?? 0;
      const firstEventUs = (k: number) =>
        Number.isNaN(startUs[k]!) ? stopUs[k]! : Number.isNaN(stopUs[k]!) ? startUs[k]! : Math.min(startUs[k]!, stopUs[k]!);
      const startedUs = (k: number) => (Number.isNaN(startUs[k]!) ? stopUs[k]! : startUs[k]!);
      const finishedUs = (k: number) => (Number.isNaN(stopUs[k]!) ? startUs[k]! : stopUs[k]!);

      // Creation order (_append_results meets each span's first notification in time order).
      let n = 0;
      for (let k = 0; k < m; k++) if (nameOf[k]! >= 0) n++;
      let created = new Uint32Array(n);
      for (let k = 0, c = 0; k < m; k++) if (nameOf[k]! >= 0) created[c++] = k;
      sortInPlace(created, (a, b) => firstEventUs(a) - firstEventUs(b) || a - b);
      let rank = new Int32Array(m).fill(-1);
      for (let c = 0; c < n; c++) rank[created[c]!] = c;

      // _parse_results: the stats per name, in creation order. The names go after it.
      const stats: OsprofilerReport["stats"] = {};
      for (let c = 0; c < n; c++) {
        const k = created[c]!;
        const name = names[nameOf[k]!]!;
        const duration = msAfter(finishedUs(k), first) - msAfter(startedUs(k), first);
        const stat = Object.hasOwn(stats, name) ? stats[name]! : undefined;
        if (stat) {
          stat.count += 1;
          stat.duration += duration;
        } else {
          setOwn(stats, name, { count: 1, duration });
        }
      }
      // From here on a node is a k with a rank: the creation order goes with the names.
      nameOf = new Int32Array(0);
      created = new Uint32Array(0);
      nameNumbers = createTextMap<number>();
      names.length = 0;
      reclaim(); // and the scan's last garbage

      // The first-created node whose trace_id is `traceId`.
      const nodeOfTraceId = (traceId: string): number => {
        let best = -1;
        const k = ids.find(traceId);
        if (k >= 0 && rank[k]! >= 0 && !unusual.has(k)) best = k;
        for (const other of unusualTraceIds.get(traceId) ?? []) if (best < 0 || rank[other]! < rank[best]!) best = other;
        return best;
      };
      let parent = new Int32Array(m).fill(-1);
      for (let k = 0; k < m; k++) if (rank[k]! >= 0) parent[k] = nodeOfTraceId(parentIds.idOf(k));
      // No longer needed (24 bytes a span with the id index): let them go before the tree's own columns.
      parentIds = createSpanIdTable(16, { indexed: false });
      ids.dropIndex();
      unusualTraceIds.clear();
      unusual.clear();
      reclaim();

      // Cycles (and self-parents) cut at the first-created node of each.
      cutParentCycles(parent, (a, b) => rank[a]! < rank[b]!);

      // Children lists in creation order, then sorted by "started" (ties: creation order).
      const childCount = new Uint32Array(m);
      let roots = 0;
      let widest = 0;
      for (let k = 0; k < m; k++) {
        if (rank[k]! < 0) continue;
        const p = parent[k]!;
        if (p < 0) roots++;
        else if (++childCount[p]! > widest) widest = childCount[p]!;
      }
      // Children of k at childStart[k] .. childStart[k+1], roots after them. Filled from the
      // ends down, in k's order (each list's order before its sort does not matter: the sort
      // orders every pair, its ties falling to rank).
      const childStart = new Uint32Array(m + 1);
      for (let k = 0; k < m; k++) childStart[k + 1] = childStart[k]! + childCount[k]!;
      const list = new Uint32Array(n);
      let rootAt = n;
      for (let k = 0; k < m; k++) {
        if (rank[k]! < 0) continue;
        const p = parent[k]!;
        list[p < 0 ? --rootAt : --childStart[p + 1]!] = k;
      }
      for (let k = 0; k < m; k++) childStart[k + 1] = childStart[k]! + childCount[k]!; // each list's end again
      const startedMs = (k: number) => msAfter(startedUs(k), first);
      const byStart = (a: number, b: number) => startedMs(a) - startedMs(b) || rank[a]! - rank[b]!;
      for (let k = 0; k < m; k++) if (childCount[k]! > 1) sortInPlace(list.subarray(childStart[k]!, childStart[k + 1]!), byStart);
      sortInPlace(list.subarray(childStart[m]!), byStart);
      // What only the order needed (times 16 bytes a span; rank and parents 8) goes before the
      // pre-order's columns come.
      parent = new Int32Array(0);
      startUs = new Float64Array(0);
      stopUs = new Float64Array(0);
      rank = new Int32Array(0);
      reclaim();

      // Pre-order, and (while measuring) the indentation each node costs at its depth (node
      // object at level 2 + 2 * depth, its info and children list one deeper). The stack of
      // open lists grows with the depth, not the size.
      const order = new Uint32Array(n);
      const childCounts = widest < 2 ** 8 ? new Uint8Array(n) : widest < 2 ** 16 ? new Uint16Array(n) : new Uint32Array(n);
      let stackNext = new Int32Array(64);
      let stackEnd = new Int32Array(64);
      let top = 0;
      stackNext[0] = childStart[m]!;
      stackEnd[0] = n;
      let at = 0;
      let treeIndent = 0;
      while (top >= 0) {
        if (stackNext[top]! === stackEnd[top]!) {
          top--;
          continue;
        }
        const k = list[stackNext[top]!++]!;
        childCounts[at] = childCount[k]!;
        order[at++] = k;
        if (measuring) {
          const level = 2 + 2 * top;
          treeIndent +=
            measureContainerIndent(4, level, indent) +
            perLevel[k]! * (level + 1) +
            measureContainerIndent(childCount[k]!, level + 1, indent);
        }
        if (childCount[k]! > 0) {
          if (++top === stackNext.length) {
            stackNext = growColumn(stackNext, 2 * top);
            stackEnd = growColumn(stackEnd, 2 * top);
          }
          stackNext[top] = childStart[k]!;
          stackEnd[top] = childStart[k + 1]!;
        }
      }

      const info: OsprofilerReport["info"] = {
        name: "total",
        started: 0,
        finished: firstUs === null ? null : msAfter(lastUs!, first),
        last_trace_started: firstUs === null || lastStartUs === null ? null : msAfter(lastStartUs, first),
      };

      // The report {info, children, stats} at level 0, its info and stats at level 1.
      const atLevel1 = (value: JsonObject) => {
        const cost = measureIndentCost(value as Json, indent);
        return cost.bytes + cost.perLevel;
      };
      const indentBytes =
        measureContainerIndent(3, 0, indent) +
        atLevel1(info as unknown as JsonObject) +
        measureContainerIndent(roots, 1, indent) +
        atLevel1(stats as unknown as JsonObject) +
        infoIndentBytes +
        treeIndent;
      // Not measuring any more: the limit was passed (or no indentation was asked for).
      const indented = measuring && indentBytes <= maxIndentBytes;
      return { ids, order, childCounts, roots, firstUs: first, info, stats, indent: indented ? indent : null };
    },
  };
}
