// Long computations over a whole trace (a pass over 1M spans is hundreds of ms in a browser) are
// written as generators that yield between slices of spans, so the page can run them a few ms
// at a time between inputs (components/trace/useIdleComputation.ts); this runs one to its end.

/** A computation in slices: each `yield` is a point where it may pause; it returns the result. */
export type Steps<T> = Generator<void, T, void>;

/** How many spans one slice of a pass covers: a few ms of work on this machine's browser. */
export const SPANS_PER_STEP = 16_384;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `steps()` once per key, kept in `cache`: a run that finds the result there returns it, and runs
 * that overlapped (the page's own and the breakdowns', each in idle slices) keep the first result
 * finished, so every caller shares one.
 */
export function* stepOncePer<Key extends object, T>(cache: WeakMap<Key, T>, key: Key, steps: () => Steps<T>): Steps<T> {
  const cached = cache.get(key);
  if (cached) return cached;
  const result = yield* steps();
  const first = cache.get(key) ?? result;
  cache.set(key, first);
  return first;
}
