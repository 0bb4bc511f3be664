// Is a process's memory bounded under sustained load? After the warm-up, samples are split in
// thirds: memory that keeps growing shows as a last third above the middle one, and as a
// positive least-squares slope. Resident memory is looked at whole (RSS) and in its two parts:
// anonymous (the process's own allocations, where a leak shows) and file-backed (mapped files:
// SQLite's memory-mapped database pages, page cache the kernel can take back, capped by mmap_size).
import type { RssSample } from "./processes";
import { round } from "./report";

type SeriesSummary = {
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
};

export type RssSummary = {
  samples: number;
  rss: SeriesSummary;
  anon: SeriesSummary;
  file: SeriesSummary;
  /** [seconds, RSS, anonymous, file-backed] MiB. */
  series: [number, number, number, number][];
};

export function summarizeRss(samples: readonly RssSample[], warmupSeconds: number): RssSummary {
  return {
    samples: samples.length,
    rss: summarizeSeries(
      samples.map((s) => ({ t: s.t, v: s.rssMiB })),
      warmupSeconds,
    ),
    anon: summarizeSeries(
      samples.map((s) => ({ t: s.t, v: s.anonMiB })),
      warmupSeconds,
    ),
    file: summarizeSeries(
      samples.map((s) => ({ t: s.t, v: s.fileMiB })),
      warmupSeconds,
    ),
    series: samples.map((s) => [round(s.t, 1), s.rssMiB, s.anonMiB, s.fileMiB]),
  };
}

function summarizeSeries(samples: readonly { t: number; v: number }[], warmupSeconds: number): SeriesSummary {
  const after = samples.filter((s) => s.t >= warmupSeconds);
  const use = after.length >= 3 ? after : samples;
  const third = Math.floor(use.length / 3);
  const middle = use.slice(third, 2 * third);
  const last = use.slice(2 * third);
  const maxOf = (xs: readonly { v: number }[]) => Math.max(...xs.map((x) => x.v));
  const n = use.length;
  const mt = use.reduce((a, s) => a + s.t, 0) / n;
  const mv = use.reduce((a, s) => a + s.v, 0) / n;
  const cov = use.reduce((a, s) => a + (s.t - mt) * (s.v - mv), 0);
  const vt = use.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return {
    firstMiB: samples[0]?.v ?? NaN,
    minMiB: Math.min(...samples.map((s) => s.v)),
    maxMiB: Math.max(...samples.map((s) => s.v)),
    lastMiB: samples[samples.length - 1]?.v ?? NaN,
    middleThirdMaxMiB: maxOf(middle),
    lastThirdMaxMiB: maxOf(last),
    growth: round(maxOf(last) / maxOf(middle) - 1, 3),
    slopeMiBPerMin: round(vt > 0 ? (cov / vt) * 60 : 0, 2),
  };
}
