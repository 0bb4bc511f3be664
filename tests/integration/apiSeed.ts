// Seeds test databases the way the collector fills them: synthetic OSprofiler traffic in the
// real wire format (oslo message bodies), decoded by the collector's decoder, stored by
// storeBatch. Also the helpers the API tests share to call route handlers.
import type { Db } from "@/lib/db/client";
import { storeBatch } from "@/lib/db/storeBatch";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { convertNotificationToSpanRow } from "@/lib/span/convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";
import { mergeSpanRows } from "@/lib/span/mergeSpanRows";
import type { Span, SpanRow } from "@/lib/span/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import type { TrafficOptions } from "@/testing/synthetic";

const encoder = new TextEncoder();

/** Decodes message bodies exactly as the worker does; throws on anything the worker would quarantine. */
export function decodeBodies(bodies: Iterable<string>): Notification[] {
  const out: Notification[] = [];
  for (const body of bodies) {
    const decoded = decodeMessageBody(encoder.encode(body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`seed message not decodable: ${JSON.stringify(decoded)}`);
    out.push(decoded);
  }
  return out;
}

/** Synthetic traffic -> oslo message bodies -> notifications. */
export function syntheticNotifications(options: TrafficOptions): Notification[] {
  function* bodies() {
    for (const n of generateProfilerNotifications(options)) yield convertNotificationToOsloMessage(n).body;
  }
  return decodeBodies(bodies());
}

/** Stores notifications through the ingest path, in collector-sized batches. */
export async function storeNotifications(db: Db, notifications: readonly Notification[], batchSize = 5000, nowUs?: number): Promise<void> {
  for (let i = 0; i < notifications.length; i += batchSize) {
    await storeBatch(db, { notifications: notifications.slice(i, i + batchSize), quarantined: [] }, nowUs);
  }
}

/** The spans the trace model should get for `traceId`: the notifications merged in memory, the way the collector merges them. */
export function referenceSpans(notifications: readonly Notification[], traceId: string, payloads: boolean): Span[] {
  const rows = new Map<string, SpanRow>();
  for (const n of notifications) {
    if (n.traceId !== traceId) continue;
    const row = convertNotificationToSpanRow(n);
    const existing = rows.get(n.spanId);
    rows.set(n.spanId, existing ? mergeSpanRows(existing, row).row : row);
  }
  return [...rows.values()].map((row) => convertSpanRowToSpan(row, { payloads }));
}

/** Points the route handlers' shared database (lib/db/shared.ts) at a test database. */
export async function useSharedDb(url: string | null): Promise<void> {
  const holder = globalThis as { __ostraceDb?: Promise<Db> };
  const previous = holder.__ostraceDb;
  holder.__ostraceDb = undefined;
  if (previous) await (await previous.catch(() => null))?.close();
  if (url === null) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = url;
}

export type Answer<T> = { status: number; headers: Headers; text: string; json: T };

/** Calls a route handler as Next.js would: a Request and a context whose params is a promise. */
export async function callRoute<T = unknown, P extends object = Record<string, never>>(
  handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>,
  url: string,
  params: P = {} as P,
  init?: RequestInit,
): Promise<Answer<T>> {
  const response = await handler(new Request(new URL(url, "http://localhost"), init), { params: Promise.resolve(params) });
  const text = await response.text();
  let json: T = undefined as T;
  if (text !== "" && /json/.test(response.headers.get("content-type") ?? "")) json = JSON.parse(text) as T;
  return { status: response.status, headers: response.headers, text, json };
}
