// GET /v2.1/servers/detail: one query for the page of instances, then lazy loads per instance
// (flavor via instance_extra, security groups): the N+1 pattern operators hunt for. A big page
// is a wide fan-out under one compute_api call. units = servers in the page.
import { SERVICE } from "../deployment";
import * as neutronSql from "../sql/neutron";
import * as novaSql from "../sql/nova";
import { kwargsRepr, q } from "./calls";
import type { Scenario, ScenarioInput } from "./scenario";

export const listServers: Scenario = {
  name: "list-servers",
  request: "GET /v2.1/servers/detail",
  unit: "servers in the page",
  spansAtOneUnit: 12.4,
  spansPerUnit: 2.5,
  naturalUnits: (random) => Math.round(random.logNormal(12, 0.9, 1, 1000)),
  build,
};

function build({ calls, tenant, units, fail }: ScenarioInput): void {
  const { random, pick, db, traced, wsgi } = calls;
  const api = pick(SERVICE.novaApi);
  const uuids = Array.from({ length: units }, () => random.uuid());
  // The connection drops late in the page (a long request is the one that meets a failover),
  // so a failed trace keeps about the size that was asked for.
  const failAt = fail ? random.int(Math.floor(units * 0.9), units - 1) : -1;
  const lost = {
    etype: "oslo_db.exception.DBConnectionError",
    message: "(pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')",
  };

  wsgi(
    api,
    "GET",
    "/v2.1/servers/detail",
    units >= 1000 ? `limit=${units}` : "",
    () => {
      calls.maybeValidateToken(tenant.userId, tenant.projectId, tenant.roleIds);
      traced(
        api,
        "compute_api",
        {
          name: "nova.compute.api.API.get_all",
          args: calls.args("nova.compute.api.API.get_all", true),
          kwargs: kwargsRepr({
            search_opts: `{'deleted': False, 'project_id': ${q(tenant.projectId)}}`,
            limit: String(units),
            marker: "None",
            expected_attrs: "['flavor', 'info_cache', 'metadata', 'pci_devices', 'security_groups']",
            sort_keys: "['created_at']",
            sort_dirs: "['desc']",
            cell_down_support: "False",
            all_tenants: "False",
          }),
        },
        () => {
          db(api, novaSql.selectCellMappings());
          db(api, novaSql.listInstances(tenant.projectId, units));
          db(api, novaSql.selectInstanceFaults(uuids.slice(0, 1000)));
          uuids.forEach((uuid, i) => {
            if (i === failAt) {
              db(api, novaSql.selectInstanceExtra(uuid), { ...lost, chained: lost.message });
              return;
            }
            if (failAt >= 0 && i > failAt) return;
            db(api, novaSql.selectInstanceExtra(uuid));
            db(api, novaSql.selectSecurityGroups(uuid));
            if (random.chance(0.5)) db(api, novaSql.selectSystemMetadata(uuid));
          });
        },
        failAt >= 0 ? lost : null,
      );
      if (failAt >= 0) return;
      traced(
        api,
        "neutron_api",
        {
          name: "nova.network.security_group_api.get_instances_security_groups_bindings",
          args: calls.args("nova.network.security_group_api.get_instances_security_groups_bindings", true, `[${units} servers]`),
          kwargs: "{}",
        },
        () => {
          const neutron = pick(SERVICE.neutron);
          wsgi(neutron, "GET", "/v2.0/ports", `device_id=${uuids.slice(0, 2).join("&device_id=")}${units > 2 ? "&..." : ""}`, () =>
            db(neutron, neutronSql.countPorts(tenant.projectId)),
          );
        },
      );
    },
    failAt >= 0 ? lost : null,
  ); // the error passes osprofiler's middleware on its way to FaultWrapper
}
