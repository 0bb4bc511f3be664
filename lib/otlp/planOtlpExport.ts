// The tree the OTLP export needs (an OtlpTree), planned from a trace's rows without payloads in
// one pass and held in typed arrays, ~50 bytes a span (measured at 100k spans): the page's trace
// model (buildTrace over span objects) took ~1.3 KB a span, which a million-span export cannot
// hold. The rules are buildTrace's, so the export's bytes do not change: a span id given twice
// is kept once (the first); a parent that is the span itself is a cycle, one that is neither a
// span of the trace nor the trace an orphan root; the rest (longer cycles, inferred times, the
// pre-order) is lib/trace/planTraceTree, which buildTrace uses too.
import { growColumn, initialColumnLength } from "../trace/growColumn";
import { createSpanIdTable } from "../span/createSpanIdTable";
import type { Span } from "../span/types";
import { planTraceTree } from "../trace/planTraceTree";
import { SpanFlag } from "../trace/types";
import type { OtlpTree } from "./convertSpansToOtlp";
import { createTextMap } from "../span/createTextMap";

/** The columns of a row that the plan reads. */
export type OtlpPlanRow = Pick<Span, "spanId" | "parentId" | "name" | "project" | "service" | "host" | "startUs" | "stopUs">;

type OtlpExportPlanner = {
  add(row: OtlpPlanRow): void;
  finish(): OtlpTree;
};

/**
 * The plan of the spans `pages` bring, a page at a time (the database's keyset pages).
 * `reclaim`: called between the finish's steps, each of which lets columns of the size of the
 * trace go and makes new ones (a streamed export collects its garbage there: lib/api/reclaimMemory).
 */
export async function planOtlpExport(
  pages: AsyncIterable<Iterable<OtlpPlanRow>> | Iterable<Iterable<OtlpPlanRow>>,
  traceId: string,
  reclaim: () => void = () => {},
): Promise<OtlpTree> {
  const planner = createOtlpExportPlanner(traceId, reclaim);
  for await (const rows of pages) for (const row of rows) planner.add(row);
  const tree = planner.finish();
  reclaim(); // the finish's columns by span number, now by position
  return tree;
}

type Place = { project: string; service: string; host: string };

function createOtlpExportPlanner(traceId: string, reclaim: () => void, expectedSpans?: number): OtlpExportPlanner {
  let capacity = initialColumnLength(expectedSpans);
  const ids = createSpanIdTable(capacity);
  let parentIds = createSpanIdTable(capacity, { indexed: false }); // each span's parent id, numbered like ids
  let receivedStart = new Float64Array(capacity); // NaN: none
  let receivedStop = new Float64Array(capacity);
  let nameOfK = new Int32Array(capacity);
  let placeOfK = new Int32Array(capacity);
  const names: string[] = [];
  // Names and places may be 64K characters each (createTextMap.ts).
  const nameNumbers = createTextMap<number>();
  const places: Place[] = [];
  const placeNumbers = createTextMap<number>();

  const grow = () => {
    capacity *= 2;
    receivedStart = growColumn(receivedStart, capacity);
    receivedStop = growColumn(receivedStop, capacity);
    nameOfK = growColumn(nameOfK, capacity);
    placeOfK = growColumn(placeOfK, capacity);
  };

  return {
    add(row) {
      if (ids.find(row.spanId) >= 0) return;
      const k = ids.add(row.spanId);
      if (k >= capacity) grow();
      parentIds.add(row.parentId);
      receivedStart[k] = row.startUs ?? NaN;
      receivedStop[k] = row.stopUs ?? NaN;
      let name = nameNumbers.get(row.name);
      if (name === undefined) {
        name = names.push(row.name) - 1;
        nameNumbers.set(row.name, name);
      }
      nameOfK[k] = name;
      const key = JSON.stringify([row.project, row.service, row.host]);
      let place = placeNumbers.get(key);
      if (place === undefined) {
        place = places.push({ project: row.project, service: row.service, host: row.host }) - 1;
        placeNumbers.set(key, place);
      }
      placeOfK[k] = place;
    },

    finish() {
      const m = ids.size;
      const parentOf = new Int32Array(m);
      const flagsOf = new Uint8Array(m);
      for (let k = 0; k < m; k++) {
        let flags = 0;
        if (Number.isNaN(receivedStart[k]!)) flags |= SpanFlag.NO_START;
        if (Number.isNaN(receivedStop[k]!)) flags |= SpanFlag.UNFINISHED;
        const parentId = parentIds.idOf(k);
        let p = ids.find(parentId);
        if (p === k) {
          p = -1;
          flags |= SpanFlag.CYCLE;
        } else if (p < 0 && parentId !== traceId) flags |= SpanFlag.ORPHAN;
        parentOf[k] = p;
        flagsOf[k] = flags;
      }
      // No longer needed (16 bytes a span each; the stream reads ids back by number): let them go before the sorts.
      parentIds = createSpanIdTable(16, { indexed: false });
      ids.dropIndex();
      reclaim();
      const { order, startOf, stopOf } = planTraceTree({
        parentOf,
        flagsOf,
        receivedStart,
        receivedStop,
        compareIds: (a, b) => ids.compare(a, b),
        reclaim,
      });

      reclaim(); // the tree's own passes (cycles, extents, two pre-orders, the sort): ~80 bytes a span

      // Columns by position in the pre-order.
      const positionOf = new Int32Array(m);
      for (let i = 0; i < m; i++) positionOf[order[i]!] = i;
      const parent = new Int32Array(m);
      const flags = new Uint8Array(m);
      const startUs = new Float64Array(m),
        stopUs = new Float64Array(m);
      const name = new Int32Array(m),
        place = new Int32Array(m);
      for (let i = 0; i < m; i++) {
        const k = order[i]!;
        parent[i] = parentOf[k]! < 0 ? -1 : positionOf[parentOf[k]!]!;
        flags[i] = flagsOf[k]!;
        startUs[i] = startOf[k]!;
        stopUs[i] = stopOf[k]!;
        name[i] = nameOfK[k]!;
        place[i] = placeOfK[k]!;
      }
      // The tree's closures keep this planner's scope: let its by-k columns go.
      receivedStart = receivedStop = new Float64Array(0);
      nameOfK = placeOfK = new Int32Array(0);
      return {
        size: m,
        spanIdOf: (i) => ids.idOf(order[i]!),
        parent,
        flags,
        startUs,
        stopUs,
        nameOf: (i) => names[name[i]!]!,
        placeOf: (i) => place[i]!,
        placeTexts: (number) => places[number]!,
      };
    },
  };
}
