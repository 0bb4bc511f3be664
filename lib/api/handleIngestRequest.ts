// HTTP ingest (POST /api/ingest), for senders without a broker and for tests: the same
// notifications as JSON, one or an array, with the worker's validation and quarantine. A request
// that is wrong as a whole gets a clear 4xx; inside a good request each element is stored,
// found to be a duplicate, quarantined or ignored, and the response says which, by index.
// app/api/ingest/route.ts injects the database; nothing here answers with a stack trace.
//
// Whatever the body, the answer is JSON and 4xx for the client's mistakes: each element is cut
// out of the array's text (splitJsonArray.ts) and held to the input limits before it is parsed,
// so an element nested 100,000 deep is quarantined with its reason and its siblings are stored.
// 503 means the database is really down: after a failed store the database is checked, and when
// it takes writes the notifications are stored one by one (lib/ingest/storeEachAlone.ts, the
// collector's rule) and the one at fault quarantined.
import { createHash } from "node:crypto";
import { readBodyWithin } from "../http/readBodyWithin";
import type { Logger } from "../log";
import { checkJsonText, decodeMessageJson, type Decoded } from "../notification/decodeMessage";
import { parseMeasuredJson } from "../notification/parseMeasuredJson";
import { resolveInputLimits, type InputLimits } from "../notification/inputLimits";
import type { Notification } from "../notification/types";
import { convertRejectionToQuarantineRow } from "../ingest/convertRejectionToQuarantineRow";
import { countBatch, type HttpIngestCounters } from "../ingest/counters";
import type { RateLimiter } from "../ingest/createRateLimiter";
import type { QuarantineLog } from "../ingest/createQuarantineLog";
import { rejectUnstorable } from "../span/rejectUnstorable";
import { splitJsonArray } from "./splitJsonArray";
import { storeEachAlone, takesWrites } from "../ingest/storeEachAlone";
import { sumBatchResults } from "../ingest/sumBatchResults";
import type { BatchResult, IngestBatch, NotificationOutcome, QuarantineRow } from "../ingest/types";

export type IngestDeps = Pick<InputLimits, "maxNotificationBytes"> &
  Partial<InputLimits> & {
    storeBatch(batch: IngestBatch): Promise<BatchResult>;
    /** Resolves when the database takes writes (lib/db/checkDatabaseWritable.ts); without it every failed store is taken for an outage (503). */
    checkWritable?(): Promise<void>;
    quarantineMaxBytes: number;
    counters: HttpIngestCounters;
    log: Logger;
    quarantineLog: QuarantineLog;
    now?: () => number;
    /** Notifications per second per source (OSTRACE_RATE_LIMIT); without it, no limit. */
    rateLimit?: { limiter: RateLimiter; perSecond: number };
  };

export type ElementResult = { index: number; status: "stored" | "duplicate" | "dropped" | "quarantined" | "ignored"; reason?: string };

