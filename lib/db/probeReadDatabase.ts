// "Is the database there at all?", asked after a read failed: the API then answers 503 for an
// outage (what a monitor or a retrying script needs to know) and 500 only for a fault of its own.
// A database that does not answer within the wait counts as down.
import { getReadDb } from "./readDb";

const WAIT_MS = 3000;

export async function probeReadDatabase(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), WAIT_MS);
  });
  const answered = (async () => {
    const db = await getReadDb();
    await db.prisma.$queryRawUnsafe("SELECT 1");
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([answered, waited]);
  } finally {
    clearTimeout(timer);
  }
}
