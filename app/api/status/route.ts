// GET /api/status: whether a collector is connected, for the UI's "collector connected /
// disconnected" badge, and `ready`: some collector's queue is bound, so notifications sent to the
// broker now are kept (before that they are unroutable and lost; `npm start` waits for it).
// `collector` is the freshest heartbeat; `collectors` lists every queue.
import { getSharedDb } from "@/lib/db/shared";
import { readCollectorStatuses } from "@/lib/db/readCollectorStatuses";
import { describeDatabaseError } from "@/lib/db/describeDatabaseError";
import type { StatusResponse } from "@/lib/api/types";
import { describeCollectorHealth } from "@/lib/ingest/describeCollectorHealth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const db = await getSharedDb();
    const nowUs = Date.now() * 1000;
    const collectors = (await readCollectorStatuses(db)).map((row) => describeCollectorHealth(row, nowUs));
    const collector = collectors.find((c) => c.state === "connected") ?? collectors[0] ?? null;
    const status: StatusResponse = {
      database: { ok: true, dialect: db.dialect },
      connected: collector?.state === "connected",
      ready: collectors.some((c) => c.ready),
      collector,
      collectors,
    };
    return Response.json(status, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const status: StatusResponse = {
      database: { ok: false, error: describeDatabaseError(error) },
      connected: false,
      ready: false,
      collector: null,
      collectors: [],
    };
    return Response.json(status, { status: 503 });
  }
}
