// cinder database calls: creating a volume (quota reservation, the volume row, status updates).
import { columnsOf, insertInto, SOFT_DELETE, sqlTime, type SqlQuery } from "./sqlText";

const SELECT_VOLUME_TYPE =
  `SELECT ${columnsOf("volume_types", [...SOFT_DELETE, "name", "description", "qos_specs_id", "is_public"])} ` +
  "FROM volume_types WHERE volume_types.deleted = false AND volume_types.name = %(name_1)s LIMIT %(param_1)s";

export function selectVolumeType(name: string): SqlQuery {
  return { statement: SELECT_VOLUME_TYPE, params: { name_1: name, param_1: 1 } };
}

const SELECT_EXTRA_SPECS =
  `SELECT ${columnsOf("volume_type_extra_specs", [...SOFT_DELETE, "key", "value", "volume_type_id"])} ` +
  "FROM volume_type_extra_specs WHERE volume_type_extra_specs.volume_type_id = %(volume_type_id_1)s AND volume_type_extra_specs.deleted = false";

export function selectExtraSpecs(typeId: string): SqlQuery {
  return { statement: SELECT_EXTRA_SPECS, params: { volume_type_id_1: typeId } };
}

const SELECT_QUOTA_USAGES =
  `SELECT ${columnsOf("quota_usages", [...SOFT_DELETE, "project_id", "resource", "in_use", "reserved", "until_refresh", "race_preventer"])} ` +
  "FROM quota_usages WHERE quota_usages.deleted = false AND quota_usages.project_id = %(project_id_1)s FOR UPDATE";

export function selectQuotaUsagesForUpdate(projectId: string): SqlQuery {
  return { statement: SELECT_QUOTA_USAGES, params: { project_id_1: projectId } };
}

const INSERT_RESERVATION = insertInto("reservations", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "uuid",
  "usage_id",
  "project_id",
  "resource",
  "delta",
  "expire",
]);

export function insertReservation(uuid: string, usageId: number, projectId: string, resource: string, delta: number, us: number): SqlQuery {
  return {
    statement: INSERT_RESERVATION,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      deleted_at: null,
      deleted: false,
      uuid,
      usage_id: usageId,
      project_id: projectId,
      resource,
      delta,
      expire: sqlTime(us + 86_400_000_000),
    },
  };
}

const INSERT_VOLUME = insertInto("volumes", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "id",
  "user_id",
  "project_id",
  "size",
  "availability_zone",
  "status",
  "attach_status",
  "display_name",
  "volume_type_id",
  "multiattach",
  "bootable",
  "use_quota",
  "service_uuid",
]);

export function insertVolume(v: {
  id: string;
  userId: string;
  projectId: string;
  size: number;
  typeId: string;
  name: string;
  us: number;
}): SqlQuery {
  return {
    statement: INSERT_VOLUME,
    params: {
      created_at: sqlTime(v.us),
      updated_at: null,
      deleted_at: null,
      deleted: false,
      id: v.id,
      user_id: v.userId,
      project_id: v.projectId,
      size: v.size,
      availability_zone: "nova",
      status: "creating",
      attach_status: "detached",
      display_name: v.name,
      volume_type_id: v.typeId,
      multiattach: false,
      bootable: false,
      use_quota: true,
      service_uuid: null,
    },
  };
}

const UPDATE_VOLUME =
  "UPDATE volumes SET updated_at=%(updated_at)s, status=%(status)s, host=%(host)s, cluster_name=%(cluster_name)s " +
  "WHERE volumes.id = %(id_1)s";

export function updateVolume(id: string, status: string, host: string | null, us: number): SqlQuery {
  return { statement: UPDATE_VOLUME, params: { updated_at: sqlTime(us), status, host, cluster_name: null, id_1: id } };
}

const COMMIT_RESERVATIONS =
  "UPDATE reservations SET updated_at=%(updated_at)s, deleted_at=%(deleted_at)s, deleted=%(deleted)s " +
  "WHERE reservations.uuid = %(uuid_1)s AND reservations.deleted = false";

export function commitReservation(uuid: string, us: number): SqlQuery {
  return { statement: COMMIT_RESERVATIONS, params: { updated_at: sqlTime(us), deleted_at: sqlTime(us), deleted: true, uuid_1: uuid } };
}

const SELECT_VOLUME_SERVICES =
  `SELECT ${columnsOf("services", [...SOFT_DELETE, "uuid", "cluster_name", "host", "binary", "topic", "report_count", "disabled", "availability_zone", "frozen", "active_backend_id"])} ` +
  "FROM services WHERE services.deleted = false AND services.topic = %(topic_1)s AND services.disabled = false";

export function selectVolumeServices(): SqlQuery {
  return { statement: SELECT_VOLUME_SERVICES, params: { topic_1: "cinder-volume" } };
}
