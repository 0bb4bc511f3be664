// GET /metrics: Prometheus text format. Worker counters come from their heartbeat rows, HTTP
// ingest counters from this process, totals from the database.
import { getSharedDb } from "@/lib/db/shared";
import { readCollectorStatuses } from "@/lib/db/readCollectorStatuses";
import { readDbTotals } from "@/lib/db/readDbTotals";
import { getHttpIngestCounters } from "@/lib/ingest/counters";
import { describeCollectorHealth } from "@/lib/ingest/describeCollectorHealth";
import { renderMetrics } from "@/lib/api/renderMetrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const db = await getSharedDb();
    const [rows, totals] = await Promise.all([readCollectorStatuses(db), readDbTotals(db)]);
    const nowUs = Date.now() * 1000;
    const body = renderMetrics(
      rows.map((row) => describeCollectorHealth(row, nowUs)),
      getHttpIngestCounters(),
      totals,
    );
    return new Response(body, { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return new Response(`# the database is unavailable: ${message.split("\n")[0]}\n`, {
      status: 503,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
}
