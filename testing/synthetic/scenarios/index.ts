import type { ScenarioName } from "../types";
import { bootServer } from "./bootServer";
import { createStack } from "./createStack";
import { createVolume } from "./createVolume";
import { issueToken } from "./issueToken";
import { listNetworks } from "./listNetworks";
import { listServers } from "./listServers";
import type { Scenario } from "./scenario";

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  "boot-server": bootServer,
  "list-servers": listServers,
  "create-volume": createVolume,
  "list-networks": listNetworks,
  "issue-token": issueToken,
  "create-stack": createStack,
};

/** How often each request shows up in "mixed" traffic: reads dominate, as in real clouds. */
export const MIXED_WEIGHTS: readonly (readonly [ScenarioName, number])[] = [
  ["list-servers", 30],
  ["issue-token", 25],
  ["list-networks", 20],
  ["boot-server", 12],
  ["create-volume", 9],
  ["create-stack", 4],
];
