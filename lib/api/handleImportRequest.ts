// POST /api/traces/import: an OSprofiler report file (what `osprofiler trace show --json`
// wrote) -> the notifications it was made from -> the collector's own store path, so an imported
// trace is stored exactly as a collected one would be. Importing the same file again stores
// nothing new and answers 200 instead of 201. app/api/traces/import/route.ts injects the store.
//
// The report streams: the body (raw JSON, a .gz, gzip Content-Encoding, or the "file" field of a
// form) is decompressed, decoded and read piece by piece (lib/osprofiler/createReportReader.ts),
// and its notifications are stored in batches as they come, so what is alive at once is one
// batch and one raw payload's text, whatever the report's size (docs/benchmarks.md: a 100k-span
// report). Every payload is held to the same input limits as a collected notification.
//
// Any body gets JSON: 4xx for what is wrong with it, 503 only when the database is really down.
// A report found broken after some batches were stored (cut short, say) keeps what was stored
// and says so: importing the whole file again completes it, as an import is idempotent.
import type { HttpIngestCounters } from "../ingest/counters";
import { storeEachAlone, takesWrites } from "../ingest/storeEachAlone";
import type { BatchResult, IngestBatch } from "../ingest/types";
import type { Logger } from "../log";
import { BodyError } from "../http/BodyError";
import { extractMultipartFile } from "../http/extractMultipartFile";
import { gunzipIfCompressed } from "../http/gunzipIfCompressed";
import { limitBytes, readBodyChunks } from "../http/readBodyChunks";
import { resolveInputLimits, type InputLimits } from "../notification/inputLimits";
import type { Notification } from "../notification/types";
import {
  createReportReader,
  EXPECTED_REPORT,
  REPORT_MAX_DEPTH,
  REPORT_MAX_ITEMS,
  ReportError,
  type ReportItem,
  type SkippedPayload,
} from "../osprofiler/createReportReader";
import { describeUploadTooLarge, formatMegabytes, IMPORT_MAX_BYTES, IMPORT_MAX_REPORT_BYTES } from "./importLimits";
import { jsonError } from "./respond";
import type { TraceImportResult } from "./types";

export type ImportDeps = Pick<InputLimits, "maxNotificationBytes"> &
  Partial<InputLimits> & {
    storeBatch(batch: IngestBatch): Promise<BatchResult>;
    /** Resolves when the database takes writes (lib/db/checkDatabaseWritable.ts); without it every failed store is taken for an outage (503). */
    checkWritable?(): Promise<void>;
    log: Logger;
    /** Largest accepted request body, as sent (compressed or not). */
    maxBodyBytes?: number;
    /** Largest report, as JSON text after decompression. */
    maxReportBytes?: number;
    /** Notifications per storeBatch call (one transaction each). */
    batchSize?: number;
    /** Where the values masked by redaction are counted (/metrics). */
    counters?: Pick<HttpIngestCounters, "importRedactedValues">;
  };

const SKIPPED_LISTED = 20;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const GZIP_TYPE = /^application\/(?:x-)?gzip\s*(?:;|$)/i;
const FORM_TYPE = /^multipart\/form-data\s*;/i;

