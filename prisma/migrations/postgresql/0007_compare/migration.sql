-- Comparing a request with its typical self (lib/span/requestSignature.ts): each trace carries
-- its request signature ("POST /v2.1/servers"), kept current at ingest with the root request.
-- Rows stored before this get theirs at start (lib/db/backfillSignatures.ts: the folding rule is
-- code, not SQL). Indexed with the start so "the last N of a signature" and "a signature over a
-- time window" read only their own rows.
ALTER TABLE "trace" ADD COLUMN "signature" TEXT;
CREATE INDEX "trace_signature_start_us_idx" ON "trace" ("signature", "start_us");
-- Spans counted into trace_aggregate (equal to span_count when the aggregates are complete;
-- 0 for traces stored before this migration, which the comparison leaves out).
ALTER TABLE "trace" ADD COLUMN "aggregated_spans" INTEGER NOT NULL DEFAULT 0;
-- Small per-trace sums maintained at ingest (lib/ingest/planTraceAggregates.ts), so comparing a
-- trace with N others reads N x a few dozen rows instead of N whole traces: per call type
-- (kind 'call', key "service<TAB>span name") and per normalized SQL statement (kind 'sql').
-- key_hash is a 64-bit FNV-1a of the key in hex: a btree entry cannot hold a long statement.
CREATE TABLE "trace_aggregate" (
    "trace_id" TEXT NOT NULL,
    "kind"     TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key"      TEXT NOT NULL,
    "count"    INTEGER NOT NULL,
    "total_us" BIGINT NOT NULL,
    "max_us"   BIGINT NOT NULL,
    PRIMARY KEY ("trace_id", "kind", "key_hash")
);
-- A statement across traces (the statement page): every trace that ran it.
CREATE INDEX "trace_aggregate_kind_key_hash_idx" ON "trace_aggregate" ("kind", "key_hash");
-- Finding a trace by the OpenStack ids it mentions (lib/span/extractOpenstackIds.ts): request
-- ids and instance, port, volume, project UUIDs from request lines and payloads, one row per id
-- and trace, kept at ingest. identifier_count bounds how many one trace may add.
CREATE TABLE "trace_identifier" (
    "identifier" TEXT NOT NULL,
    "trace_id"   TEXT NOT NULL,
    PRIMARY KEY ("identifier", "trace_id")
);
ALTER TABLE "trace" ADD COLUMN "identifier_count" INTEGER NOT NULL DEFAULT 0;
