-- The trace list pages on (sort key, trace_id) descending (lib/db/listTraces.ts): an index on
-- exactly that order answers the first page and every cursor page by reading ~limit entries,
-- with no sort step for the trace_id tie-break. They replace the single-column indexes.
DROP INDEX "trace_start_us_idx";
CREATE INDEX "trace_start_us_trace_id_idx" ON "trace" ("start_us", "trace_id");
DROP INDEX "trace_duration_us_idx";
CREATE INDEX "trace_duration_us_trace_id_idx" ON "trace" ("duration_us", "trace_id");
-- A base_id prefix filter is a LIKE 'prefix%', which only a text_pattern_ops index answers
-- whatever the database's collation. (Not expressible in the SQLite-based schema.prisma.)
CREATE INDEX "trace_trace_id_pattern_idx" ON "trace" ("trace_id" text_pattern_ops);
