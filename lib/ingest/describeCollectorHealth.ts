// A heartbeat row -> what the UI and /metrics say about a collector. The worker writes its row
// every ~2 s; a row older than STALE_AFTER_MS means the worker is gone (killed, host down),
// whatever its `connected` flag said last.
import { createCollectorCounters, type CollectorCounters } from "./counters";
import type { CollectorStatusRow } from "./types";

export const STALE_AFTER_MS = 10_000;

type CollectorState = "connected" | "disconnected" | "stale";

export type CollectorHealth = {
  queue: string;
  /** OSTRACE_COLLECTOR_NAME of one of several collectors on the queue; null for the queue's only collector. */
  collector: string | null;
  state: CollectorState;
  /** Its queue is bound (notifications sent now are kept for it), as of a fresh heartbeat. */
  ready: boolean;
  startedUs: number;
  updatedUs: number;
  heartbeatAgeSeconds: number;
  lastError: string | null;
  counters: CollectorCounters;
};

export function describeCollectorHealth(row: CollectorStatusRow, nowUs: number): CollectorHealth {
  const ageUs = Math.max(0, nowUs - row.updatedUs);
  const state: CollectorState = ageUs > STALE_AFTER_MS * 1000 ? "stale" : row.connected ? "connected" : "disconnected";
  const at = row.id.indexOf("@");
  return {
    queue: at < 0 ? row.id : row.id.slice(0, at),
    collector: at < 0 ? null : row.id.slice(at + 1),
    state,
    ready: row.ready && state !== "stale",
    startedUs: row.startedUs,
    updatedUs: row.updatedUs,
    heartbeatAgeSeconds: ageUs / 1e6,
    lastError: row.lastError,
    counters: parseCounters(row.counters),
  };
}

/** Counters written by an older or newer worker may lack or add keys: keep the known numbers. */
function parseCounters(text: string): CollectorCounters {
  const counters = createCollectorCounters();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return counters;
  }
  if (typeof parsed !== "object" || parsed === null) return counters;
  const record = parsed as Record<string, unknown>;
  for (const key of Object.keys(counters) as (keyof CollectorCounters)[]) {
    const value = record[key];
    if (typeof value === "number" && Number.isFinite(value)) counters[key] = value;
  }
  return counters;
}
