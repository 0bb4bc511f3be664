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
   * SQLite: memory-map the file (up to 1 GiB). Off by default, for the web server as for the
   * worker: a mapped process's RSS grows with every page it ever touches, up to the mapping's
   * size. The worker's random-key inserts touch the whole file (unmapped it stores just as fast:
   * 47k notifications/s either way); the web server's /api/health counted the span table (it sums
   * the trace rows' span_count since) and an export scans a whole trace, so a 1M-span database
   * kept ~590 MiB of the file resident in an idle server. Reads cost the same CPU unmapped once readTraceSpans became one grouped
   * statement (compact trace, CPU medians mapped/unmapped: 1k 9/8 ms, 10k 88/77 ms, 100k
   * 822/864 ms; docs/benchmarks.md §16).
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
    if (options.mapFile === true) await prisma.$queryRawUnsafe(`PRAGMA mmap_size = ${1 << 30}`);
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
