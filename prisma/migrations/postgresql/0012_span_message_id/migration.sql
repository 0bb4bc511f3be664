-- For a span that raised with an exception message too long to send whole (over 4,000 UTF-16
-- units), the span_detail row that holds that message with its description (migration 0011's
-- "clip"), written by the collector with the span. The GET of a trace then reads the message's
-- first characters and its description instead of the whole stop payload rest. The rest still
-- holds the message: the span API, the exports and search read it from there, as before.
-- NULL for every other span, and for the spans stored before this migration: their messages are
-- read from the rest and described on each GET, as before (no backfill: it would read every
-- raised span's rest, unbounded, before the collector could start).
ALTER TABLE "span" ADD COLUMN "message_id" INTEGER;
