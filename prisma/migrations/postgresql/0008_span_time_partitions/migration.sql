-- Spans partitioned by time (issue 16), so retention drops a day's partition instead of deleting
-- its rows one by one (lib/db/dropSpanPartition.ts). The key is "stored_us": when the trace was
-- first stored, set once on the trace row and carried to each of its spans, so all of a trace's
-- spans share one partition and a partition goes once all of its traces have expired. (Neither
-- start_us, which is null until a start arrives and moves as earlier ones do, nor the trace's
-- updated_us, which moves with every batch, would keep a span in one partition.) The key is part
-- of the primary key, as PostgreSQL requires; the collector creates daily partitions ahead
-- (lib/db/createSpanPartitions.ts) and "span_default" takes whatever falls outside them.
-- PostgreSQL only: SQLite keeps one span table and deletes rows.

-- Existing traces count as first stored when they were last updated: retention goes by
-- updated_us, so their days expire whole. A new trace row takes the time of the batch that
-- inserts it (its updated_us) from the trigger; upserts never change it afterwards.
ALTER TABLE "trace" ADD COLUMN "stored_us" BIGINT;
UPDATE "trace" SET "stored_us" = "updated_us";
ALTER TABLE "trace" ALTER COLUMN "stored_us" SET NOT NULL;
CREATE INDEX "trace_stored_us_idx" ON "trace" ("stored_us");
CREATE FUNCTION "ostrace_trace_stored_us"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."stored_us" := COALESCE(NEW."stored_us", NEW."updated_us");
  RETURN NEW;
END
$$;
CREATE TRIGGER "trace_stored_us" BEFORE INSERT ON "trace" FOR EACH ROW EXECUTE FUNCTION "ostrace_trace_stored_us"();

ALTER TABLE "span" RENAME TO "span_unpartitioned";
ALTER TABLE "span_unpartitioned" RENAME CONSTRAINT "span_pkey" TO "span_unpartitioned_pkey";
-- The default (the default partition) stands for rows written without their trace's time;
-- upsertSpanRows.ts gives it whenever the trace row exists, which storeBatch.ts writes first.
CREATE TABLE "span" (
    "trace_id"   TEXT NOT NULL,
    "span_id"    TEXT NOT NULL,
    "parent_id"  TEXT NOT NULL,
    "name"       TEXT NOT NULL,
    "project"    TEXT NOT NULL,
    "service"    TEXT NOT NULL,
    "host"       TEXT NOT NULL,
    "start_us"   BIGINT,
    "stop_us"    BIGINT,
    "error_type" TEXT,
    "start_rest" TEXT,
    "stop_rest"  TEXT,
    "detail_id"  INTEGER,
    "stored_us"  BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "span_pkey" PRIMARY KEY ("trace_id", "span_id", "stored_us")
) PARTITION BY RANGE ("stored_us");
CREATE TABLE "span_default" PARTITION OF "span" DEFAULT;

-- One partition per UTC day that holds traces, and today's; named span_pYYYYMMDD, as
-- lib/db/spanPartitions.ts names them.
DO $$
DECLARE
  day_us BIGINT;
BEGIN
  FOR day_us IN
    SELECT DISTINCT ("stored_us" / 86400000000) * 86400000000 FROM "trace"
    UNION SELECT ((extract(epoch FROM transaction_timestamp()) * 1000000)::bigint / 86400000000) * 86400000000
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "span" FOR VALUES FROM (%s) TO (%s)',
      'span_p' || to_char(to_timestamp(day_us / 1000000) AT TIME ZONE 'UTC', 'YYYYMMDD'),
      day_us,
      day_us + 86400000000
    );
  END LOOP;
END
$$;

-- A span without its trace row (none should exist) goes to the default partition.
INSERT INTO "span" ("trace_id", "span_id", "parent_id", "name", "project", "service", "host", "start_us", "stop_us", "error_type", "start_rest", "stop_rest", "detail_id", "stored_us")
SELECT s."trace_id", s."span_id", s."parent_id", s."name", s."project", s."service", s."host", s."start_us", s."stop_us", s."error_type", s."start_rest", s."stop_rest", s."detail_id", COALESCE(t."stored_us", 0)
FROM "span_unpartitioned" AS s LEFT JOIN "trace" AS t ON t."trace_id" = s."trace_id";
DROP TABLE "span_unpartitioned";
