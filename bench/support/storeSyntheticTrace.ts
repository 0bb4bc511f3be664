// One synthetic trace of a given size and shape, stored through the worker's own path (oslo
// message body -> decodeMessageBody -> storeBatch, 2,000 notifications per transaction), straight
// into the database: no broker, so a 1M-span trace is stored in a minute or two.
import type { Db } from "../../lib/db/client";
import { storeBatch } from "../../lib/db/storeBatch";
import { decodeMessageBody } from "../../lib/notification/decodeMessage";
import type { Notification } from "../../lib/notification/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications, type ScenarioName } from "../../testing/synthetic";

export type StoredTrace = { traceId: string; spans: number; notifications: number; seconds: number };

const BATCH = 2000;

export async function storeSyntheticTrace(
  db: Db,
  scenario: ScenarioName,
  spanCount: number,
  seed = `${scenario}-${spanCount}`,
): Promise<StoredTrace> {
  const t0 = performance.now();
  const encoder = new TextEncoder();
  let batch: Notification[] = [];
  let traceId = "";
  let notifications = 0;
  for (const n of generateProfilerNotifications({ seed, scenario, spanCount, traces: 1, errorRate: 0, start: "2024-05-01T12:00:00" })) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
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
