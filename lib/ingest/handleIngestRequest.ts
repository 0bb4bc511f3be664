// HTTP ingest (POST /api/ingest), for senders without a broker and for tests: the same
// notifications as JSON, one or an array, with the worker's validation and quarantine. A request
// that is wrong as a whole gets a clear 4xx; inside a good request each element is stored,
// found to be a duplicate, quarantined or ignored, and the response says which, by index.
// app/api/ingest/route.ts injects the database; nothing here answers with a stack trace.
import { readBodyWithin } from "../http/readBodyWithin";
import type { Logger } from "../log";
import { decodeMessageJson } from "../notification/decodeMessage";
import type { Notification } from "../notification/types";
import { convertRejectionToQuarantineRow } from "./convertRejectionToQuarantineRow";
import { countBatch, type HttpIngestCounters } from "./counters";
import type { QuarantineLog } from "./createQuarantineLog";
import { rejectUnstorable } from "./rejectUnstorable";
import type { BatchResult, IngestBatch, QuarantineRow } from "./types";

export type IngestDeps = {
  storeBatch(batch: IngestBatch): Promise<BatchResult>;
  maxNotificationBytes: number;
  quarantineMaxBytes: number;
  counters: HttpIngestCounters;
  log: Logger;
  quarantineLog: QuarantineLog;
  now?: () => number;
};

export type ElementResult = { index: number; status: "stored" | "duplicate" | "quarantined" | "ignored"; reason?: string };

/** A request may carry many notifications, each up to the notification limit. */
export const REQUEST_BYTES_PER_NOTIFICATION_LIMIT = 16;
export const MAX_ELEMENTS = 10_000;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export async function handleIngestRequest(request: Request, deps: IngestDeps): Promise<Response> {
  const { counters, log } = deps;
  counters.requests++;
  const refuse = (status: number, error: string) => {
    counters.rejectedRequests++;
    log.debug("ingest request refused", { status, error });
    return Response.json({ error }, { status });
  };

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    return refuse(415, `expected Content-Type application/json, got ${contentType ? JSON.stringify(contentType) : "none"}`);
  }
  const maxRequestBytes = deps.maxNotificationBytes * REQUEST_BYTES_PER_NOTIFICATION_LIMIT;
  let body: Uint8Array | "too large";
  try {
    body = await readBodyWithin(request, maxRequestBytes);
  } catch {
    return refuse(400, "the request body could not be read (client aborted?)");
  }
  if (body === "too large") return refuse(413, `request body exceeds ${maxRequestBytes} bytes; send fewer notifications per request`);
  if (body.byteLength === 0) return refuse(400, "empty request body; expected a notification or an array of notifications");

  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "body is not valid UTF-8";
    return refuse(400, `request body is not valid JSON: ${detail}`);
  }
  const isArray = Array.isArray(value);
  const elements: unknown[] = isArray ? (value as unknown[]) : [value];
  if (elements.length === 0) return refuse(400, "empty array: expected at least one notification");
  if (elements.length > MAX_ELEMENTS) return refuse(413, `${elements.length} notifications in one request; at most ${MAX_ELEMENTS}`);

  const receivedUs = (deps.now ?? Date.now)() * 1000;
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  const results: ElementResult[] = [];
  const notifications: Notification[] = [];
  const notificationIndex: number[] = [];
  const quarantined: QuarantineRow[] = [];
  elements.forEach((element, index) => {
    const raw = isArray ? encoder.encode(JSON.stringify(element)) : body;
    const origin = `http${client ? ` ${client}` : ""}${isArray ? ` [${index}]` : ""}`;
    const decoded = raw.byteLength > deps.maxNotificationBytes
      ? { reason: `notification of ${raw.byteLength} bytes exceeds the limit of ${deps.maxNotificationBytes} bytes (OSTRACE_MAX_NOTIFICATION_BYTES)` }
      : rejectUnstorable(decodeMessageJson(element));
    if ("traceId" in decoded) {
      notificationIndex.push(index);
      notifications.push(decoded);
      results.push({ index, status: "stored" });
    } else if ("ignored" in decoded) {
      results.push({ index, status: "ignored", reason: decoded.ignored });
    } else {
      quarantined.push(convertRejectionToQuarantineRow(raw, decoded.reason, { source: "http", origin }, deps.quarantineMaxBytes, receivedUs));
      results.push({ index, status: "quarantined", reason: decoded.reason });
    }
  });

  let stored: BatchResult;
  try {
    stored = await deps.storeBatch({ notifications, quarantined });
  } catch (error) {
    counters.failedRequests++;
    log.error("ingest request could not be stored", { error });
    return Response.json({ error: "the database is unavailable; nothing was stored, retry later" }, { status: 503 });
  }
  stored.outcomes.forEach((outcome, i) => {
    results[notificationIndex[i]!]!.status = outcome;
  });
  const ignored = results.filter((r) => r.status === "ignored").length;
  counters.received += elements.length;
  countBatch(counters, stored, ignored);
  for (const row of quarantined) deps.quarantineLog.report(row.reason, row.origin);

  const summary = {
    received: elements.length,
    stored: stored.notificationsStored,
    duplicates: stored.duplicates,
    quarantined: stored.quarantined,
    ignored,
    results,
  };
  // Nothing usable at all is the client's error; a partly good request succeeded for its good part.
  return Response.json(summary, { status: quarantined.length === elements.length ? 422 : 200 });
}
