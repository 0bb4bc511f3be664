-- A span's detail (the SQL statement of a db call, the request line, the function name) was
-- half of every row, yet a trace repeats few distinct texts: N+1 queries repeat one statement
-- and the same statements recur across traces. Each text is now stored once, in span_detail,
-- and a span refers to it (measured on 200k realistic notifications: ~1,040 -> ~460 B/span;
-- reading a trace scans and groups half the bytes). Existing rows are moved over here; the
-- space they leave is reused by new rows (VACUUM gives it back to the file system).
CREATE TABLE "span_detail" (
    "id"   INTEGER NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL
);
CREATE UNIQUE INDEX "span_detail_text_key" ON "span_detail" ("text");
INSERT INTO "span_detail" ("text") SELECT DISTINCT "detail" FROM "span" WHERE "detail" IS NOT NULL;
ALTER TABLE "span" ADD COLUMN "detail_id" INTEGER;
UPDATE "span" SET "detail_id" = (SELECT d."id" FROM "span_detail" AS d WHERE d."text" = "span"."detail") WHERE "detail" IS NOT NULL;
ALTER TABLE "span" DROP COLUMN "detail";
