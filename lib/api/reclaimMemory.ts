// A full garbage collection now and then while a big export is planned or streamed. Node sizes
// its heap for the machine (on 23.5 GiB it lets the old generation grow to several times what is
// live before collecting), so a million-span export, which makes ~1.5 GB of short-lived text and
// row objects around ~35 MB of plan, grew the web server by ~320 MiB of garbage. V8 flags that
// collect sooner (--heap-growing-percent, small semi-spaces) do bound it, but for every request:
// they cost the compact GET of a 100k-span trace 30-90% more CPU (docs/benchmarks.md, "Million-span
// exports, wave 5"). Collecting from the export itself costs only the export.
// global.gc exists only when the server runs with --expose-gc (scripts/webServerFlags.ts); in
// tests and `next dev` this is a no-op.
const exposedGc = (globalThis as { gc?: () => void }).gc;

/** A big export's planning collects every this many pages of rows read (2,000 rows a page: 10,000 rows). */
export const RECLAIM_EVERY_PAGES = 5;

/** Counts work done (bytes, rows) and collects once `every` of it has been done since the last time. */
export function createMemoryReclaimer(every: number, collect: (() => void) | undefined = exposedGc): (done: number) => void {
  let since = 0;
  return (done) => {
    since += done;
    if (since < every || !collect) return;
    since = 0;
    collect();
  };
}

/** Pages of rows as they come, collecting every `everyPages` pages (a big export's planning reads them all). */
export async function* reclaimingPages<Page>(
  pages: AsyncIterable<Page>,
  everyPages: number,
  collect: (() => void) | undefined = exposedGc,
): AsyncGenerator<Page> {
  const reclaim = createMemoryReclaimer(everyPages, collect);
  for await (const page of pages) {
    yield page;
    reclaim(1);
  }
}
