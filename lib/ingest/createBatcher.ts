// When the collector cuts a batch, without any broker or database in sight: the worker adds
// each delivery, the batcher hands `commit` one batch at a time. Batching adapts to load:
// a batch is cut when it holds batchSize items, when its first item has waited batchMs, or when
// the previous commit finishes with a full batch waiting (under load batches fill while the last
// one commits, so they grow to batchSize; at a low rate each waits at most batchMs). Commits run
// one at a time, in arrival order, so the caller can acknowledge "everything up to the last item".
// Once drain() is called, nothing waits for the clock any more: what is pending is committed at
// once, in batches of at most batchSize.
// A commit may hand items back (a collector's carried deliveries): they rejoin the front of the
// next batch, counted in its batchSize, and the next batch is timed as if they had just arrived
// (or with the oldest item still pending, when that came first).

export type BatcherClock = {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

const SYSTEM_CLOCK: BatcherClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type BatcherOptions<T> = {
  batchSize: number;
  batchMs: number;
  /**
   * Stores and settles one batch; resolves with the items to carry into the next batch, if any.
   * It handles its own failures: a rejection is a bug and is not caught here.
   */
  commit(items: T[]): Promise<T[] | void>;
  clock?: BatcherClock;
};

export type Batcher<T> = {
  add(item: T): void;
  /** Forgets pending items that will never be committed (those of a closed channel, redelivered by RabbitMQ). */
  discard(match: (item: T) => boolean): void;
  /** No more items are expected: commits everything pending without waiting; resolves when nothing is left. */
  drain(): Promise<void>;
  /** True when nothing is pending and no commit is running. */
  isIdle(): boolean;
  readonly pendingCount: number;
};

export function createBatcher<T>(options: BatcherOptions<T>): Batcher<T> {
  const { batchSize, batchMs, commit } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  let pending: { item: T; arrivedAt: number }[] = [];
  let committing: Promise<void> | null = null;
  let timer: unknown = null;
  let draining = false;

  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function cut(): void {
    if (committing || pending.length === 0) return;
    const waitedMs = clock.now() - pending[0]!.arrivedAt;
    if (draining || pending.length >= batchSize || waitedMs >= batchMs) {
      clearTimer();
      const items = pending.splice(0, batchSize).map((entry) => entry.item);
      committing = commit(items).then(
        (carried) => {
          if (carried && carried.length > 0) {
            const arrivedAt = Math.min(clock.now(), pending[0]?.arrivedAt ?? Infinity);
            pending = [...carried.map((item) => ({ item, arrivedAt })), ...pending];
          }
          committing = null;
          cut();
        },
        (error: unknown) => {
          committing = null;
          cut();
          throw error;
        },
      );
    } else {
      timer ??= clock.setTimeout(() => {
        timer = null;
        cut();
      }, batchMs - waitedMs);
    }
  }

  return {
    add(item) {
      pending.push({ item, arrivedAt: clock.now() });
      cut();
    },
    discard(match) {
      pending = pending.filter((entry) => !match(entry.item));
      if (pending.length === 0) clearTimer();
    },
    async drain() {
      draining = true;
      clearTimer();
      cut();
      while (committing || pending.length > 0) {
        if (committing) await committing;
        else cut();
      }
    },
    isIdle: () => committing === null && pending.length === 0,
    get pendingCount() {
      return pending.length;
    },
  };
}
