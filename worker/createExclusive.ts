// One thing at a time against the database: batch commits and retention steps take turns, so
// ingest waits for one retention step at most, and a step never waits behind more than a batch.
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

export function createExclusive(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
