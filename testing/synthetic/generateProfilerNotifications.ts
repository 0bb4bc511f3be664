// The notification stream a collector would see: the notifications of overlapping traces,
// merged in the order the services sent them, then made messy if asked. Lazy and bounded in
// memory by the traces still in flight (a k-way merge over per-trace cursors).
import { applyMessiness, createSkewedClock } from "./applyMessiness";
import { buildSyntheticTrace } from "./buildSyntheticTrace";
import { createNotificationCursor, type HostClock, type NotificationCursor } from "./convertSyntheticTraceToNotifications";
import { createDeployment } from "./deployment";
import { planSyntheticTraces } from "./generateSyntheticTraces";
import { resolveTrafficOptions, type ResolvedTrafficOptions, type TrafficOptions } from "./trafficOptions";
import type { SyntheticNotification } from "./types";

export function* generateProfilerNotifications(options: TrafficOptions = {}): Generator<SyntheticNotification> {
  const resolved = resolveTrafficOptions(options);
  const ordered = mergeTraces(resolved, createSkewedClock(resolved.messiness.clockSkewUs, resolved.seed));
  let left = resolved.notifications;
  if (left === 0) return;
  for (const n of applyMessiness(ordered, resolved.messiness, resolved.seed)) {
    yield n;
    if (--left === 0) return;
  }
}

function* mergeTraces(options: ResolvedTrafficOptions, clock: HostClock): Generator<SyntheticNotification> {
  const deployment = createDeployment();
  const plans = planSyntheticTraces(options);
  let next = plans.next();
  const heap: NotificationCursor[] = [];
  for (;;) {
    // A trace's first notification comes no earlier than its request arrives, so every trace
    // arriving after the earliest pending notification can wait.
    while (!next.done && (heap.length === 0 || next.value.startUs <= heap[0]!.nextTimeUs())) {
      const plan = next.value;
      const trace = buildSyntheticTrace({
        scenario: plan.scenario,
        seed: plan.seed,
        startUs: plan.startUs,
        spanCount: options.spanCount,
        fail: plan.fail,
        deployment,
      });
      push(heap, createNotificationCursor(trace, clock));
      next = plans.next();
    }
    if (heap.length === 0) return;
    const top = heap[0]!;
    yield top.take();
    if (top.nextTimeUs() === Infinity) {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(heap, 0);
      }
    } else {
      siftDown(heap, 0);
    }
  }
}

function push(heap: NotificationCursor[], cursor: NotificationCursor): void {
  heap.push(cursor);
  let i = heap.length - 1;
  const t = cursor.nextTimeUs();
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.nextTimeUs() <= t) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = cursor;
}

function siftDown(heap: NotificationCursor[], i: number): void {
  const item = heap[i]!;
  const t = item.nextTimeUs();
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && heap[right]!.nextTimeUs() < heap[left]!.nextTimeUs() ? right : left;
    if (heap[child]!.nextTimeUs() >= t) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = item;
}
