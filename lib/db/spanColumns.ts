import type { SpanRow } from "../span/types";
import { storableText, toNumberOrNull, type Column } from "./sql";

/** The span table's columns, in the order the JSON row arrays carry them. */
export const SPAN_COLUMNS: readonly Column[] = [
  { name: "trace_id", type: "text" },
  { name: "span_id", type: "text" },
  { name: "parent_id", type: "text" },
  { name: "name", type: "text" },
  { name: "project", type: "text" },
  { name: "service", type: "text" },
  { name: "host", type: "text" },
  { name: "start_us", type: "bigint" },
  { name: "stop_us", type: "bigint" },
  { name: "error_type", type: "text" },
  { name: "detail", type: "text" },
  { name: "start_rest", type: "text" },
  { name: "stop_rest", type: "text" },
];

export type RawSpanRow = {
  trace_id: string; span_id: string; parent_id: string; name: string; project: string; service: string; host: string;
  start_us: number | bigint | null; stop_us: number | bigint | null; error_type: string | null; detail: string | null;
  start_rest: string | null; stop_rest: string | null;
};

export function convertRawToSpanRow(r: RawSpanRow): SpanRow {
  return {
    traceId: r.trace_id, spanId: r.span_id, parentId: r.parent_id, name: r.name, project: r.project, service: r.service, host: r.host,
    startUs: toNumberOrNull(r.start_us), stopUs: toNumberOrNull(r.stop_us), errorType: r.error_type, detail: r.detail,
    startRest: r.start_rest, stopRest: r.stop_rest,
  };
}

export function convertSpanRowToArray(r: SpanRow): unknown[] {
  return [
    r.traceId, r.spanId, storableText(r.parentId), storableText(r.name), storableText(r.project), storableText(r.service),
    storableText(r.host), r.startUs, r.stopUs, storableText(r.errorType), storableText(r.detail), r.startRest, r.stopRest,
  ];
}
