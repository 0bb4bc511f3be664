// POST /api/traces/import: an OSprofiler report file (what `osprofiler trace show --json`
// wrote) -> the notifications it was made from -> the collector's own store path, so an imported
// trace is stored exactly as a collected one would be. Importing the same file again stores
// nothing new and answers 200 instead of 201. app/api/traces/import/route.ts injects the store.
//
// Any body gets JSON: 4xx for what is wrong with it, 503 only when the database is really down.
// The report's text is measured before JSON.parse (a report nests three levels per span level,
// so it may be deeper than one message, but not without bound), and every payload in it is held
// to the same input limits as a collected notification.
import { storeEachAlone } from "../ingest/storeEachAlone";
import type { BatchResult, IngestBatch } from "../ingest/types";
import { rejectUnstorable } from "../ingest/rejectUnstorable";
import type { Logger } from "../log";
import { boundJsonValue } from "../notification/boundJsonValue";
import { resolveInputLimits, type InputLimits } from "../notification/inputLimits";
import { measureJsonText } from "../notification/measureJsonText";
import type { Json, Notification } from "../notification/types";
import { convertOsprofilerReportToNotifications } from "../osprofiler/convertOsprofilerReportToNotifications";
import { jsonError } from "./respond";
import type { TraceImportResult } from "./types";
import { readBodyWithin } from "../http/readBodyWithin";

export type ImportDeps = Pick<InputLimits, "maxNotificationBytes"> & Partial<InputLimits> & {
  storeBatch(batch: IngestBatch): Promise<BatchResult>;
  /** Resolves when the database takes writes (lib/db/checkDatabaseWritable.ts); without it every failed store is taken for an outage (503). */
  checkWritable?(): Promise<void>;
  log: Logger;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** Notifications per storeBatch call (one transaction each). */
  batchSize?: number;
};

export const IMPORT_MAX_BYTES = 128 * 1024 * 1024;
/** ~3,300 levels of calls within calls: far more than any OpenStack request, and nothing here recurses. */
export const IMPORT_MAX_DEPTH = 10_000;
/** ~40 values per span: a report of 250,000 spans. Bounds the memory JSON.parse may build from 128 MB. */
export const IMPORT_MAX_ITEMS = 10_000_000;
const SKIPPED_LISTED = 20;
const RAW = "meta.raw_payload.";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export async function handleImportRequest(request: Request, deps: ImportDeps): Promise<Response> {
  const maxBytes = deps.maxBodyBytes ?? IMPORT_MAX_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  const isJson = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);
  const isForm = /^multipart\/form-data\s*;/i.test(contentType);
  if (!isJson && !isForm) {
    return jsonError(415, `expected the report as the body (Content-Type application/json) or as the field "file" of a multipart/form-data form; got ${contentType ? JSON.stringify(contentType.slice(0, 200)) : "no Content-Type"}`);
  }

  let body: Uint8Array | "too large";
  try {
    body = await readBodyWithin(request, maxBytes);
  } catch {
    return jsonError(400, "the request body could not be read (client aborted?)");
  }
  if (body === "too large") return jsonError(413, `the file is larger than ${maxBytes} bytes, the most one import accepts`);

  let bytes: Uint8Array = body;
  if (isForm) {
    const file = await readFormFile(body, contentType);
    if (typeof file === "string") return jsonError(400, file);
    bytes = file;
  }
  if (bytes.byteLength === 0) return jsonError(400, "the file is empty; expected an OSprofiler report (the output of `osprofiler trace show --json <base_id>`)");

  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return jsonError(400, `the file is not JSON (it is not valid UTF-8); ${EXPECTED}`);
  }
  const shape = measureJsonText(text, { maxDepth: IMPORT_MAX_DEPTH, maxItems: IMPORT_MAX_ITEMS });
  if (shape.depth > IMPORT_MAX_DEPTH) return jsonError(422, `the file nests objects and arrays deeper than ${IMPORT_MAX_DEPTH} levels; ${EXPECTED}`);
  if (shape.items > IMPORT_MAX_ITEMS) return jsonError(413, `the file holds more than ${IMPORT_MAX_ITEMS} values (object members and array elements), the most one import accepts`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return jsonError(400, `the file is not JSON (${(error as Error).message}); ${EXPECTED}`);
  }

  const plan = planImport(value, resolveInputLimits(deps));
  if ("error" in plan) return jsonError(422, plan.error);

  let duplicates = 0;
  let stored = 0;
  const batchSize = deps.batchSize ?? 10_000;
  for (let i = 0; i < plan.notifications.length; i += batchSize) {
    const chunk = plan.notifications.slice(i, i + batchSize);
    const checkWritable = deps.checkWritable;
    try {
      const result = await deps.storeBatch({ notifications: chunk, quarantined: [] });
      stored += result.notificationsStored;
      duplicates += result.duplicates;
      continue;
    } catch (error) {
      const writable = checkWritable ? await checkWritable().then(() => true, () => false) : false;
      if (!checkWritable || !writable) {
        deps.log.error("import could not be stored", { traceId: plan.traceId, error });
        return jsonError(503, "the database is unavailable; the import did not finish, send the file again later");
      }
      deps.log.warn("an import batch failed while the database takes writes; storing its notifications one by one", { traceId: plan.traceId, error });
    }
    // The database takes writes, so something in this chunk may be what failed: the culprit is skipped.
    const alone = await storeEachAlone({ storeBatch: deps.storeBatch, checkWritable }, chunk);
    if (alone === null) return jsonError(503, "the database is unavailable; the import did not finish, send the file again later");
    alone.forEach((result, k) => {
      if ("refusal" in result) {
        const n = chunk[k]!;
        plan.skipped.push({ path: `span ${n.spanId} ${n.name}-${n.phase}`, reason: `could not be stored: ${result.refusal}` });
      } else {
        stored += result.result.notificationsStored;
        duplicates += result.result.duplicates;
      }
    });
  }
  deps.log.info("trace imported", { traceId: plan.traceId, notifications: plan.notifications.length, stored, duplicates, skipped: plan.skipped.length });

  const result: TraceImportResult = {
    traceId: plan.traceId,
    spans: plan.spans,
    url: `/traces/${plan.traceId}`,
    notifications: plan.notifications.length,
    duplicates,
    skipped: plan.skipped.slice(0, SKIPPED_LISTED),
    skippedCount: plan.skipped.length,
  };
  return Response.json(result, { status: stored > 0 ? 201 : 200, headers: { location: result.url } });
}

