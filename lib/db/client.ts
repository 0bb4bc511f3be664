// The one place that creates Prisma clients. DATABASE_URL picks the provider: file:... is the
// embedded SQLite database, postgresql://... is PostgreSQL. Both clients come from the same
// model (prisma/schema.prisma), so code above this module sees one `Prisma` type.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { redactUrl } from "../config";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { enableDirectSql } from "./directSql";
import { trackPostgresTransactions } from "./directPostgres";
import { trackSqliteTransactions } from "./directSqlite";

export type Prisma = SqliteClient;
export type Dialect = "sqlite" | "postgresql";

export type Db = {
  prisma: Prisma;
  dialect: Dialect;
  /** The URL with any password removed, for logs. */
  label: string;
  close(): Promise<void>;
};

function dialectOf(databaseUrl: string): Dialect {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)`);
}

export type OpenDbOptions = {
  /**
   * SQLite: memory-map the file, for the web process's big reads. The worker only writes: mapped,
   * its RSS grows with every page it touches up to the mapping's size (random-key inserts touch
   * the whole file); unmapped it stores just as fast (measured: 47k notifications/s either way).
   */
  mapFile?: boolean;
};

export async function openDb(databaseUrl: string, options: OpenDbOptions = {}): Promise<Db> {
  const dialect = dialectOf(databaseUrl);
  if (dialect === "sqlite") {
    const file = resolve(databaseUrl.slice("file:".length));
    mkdirSync(dirname(file), { recursive: true });
    // Worker and web write the same file: wait for the other's lock instead of failing.
    const adapter = new PrismaBetterSqlite3({ url: file, timeout: 30_000 });
    // The connection the adapter opens, for the write path's direct statements (directSql.ts).
    const track = trackSqliteTransactions(adapter);
    const prisma = new SqliteClient({ adapter });
    enableDirectSql(prisma, track);
    // 16 KB pages for a new file (an existing one keeps its size): 4 KB pages held too few rows
    // to fill (measured when a row was ~0.9 KB: ~1150 -> ~1045 bytes per span on disk).
    await prisma.$executeRawUnsafe("PRAGMA page_size = 16384");
    // WAL lets the UI read while the worker writes. synchronous=FULL because a batch is acked
    // right after its commit: the commit has to survive a power cut, not only a crash.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    // Big reads (a 100k-span trace) otherwise go page by page through SQLite's small cache;
    // memory-mapped they take about half the time (measured: 100k spans ~600 ms -> ~330 ms).
    if (options.mapFile !== false) await prisma.$queryRawUnsafe(`PRAGMA mmap_size = ${1 << 30}`);
    return { prisma, dialect, label: `sqlite:${file}`, close: () => prisma.$disconnect() };
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  // Each transaction's pool client, for the write path's direct statements (directSql.ts).
  const track = trackPostgresTransactions(adapter);
  const prisma = new PostgresClient({ adapter }) as unknown as Prisma;
  enableDirectSql(prisma, track);
  return {
    prisma,
    dialect,
    label: redactUrl(databaseUrl),
    close: () => prisma.$disconnect(),
  };
}