export async function handleImportRequest(request: Request, deps: ImportDeps): Promise<Response> {
  const maxBytes = deps.maxBodyBytes ?? IMPORT_MAX_BYTES;
  const maxReportBytes = deps.maxReportBytes ?? IMPORT_MAX_REPORT_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  const isForm = FORM_TYPE.test(contentType);
  if (!JSON_TYPE.test(contentType) && !GZIP_TYPE.test(contentType) && !isForm) {
    return jsonError(
      415,
      `expected the report as the body (Content-Type application/json, or application/gzip for a .gz file) or as the field "file" of a multipart/form-data form; got ${contentType ? JSON.stringify(contentType.slice(0, 200)) : "no Content-Type"}`,
    );
  }
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip" && encoding !== "x-gzip") {
    return jsonError(
      415,
      `Content-Encoding ${JSON.stringify(encoding.slice(0, 100))} is not supported; send the report as it is or compressed with gzip`,
    );
  }
  const tooLarge = describeUploadTooLarge(maxBytes);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return jsonError(413, tooLarge);

  const limits = resolveInputLimits(deps);
  const reader = createReportReader({ ...limits, maxReportDepth: REPORT_MAX_DEPTH, maxReportItems: REPORT_MAX_ITEMS });
  // Small batches keep little alive at once: the live heap, and what V8 lets the heap grow to, stays small.
  const batchSize = deps.batchSize ?? 2000;
  const progress = { notifications: 0, stored: 0, duplicates: 0, redactedValues: 0, skipped: [] as SkippedPayload[], skippedCount: 0 };
  // The answer lists the first few; a hostile report may skip millions.
  const skip = (skipped: SkippedPayload) => {
    if (progress.skipped.length < SKIPPED_LISTED) progress.skipped.push(skipped);
    progress.skippedCount++;
  };
  let pending: Notification[] = [];

  /** Stores one batch; a Response when the import must stop (database down). */
  const store = async (batch: Notification[]): Promise<Response | null> => {
    try {
      const result = await deps.storeBatch({ notifications: batch, quarantined: [] });
      progress.stored += result.notificationsStored;
      progress.duplicates += result.duplicates;
      return null;
    } catch (error) {
      if (!(await takesWrites(deps))) {
        deps.log.error("import could not be stored", { traceId: reader.traceId, error });
        return unavailable();
      }
      deps.log.warn("an import batch failed while the database takes writes; storing its notifications one by one", {
        traceId: reader.traceId,
        error,
      });
    }
    // The database takes writes, so something in this batch may be what failed: the culprit is skipped.
    const alone = await storeEachAlone({ storeBatch: deps.storeBatch, checkWritable: deps.checkWritable! }, batch);
    if (alone === null) return unavailable();
    alone.forEach((outcome, k) => {
      if ("refusal" in outcome) {
        const n = batch[k]!;
        skip({ path: `span ${n.spanId} ${n.name}-${n.phase}`, reason: `could not be stored: ${outcome.refusal}` });
      } else {
        progress.stored += outcome.result.notificationsStored;
        progress.duplicates += outcome.result.duplicates;
      }
    });
    return null;
  };
  const take = async (items: ReportItem[]): Promise<Response | null> => {
    for (const item of items) {
      if ("traceId" in item) {
        pending.push(item);
        progress.notifications++;
        if (item.redactedValues) {
          progress.redactedValues += item.redactedValues;
          if (deps.counters) deps.counters.importRedactedValues += item.redactedValues;
        }
      } else {
        skip(item);
      }
    }
    if (pending.length < batchSize) return null;
    const batch = pending;
    pending = [];
    return store(batch);
  };
  const unavailable = () =>
    jsonError(
      503,
      `the database is unavailable; the import did not finish${progress.stored > 0 ? ` (${progress.stored} notifications were stored)` : ""}, send the file again later`,
    );

  try {
    if (!request.body) return jsonError(400, `the file is empty; ${EXPECTED_REPORT}`);
    let bytes: AsyncIterable<Uint8Array> = readBodyChunks(request.body, maxBytes, tooLarge);
    if (isForm) bytes = extractMultipartFile(bytes, contentType, "file");
    bytes = limitBytes(
      gunzipIfCompressed(bytes, encoding !== "identity"),
      maxReportBytes,
      `the report is larger than ${formatMegabytes(maxReportBytes)} of JSON, the most one import accepts`,
    );
    const utf8 = new TextDecoder("utf-8", { fatal: true });
    let first = true;
    let size = 0;
    for await (const chunk of bytes) {
      size += chunk.byteLength;
      let text: string;
      try {
        text = utf8.decode(chunk, { stream: true });
      } catch {
        throw new BodyError(400, `the file is not JSON (it is not valid UTF-8); ${EXPECTED_REPORT}`);
      }
      if (first && text.length > 0) {
        text = text.replace(/^\ufeff/, "");
        first = false;
      }
      const stop = await take(reader.push(text));
      if (stop) return stop;
    }
    if (size === 0) return jsonError(400, `the file is empty; ${EXPECTED_REPORT}`);
    try {
      utf8.decode();
    } catch {
      throw new BodyError(400, `the file is not JSON (it is not valid UTF-8); ${EXPECTED_REPORT}`);
    }
    const stop = await take(reader.end());
    if (stop) return stop;
    if (pending.length > 0) {
      const last = await store(pending);
      if (last) return last;
    }
  } catch (error) {
    if (!(error instanceof ReportError) && !(error instanceof BodyError)) throw error;
    const partial =
      progress.stored > 0
        ? `; the ${progress.stored} notifications read before that point were stored (trace ${reader.traceId}): import the whole file again to complete it, what is stored already is skipped`
        : "";
    if (partial) deps.log.warn("import stopped part way", { traceId: reader.traceId, stored: progress.stored, reason: error.message });
    return jsonError(error.status, `${error.message}${partial}`);
  }

  const traceId = reader.traceId!;
  deps.log.info("trace imported", {
    traceId,
    notifications: progress.notifications,
    stored: progress.stored,
    duplicates: progress.duplicates,
    skipped: progress.skippedCount,
  });
  const result: TraceImportResult = {
    traceId,
    spans: reader.spans,
    url: `/traces/${traceId}`,
    notifications: progress.notifications,
    duplicates: progress.duplicates,
    redactedValues: progress.redactedValues,
    skipped: progress.skipped,
    skippedCount: progress.skippedCount,
  };
  return Response.json(result, { status: progress.stored > 0 ? 201 : 200, headers: { location: result.url } });
}
