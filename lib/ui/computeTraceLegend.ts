// What a trace page lists once per trace: its services (project/service) with their colors and
// span counts for the legend, and the span types (with their own colors) and services the
// filters offer.
import type { Trace } from "../trace";
import { assignServiceColors, hashColor, serviceKey } from "./serviceColors";
import { assignSpanTypeColors, hashTypeColor } from "./spanTypeColors";

export type LegendEntry = { key: string; project: string; service: string; color: string; count: number };
export type FacetEntry = { value: string; count: number };

export type TraceLegend = {
  /** Most spans first. */
  services: LegendEntry[];
  /** The color of a span (its service's), by its position in the trace. */
  colorOf(spanIndex: number): string;
  /**
   * By span position: the span's service as an index into `services`, for drawing many spans
   * grouped by color without a string per span (the overview).
   */
  serviceOf: Uint16Array;
  /** The color of a span type (name), from the span types' own palette (lib/ui/spanTypeColors). */
  typeColorOf(type: string): string;
  /**
   * A host's or a project's color in the breakdowns: the palette's distinct colors to the ones
   * with the most spans in the trace (ties by name), so a cloud's dozens of hosts do not share a
   * handful of hashed hues; the same trace gives every host the same color on every load.
   */
  hostColorOf(host: string): string;
  projectColorOf(project: string): string;
  /** Span types (names) and service names with their span counts, most first. */
  types: FacetEntry[];
  serviceNames: FacetEntry[];
};

export function computeTraceLegend(trace: Trace): TraceLegend {
  const S = trace.strings.length;
  const pairs = new Map<number, number>(); // project * S + service -> spans
  for (let i = 0; i < trace.size; i++) {
    const pair = trace.project[i]! * S + trace.service[i]!;
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  const ranked = [...pairs]
    .map(([pair, count]) => {
      const project = trace.strings[Math.floor(pair / S)]!,
        service = trace.strings[pair % S]!;
      return { pair, key: serviceKey(project, service), project, service, count };
    })
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const colors = assignServiceColors(ranked.map((r) => r.key));
  const colorList = ranked.map((r) => colors.get(r.key)!);
  const rankOfPair = new Map(ranked.map((r, k) => [r.pair, k]));
  const serviceOf = new Uint16Array(trace.size);
  for (let i = 0; i < trace.size; i++) serviceOf[i] = Math.min(0xffff, rankOfPair.get(trace.project[i]! * S + trace.service[i]!)!);
  const types = rankColumn(trace, trace.name);
  const hostColors = assignServiceColors(rankColumn(trace, trace.host).map((e) => e.value));
  const projectColors = assignServiceColors(rankColumn(trace, trace.project).map((e) => e.value));
  const typeColors = assignSpanTypeColors(types.map((t) => t.value));
  return {
    services: ranked.map(({ key, project, service, count }) => ({ key, project, service, color: colors.get(key)!, count })),
    colorOf: (i) => colorList[serviceOf[i]!] ?? "#888888",
    serviceOf,
    typeColorOf: (type) => typeColors.get(type) ?? hashTypeColor(type),
    hostColorOf: (host) => hostColors.get(host) ?? hashColor(host),
    projectColorOf: (project) => projectColors.get(project) ?? hashColor(project),
    types,
    serviceNames: rankColumn(trace, trace.service),
  };
}

/** A column's values (texts) with their span counts in the trace, most first, ties by text: the facets and the palette's order. */
function rankColumn(trace: Trace, column: Int32Array): FacetEntry[] {
  const counts = new Uint32Array(trace.strings.length);
  for (let i = 0; i < trace.size; i++) counts[column[i]!]!++;
  const ranked: FacetEntry[] = [];
  counts.forEach((count, s) => void (count > 0 && ranked.push({ value: trace.strings[s]!, count })));
  return ranked.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}
