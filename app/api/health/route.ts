import { getSharedDb } from "@/lib/db/shared";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await getSharedDb();
  const spans = await db.prisma.span.count();
  return Response.json({ ok: true, database: db.dialect, spans });
}
