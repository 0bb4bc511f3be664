// A stored trace's OTLP export, ready to stream: the tree planned from its rows without payloads
// (scanTraceSpanLinks -> planOtlpExport, typed arrays), and a converter whose spans the stream
// reads back by id a batch at a time, payloads included. What the export holds is the plan.
import type { Db } from "../db/client";
import { readTraceSpansById } from "../db/readTraceSpansById";
import { scanTraceSpanLinks } from "../db/scanTraceSpanLinks";
import { createOtlpSpanConverter } from "../otlp/convertSpansToOtlp";
import { planOtlpExport } from "../otlp/planOtlpExport";
import { streamOtlpJson } from "../otlp/streamOtlpJson";
import { reclaimingPages, reclaimingReads, reclaimNow } from "./reclaimMemory";

/** Spans read back (payloads included) and written at once: the batch bounds what an export holds between collections. */
const OTLP_BATCH_SPANS = 200;

/** Rows of a page of the plan's scan (each page is a few grouped rows: scanTraceSpanLinks). */
const PLAN_PAGE_ROWS = 5_000;

/** The OTLP/JSON text of a stored trace, a batch of spans at a time. */
export async function streamStoredOtlpJson(db: Db, traceId: string, pageSize = PLAN_PAGE_ROWS): Promise<AsyncGenerator<string>> {
  const tree = await planOtlpExport(reclaimingPages(scanTraceSpanLinks(db, traceId, pageSize), pageSize), traceId, () => reclaimNow());
  return streamOtlpJson(
    createOtlpSpanConverter(tree, traceId),
    reclaimingReads((ids: string[]) => readTraceSpansById(db, traceId, ids)),
    OTLP_BATCH_SPANS,
  );
}
