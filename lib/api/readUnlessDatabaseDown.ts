// A page's reads, with the API's outage rule (answerSafely in ./respond.ts): when a read fails
// and the database does not answer, the page says the database is unreachable and to retry,
// instead of throwing into its error boundary. A thrown server error reaches the browser with its
// message withheld (React's production error #441, which Next.js logs to the console when the
// boundary catches it), so the boundary could only say "something failed"; an outage is an
// expected state with a known remedy. Any other failure is thrown as before. Whether the database
// answers is the proxy's probe for this page when it noted an outage (./readOutage.ts: one probe
// per page), else a probe of the page's own, whose outage is then noted. A read that succeeds ends
// a noted outage, since the proxy's probe alone may keep timing out (3 s) for a database that is
// slow to answer a new connection but serves the pages' reads.
import { probeReadDatabase } from "../db/probeReadDatabase";
import { endReadOutage, noteReadOutage, readOutageNoted } from "./readOutage";
import type { Logger } from "../log";

export const DATABASE_DOWN = Symbol("database down");

export async function readUnlessDatabaseDown<T>(
  read: () => Promise<T>,
  log: Logger,
  what: string,
  databaseAnswers: () => Promise<boolean> = probeReadDatabase,
): Promise<T | typeof DATABASE_DOWN> {
  try {
    const value = await read();
    endReadOutage();
    return value;
  } catch (error) {
    if (!readOutageNoted() && (await databaseAnswers().catch(() => false))) throw error;
    log.error("page read failed: the database does not answer", { page: what, error });
    noteReadOutage();
    return DATABASE_DOWN;
  }
}
