-- A span's detail (the SQL statement of a db call, the request line, the function name) was
-- half of every row, yet a trace repeats few distinct texts: N+1 queries repeat one statement
-- and the same statements recur across traces. Each text is now stored once, in span_detail,
-- and a span refers to it (measured on 200k realistic notifications, both tables counted: 1,101 -> 580 B/span;
-- reading a trace scans and groups half the bytes). Existing rows are moved over here.
CREATE TABLE "span_detail" (
    "id"   SERIAL PRIMARY KEY,
    "text" TEXT NOT NULL
);
-- Found by a hash: a btree entry cannot hold a statement longer than ~2.7 KB. Not unique: every
-- lookup compares the text as well, so two texts with one md5 simply get a row each. Writers
-- hold the writer lock (lib/db/writeLock.ts), so a text is never inserted twice.
CREATE INDEX "span_detail_text_md5_idx" ON "span_detail" (md5("text"));
INSERT INTO "span_detail" ("text") SELECT DISTINCT "detail" FROM "span" WHERE "detail" IS NOT NULL;
ALTER TABLE "span" ADD COLUMN "detail_id" INTEGER;
UPDATE "span" AS s SET "detail_id" = d."id" FROM "span_detail" AS d WHERE md5(d."text") = md5(s."detail") AND d."text" = s."detail";
ALTER TABLE "span" DROP COLUMN "detail";
