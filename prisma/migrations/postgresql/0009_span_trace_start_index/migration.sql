-- The first spans of a trace in time (lib/db/readEarliestTraceSpans.ts: what a big trace's page
-- shows before the whole trace is read) walk this index in order and stop after `limit` entries,
-- instead of sorting every row of the trace. On the partitioned span table (migration 0008) the
-- index is made on every partition, and each partition created later (CREATE TABLE ... PARTITION
-- OF, or ATTACH PARTITION: lib/db/createSpanPartitions.ts) gets its own.
CREATE INDEX "span_trace_id_start_us_idx" ON "span" ("trace_id", "start_us");
