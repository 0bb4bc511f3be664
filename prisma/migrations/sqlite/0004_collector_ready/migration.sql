-- Readiness: true while the collector's queue is declared and bound to every configured exchange
-- on its current broker connection, i.e. notifications sent now are kept for it. Until then
-- (first start, broker unreachable) they would be unroutable and lost; `npm start` and
-- GET /api/status wait for / report this flag.
ALTER TABLE "collector_status" ADD COLUMN "ready" BOOLEAN NOT NULL DEFAULT false;
