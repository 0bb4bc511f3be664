import type { TraceSummaryRow } from "../ingest/types";
import type { Dialect } from "./client";
import { TRACE_COLUMNS } from "./readTraceSummaries";
import { columnList, selectJsonRows, storableText, type SqlRunner } from "./sql";
import { directSql } from "./directSql";

const UPDATE = TRACE_COLUMNS.slice(1)
  .map((c) => `"${c.name}" = excluded."${c.name}"`)
  .join(", ");

/** Writes summaries merged by mergeTraceSummaries from what was stored, under the trace locks (storeBatch.ts). */
export async function upsertTraceSummaries(sql: SqlRunner, dialect: Dialect, summaries: readonly TraceSummaryRow[]): Promise<void> {
  if (summaries.length === 0) return;
  const rows = summaries.map((t) => [
    t.traceId,
    t.startUs,
    t.endUs,
    t.durationUs,
    t.spanCount,
    t.startCount,
    t.stopCount,
    t.errorCount,
    storableText(t.services),
    storableText(t.projects),
    storableText(t.hosts),
    t.rootSpanId,
    t.rootStartUs,
    storableText(t.rootName),
    storableText(t.rootMethod),
    storableText(t.rootPath),
    t.answeredUs,
    t.rootRequests,
    t.updatedUs,
    t.storedBytes,
    t.droppedSpans,
    t.droppedNotifications,
    t.truncated,
    storableText(t.signature),
    t.aggregatedSpans,
    t.identifierCount,
  ]);
  await directSql(sql).$executeRawUnsafe(
    `INSERT INTO "trace" (${columnList(TRACE_COLUMNS)}) ${selectJsonRows(dialect, TRACE_COLUMNS)} WHERE true ` +
      `ON CONFLICT ("trace_id") DO UPDATE SET ${UPDATE}`,
    JSON.stringify(rows),
  );
}
