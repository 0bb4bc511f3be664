// The benchmarks' and tests' mode (stopWhenDrained): stop once the queue is empty and every
// message received is committed. Polls the queue depth on the consuming channel while the
// collector is idle; deliveries sent before the broker's reply were handled before it (frames on
// a channel are ordered), so an empty queue seen while still idle means nothing is left.
import type { BrokerSession } from "./types";

export type DrainWatch = {
  queue: string;
  intervalMs: number;
  session(): BrokerSession | null;
  /** Nothing pending, nothing being committed, not stopping. */
  isIdle(): boolean;
  onDrained(): void;
};

/** Returns a function that ends the watch. */
export function watchForDrain(watch: DrainWatch): () => void {
  let checking = false;
  const timer = setInterval(() => {
    const s = watch.session();
    if (checking || !s?.open || !watch.isIdle()) return;
    checking = true;
    s.channel
      .checkQueue(watch.queue)
      .then(
        (q) => {
          if (q.messageCount === 0 && watch.isIdle()) watch.onDrained();
        },
        () => undefined,
      )
      .finally(() => (checking = false));
  }, watch.intervalMs);
  return () => clearInterval(timer);
}
