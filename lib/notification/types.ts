// A notification after validation and renaming at the boundary. OSprofiler calls the whole
// request base_id and one call trace_id; from here on they are traceId and spanId.

import type { JsonNumber } from "./JsonNumber";

export type Phase = "start" | "stop";

/** A JSON value as it came off the wire; a number a double would not give back is a JsonNumber. */
export type Json = null | boolean | number | string | JsonNumber | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type Notification = {
  traceId: string; // OSprofiler base_id
  spanId: string; // OSprofiler trace_id
  parentId: string; // OSprofiler parent_id (equals base_id at the top)
  name: string; // "db" for "db-start": the suffix removed, nothing else
  phase: Phase;
  timestampUs: number; // microseconds since the Unix epoch, UTC
  project: string;
  service: string;
  host: string;
  /**
   * The OSprofiler payload as received (exports and the details panel show it), held to the
   * input limits: nesting and size bounded, strings over OSTRACE_MAX_STRING_CHARS cut and
   * marked (lib/notification/cutLongString.ts). Safe for JSON.stringify and every walk after.
   * Keys keep their order; a number a double would change (an integer beyond 2^53, 3.0) is a
   * JsonNumber holding its literal: write payloads with stringifyJson to keep it exact.
   */
  payload: JsonObject;
  /** How many values of the payload were masked at ingest (lib/notification/redactPayload.ts); absent when none. */
  redactedValues?: number;
};

/** Why one message was not stored; `reason` is written for the operator who reads the quarantine. */
export type Rejection = { reason: string };
