import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import { directSql } from "./directSql";

describe("directSql on PostgreSQL", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("postgresql");
    await db.prisma.$executeRawUnsafe(`CREATE TABLE "t" ("k" TEXT PRIMARY KEY, "n" INTEGER, "big" BIGINT)`);
  });
  afterAll(() => db.drop());

  const insert = `INSERT INTO "t" ("k", "n", "big") SELECT r ->> 0, (r ->> 1)::int, (r ->> 2)::bigint FROM jsonb_array_elements($1::jsonb) AS r`;

  it("is the Prisma client itself outside a transaction", () => {
    expect(directSql(db.prisma)).toBe(db.prisma);
  });

  it("runs in the transaction: its writes commit with it, and a failure rolls them back", async () => {
    await db.prisma.$transaction(async (tx) => {
      const sql = directSql(tx);
      expect(sql).not.toBe(tx);
      const changed = await sql.$executeRawUnsafe(
        insert,
        JSON.stringify([
          ["a", 1, 1_700_000_000_000_000],
          ["b", 2, null],
        ]),
      );
      expect(changed).toBe(2);
      // Prisma's own statements in the same transaction see the direct writes, and the other way round.
      const [count] = await tx.$queryRawUnsafe<{ c: bigint }[]>(`SELECT COUNT(*) AS c FROM "t"`);
      expect(Number(count!.c)).toBe(2);
      const [own] = await tx.$queryRawUnsafe<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
      const [direct] = await sql.$queryRawUnsafe<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
      expect(direct!.pid).toBe(own!.pid);
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await directSql(tx).$executeRawUnsafe(insert, JSON.stringify([["c", 3, null]]));
        await directSql(tx).$executeRawUnsafe(insert, JSON.stringify([["a", 4, null]])); // duplicate key
      }),
    ).rejects.toThrow(/duplicate key/);
    const rows = await db.prisma.$queryRawUnsafe<{ k: string; n: number; big: bigint | null }[]>(
      `SELECT "k", "n", "big" FROM "t" ORDER BY "k"`,
    );
    expect(rows.map((r) => [r.k, r.n, r.big === null ? null : Number(r.big)])).toEqual([
      ["a", 1, 1_700_000_000_000_000],
      ["b", 2, null],
    ]);
  });

  it("answers with rows as objects and integers as numbers, each statement prepared once per connection", async () => {
    const query = `SELECT "k", "n", "big" FROM "t" WHERE "k" IN (SELECT r ->> 0 FROM jsonb_array_elements($1::jsonb) AS r) ORDER BY "k"`;
    const param = JSON.stringify([["a"], ["b"]]);
    for (let i = 0; i < 3; i++) {
      const direct = await db.prisma.$transaction((tx) => directSql(tx).$queryRawUnsafe(query, param));
      expect(direct).toEqual([
        { k: "a", n: 1, big: 1_700_000_000_000_000 },
        { k: "b", n: 2, big: null },
      ]);
    }
    const prepared = await db.prisma.$transaction((tx) =>
      directSql(tx).$queryRawUnsafe<{ n: number }[]>(`SELECT count(*) AS n FROM pg_prepared_statements WHERE statement = $1`, query),
    );
    expect(prepared).toEqual([{ n: 1 }]);
  });

  it("gives concurrent transactions each its own connection", async () => {
    const pids = await Promise.all(
      [0, 1, 2].map(() =>
        db.prisma.$transaction(async (tx) => {
          const [own] = await tx.$queryRawUnsafe<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
          // Held open while the others start, so the pool hands out different clients.
          await new Promise((resolve) => setTimeout(resolve, 50));
          const [direct] = await directSql(tx).$queryRawUnsafe<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
          return [own!.pid, direct!.pid];
        }),
      ),
    );
    for (const [own, direct] of pids) expect(direct).toBe(own);
    expect(new Set(pids.map(([own]) => own)).size).toBe(3);
  });

  it("is unregistered once the transaction ends", async () => {
    let seen: unknown = null;
    await db.prisma.$transaction(async (tx) => {
      seen = tx;
    });
    expect(directSql(seen as TestDb["prisma"])).toBe(seen);
  });
});
