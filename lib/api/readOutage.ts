// The web server's knowledge of a read outage, shared by the proxy (proxy.ts) and the pages
// (readUnlessDatabaseDown), so that the pages asked for while it lasts answer 503 Service
// Unavailable with Retry-After instead of 200. A page cannot set its own status in Next.js (and
// the list streams its shell before it reads): the proxy, which runs before it, can
// (NextResponse.next with a status). So the proxy asks before a page that reads traces whether
// the database answers (a SELECT 1 on the pool the pages read through; pages asked for at once
// share one probe), and notes the outage or its end from the answer; a page whose read then
// fails while an outage is noted needs no probe of its own: one probe per page.
// The healthy path is not slowed by it: within FRESH_MS of a probe or a page read that the
// database answered, the proxy takes that for the answer and probes nothing, so a busy server
// probes about once per FRESH_MS and a page after a pause pays one probe (~1 ms on SQLite). Only a
// database lost within FRESH_MS of its last answer is found by the page's read instead, which
// probes, notes the outage and says so under a 200. Kept on globalThis: the proxy and the pages
// are bundled apart but run in one process.
type Probe = () => Promise<boolean>;

/** How long a database answer (a probe's, or a page read's) stands for the next pages. */
const FRESH_MS = 1000;

type Outage = {
  /** When the database last answered (performance.now()); -Infinity before it has. */
  answeredAt: number;
  /** Set by a probe that the database did not answer, or by a page whose read failed so. */
  noted: boolean;
  /** Counts notes, so that a probe started before a newer note does not end it. */
  notes: number;
  /** The probe in flight: pages asked for at once wait for one probe, not one each. */
  pending?: Promise<boolean>;
};

const holder = globalThis as typeof globalThis & { __ostraceReadOutage?: Outage };

function outage(): Outage {
  return (holder.__ostraceReadOutage ??= { answeredAt: -Infinity, noted: false, notes: 0 });
}

/** The pages that read traces from the database (not their scripts, styles or icons, nor the API, which says 503 itself). */
export function readsTraces(pathname: string): boolean {
  return pathname === "/" || /^\/(traces|compare|statements)\//.test(pathname);
}

/** A page read failed and the database did not answer a probe. */
export function noteReadOutage(): void {
  const state = outage();
  state.noted = true;
  state.notes++;
}

/**
 * An outage is noted and no probe or read has ended it since: for a page, the proxy's probe just
 * said the database does not answer, so a read of that page that fails needs no probe of its own.
 */
export function readOutageNoted(): boolean {
  return outage().noted;
}

/** A page read the database: whatever outage was noted is over (nothing probed). */
export function endReadOutage(): void {
  const state = outage();
  state.noted = false;
  state.answeredAt = performance.now();
}

/** The proxy, before a page that reads traces: whether the database is down, by `probe` (a probe that throws says down). */
export async function readDatabaseDown(probe: Probe): Promise<boolean> {
  const state = outage();
  if (!state.noted && performance.now() - state.answeredAt < FRESH_MS) return false;
  const notesBefore = state.notes;
  state.pending ??= probe()
    .catch(() => false)
    .finally(() => (state.pending = undefined));
  if (await state.pending) {
    // A page may have noted a newer outage meanwhile: only what was noted before this probe is over.
    if (state.notes === notesBefore) state.noted = false;
    state.answeredAt = performance.now();
    return false;
  }
  noteReadOutage();
  return true;
}
