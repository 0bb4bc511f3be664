// One synthetic trace of a given size and shape, stored through the worker's own path (oslo
// message body -> decodeMessageBody -> storeBatch, 2,000 notifications per transaction), straight
// into the database: no broker, so a 1M-span trace is stored in a minute or two.
// `copy` stores the same trace again under another base_id (and start), as a trace the server has
// never rendered: the spans, names, timings and shape are the seed's, only the ids and clock move.
import type { Db } from "../../lib/db/client";
import { storeBatch } from "../../lib/db/storeBatch";
import { decodeMessageBody } from "../../lib/notification/decodeMessage";
import type { Notification } from "../../lib/notification/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications, type ScenarioName } from "../../testing/synthetic";

export type StoredTrace = { traceId: string; spans: number; notifications: number; seconds: number };

/** Another copy of the seed's trace: its base_id, and its start (the list sorts by it). */
export type TraceCopy = { traceId: string; start: string };

const SYNTHETIC_START = "2024-05-01T12:00:00";

const BATCH = 2000;

export async function storeSyntheticTrace(
  db: Db,
  scenario: ScenarioName,
  spanCount: number,
  seed = `${scenario}-${spanCount}`,
  copy: TraceCopy | null = null,
): Promise<StoredTrace> {
  const t0 = performance.now();
  const encoder = new TextEncoder();
  let batch: Notification[] = [];
  let traceId = "";
  let notifications = 0;
  let seedTraceId = "";
  const start = copy?.start ?? SYNTHETIC_START;
  for (const n of generateProfilerNotifications({ seed, scenario, spanCount, traces: 1, errorRate: 0, start })) {
    let body = convertNotificationToOsloMessage(n).body;
    if (copy) {
      // The seed's base_id is every span's trace id and the root spans' parent id: a UUID, so a
      // plain replacement moves exactly those.
      seedTraceId ||= readTraceId(decodeMessageBody(encoder.encode(body), 1 << 20));
      body = body.replaceAll(seedTraceId, copy.traceId);
    }
    const decoded = decodeMessageBody(encoder.encode(body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`a generated message did not decode: ${JSON.stringify(decoded)}`);
    traceId = decoded.traceId;
    batch.push(decoded);
    notifications++;
    if (batch.length >= BATCH) {
      await storeBatch(db, { notifications: batch, quarantined: [] });
      batch = [];
    }
  }
  if (batch.length > 0) await storeBatch(db, { notifications: batch, quarantined: [] });
  const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT "span_count" AS n FROM "trace" WHERE "trace_id" = ${db.dialect === "sqlite" ? "?" : "$1"}`,
    traceId,
  );
  return { traceId, spans: Number(rows[0]?.n ?? 0), notifications, seconds: (performance.now() - t0) / 1000 };
}

function readTraceId(decoded: ReturnType<typeof decodeMessageBody>): string {
  if (!("traceId" in decoded)) throw new Error(`a generated message did not decode: ${JSON.stringify(decoded)}`);
  return decoded.traceId;
}
