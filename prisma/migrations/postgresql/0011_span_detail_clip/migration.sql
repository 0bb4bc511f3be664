-- What the trace page needs of a detail text too long to send whole (over 4,000 UTF-16 units):
-- its length, the hashes its clip marks carry, its normalizeSql shape and labels, each cut to its
-- first 4,000 units (JSON, lib/trace/describeLongText.ts), written by the collector with the text.
-- The GET of a trace then reads such a text's first characters and this instead of the whole.
-- NULL for a shorter text, and for the texts stored before this migration: those are read whole
-- and described on each GET, as before (no backfill: span_detail is never trimmed, and describing
-- every long text ever stored would run here, unbounded, before the collector could start).
ALTER TABLE "span_detail" ADD COLUMN "clip" TEXT;
