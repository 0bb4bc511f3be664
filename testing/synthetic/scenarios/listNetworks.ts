// GET /v2.0/networks on neutron-server: the network query, then per network the loads that the
// resource extensions trigger (subnets, segments, tags, RBAC entries). units = networks.
import { SERVICE } from "../deployment";
import * as neutronSql from "../sql/neutron";
import type { Scenario, ScenarioInput } from "./scenario";

export const listNetworks: Scenario = {
  name: "list-networks",
  request: "GET /v2.0/networks",
  unit: "networks",
  spansAtOneUnit: 6.5,
  spansPerUnit: 3.6,
  naturalUnits: (random) => Math.round(random.logNormal(6, 0.8, 1, 300)),
  build,
};

function build({ calls, tenant, units, fail }: ScenarioInput): void {
  const { random, pick, db, wsgi } = calls;
  const neutron = pick(SERVICE.neutron);
  const failAt = fail ? random.int(0, units - 1) : -1;

  wsgi(neutron, "GET", "/v2.0/networks", random.chance(0.3) ? "router:external=True" : "", () => {
    calls.maybeValidateToken(tenant.userId, tenant.projectId, tenant.roleIds);
    db(neutron, neutronSql.listNetworks([tenant.projectId], units));
    for (let i = 0; i < units; i++) {
      const networkId = i === 0 ? tenant.networkId : random.uuid();
      if (i === failAt) {
        // A deadlock on a read under load: oslo.db retries it and the request still succeeds.
        calls.dbDeadlockRetried(neutron, neutronSql.selectSubnets(networkId));
      } else {
        db(neutron, neutronSql.selectSubnets(networkId));
      }
      db(neutron, neutronSql.selectSegments(networkId));
      db(neutron, neutronSql.selectTags(random.int(1_000, 900_000)));
      if (random.chance(0.6)) db(neutron, neutronSql.selectNetworkRbacs(networkId));
    }
  });
}
