// keystone database calls: password authentication, role assignments, catalog, revocations.
import { columnsOf, inList, type SqlQuery } from "./sqlText";

const SELECT_LOCAL_USER =
  `SELECT ${columnsOf("local_user", ["id", "user_id", "domain_id", "name", "failed_auth_count", "failed_auth_at"])} ` +
  "FROM local_user WHERE local_user.name = %(name_1)s AND local_user.domain_id = %(domain_id_1)s";

export function selectLocalUser(name: string, domainId: string): SqlQuery {
  return { statement: SELECT_LOCAL_USER, params: { name_1: name, domain_id_1: domainId } };
}

const SELECT_USER =
  `SELECT ${columnsOf("user", ["id", "extra", "enabled", "default_project_id", "created_at", "last_active_at", "domain_id"])} ` +
  "FROM user WHERE user.id = %(pk_1)s";

export function selectUser(userId: string): SqlQuery {
  return { statement: SELECT_USER, params: { pk_1: userId } };
}

const SELECT_PASSWORD =
  `SELECT ${columnsOf("password", ["id", "local_user_id", "expires_at", "self_service", "password_hash", "created_at_int", "expires_at_int", "created_at"])} ` +
  "FROM password WHERE %(param_1)s = password.local_user_id ORDER BY password.created_at_int";

export function selectPassword(localUserId: number): SqlQuery {
  return { statement: SELECT_PASSWORD, params: { param_1: localUserId } };
}

const SELECT_PROJECT =
  `SELECT ${columnsOf("project", ["id", "name", "domain_id", "description", "enabled", "extra", "parent_id", "is_domain"])} ` +
  "FROM project WHERE project.id = %(pk_1)s";

export function selectProject(projectId: string): SqlQuery {
  return { statement: SELECT_PROJECT, params: { pk_1: projectId } };
}

export function selectAssignments(actorIds: readonly string[], targetId: string): SqlQuery {
  const list = inList("actor_id", actorIds);
  return {
    statement:
      `SELECT ${columnsOf("assignment", ["type", "actor_id", "target_id", "role_id", "inherited"])} FROM assignment ` +
      `WHERE assignment.actor_id IN ${list.sql} AND assignment.target_id = %(target_id_1)s AND assignment.inherited = false`,
    params: { ...list.params, target_id_1: targetId },
  };
}

export function selectRoles(roleIds: readonly string[]): SqlQuery {
  const list = inList("id", roleIds);
  return {
    statement: `SELECT ${columnsOf("role", ["id", "name", "domain_id", "description", "extra"])} FROM role WHERE role.id IN ${list.sql}`,
    params: list.params,
  };
}

const SELECT_IMPLIED_ROLES =
  `SELECT ${columnsOf("implied_role", ["prior_role_id", "implied_role_id"])} FROM implied_role ` +
  "WHERE implied_role.prior_role_id = %(prior_role_id_1)s";

export function selectImpliedRoles(roleId: string): SqlQuery {
  return { statement: SELECT_IMPLIED_ROLES, params: { prior_role_id_1: roleId } };
}

const SELECT_GROUPS_OF_USER =
  `SELECT ${columnsOf("group", ["id", "domain_id", "name", "description", "extra"])} FROM \`group\` ` +
  "INNER JOIN user_group_membership ON group.id = user_group_membership.group_id WHERE user_group_membership.user_id = %(user_id_1)s";

export function selectGroupsOfUser(userId: string): SqlQuery {
  return { statement: SELECT_GROUPS_OF_USER, params: { user_id_1: userId } };
}

const SELECT_REVOCATIONS =
  `SELECT ${columnsOf("revocation_event", ["id", "domain_id", "project_id", "user_id", "role_id", "trust_id", "consumer_id", "access_token_id", "issued_before", "expires_at", "revoked_at", "audit_id", "audit_chain_id"])} ` +
  "FROM revocation_event ORDER BY revocation_event.revoked_at";

export function selectRevocationEvents(): SqlQuery {
  return { statement: SELECT_REVOCATIONS, params: {} };
}

const SELECT_CATALOG =
  `SELECT ${columnsOf("endpoint", ["id", "legacy_endpoint_id", "interface", "region_id", "service_id", "url", "enabled", "extra"])}, ` +
  `${columnsOf("service_1", ["id", "type", "enabled", "extra"])} FROM endpoint ` +
  "LEFT OUTER JOIN service AS service_1 ON service_1.id = endpoint.service_id WHERE endpoint.enabled = true";

export function selectCatalog(): SqlQuery {
  return { statement: SELECT_CATALOG, params: {} };
}

const UPDATE_LAST_ACTIVE = "UPDATE user SET last_active_at=%(last_active_at)s WHERE user.id = %(id_1)s";

export function updateLastActive(userId: string, day: string): SqlQuery {
  return { statement: UPDATE_LAST_ACTIVE, params: { last_active_at: day, id_1: userId } };
}
