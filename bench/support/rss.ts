// Is a process's memory bounded under sustained load? After the warm-up, RSS samples are split
// in thirds: memory that keeps growing shows as a last third above the middle one, and as a
// positive least-squares slope.
import { round } from "./report";

export type RssSummary = {
  samples: number;
  firstMiB: number;
  minMiB: number;
  maxMiB: number;
  lastMiB: number;
  /** Max of the middle third and of the last third of the samples after warm-up. */
  middleThirdMaxMiB: number;
  lastThirdMaxMiB: number;
  /** Growth of the last third's max over the middle third's max. */
  growth: number;
  slopeMiBPerMin: number;
  series: [number, number][];
};

export function summarizeRss(samples: readonly { t: number; rssMiB: number }[], warmupSeconds: number): RssSummary {
  const after = samples.filter((s) => s.t >= warmupSeconds);
  const use = after.length >= 3 ? after : samples;
  const third = Math.floor(use.length / 3);
  const middle = use.slice(third, 2 * third);
  const last = use.slice(2 * third);
  const maxOf = (xs: readonly { rssMiB: number }[]) => Math.max(...xs.map((x) => x.rssMiB));
  const n = use.length;
  const mt = use.reduce((a, s) => a + s.t, 0) / n;
  const mr = use.reduce((a, s) => a + s.rssMiB, 0) / n;
  const cov = use.reduce((a, s) => a + (s.t - mt) * (s.rssMiB - mr), 0);
  const vt = use.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return {
    samples: samples.length,
    firstMiB: samples[0]?.rssMiB ?? NaN,
    minMiB: Math.min(...samples.map((s) => s.rssMiB)),
    maxMiB: Math.max(...samples.map((s) => s.rssMiB)),
    lastMiB: samples[samples.length - 1]?.rssMiB ?? NaN,
    middleThirdMaxMiB: maxOf(middle),
    lastThirdMaxMiB: maxOf(last),
    growth: round(maxOf(last) / maxOf(middle) - 1, 3),
    slopeMiBPerMin: round(vt > 0 ? (cov / vt) * 60 : 0, 2),
    series: samples.map((s) => [round(s.t, 1), s.rssMiB]),
  };
}
