// The ways real arrival goes wrong, applied to an ordered stream of notifications: lost stops,
// redeliveries, and reordering within a bounded window. Deterministic from the seed.
import { createRandom, type Random } from "./createRandom";
import type { HostClock } from "./convertSyntheticTraceToNotifications";
import type { Messiness } from "./trafficOptions";
import type { SyntheticNotification } from "./types";

export function* applyMessiness(
  notifications: Iterable<SyntheticNotification>,
  messiness: Messiness,
  seed: number | string,
): Generator<SyntheticNotification> {
  const random = createRandom(`${seed}/messiness`);
  const dropStopRate = messiness.dropStopRate ?? 0;
  const duplicateRate = messiness.duplicateRate ?? 0;
  const window = messiness.shuffleWindow ?? 0;
  if (dropStopRate === 0 && duplicateRate === 0 && window <= 1) {
    yield* notifications;
    return;
  }
  // Fixed windows (not a sliding reservoir) so that nothing moves by `window` places or more.
  const buffer: SyntheticNotification[] = [];
  for (const n of notifications) {
    if (dropStopRate > 0 && n.payload.name.endsWith("-stop") && random.chance(dropStopRate)) continue;
    buffer.push(n);
    if (duplicateRate > 0 && random.chance(duplicateRate)) buffer.push(n);
    if (buffer.length >= Math.max(1, window)) yield* drain(buffer, window, random);
  }
  yield* drain(buffer, window, random);
}

function* drain(buffer: SyntheticNotification[], window: number, random: Random): Generator<SyntheticNotification> {
  if (window > 1) {
    for (let i = buffer.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      const t = buffer[i]!;
      buffer[i] = buffer[j]!;
      buffer[j] = t;
    }
  }
  for (const n of buffer) yield n;
  buffer.length = 0;
}

/** A fixed offset per host, up to ± maxSkewUs, derived from the seed and the host name. */
export function createSkewedClock(maxSkewUs: number, seed: number | string): HostClock {
  if (maxSkewUs <= 0) return () => 0;
  const offsets = new Map<string, number>();
  return (host) => {
    let offset = offsets.get(host);
    if (offset === undefined) {
      offset = Math.round(createRandom(`${seed}/clock/${host}`).between(-maxSkewUs, maxSkewUs));
      offsets.set(host, offset);
    }
    return offset;
  };
}
