import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DIALECTS, type TestDb } from "@/tests/support/testDb";
import { splitStatements } from "./migrate";

describe("splitStatements", () => {
  it("splits at semicolons that end a line and drops comment lines", () => {
    const sql = "-- header\nCREATE TABLE a (x TEXT);\n\n-- why\nCREATE INDEX i ON a (x);\n";
    expect(splitStatements(sql)).toEqual(["CREATE TABLE a (x TEXT)", "CREATE INDEX i ON a (x)"]);
  });
});

describe.each(DIALECTS)("migrate on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("creates every table of the data model and is a no-op the second time", async () => {
    const { migrate } = await import("./migrate");
    expect(await migrate(db)).toEqual([]);
    expect(await db.prisma.span.count()).toBe(0);
    expect(await db.prisma.trace.count()).toBe(0);
    expect(await db.prisma.quarantinedMessage.count()).toBe(0);
    expect(await db.prisma.collectorStatus.count()).toBe(0);
  });

  it("round-trips microsecond timestamps exactly as BigInt", async () => {
    const startUs = 1_714_558_272_123_456n;
    await db.prisma.span.create({
      data: { traceId: "t", spanId: "s", parentId: "t", name: "db", project: "nova", service: "api", host: "h", startUs },
    });
    const span = await db.prisma.span.findUniqueOrThrow({ where: { traceId_spanId: { traceId: "t", spanId: "s" } } });
    expect(span.startUs).toBe(startUs);
  });
});

describe("migrate by several collectors starting at once on PostgreSQL", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("postgresql", []);
    await db.prisma.$executeRawUnsafe(`DROP TABLE "_ostrace_migrations"`); // a database no ostrace has touched
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies every migration once, whichever process gets there first, and none fails", async () => {
    const { openDb } = await import("./client");
    const { migrate, readMigrations } = await import("./migrate");
    const collectors = await Promise.all([1, 2, 3, 4].map(() => openDb(db.url)));
    try {
      const applied = await Promise.all(collectors.map((c) => migrate(c)));
      expect(applied.flat().sort()).toEqual(readMigrations("postgresql").map((m) => m.name));
    } finally {
      await Promise.all(collectors.map((c) => c.close()));
    }
  });
});
