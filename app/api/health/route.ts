// GET /api/health, open whatever OSTRACE_AUTH is: a load balancer's check of this web server.
// 200 while the database answers; 503 with the reason in one line when it does not (not Next's
// bare 500), so a health check and the person reading it see why.
import { countStoredSpans } from "@/lib/db/countStoredSpans";
import { getSharedDb } from "@/lib/db/shared";
import { describeDatabaseError } from "@/lib/db/describeDatabaseError";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getSharedDb();
    return Response.json({ ok: true, database: db.dialect, spans: await countStoredSpans(db) });
  } catch (error) {
    return Response.json(
      { ok: false, error: `database unreachable: ${describeDatabaseError(error)}` },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
