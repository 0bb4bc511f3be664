// The web server's memory of a read outage, between a page that found the database down
// (readUnlessDatabaseDown) and the proxy (proxy.ts), so that the pages asked for while it lasts
// answer 503 Service Unavailable instead of 200. A page cannot set its own status in Next.js: the
// proxy, which runs before it, can (NextResponse.next with a status), but it does not know of an
// outage unless told. So the page that finds one notes it here with its probe; from then on the
// proxy probes before each page (a SELECT 1; nothing while no outage is noted) and clears the note
// once the database answers again. The page that found the outage still said so with a 200.
// Kept on globalThis: the proxy and the pages are bundled apart but run in one Node.js process.

type Probe = () => Promise<boolean>;

/** The probe, and the one in flight: pages asked for at once wait for one probe, not one each. */
type Outage = { probe: Probe; pending?: Promise<boolean> };

const holder = globalThis as typeof globalThis & { __ostraceReadOutage?: Outage };

/** The pages that read traces from the database (not their scripts, styles or icons, nor the API, which says 503 itself). */
export function readsTraces(pathname: string): boolean {
  return pathname === "/" || /^\/(traces|compare|statements)\//.test(pathname);
}

/** A page read failed and `probe` (whether the database answers) said no. */
export function noteReadOutage(probe: Probe): void {
  holder.__ostraceReadOutage = { probe };
}

/**
 * An outage is noted and no probe or read has ended it since: for a page, the proxy's probe just
 * said the database does not answer (it probes before each page while one is noted), so a read
 * of that page that fails needs no probe of its own.
 */
export function readOutageNoted(): boolean {
  return holder.__ostraceReadOutage !== undefined;
}

/** A page read the database: whatever outage was noted is over (nothing probed). */
export function endReadOutage(): void {
  holder.__ostraceReadOutage = undefined;
}

/** Whether a noted outage goes on: false at once when none is noted, else the probe's answer (the note cleared when it answers). */
export async function readOutageContinues(): Promise<boolean> {
  const noted = holder.__ostraceReadOutage;
  if (noted === undefined) return false;
  noted.pending ??= noted
    .probe()
    .catch(() => false)
    .finally(() => (noted.pending = undefined));
  if (await noted.pending) {
    // Another page may have noted a newer outage meanwhile: only this one is over.
    if (holder.__ostraceReadOutage === noted) holder.__ostraceReadOutage = undefined;
    return false;
  }
  return true;
}
