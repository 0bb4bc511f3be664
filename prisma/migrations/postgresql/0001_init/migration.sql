-- ostrace schema, PostgreSQL. Mirrors prisma/schema.prisma; see lib/db/migrate.ts.
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
    "detail"     TEXT,
    "start_rest" TEXT,
    "stop_rest"  TEXT,
    CONSTRAINT "span_pkey" PRIMARY KEY ("trace_id", "span_id")
);

CREATE TABLE "trace" (
    "trace_id"      TEXT NOT NULL,
    "start_us"      BIGINT NOT NULL,
    "end_us"        BIGINT NOT NULL,
    "duration_us"   BIGINT NOT NULL,
    "span_count"    INTEGER NOT NULL,
    "start_count"   INTEGER NOT NULL,
    "stop_count"    INTEGER NOT NULL,
    "error_count"   INTEGER NOT NULL,
    "services"      TEXT NOT NULL,
    "projects"      TEXT NOT NULL,
    "hosts"         TEXT NOT NULL,
    "root_span_id"  TEXT,
    "root_start_us" BIGINT,
    "root_name"     TEXT,
    "root_method"   TEXT,
    "root_path"     TEXT,
    "updated_us"    BIGINT NOT NULL,
    CONSTRAINT "trace_pkey" PRIMARY KEY ("trace_id")
);
CREATE INDEX "trace_start_us_idx" ON "trace" ("start_us");
CREATE INDEX "trace_duration_us_idx" ON "trace" ("duration_us");

CREATE TABLE "quarantined_message" (
    "id"          SERIAL NOT NULL,
    "received_us" BIGINT NOT NULL,
    "source"      TEXT NOT NULL,
    "origin"      TEXT,
    "reason"      TEXT NOT NULL,
    "body"        BYTEA NOT NULL,
    "body_bytes"  INTEGER NOT NULL,
    "truncated"   BOOLEAN NOT NULL,
    CONSTRAINT "quarantined_message_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "quarantined_message_received_us_idx" ON "quarantined_message" ("received_us");

CREATE TABLE "collector_status" (
    "id"         TEXT NOT NULL,
    "connected"  BOOLEAN NOT NULL,
    "started_us" BIGINT NOT NULL,
    "updated_us" BIGINT NOT NULL,
    "counters"   TEXT NOT NULL,
    "last_error" TEXT,
    CONSTRAINT "collector_status_pkey" PRIMARY KEY ("id")
);