type ImportPlan = { traceId: string; notifications: Notification[]; spans: number; skipped: { path: string; reason: string }[] };

const EXPECTED = "expected an OSprofiler report (the output of `osprofiler trace show --json <base_id>`)";

/**
 * The report's notifications that the collector would store, and why the others are skipped.
 * Each payload is held to the input limits (long strings in it are cut in place).
 */
export function planImport(report: unknown, inputLimits: Parameters<typeof resolveInputLimits>[0]): ImportPlan | { error: string } {
  const limits = resolveInputLimits(inputLimits);
  const maxNotificationBytes = limits.maxNotificationBytes;
  const converted = convertOsprofilerReportToNotifications(report);
  if ("error" in converted) {
    return { error: hasRawPayloads(report) ? converted.error : `${converted.error}. ${NO_RAW_PAYLOADS}` };
  }
  const skipped = [...converted.rejected];
  const notifications: Notification[] = [];
  for (const n of converted.notifications) {
    // Bounded first: JSON.stringify of a payload nested thousands deep would overflow the stack.
    const bounded = boundJsonValue(n.payload as Json, limits);
    const bytes = "reason" in bounded ? 0 : encoder.encode(JSON.stringify(n.payload)).byteLength;
    const checked = "reason" in bounded
      ? bounded
      : bytes > maxNotificationBytes
        ? { reason: `payload of ${bytes} bytes exceeds the limit of ${maxNotificationBytes} bytes (OSTRACE_MAX_NOTIFICATION_BYTES)` }
        : rejectUnstorable(n);
    if ("traceId" in checked) notifications.push(n);
    else skipped.push({ path: `span ${n.spanId} ${n.name}-${n.phase}`, reason: "reason" in checked ? checked.reason : checked.ignored });
  }
  if (notifications.length === 0) {
    return { error: `none of the report's payloads can be stored; first problem: ${skipped[0]!.path}: ${skipped[0]!.reason}` };
  }
  return { traceId: converted.traceId, notifications, spans: new Set(notifications.map((n) => n.spanId)).size, skipped };
}

const NO_RAW_PAYLOADS =
  "The report has no raw payloads: OSprofiler's reports keep each call's start and stop notification under " +
  '"meta.raw_payload.<name>-start/-stop", and only those carry the base_id, the exact timestamps and what each call did. ' +
  "Without them (a report edited or made by another tool) the trace cannot be rebuilt; export it again with `osprofiler trace show --json <base_id>`";

function hasRawPayloads(report: unknown): boolean {
  const stack: unknown[] = [report];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    const info = record.info;
    if (typeof info === "object" && info !== null && Object.keys(info).some((k) => k.startsWith(RAW))) return true;
    if (Array.isArray(record.children)) stack.push(record.children);
  }
  return false;
}

/** The "file" field of a multipart form, as bytes; or why there is none. */
async function readFormFile(body: Uint8Array, contentType: string): Promise<Uint8Array | string> {
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    return "the multipart/form-data body could not be parsed";
  }
  const file = form.get("file");
  if (file === null) return 'the form has no field "file"; send the report file in a field named "file"';
  if (typeof file === "string") return encoder.encode(file);
  return new Uint8Array(await file.arrayBuffer());
}
