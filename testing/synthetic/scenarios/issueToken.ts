// POST /v3/auth/tokens on keystone: password check, then role assignments for the user and for
// each group it belongs to, implied roles and the catalog. units = the user's groups.
import { SERVICE } from "../deployment";
import * as keystoneSql from "../sql/keystone";
import type { Scenario, ScenarioInput } from "./scenario";

export const issueToken: Scenario = {
  name: "issue-token",
  request: "POST /v3/auth/tokens",
  unit: "groups of the user",
  spansAtOneUnit: 13,
  spansPerUnit: 1,
  naturalUnits: (random) => random.int(1, 4),
  build,
};

function build({ calls, tenant, units, fail }: ScenarioInput): void {
  const { b, random, pick, db, wsgi } = calls;
  const keystone = pick(SERVICE.keystone);
  const domainId = "default";
  const groups = Array.from({ length: units }, () => random.hex32());

  wsgi(keystone, "POST", "/v3/auth/tokens", "", () => {
    db(keystone, keystoneSql.selectLocalUser(tenant.userName, domainId));
    db(keystone, keystoneSql.selectUser(tenant.userId));
    db(keystone, keystoneSql.selectPassword(random.int(1, 5_000)));
    b.elapse(random.between(60_000, 250_000)); // bcrypt/pbkdf2 of the password
    const day = new Date(Math.floor(b.now() / 1000)).toISOString().slice(0, 10);
    // Two token requests of one user race on last_active_at: a deadlock that oslo.db retries.
    if (fail) calls.dbDeadlockRetried(keystone, keystoneSql.updateLastActive(tenant.userId, day));
    else db(keystone, keystoneSql.updateLastActive(tenant.userId, day));
    db(keystone, keystoneSql.selectProject(tenant.projectId));
    db(keystone, keystoneSql.selectGroupsOfUser(tenant.userId));
    for (const group of groups) db(keystone, keystoneSql.selectAssignments([group], tenant.projectId));
    db(keystone, keystoneSql.selectAssignments([tenant.userId], tenant.projectId));
    db(keystone, keystoneSql.selectRoles(tenant.roleIds));
    db(keystone, keystoneSql.selectImpliedRoles(tenant.roleIds[0]!));
    db(keystone, keystoneSql.selectCatalog());
    db(keystone, keystoneSql.selectRevocationEvents());
    b.elapse(random.between(2_000, 9_000)); // fernet token encryption
  });
}
