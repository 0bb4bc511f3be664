import type { SpanRow } from "../span/types";
import { boundErrorType } from "../trace/boundErrorType";
import { storableText, toNumberOrNull, type Column } from "./sql";

/**
 * The span table's columns, in the order the JSON row arrays carry them. A span's detail text
 * lives once in span_detail (migration 0003); the row holds its id.
 */
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
  { name: "detail_id", type: "integer" },
  { name: "start_rest", type: "text" },
  { name: "stop_rest", type: "text" },
  // Written, not read back as a SpanRow field: the message it names is in stop_rest too (describedDetail.ts).
  { name: "message_id", type: "integer" },
];

/** Joins `d`, the detail text of span `s`. */
export const JOIN_SPAN_DETAIL = `LEFT JOIN "span_detail" AS d ON d."id" = s."detail_id"`;

/** FROM clause for reading spans as SpanRows: `s` is the span, `d` its detail text. */
export const SPAN_ROW_SOURCE = `"span" AS s ${JOIN_SPAN_DETAIL}`;

/** A RawSpanRow's fields, each with the SQL over SPAN_ROW_SOURCE that reads it. */
const SPAN_ROW_FIELDS = SPAN_COLUMNS.filter((c) => c.name !== "message_id").map((c) =>
  c.name === "detail_id" ? { field: "detail", sql: `d."text"` } : { field: c.name, sql: `s."${c.name}"` },
);

/**
 * SELECT list over SPAN_ROW_SOURCE that yields a RawSpanRow; `instead` reads some of its fields
 * by other SQL (the trace page's reads of long texts, describedDetail.ts).
 */
export function selectSpanRow(instead: Partial<Record<keyof RawSpanRow, string>> = {}): string {
  return SPAN_ROW_FIELDS.map(({ field, sql }) => `${instead[field as keyof RawSpanRow] ?? sql} AS "${field}"`).join(", ");
}

/** SELECT list over SPAN_ROW_SOURCE that yields a RawSpanRow. */
export const SPAN_ROW_SELECT = selectSpanRow();

export type RawSpanRow = {
  trace_id: string;
  span_id: string;
  parent_id: string;
  name: string;
  project: string;
  service: string;
  host: string;
  start_us: number | bigint | null;
  stop_us: number | bigint | null;
  error_type: string | null;
  detail: string | null;
  start_rest: string | null;
  stop_rest: string | null;
};

export function convertRawToSpanRow(r: RawSpanRow): SpanRow {
  return {
    traceId: r.trace_id,
    spanId: r.span_id,
    parentId: r.parent_id,
    name: r.name,
    project: r.project,
    service: r.service,
    host: r.host,
    startUs: toNumberOrNull(r.start_us),
    stopUs: toNumberOrNull(r.stop_us),
    errorType: r.error_type,
    detail: r.detail,
    startRest: r.start_rest,
    stopRest: r.stop_rest,
  };
}

/**
 * The row as stored: `detailIds` maps each storable detail text to its span_detail id, and the
 * row's long exception message (`message`, describedDetail.ts: readDescribableMessage) to its own.
 */
export function convertSpanRowToArray(
  r: SpanRow,
  detailIds: { get(text: string): number | undefined },
  message: string | null = null,
): unknown[] {
  return [
    r.traceId,
    r.spanId,
    storableText(r.parentId),
    storableText(r.name),
    storableText(r.project),
    storableText(r.service),
    storableText(r.host),
    r.startUs,
    r.stopUs,
    storableText(boundErrorType(r.errorType)),
    readDetailId(r, detailIds),
    r.startRest,
    r.stopRest,
    message === null ? null : readTextId(message, detailIds, `span ${r.spanId}: its exception message`),
  ];
}

function readDetailId(r: SpanRow, detailIds: { get(text: string): number | undefined }): number | null {
  return r.detail === null ? null : readTextId(storableText(r.detail), detailIds, `span ${r.spanId}: its detail text`);
}

function readTextId(text: string, detailIds: { get(text: string): number | undefined }, what: string): number {
  const id = detailIds.get(text);
  if (id === undefined) throw new Error(`${what} has no span_detail id`);
  return id;
}
