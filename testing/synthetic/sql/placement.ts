// placement database calls: allocation candidates for the scheduler, then claiming them.
import { inList, insertInto, sqlTime, type SqlQuery } from "./sqlText";

const PROVIDERS_WITH_CAPACITY =
  "SELECT rp.id FROM resource_providers AS rp JOIN inventories AS inv ON rp.id = inv.resource_provider_id " +
  "AND inv.resource_class_id = %(resource_class_id_1)s LEFT OUTER JOIN (SELECT allocations.resource_provider_id AS resource_provider_id, " +
  "sum(allocations.used) AS used FROM allocations WHERE allocations.resource_class_id = %(resource_class_id_2)s " +
  "GROUP BY allocations.resource_provider_id) AS usage ON inv.resource_provider_id = usage.resource_provider_id " +
  "WHERE coalesce(usage.used, %(coalesce_1)s) + %(param_1)s <= (inv.total - inv.reserved) * inv.allocation_ratio " +
  "AND inv.min_unit <= %(min_unit_1)s AND inv.max_unit >= %(max_unit_1)s AND %(param_2)s % inv.step_size = %(param_3)s";

/** One query per requested resource class (VCPU=0, MEMORY_MB=1, DISK_GB=2). */
export function selectProvidersWithCapacity(resourceClassId: number, amount: number): SqlQuery {
  return {
    statement: PROVIDERS_WITH_CAPACITY,
    params: {
      resource_class_id_1: resourceClassId,
      resource_class_id_2: resourceClassId,
      coalesce_1: 0,
      param_1: amount,
      min_unit_1: amount,
      max_unit_1: amount,
      param_2: amount,
      param_3: 0,
    },
  };
}

export function selectProviderSummaries(providerIds: readonly number[]): SqlQuery {
  const list = inList("id", providerIds);
  return {
    statement:
      "SELECT rp.id AS resource_provider_id, rp.uuid AS resource_provider_uuid, rp.generation AS resource_provider_generation, " +
      "inv.resource_class_id, inv.total, inv.reserved, inv.allocation_ratio, inv.max_unit, usage.used " +
      "FROM resource_providers AS rp JOIN inventories AS inv ON rp.id = inv.resource_provider_id " +
      "LEFT OUTER JOIN (SELECT allocations.resource_provider_id AS resource_provider_id, allocations.resource_class_id AS resource_class_id, " +
      "sum(allocations.used) AS used FROM allocations GROUP BY allocations.resource_provider_id, allocations.resource_class_id) AS usage " +
      "ON inv.resource_provider_id = usage.resource_provider_id AND inv.resource_class_id = usage.resource_class_id " +
      `WHERE rp.id IN ${list.sql}`,
    params: list.params,
  };
}

const SELECT_CONSUMER =
  "SELECT consumers.id, consumers.uuid, consumers.generation, consumers.consumer_type_id, projects.external_id AS project_id, " +
  "users.external_id AS user_id FROM consumers INNER JOIN projects ON consumers.project_id = projects.id " +
  "INNER JOIN users ON consumers.user_id = users.id WHERE consumers.uuid = %(uuid_1)s";

export function selectConsumer(uuid: string): SqlQuery {
  return { statement: SELECT_CONSUMER, params: { uuid_1: uuid } };
}

const INSERT_CONSUMER = insertInto("consumers", ["created_at", "updated_at", "uuid", "project_id", "user_id", "generation"]);

export function insertConsumer(uuid: string, us: number): SqlQuery {
  return {
    statement: INSERT_CONSUMER,
    params: { created_at: sqlTime(us), updated_at: null, uuid, project_id: 4, user_id: 11, generation: 0 },
  };
}

const INSERT_ALLOCATION = insertInto("allocations", [
  "created_at",
  "updated_at",
  "resource_provider_id",
  "consumer_id",
  "resource_class_id",
  "used",
]);

export function insertAllocation(providerId: number, consumer: string, resourceClassId: number, used: number, us: number): SqlQuery {
  return {
    statement: INSERT_ALLOCATION,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      resource_provider_id: providerId,
      consumer_id: consumer,
      resource_class_id: resourceClassId,
      used,
    },
  };
}

const BUMP_GENERATION =
  "UPDATE resource_providers SET generation=%(generation)s, updated_at=%(updated_at)s " +
  "WHERE resource_providers.id = %(id_1)s AND resource_providers.generation = %(generation_1)s";

export function bumpProviderGeneration(providerId: number, generation: number, us: number): SqlQuery {
  return {
    statement: BUMP_GENERATION,
    params: { generation: generation + 1, updated_at: sqlTime(us), id_1: providerId, generation_1: generation },
  };
}
