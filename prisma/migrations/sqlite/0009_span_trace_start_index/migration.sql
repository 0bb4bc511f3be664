-- The first spans of a trace in time (lib/db/readEarliestTraceSpans.ts: what a big trace's page
-- shows before the whole trace is read) walk this index in order and stop after `limit` entries,
-- instead of sorting every row of the trace (1.6 s for a 1M-span trace: its rows carry their
-- payloads). SQLite's primary key (trace_id, span_id) is the table's order, so an entry is the
-- index's two columns plus the key: a few dozen bytes a span.
CREATE INDEX "span_trace_id_start_us_idx" ON "span" ("trace_id", "start_us");
