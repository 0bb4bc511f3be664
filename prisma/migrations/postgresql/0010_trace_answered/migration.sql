-- When the API answered: the root request's own duration (lib/span/rootRequest.ts names the root),
-- kept apart from the trace's duration because OpenStack's important requests answer in tens of
-- milliseconds while the work they started goes on for seconds: the trace list shows both, and
-- sorts by either (sort=answered: the slowest answers first, on an index like migration 0002's).
-- NULL until the root's start and stop have both arrived.
ALTER TABLE "trace" ADD COLUMN "answered_us" BIGINT;
-- Traces stored before this: read off the root span (one primary-key lookup per trace and partition).
UPDATE "trace" SET "answered_us" = (
  SELECT GREATEST(0, s."stop_us" - s."start_us") FROM "span" s
  WHERE s."trace_id" = "trace"."trace_id" AND s."span_id" = "trace"."root_span_id"
    AND s."start_us" IS NOT NULL AND s."stop_us" IS NOT NULL
  LIMIT 1
) WHERE "root_span_id" IS NOT NULL;
CREATE INDEX "trace_answered_us_trace_id_idx" ON "trace" ("answered_us", "trace_id");
