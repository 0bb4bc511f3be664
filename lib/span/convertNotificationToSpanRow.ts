import type { Notification } from "../notification/types";
import { describeCall, readError } from "./describeCall";
import { compactPayload, derivePayloadFields } from "./payloadRest";
import type { SpanRow } from "./types";

/** One notification as a row holding only its own half (start or stop) of the span. */
export function convertNotificationToSpanRow(n: Notification): SpanRow {
  const identity = {
    traceId: n.traceId,
    spanId: n.spanId,
    parentId: n.parentId,
    name: n.name,
    project: n.project,
    service: n.service,
    host: n.host,
  };
  const rest = compactPayload(n.payload, derivePayloadFields(identity, n.phase, n.timestampUs));
  if (n.phase === "start") {
    return { ...identity, startUs: n.timestampUs, stopUs: null, errorType: null, detail: describeCall(n.payload), startRest: rest, stopRest: null };
  }
  return { ...identity, startUs: null, stopUs: n.timestampUs, errorType: readError(n.payload)?.type ?? null, detail: null, startRest: null, stopRest: rest };
}
