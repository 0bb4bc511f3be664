// One request of one scenario -> a synthetic trace (every span with its times and info).
import { createRandom } from "./createRandom";
import { createTraceBuilder } from "./createTraceBuilder";
import { createDeployment, type Deployment } from "./deployment";
import { createCalls } from "./scenarios/calls";
import { SCENARIOS } from "./scenarios";
import type { ScenarioName, SyntheticTrace } from "./types";

export type TraceRequest = {
  scenario: ScenarioName;
  /** Seed of this trace alone: the same seed gives the same trace, ids included. */
  seed: number | string;
  /** When the request reaches the first service, microseconds since the epoch. */
  startUs: number;
  /** Approximate number of spans; omitted, the scenario's typical size. */
  spanCount?: number;
  /** Make a call of this request raise. */
  fail?: boolean;
  deployment?: Deployment;
};

let sharedDeployment: Deployment | null = null;

export function buildSyntheticTrace(request: TraceRequest): SyntheticTrace {
  const scenario = SCENARIOS[request.scenario];
  if (!scenario) throw new Error(`unknown scenario ${JSON.stringify(request.scenario)}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  const deployment = request.deployment ?? (sharedDeployment ??= createDeployment());
  const random = createRandom(request.seed);
  const traceId = random.uuid();
  const units = request.spanCount === undefined ? scenario.naturalUnits(random) : unitsFor(scenario, request.spanCount);
  const builder = createTraceBuilder(random, traceId, Math.round(request.startUs));
  const calls = createCalls(builder, deployment, request.spanCount !== undefined && request.spanCount <= 200);
  const tenant = random.pick(deployment.tenants);
  scenario.build({ calls, tenant, units, fail: request.fail ?? false });
  if (builder.depth() !== 0) throw new Error(`scenario ${scenario.name} left ${builder.depth()} calls open`);
  return {
    traceId,
    scenario: scenario.name,
    startUs: Math.round(request.startUs),
    spans: builder.spans,
    failed: builder.spans.some((span) => span.stopInfo !== null && "etype" in span.stopInfo),
  };
}

function unitsFor(scenario: { spansAtOneUnit: number; spansPerUnit: number }, spanCount: number): number {
  if (!Number.isFinite(spanCount) || spanCount < 1) throw new Error(`spanCount must be a positive number, got ${spanCount}`);
  return Math.max(1, Math.round(1 + (spanCount - scenario.spansAtOneUnit) / scenario.spansPerUnit));
}
