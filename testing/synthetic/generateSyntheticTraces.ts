// A stream of synthetic traces: requests arriving at random (Poisson) times, each one a scenario
// (or a weighted mix), some of them failing. Lazy: a trace is built when it is pulled.
import { buildSyntheticTrace } from "./buildSyntheticTrace";
import { createRandom } from "./createRandom";
import { createDeployment } from "./deployment";
import { MIXED_WEIGHTS } from "./scenarios";
import { resolveTrafficOptions, type ResolvedTrafficOptions, type TrafficOptions } from "./trafficOptions";
import type { ScenarioName, SyntheticTrace } from "./types";

/** What trace i will be, decided before it is built (so callers can look ahead cheaply). */
export type PlannedTrace = { index: number; scenario: ScenarioName; startUs: number; fail: boolean; seed: string };

export function* planSyntheticTraces(options: ResolvedTrafficOptions): Generator<PlannedTrace> {
  // Separate streams: the schedule does not change when, say, the error rate does.
  const arrivals = createRandom(`${options.seed}/arrivals`);
  const kinds = createRandom(`${options.seed}/scenarios`);
  const failures = createRandom(`${options.seed}/failures`);
  const meanGapUs = 1_000_000 / options.tracesPerSecond;
  let startUs = options.startUs;
  for (let index = 0; index < options.traces; index++) {
    if (index > 0) startUs += Math.max(1, Math.round(arrivals.exponential(meanGapUs)));
    const scenario = options.scenario === "mixed" ? kinds.pickWeighted(MIXED_WEIGHTS) : options.scenario;
    yield { index, scenario, startUs, fail: failures.chance(options.errorRate), seed: `${options.seed}/trace/${index}` };
  }
}

export function* generateSyntheticTraces(options: TrafficOptions = {}): Generator<SyntheticTrace> {
  const resolved = resolveTrafficOptions(options);
  const deployment = createDeployment();
  for (const plan of planSyntheticTraces(resolved)) {
    yield buildSyntheticTrace({
      scenario: plan.scenario,
      seed: plan.seed,
      startUs: plan.startUs,
      spanCount: resolved.spanCount,
      fail: plan.fail,
      deployment,
    });
  }
}
