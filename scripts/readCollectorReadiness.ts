// What `npm start` makes of the collectors' status (as GET /api/status describes it, read from
// the database so that no credentials are needed) while it waits to print the URL: is the collector
// it just launched ready (its queue declared and bound, so notifications sent now are kept), or
// does it report that it cannot reach the broker, or that the broker refuses its queue as
// configured (then the URL is printed anyway: browsing and HTTP ingest work without one), or
// has it not said yet? Rows of an earlier run, or of another queue, do not count.
import type { CollectorHealth } from "../lib/ingest/describeCollectorHealth";

export type StatusCollector = Pick<CollectorHealth, "queue" | "startedUs" | "ready" | "lastError">;

export type CollectorReadiness =
  { kind: "ready" } | { kind: "no-broker"; error: string } | { kind: "queue-conflict"; error: string } | { kind: "waiting" };

export function readCollectorReadiness(status: { collectors?: StatusCollector[] }, queue: string, launchedUs: number): CollectorReadiness {
  const own = (status.collectors ?? []).find((c) => c.queue === queue && c.startedUs >= launchedUs);
  if (!own) return { kind: "waiting" };
  if (own.ready) return { kind: "ready" };
  if (own.lastError?.startsWith("broker:")) return { kind: "no-broker", error: own.lastError.slice("broker:".length).trim() };
  if (own.lastError?.startsWith("queue:")) return { kind: "queue-conflict", error: own.lastError.slice("queue:".length).trim() };
  return { kind: "waiting" };
}
