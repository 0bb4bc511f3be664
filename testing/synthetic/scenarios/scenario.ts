// A scenario is one kind of API request and everything it sets off across the cloud. Its size
// grows with "units" (servers listed, instances booted, networks listed, ...), which is how a
// requested span count is reached: units = 1 + (spanCount - spansAtOneUnit) / spansPerUnit,
// so a trace lands within about 20% of the request, or one unit for the smallest sizes.
import type { Random } from "../createRandom";
import type { Tenant } from "../deployment";
import type { ScenarioName } from "../types";
import type { Calls } from "./calls";

export type ScenarioInput = {
  calls: Calls;
  tenant: Tenant;
  units: number;
  /** Make something in this request raise (each scenario knows what typically fails). */
  fail: boolean;
};

export type Scenario = {
  name: ScenarioName;
  /** What the request is, for people reading test output: "POST /v2.1/servers". */
  request: string;
  /** What "units" counts. */
  unit: string;
  /** Average spans with one unit, and per further unit (measured; see the size test). */
  spansAtOneUnit: number;
  spansPerUnit: number;
  /** Units of a typical request, for traffic without a requested size. */
  naturalUnits(random: Random): number;
  build(input: ScenarioInput): void;
};
