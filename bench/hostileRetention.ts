// Hostile input against retention (docs/benchmarks.md §74): does deleting hostile traces give
// their space back? A hostile trace's long texts live in span_detail (statements, long exception
// messages), which retention never trimmed before migration 0013. One everyday trace is stored
// (kept), then two hostile traces, old enough for retention: 2,000 db spans with distinct ~62K
// statements, and 2,000 spans that raised with distinct 65K messages. Retention deletes them by
// steps (deleteOldestTraces, 10,000 spans a step, as the collector does), then the same hostile
// traffic comes again with new texts. Printed at each point: the size retention measures
// (measureDatabaseSize: SQLite's pages in use; PostgreSQL's pg_database_size, which no DELETE
// shrinks, so PostgreSQL is measured after a VACUUM, as autovacuum would leave it), span_detail's
// rows, and the CPU and wall time of storing and of each delete step.
//
//   npx tsx bench/hostileRetention.ts [--dialects sqlite,postgresql] [--spans 2000] [--chars 62000]
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, Dialect } from "../lib/db/client";
import { deleteOldestTraces } from "../lib/db/deleteOldestTraces";
import { measureDatabaseSize } from "../lib/db/measureDatabaseSize";
import { storeBatch } from "../lib/db/storeBatch";
import { decodeMessageJson } from "../lib/notification/decodeMessage";
import type { JsonObject, Notification } from "../lib/notification/types";
import { profilerPayload } from "../tests/support/amqp";
import { createTestDb } from "../tests/support/testDb";
import { parseFlags, runIfMain } from "./support/report";
import { storeSyntheticTrace } from "./support/storeSyntheticTrace";

const OLD_US = Date.UTC(2024, 3, 1) * 1000;
const CUTOFF_US = Date.UTC(2024, 3, 15) * 1000;
const BATCH = 200;

type Timed<T> = { value: T; cpuMs: number; wallMs: number };

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(performance.now() - t0) };
}

/** A distinct `chars`-character text of random letters, which neither database compresses much. */
function text(kind: string, round: number, k: number, chars: number): string {
  const head = `${kind} ${round}-${k} `;
  return (
    head +
    randomBytes(chars)
      .toString("base64")
      .slice(0, chars - head.length)
  );
}

function hostileTrace(kind: "statement" | "message", round: number, spans: number, chars: number): Notification[] {
  const traceId = randomUUID();
  const out: Notification[] = [];
  for (let k = 0; k < spans; k++) {
    const spanId = randomUUID();
    const us = OLD_US + k * 10;
    const base = { traceId, spanId, parentId: traceId, name: "db", us };
    const statement = kind === "statement" ? `SELECT ${text("col", round, k, chars)} FROM t_${k}` : "SELECT 1";
    const stopInfo: JsonObject = kind === "message" ? { etype: "RemoteError", message: text("message", round, k, chars) } : {};
    out.push(decodeMessageJson(profilerPayload({ ...base, phase: "start", info: { db: { statement, params: {} } } })) as Notification);
    out.push(decodeMessageJson(profilerPayload({ ...base, phase: "stop", us: us + 5, info: stopInfo })) as Notification);
  }
  return out;
}

async function storeHostile(db: Db, round: number, spans: number, chars: number): Promise<void> {
  for (const kind of ["statement", "message"] as const) {
    const all = hostileTrace(kind, round, spans, chars);
    for (let i = 0; i < all.length; i += BATCH) await storeBatch(db, { notifications: all.slice(i, i + BATCH), quarantined: [] }, OLD_US);
  }
}

async function look(db: Db): Promise<string> {
  if (db.dialect === "postgresql") await db.prisma.$executeRawUnsafe(`VACUUM`);
  const { sizeBytes, spans } = await measureDatabaseSize(db);
  const [row] = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS "n" FROM "span_detail"`);
  return `${(sizeBytes / 2 ** 20).toFixed(1)} MiB, ${spans} spans, ${Number(row!.n)} span_detail rows`;
}

async function run(dialect: Dialect, spans: number, chars: number): Promise<void> {
  const db = await createTestDb(dialect);
  try {
    const everyday = await timed(() => storeSyntheticTrace(db, "boot-server", 3000));
    console.log(
      `${dialect}: everyday trace (boot-server, ${everyday.value.spans} spans) stored: ${everyday.cpuMs} ms CPU, ${everyday.wallMs} ms wall; ${await look(db)}`,
    );
    for (const round of [1, 2]) {
      const stored = await timed(() => storeHostile(db, round, spans, chars));
      console.log(`  round ${round}: hostile traces stored: ${stored.cpuMs} ms CPU, ${stored.wallMs} ms wall; ${await look(db)}`);
      for (let step = 1; ; step++) {
        const deleted = await timed(() => deleteOldestTraces(db, { beforeUs: CUTOFF_US, maxSpans: 10_000 }));
        if (deleted.value.spans === 0 && deleted.value.traces === 0) break;
        console.log(`    delete step ${step}: ${JSON.stringify(deleted.value)} in ${deleted.cpuMs} ms CPU, ${deleted.wallMs} ms wall`);
      }
      console.log(`  round ${round}: after the deletes: ${await look(db)}`);
    }
  } finally {
    await db.drop();
  }
}

runIfMain(import.meta.url, async () => {
  const flags = parseFlags(process.argv.slice(2));
  const dialects = (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[];
  const spans = Number(flags.get("spans") ?? 2000);
  const chars = Number(flags.get("chars") ?? 62_000);
  for (const dialect of dialects) await run(dialect, spans, chars);
});
