import type { TraceSummary } from "../ingest/types";
import type { Dialect } from "./client";
import { TRACE_COLUMNS } from "./readTraceSummaries";
import { chunks, valuesList, type SqlRunner } from "./sql";

const UPDATE = TRACE_COLUMNS.split(", ")
  .filter((c) => c !== `"trace_id"`)
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");

/** Writes summaries merged by mergeTraceSummaries from what was stored, under the writer lock. */
export async function upsertTraceSummaries(sql: SqlRunner, dialect: Dialect, summaries: readonly TraceSummary[]): Promise<void> {
  for (const part of chunks(summaries)) {
    const args: unknown[] = [];
    for (const t of part) {
      args.push(t.traceId, t.startUs, t.endUs, t.durationUs, t.spanCount, t.startCount, t.stopCount, t.errorCount, t.services,
        t.projects, t.hosts, t.rootSpanId, t.rootStartUs, t.rootName, t.rootMethod, t.rootPath, t.updatedUs);
    }
    await sql.$executeRawUnsafe(
      `INSERT INTO "trace" (${TRACE_COLUMNS}) VALUES ${valuesList(dialect, part.length, 17)} ON CONFLICT ("trace_id") DO UPDATE SET ${UPDATE}`,
      ...args,
    );
  }
}
