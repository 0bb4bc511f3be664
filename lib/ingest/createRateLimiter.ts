// Notifications per second per source (OSTRACE_RATE_LIMIT): one token bucket per source, holding
// at most one second of the rate. A charge may take a bucket below zero (a 10,000-element HTTP
// request costs 10,000 even when the rate is lower), and the source then waits until the debt
// is paid: over any period a source gets at most one second's burst plus the rate.
// HTTP ingest refuses an indebted source with 429 (`wouldWait` before reading the body);
// the collector charges each batch and waits before committing it, so RabbitMQ holds the rest.

export type RateLimiter = {
  /** Milliseconds until `source` may send again; 0 when it may now. Charges nothing. */
  wouldWait(source: string, nowMs: number): number;
  /** Takes `cost` from `source`'s bucket; returns the milliseconds to wait before going on (0 within the budget). */
  charge(source: string, cost: number, nowMs: number): number;
};

type Bucket = { tokens: number; atMs: number };

/** Buckets kept before full ones (sources quiet for a second or more) are forgotten. */
const MAX_BUCKETS = 10_000;

export function createRateLimiter(perSecond: number): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = perSecond / 1000;

  function refill(source: string, nowMs: number): Bucket {
    let bucket = buckets.get(source);
    if (!bucket) {
      if (buckets.size >= MAX_BUCKETS) forgetFull(nowMs);
      bucket = { tokens: perSecond, atMs: nowMs };
      buckets.set(source, bucket);
    }
    bucket.tokens = Math.min(perSecond, bucket.tokens + Math.max(0, nowMs - bucket.atMs) * perMs);
    bucket.atMs = nowMs;
    return bucket;
  }

  function forgetFull(nowMs: number): void {
    for (const [source, bucket] of buckets) if (bucket.tokens + (nowMs - bucket.atMs) * perMs >= perSecond) buckets.delete(source);
  }

  const waitFor = (bucket: Bucket) => (bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / perMs));

  if (perSecond <= 0) return { wouldWait: () => 0, charge: () => 0 };
  return {
    wouldWait(source, nowMs) {
      const bucket = refill(source, nowMs);
      return bucket.tokens > 0 ? 0 : Math.max(1, waitFor(bucket));
    },
    charge(source, cost, nowMs) {
      const bucket = refill(source, nowMs);
      bucket.tokens -= cost;
      return waitFor(bucket);
    },
  };
}
