// Runs the real collector (worker/runCollector.ts) in-process against the real RabbitMQ and a
// real test database, with unique queue/exchange names, and reads back what it stored.
import { loadConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import type { TraceSummaryRow } from "@/lib/ingest/types";
import { createLogger } from "@/lib/log";
import { convertRawToSpanRow, SPAN_ROW_SELECT, SPAN_ROW_SOURCE, type RawSpanRow } from "@/lib/db/spanColumns";
import { columnList } from "@/lib/db/sql";
import { convertRawToTraceSummaryRow, TRACE_COLUMNS } from "@/lib/db/readTraceSummaries";
import type { SpanRow } from "@/lib/span/types";
import { createCollectorStore } from "@/worker/createCollectorStore";
import { runCollector, type Collector, type CollectorOptions } from "@/worker/runCollector";
import type { CollectorConfig, CollectorStore } from "@/worker/types";
import { uniqueName } from "../support/amqp";

export type Harness = {
  collector: Collector;
  config: CollectorConfig;
  logs: Record<string, unknown>[];
};

export function startCollector(
  db: Db,
  overrides: Partial<CollectorConfig> & { exchanges: string[] },
  store?: CollectorStore,
  options: Pick<CollectorOptions, "stopWhenDrained"> = {},
): Harness {
  const logs: Record<string, unknown>[] = [];
  const config: CollectorConfig = {
    ...loadConfig({}),
    queue: uniqueName("ostrace-test"),
    batchSize: 50,
    batchMs: 20,
    prefetch: 200,
    ...overrides,
  };
  const collector = runCollector({
    config,
    store: store ?? createCollectorStore(db),
    log: createLogger("test", "debug", (line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    heartbeatMs: 100,
    brokerBackoff: { initialMs: 50, maxMs: 400 },
    dbBackoff: { initialMs: 50, maxMs: 200 },
    ...options,
  });
  return { collector, config, logs };
}

/** Polls until `check` holds; fails with `what` after `timeoutMs` (a wait, not a speed assertion). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every message the collector received has been committed (stored, duplicate, dropped by a trace cap, quarantined or ignored). */
export function settled(collector: Collector, expected: number): boolean {
  const c = collector.counters;
  return c.received >= expected && c.notificationsStored + c.duplicates + c.droppedByTraceCap + c.quarantined + c.ignored === c.received;
}

export async function readSpans(db: Db, traceId: string): Promise<SpanRow[]> {
  const p = db.dialect === "sqlite" ? "?" : "$1";
  const rows = await db.prisma.$queryRawUnsafe<RawSpanRow[]>(
    `SELECT ${SPAN_ROW_SELECT} FROM ${SPAN_ROW_SOURCE} WHERE s."trace_id" = ${p} ORDER BY s."span_id"`,
    traceId,
  );
  return rows.map(convertRawToSpanRow);
}

export async function readTrace(db: Db, traceId: string): Promise<TraceSummaryRow | null> {
  const p = db.dialect === "sqlite" ? "?" : "$1";
  const rows = await db.prisma.$queryRawUnsafe<Parameters<typeof convertRawToTraceSummaryRow>[0][]>(
    `SELECT ${columnList(TRACE_COLUMNS)} FROM "trace" WHERE "trace_id" = ${p}`,
    traceId,
  );
  return rows[0] ? convertRawToTraceSummaryRow(rows[0]) : null;
}
