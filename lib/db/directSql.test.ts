import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { directSql } from "./directSql";

// PostgreSQL: directPostgres.test.ts.
describe("directSql on SQLite", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    await db.prisma.$executeRawUnsafe(`CREATE TABLE "t" ("k" TEXT PRIMARY KEY, "n" INTEGER, "big" INTEGER)`);
  });
  afterAll(() => db.drop());

  it("is the Prisma client itself outside a transaction", () => {
    expect(directSql(db.prisma)).toBe(db.prisma);
  });

  it("runs in the transaction: its writes commit with it, and a failure rolls them back", async () => {
    await db.prisma.$transaction(async (tx) => {
      const sql = directSql(tx);
      expect(sql).not.toBe(tx);
      const changed = await sql.$executeRawUnsafe(
        `INSERT INTO "t" ("k", "n", "big") SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(jsonb(?))`,
        JSON.stringify([
          ["a", 1, 1_700_000_000_000_000],
          ["b", 2, null],
        ]),
      );
      expect(changed).toBe(2);
      // Prisma's own statements in the same transaction see the direct writes.
      const [count] = await tx.$queryRawUnsafe<{ c: bigint }[]>(`SELECT COUNT(*) AS c FROM "t"`);
      expect(Number(count!.c)).toBe(2);
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await directSql(tx).$executeRawUnsafe(`INSERT INTO "t" ("k", "n") VALUES (?, ?)`, "c", 3);
        await directSql(tx).$executeRawUnsafe(`INSERT INTO "t" ("k", "n") VALUES (?, ?)`, "a", 4); // duplicate key
      }),
    ).rejects.toThrow(/UNIQUE/);
    const rows = await db.prisma.$queryRawUnsafe(`SELECT "k", "n", "big" FROM "t" ORDER BY "k"`);
    expect(rows).toEqual([
      { k: "a", n: 1, big: 1_700_000_000_000_000 },
      { k: "b", n: 2, big: null },
    ]);
  });

  it("answers as the Prisma client does for table columns (rows as objects, integers as numbers), prepared once and reused", async () => {
    const query = `SELECT "k", "n", "big" FROM "t" WHERE "k" IN (SELECT value ->> 0 FROM jsonb_each(jsonb(?))) ORDER BY "k"`;
    const param = JSON.stringify([["a"], ["b"]]);
    const viaPrisma = await db.prisma.$queryRawUnsafe(query, param);
    for (let i = 0; i < 3; i++) {
      const direct = await db.prisma.$transaction((tx) => directSql(tx).$queryRawUnsafe(query, param));
      expect(direct).toEqual(viaPrisma);
    }
  });

  it("is unregistered once the transaction ends", async () => {
    let seen: unknown = null;
    await db.prisma.$transaction(async (tx) => {
      seen = tx;
    });
    expect(directSql(seen as TestDb["prisma"])).toBe(seen);
  });
});
