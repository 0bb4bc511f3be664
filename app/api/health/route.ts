import { countStoredSpans } from "@/lib/db/countStoredSpans";
import { getSharedDb } from "@/lib/db/shared";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await getSharedDb();
  return Response.json({ ok: true, database: db.dialect, spans: await countStoredSpans(db) });
}
