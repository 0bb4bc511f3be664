-- Which spans name a span_detail row, as their detail or as their exception message: when
-- retention deletes spans, the rows they named that no span names any more are deleted too
-- (lib/db/deleteUnusedSpanDetails.ts), each found by a lookup in these indexes instead of a
-- scan of every span. Before this, span_detail was never trimmed: a sender of distinct long
-- texts grew it for good, past what the size budget (OSTRACE_DB_MAX_MB) could delete.
-- Rows left unnamed by deletions before this migration stay (no sweep of the whole table here:
-- it would hold the collector's start for as long as span_detail is big).
-- message_id is NULL for nearly every span, so its index holds only the others.
CREATE INDEX "span_detail_id_idx" ON "span" ("detail_id");
CREATE INDEX "span_message_id_idx" ON "span" ("message_id") WHERE "message_id" IS NOT NULL;
