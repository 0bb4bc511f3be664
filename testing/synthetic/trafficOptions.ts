// What a caller can ask of the synthetic traffic, and the defaults. Everything is optional.
import { parseTimestampUs } from "../../lib/notification/timestamp";
import type { ScenarioName } from "./types";

export type Messiness = {
  /** Fraction of stop notifications never sent (a notifier with retry=0, a crashed service). */
  dropStopRate?: number;
  /** Fraction of notifications delivered twice, byte for byte the same (a redelivery). */
  duplicateRate?: number;
  /** Arrival order shuffled within consecutive windows of this many notifications. */
  shuffleWindow?: number;
  /** Each host's clock is off by a fixed amount up to ± this many microseconds. */
  clockSkewUs?: number;
};

export type TrafficOptions = {
  /** Same seed, same traffic. Default 1. */
  seed?: number | string;
  /** One scenario, or "mixed" (a weighted mix of all, the default). */
  scenario?: ScenarioName | "mixed";
  /** Approximate spans per trace (10 to 100k); omitted, each request has a typical size. */
  spanCount?: number;
  /** Number of traces. Default 1, unless `notifications` is given (then: as many as needed). */
  traces?: number;
  /** Stop after exactly this many notifications (traces still open at the cut stay incomplete). */
  notifications?: number;
  /** Fraction of traces in which a call raises. Default 0.05. */
  errorRate?: number;
  /** When the first request arrives: a Date, an ISO/OSprofiler timestamp, or µs since the epoch. */
  start?: Date | string | number;
  /** Mean request arrival rate (Poisson); traces overlap in time as in a busy cloud. Default 20. */
  tracesPerSecond?: number;
  messiness?: Messiness;
};

export type ResolvedTrafficOptions = {
  seed: number | string;
  scenario: ScenarioName | "mixed";
  spanCount: number | undefined;
  traces: number;
  notifications: number;
  errorRate: number;
  startUs: number;
  tracesPerSecond: number;
  messiness: Required<Messiness>;
};

const DEFAULT_START = "2024-05-01T10:00:00.000000";

export function resolveTrafficOptions(options: TrafficOptions = {}): ResolvedTrafficOptions {
  const rate = (name: string, value: number | undefined, fallback: number) => {
    const v = value ?? fallback;
    if (!(v >= 0 && v <= 1)) throw new Error(`${name} must be between 0 and 1, got ${value}`);
    return v;
  };
  const count = (name: string, value: number | undefined, fallback: number) => {
    const v = value ?? fallback;
    if (!(Number.isInteger(v) && v >= 0) && v !== Infinity) throw new Error(`${name} must be a whole number >= 0, got ${value}`);
    return v;
  };
  const tracesPerSecond = options.tracesPerSecond ?? 20;
  if (!(tracesPerSecond > 0)) throw new Error(`tracesPerSecond must be > 0, got ${options.tracesPerSecond}`);
  const m = options.messiness ?? {};
  return {
    seed: options.seed ?? 1,
    scenario: options.scenario ?? "mixed",
    spanCount: options.spanCount,
    traces: count("traces", options.traces, options.notifications === undefined ? 1 : Infinity),
    notifications: count("notifications", options.notifications, Infinity),
    errorRate: rate("errorRate", options.errorRate, 0.05),
    startUs: resolveStart(options.start ?? DEFAULT_START),
    tracesPerSecond,
    messiness: {
      dropStopRate: rate("messiness.dropStopRate", m.dropStopRate, 0),
      duplicateRate: rate("messiness.duplicateRate", m.duplicateRate, 0),
      shuffleWindow: count("messiness.shuffleWindow", m.shuffleWindow, 0),
      clockSkewUs: count("messiness.clockSkewUs", m.clockSkewUs, 0),
    },
  };
}

function resolveStart(start: Date | string | number): number {
  if (typeof start === "number") return Math.round(start);
  if (start instanceof Date) return start.getTime() * 1000;
  const us = parseTimestampUs(start);
  if (us === null) throw new Error(`start ${JSON.stringify(start)} is not a date and time`);
  return us;
}
