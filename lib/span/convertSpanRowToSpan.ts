import type { JsonObject } from "../notification/types";
import { readError } from "./describeCall";
import { deriveNestedFields, derivePayloadFields, expandPayload } from "./payloadRest";
import type { Span, SpanRow } from "./types";

/**
 * Stored row -> span. Expanding payloads parses JSON, so callers that only draw the tree
 * (the compact trace) pass `payloads: false`; the error message is read either way.
 */
export function convertSpanRowToSpan(row: SpanRow, options: { payloads: boolean } = { payloads: true }): Span {
  const stopPayload =
    row.stopRest !== null && row.stopUs !== null && (options.payloads || row.errorType !== null)
      ? expandPayload(row.stopRest, derivePayloadFields(row, "stop", row.stopUs), deriveNestedFields(row, "stop"))
      : null;
  const startPayload: JsonObject | null =
    options.payloads && row.startRest !== null && row.startUs !== null
      ? expandPayload(row.startRest, derivePayloadFields(row, "start", row.startUs), deriveNestedFields(row, "start"))
      : null;
  return {
    traceId: row.traceId,
    spanId: row.spanId,
    parentId: row.parentId,
    name: row.name,
    project: row.project,
    service: row.service,
    host: row.host,
    startUs: row.startUs,
    stopUs: row.stopUs,
    error: row.errorType === null ? null : readSpanError(row.errorType, stopPayload, options.payloads),
    detail: row.detail,
    startPayload,
    stopPayload: options.payloads ? stopPayload : null,
  };
}

/**
 * The column holds a long exception type bounded, shorter than the stop payload's (lib/trace/
 * boundErrorType.ts); with payloads, the stop's is expanded anyway and gives the whole type.
 */
function readSpanError(column: string, stopPayload: JsonObject | null, payloads: boolean): Span["error"] {
  const error = stopPayload ? readError(stopPayload) : null;
  const whole = payloads && error !== null && error.type.length > column.length;
  return { type: whole ? error.type : column, message: error?.message ?? null };
}
