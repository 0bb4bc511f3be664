// heat database calls: creating a stack whose resources are nested stacks.
import { insertInto, sqlTime, type SqlQuery } from "./sqlText";

const INSERT_RAW_TEMPLATE = insertInto("raw_template", ["created_at", "updated_at", "template", "files", "environment"]);

export function insertRawTemplate(us: number): SqlQuery {
  return {
    statement: INSERT_RAW_TEMPLATE,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      template: '{"heat_template_version": "2021-04-16", "resources": {"tier": {"type": "OS::Heat::Stack"}}}',
      files: "{}",
      environment: '{"parameters": {}, "resource_registry": {}}',
    },
  };
}

const INSERT_STACK = insertInto("stack", [
  "created_at",
  "updated_at",
  "deleted_at",
  "id",
  "name",
  "raw_template_id",
  "username",
  "tenant",
  "user_creds_id",
  "owner_id",
  "parent_resource_name",
  "action",
  "status",
  "status_reason",
  "timeout",
  "disable_rollback",
  "nested_depth",
  "convergence",
  "current_traversal",
]);

export function insertStack(v: {
  id: string;
  name: string;
  templateId: number;
  tenant: string;
  ownerId: string | null;
  depth: number;
  us: number;
}): SqlQuery {
  return {
    statement: INSERT_STACK,
    params: {
      created_at: sqlTime(v.us),
      updated_at: null,
      deleted_at: null,
      id: v.id,
      name: v.name,
      raw_template_id: v.templateId,
      username: "ops",
      tenant: v.tenant,
      user_creds_id: 42,
      owner_id: v.ownerId,
      parent_resource_name: v.ownerId ? "tier" : null,
      action: "CREATE",
      status: "IN_PROGRESS",
      status_reason: "Stack CREATE started",
      timeout: 60,
      disable_rollback: true,
      nested_depth: v.depth,
      convergence: true,
      current_traversal: v.id,
    },
  };
}

const INSERT_RESOURCE = insertInto("resource", [
  "created_at",
  "updated_at",
  "uuid",
  "nova_instance",
  "name",
  "action",
  "status",
  "status_reason",
  "stack_id",
  "properties_data",
  "needed_by",
  "requires",
  "replaces",
  "current_template_id",
  "root_stack_id",
]);

export function insertResource(uuid: string, name: string, stackId: string, rootStackId: string, us: number): SqlQuery {
  return {
    statement: INSERT_RESOURCE,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      uuid,
      nova_instance: null,
      name,
      action: "INIT",
      status: "COMPLETE",
      status_reason: "",
      stack_id: stackId,
      properties_data: null,
      needed_by: "[]",
      requires: "[]",
      replaces: null,
      current_template_id: 1,
      root_stack_id: rootStackId,
    },
  };
}

const UPDATE_RESOURCE =
  "UPDATE resource SET updated_at=%(updated_at)s, action=%(action)s, status=%(status)s, status_reason=%(status_reason)s, " +
  "nova_instance=%(nova_instance)s, engine_id=%(engine_id)s, atomic_key=%(atomic_key)s WHERE resource.id = %(id_1)s AND resource.atomic_key = %(atomic_key_1)s";

export function updateResource(id: number, status: string, physicalId: string | null, engineId: string | null, us: number): SqlQuery {
  return {
    statement: UPDATE_RESOURCE,
    params: {
      updated_at: sqlTime(us),
      action: "CREATE",
      status,
      status_reason: status === "COMPLETE" ? "state changed" : "",
      nova_instance: physicalId,
      engine_id: engineId,
      atomic_key: 2,
      id_1: id,
      atomic_key_1: 1,
    },
  };
}

const INSERT_EVENT = insertInto("event", [
  "created_at",
  "updated_at",
  "stack_id",
  "uuid",
  "resource_action",
  "resource_status",
  "resource_name",
  "physical_resource_id",
  "resource_status_reason",
  "resource_type",
  "rsrc_prop_data_id",
]);

export function insertEvent(stackId: string, uuid: string, status: string, physicalId: string | null, us: number): SqlQuery {
  return {
    statement: INSERT_EVENT,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      stack_id: stackId,
      uuid,
      resource_action: "CREATE",
      resource_status: status,
      resource_name: "tier",
      physical_resource_id: physicalId,
      resource_status_reason: "state changed",
      resource_type: "OS::Heat::Stack",
      rsrc_prop_data_id: null,
    },
  };
}

const INSERT_STACK_LOCK = insertInto("stack_lock", ["created_at", "updated_at", "stack_id", "engine_id"]);

export function insertStackLock(stackId: string, engineId: string, us: number): SqlQuery {
  return { statement: INSERT_STACK_LOCK, params: { created_at: sqlTime(us), updated_at: null, stack_id: stackId, engine_id: engineId } };
}

const DELETE_STACK_LOCK = "DELETE FROM stack_lock WHERE stack_lock.stack_id = %(stack_id_1)s AND stack_lock.engine_id = %(engine_id_1)s";

export function deleteStackLock(stackId: string, engineId: string): SqlQuery {
  return { statement: DELETE_STACK_LOCK, params: { stack_id_1: stackId, engine_id_1: engineId } };
}
