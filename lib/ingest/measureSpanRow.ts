// What a span row weighs against the per-trace byte cap (OSTRACE_TRACE_MAX_MB): the characters
// of its texts plus a fixed share for its keys, times and index entries. Characters, not UTF-8
// bytes: the payload rests are JSON.stringify output (ASCII escapes), so the two agree where
// it matters, and counting stays free of an encoder on the write path. The exception type counts
// as its column holds it, bounded (boundErrorType.ts): a new stop's row holds it whole, and counted
// so, the trace's stored_bytes would keep up to ~64K a span more than is stored, which no update
// takes back (a row read back has it bounded). The whole type stays in the stop's rest, counted whole.
import type { SpanRow } from "../span/types";
import { boundErrorTypeLength } from "../trace/boundErrorType";

/** Ids, times and the row's share of its indexes, measured as bytes per span on SQLite with empty payloads. */
const ROW_OVERHEAD_BYTES = 200;

export function measureSpanRow(row: SpanRow | null): number {
  if (row === null) return 0;
  return (
    ROW_OVERHEAD_BYTES +
    row.name.length +
    row.project.length +
    row.service.length +
    row.host.length +
    boundErrorTypeLength(row.errorType) +
    (row.detail?.length ?? 0) +
    (row.startRest?.length ?? 0) +
    (row.stopRest?.length ?? 0)
  );
}
