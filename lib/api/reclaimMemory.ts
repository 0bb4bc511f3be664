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

/**
 * A big export collects after every this many rows read from the database, while it plans (pages
 * of 2,000 rows: every 3 pages; of 5,000: every page) and while it streams (the spans read back
 * by id, 200-500 a batch).
 * Rows read, not bytes sent: the dot sends ~60 bytes a span, the others ~1,500, but each span read
 * back makes about the same garbage.
 */
export const RECLAIM_EVERY_ROWS = 5_000;

/** A full collection now (none without --expose-gc): where an export has just let go of columns of the trace's size. */
export function reclaimNow(collect: (() => void) | undefined = exposedGc): void {
  collect?.();
}

/**
 * Counts work done (rows, pages) and collects once `every` of it has been done since the last
 * time. `first`: what counts as done before the first call (`every`: the first call collects).
 */
export function createMemoryReclaimer(every: number, collect: (() => void) | undefined = exposedGc, first = 0): (done: number) => void {
  let since = first;
  return (done) => {
    since += done;
    if (since < every || !collect) return;
    since = 0;
    collect();
  };
}

/**
 * Pages of rows as they come (a big export's planning reads them all), collecting as
 * RECLAIM_EVERY_ROWS says. `pageRows`: the rows of a full page, the page size the scan was asked for.
 */
export async function* reclaimingPages<Page>(
  pages: AsyncIterable<Page>,
  pageRows: number,
  collect: (() => void) | undefined = exposedGc,
): AsyncGenerator<Page> {
  const reclaim = createMemoryReclaimer(Math.ceil(RECLAIM_EVERY_ROWS / pageRows), collect);
  for await (const page of pages) {
    yield page;
    reclaim(1);
  }
}

/**
 * `read` (a batch of spans read back by number or id while a big export streams), collecting as
 * RECLAIM_EVERY_ROWS says, and before the first read: what was made between the plan and the
 * stream (the OTLP converter's id hash, the stream's grouping) goes before the stream's garbage comes.
 */
export function reclaimingReads<Keys extends { readonly length: number }, Batch>(
  read: (keys: Keys) => Batch,
  collect: (() => void) | undefined = exposedGc,
): (keys: Keys) => Batch {
  const reclaim = createMemoryReclaimer(RECLAIM_EVERY_ROWS, collect, RECLAIM_EVERY_ROWS);
  return (keys) => {
    reclaim(keys.length);
    return read(keys);
  };
}
