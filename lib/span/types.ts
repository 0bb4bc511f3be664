// Stored rows -> spans. A SpanRow is what the database keeps for one OSprofiler call: its start
// and stop merged into one row, with the raw payloads reduced to what the columns cannot
// reproduce (see payloadRest.ts). A Span is the same call as the trace model reads it.
import type { JsonObject } from "../notification/types";

export type SpanRow = {
  traceId: string;
  spanId: string;
  parentId: string;
  name: string;
  project: string;
  service: string;
  host: string;
  startUs: number | null;
  stopUs: number | null;
  /** OSprofiler's etype from the stop of a call that raised. */
  errorType: string | null;
  /** What the call did, for lists and search: SQL statement, "METHOD path" or function name. */
  detail: string | null;
  /** JSON text; see payloadRest.ts. Null when that notification has not arrived. */
  startRest: string | null;
  stopRest: string | null;
};

export type Span = {
  traceId: string;
  spanId: string;
  parentId: string;
  name: string;
  project: string;
  service: string;
  host: string;
  startUs: number | null;
  stopUs: number | null;
  error: { type: string; message: string | null } | null;
  detail: string | null;
  /** The raw OSprofiler payloads, when they were asked for (null also when never received). */
  startPayload: JsonObject | null;
  stopPayload: JsonObject | null;
};