/** A request may carry many notifications, each up to the notification limit. */
const REQUEST_BYTES_PER_NOTIFICATION_LIMIT = 16;
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
  const limits = resolveInputLimits(deps);
  const now = deps.now ?? Date.now;

  // An indebted source is refused before its body is read: a flood costs a header parse each.
  const source = describeRateSource(request);
  const waitMs = deps.rateLimit?.limiter.wouldWait(source, now()) ?? 0;
  if (waitMs > 0) {
    counters.rateLimitedRequests++;
    const retryAfter = Math.ceil(waitMs / 1000);
    return Response.json(
      {
        error: `rate limit of ${deps.rateLimit!.perSecond} notifications per second exceeded for ${source} (OSTRACE_RATE_LIMIT); retry after ${retryAfter} s`,
      },
      { status: 429, headers: { "retry-after": String(retryAfter) } },
    );
  }

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    return refuse(415, `expected Content-Type application/json, got ${contentType ? JSON.stringify(contentType.slice(0, 200)) : "none"}`);
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

  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return refuse(400, "request body is not valid JSON: body is not valid UTF-8");
  }
  const split = splitJsonArray(text, MAX_ELEMENTS);
  const isArray = split !== null;
  if (split && "error" in split) return refuse(400, `request body is not valid JSON: ${split.error}`);
  if (split && "tooMany" in split) return refuse(413, `more than ${MAX_ELEMENTS} notifications in one request; at most ${MAX_ELEMENTS}`);
  const ranges: [number, number][] = split ? split.elements : [[0, text.length]];
  if (ranges.length === 0) return refuse(400, "empty array: expected at least one notification");
  deps.rateLimit?.limiter.charge(source, ranges.length, now());

  // Checked and parsed element by element; a syntax error anywhere makes the request malformed.
  const decodedElements: { decoded: Decoded; raw: () => Uint8Array }[] = [];
  for (let index = 0; index < ranges.length; index++) {
    const [start, end] = ranges[index]!;
    const elementText = isArray ? text.slice(start, end) : text;
    const raw = () => (isArray ? encoder.encode(elementText) : body);
    const what = isArray ? `element [${index}]` : "body";
    const bytes = isArray ? byteLength(elementText) : body.byteLength;
    if (bytes > limits.maxNotificationBytes) {
      decodedElements.push({
        decoded: {
          reason: `notification of ${bytes} bytes exceeds the limit of ${limits.maxNotificationBytes} bytes (OSTRACE_MAX_NOTIFICATION_BYTES)`,
        },
        raw,
      });
      continue;
    }
    const shape = checkJsonText(elementText, limits, what);
    if ("reason" in shape) {
      decodedElements.push({ decoded: shape, raw });
      continue;
    }
    let value: unknown;
    try {
      value = parseMeasuredJson(elementText, shape);
    } catch (error) {
      return refuse(400, `request body is not valid JSON: ${isArray ? `${what}: ` : ""}${(error as Error).message}`);
    }
    let decoded: Decoded;
    try {
      decoded = rejectUnstorable(decodeMessageJson(value, limits, shape));
      if ("redactedValues" in decoded) counters.redactedValues += decoded.redactedValues!;
    } catch (error) {
      // Decoding is written not to throw; should it still, the element is quarantined, not the request failed.
      decoded = { reason: `could not be decoded: ${error instanceof Error ? error.message : String(error)}` };
    }
    decodedElements.push({ decoded, raw });
  }

  const receivedUs = now() * 1000;
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 100) || null;
  const originOf = (index: number) => `http${client ? ` ${client}` : ""}${isArray ? ` [${index}]` : ""}`;
  const quarantine = (index: number, reason: string) =>
    convertRejectionToQuarantineRow(
      decodedElements[index]!.raw(),
      reason,
      { source: "http", origin: originOf(index) },
      deps.quarantineMaxBytes,
      receivedUs,
    );
  const results: ElementResult[] = [];
  const notifications: Notification[] = [];
  const notificationIndex: number[] = [];
  const quarantined: QuarantineRow[] = [];
  decodedElements.forEach(({ decoded }, index) => {
    if ("traceId" in decoded) {
      notificationIndex.push(index);
      notifications.push(decoded);
      results.push({ index, status: "stored" });
    } else if ("ignored" in decoded) {
      results.push({ index, status: "ignored", reason: decoded.ignored });
    } else {
      quarantined.push(quarantine(index, decoded.reason));
      results.push({ index, status: "quarantined", reason: decoded.reason });
    }
  });

  const unavailable = () => {
    counters.failedRequests++;
    return Response.json({ error: "the database is unavailable; nothing was stored, retry later" }, { status: 503 });
  };
  let stored: BatchResult;
  try {
    stored = await deps.storeBatch({ notifications, quarantined });
    stored.outcomes.forEach((outcome, i) => {
      results[notificationIndex[i]!] = describeOutcome(notificationIndex[i]!, outcome);
    });
  } catch (error) {
    const checkWritable = deps.checkWritable;
    if (!checkWritable || !(await takesWrites(deps)) || notifications.length === 0) {
      log.error("ingest request could not be stored", { error });
      return unavailable();
    }
    log.warn("an ingest request failed while the database takes writes; storing its notifications one by one", { error });
    const alone = await storeEachAlone({ storeBatch: deps.storeBatch, checkWritable }, notifications);
    if (alone === null) {
      log.error("ingest request could not be stored", { error });
      return unavailable();
    }
    const parts: BatchResult[] = [];
    alone.forEach((result, i) => {
      const index = notificationIndex[i]!;
      if ("refusal" in result) {
        const reason = `could not be stored: ${result.refusal}`;
        quarantined.push(quarantine(index, reason));
        results[index] = { index, status: "quarantined", reason };
      } else {
        parts.push(result.result);
        results[index] = describeOutcome(index, result.result.outcomes[0] ?? "duplicate");
      }
    });
    try {
      parts.push(await deps.storeBatch({ notifications: [], quarantined }));
    } catch (quarantineError) {
      log.error("the quarantined elements of an ingest request could not be stored", { error: quarantineError });
      return unavailable();
    }
    stored = sumBatchResults(parts);
  }
  const ignored = results.filter((r) => r.status === "ignored").length;
  counters.received += ranges.length;
  countBatch(counters, stored, ignored);
  for (const row of quarantined) deps.quarantineLog.report(row.reason, row.origin);

  const summary = {
    received: ranges.length,
    stored: stored.notificationsStored,
    duplicates: stored.duplicates,
    dropped: stored.dropped,
    quarantined: stored.quarantined,
    ignored,
    results,
  };
  // Nothing usable at all is the client's error; a partly good request succeeded for its good part.
  return Response.json(summary, { status: quarantined.length === ranges.length ? 422 : 200 });
}

/** The rate limit's source: the sender's credentials when it sends any (a digest, never the secret), else its address. */
function describeRateSource(request: Request): string {
  const authorization = request.headers.get("authorization");
  if (authorization) return `token ${createHash("sha256").update(authorization).digest("hex").slice(0, 12)}`;
  // Next.js sets X-Forwarded-For from the socket when no proxy did (README, Limits).
  return `client ${request.headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 100) || "unknown"}`;
}

function describeOutcome(index: number, outcome: NotificationOutcome): ElementResult {
  return outcome === "dropped"
    ? {
        index,
        status: outcome,
        reason: "its trace reached a cap (OSTRACE_TRACE_MAX_SPANS or OSTRACE_TRACE_MAX_MB): counted on the trace, not stored",
      }
    : { index, status: outcome };
}

function byteLength(text: string): number {
  // Buffer.byteLength counts without allocating; lib/ stays framework-free, and Node is its only runtime.
  return Buffer.byteLength(text, "utf8");
}
