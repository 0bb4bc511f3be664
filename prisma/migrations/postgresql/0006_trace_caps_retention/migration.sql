-- Per-trace caps (OSTRACE_TRACE_MAX_SPANS, OSTRACE_TRACE_MAX_MB): what a trace's stored spans
-- weigh (lib/ingest/measureSpanRow.ts), and what was refused once a cap was reached: the
-- notifications, the spans they began, and which cap ("spans" or "bytes"). Traces stored
-- before this start counting their bytes from 0.
ALTER TABLE "trace" ADD COLUMN "stored_bytes" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "trace" ADD COLUMN "dropped_spans" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "trace" ADD COLUMN "dropped_notifications" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "trace" ADD COLUMN "truncated" TEXT;
-- Retention deletes the traces received longest ago first (lib/db/runRetentionStep.ts).
CREATE INDEX "trace_updated_us_trace_id_idx" ON "trace" ("updated_us", "trace_id");
