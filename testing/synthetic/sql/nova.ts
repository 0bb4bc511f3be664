// nova and nova_api database calls: booting and listing servers.
import { columnsOf, inList, insertInto, SOFT_DELETE, sqlTime, type SqlQuery } from "./sqlText";

const INSTANCE_COLUMNS = [
  ...SOFT_DELETE,
  "user_id",
  "project_id",
  "image_ref",
  "kernel_id",
  "ramdisk_id",
  "hostname",
  "launch_index",
  "key_name",
  "power_state",
  "vm_state",
  "task_state",
  "memory_mb",
  "vcpus",
  "root_gb",
  "ephemeral_gb",
  "host",
  "node",
  "instance_type_id",
  "user_data",
  "reservation_id",
  "launched_at",
  "terminated_at",
  "availability_zone",
  "display_name",
  "display_description",
  "launched_on",
  "locked",
  "locked_by",
  "os_type",
  "architecture",
  "vm_mode",
  "uuid",
  "root_device_name",
  "config_drive",
  "access_ip_v4",
  "access_ip_v6",
  "progress",
  "shutdown_terminate",
  "disable_terminate",
  "cell_name",
  "compute_id",
  "hidden",
] as const;

const SELECT_INSTANCE =
  `SELECT ${columnsOf("instances", INSTANCE_COLUMNS)} FROM instances ` +
  "WHERE instances.deleted = %(deleted_1)s AND instances.uuid = %(uuid_1)s LIMIT %(param_1)s";

export function selectInstance(uuid: string): SqlQuery {
  return { statement: SELECT_INSTANCE, params: { deleted_1: 0, uuid_1: uuid, param_1: 1 } };
}

const LIST_INSTANCES =
  `SELECT ${columnsOf("instances", INSTANCE_COLUMNS)}, ` +
  `${columnsOf("instance_info_caches_1", ["created_at", "updated_at", "deleted_at", "deleted", "id", "network_info", "instance_uuid"])} ` +
  "FROM instances LEFT OUTER JOIN instance_info_caches AS instance_info_caches_1 " +
  "ON instance_info_caches_1.instance_uuid = instances.uuid " +
  "WHERE instances.deleted = %(deleted_1)s AND instances.project_id = %(project_id_1)s " +
  "ORDER BY instances.created_at DESC, instances.id DESC LIMIT %(param_1)s";

export function listInstances(projectId: string, limit: number): SqlQuery {
  return { statement: LIST_INSTANCES, params: { deleted_1: 0, project_id_1: projectId, param_1: limit } };
}

const EXTRA_COLUMNS = [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "id",
  "instance_uuid",
  "numa_topology",
  "pci_requests",
  "flavor",
  "vcpu_model",
  "migration_context",
  "keypairs",
  "device_metadata",
  "trusted_certs",
  "resources",
];
const SELECT_INSTANCE_EXTRA =
  `SELECT ${columnsOf("instance_extra", EXTRA_COLUMNS)} FROM instance_extra ` +
  "WHERE instance_extra.instance_uuid = %(instance_uuid_1)s LIMIT %(param_1)s";

/** The per-instance lazy load behind list-servers' N+1 pattern. */
export function selectInstanceExtra(uuid: string): SqlQuery {
  return { statement: SELECT_INSTANCE_EXTRA, params: { instance_uuid_1: uuid, param_1: 1 } };
}

const SELECT_SECURITY_GROUPS =
  `SELECT ${columnsOf("security_groups", [...SOFT_DELETE, "name", "description", "user_id", "project_id"])} ` +
  "FROM security_groups INNER JOIN security_group_instance_association AS security_group_instance_association_1 " +
  "ON security_groups.id = security_group_instance_association_1.security_group_id " +
  "WHERE security_group_instance_association_1.instance_uuid = %(instance_uuid_1)s AND security_groups.deleted = %(deleted_1)s";

export function selectSecurityGroups(uuid: string): SqlQuery {
  return { statement: SELECT_SECURITY_GROUPS, params: { instance_uuid_1: uuid, deleted_1: 0 } };
}

const FAULT_COLUMNS = [...SOFT_DELETE, "instance_uuid", "code", "message", "details", "host"];

export function selectInstanceFaults(uuids: readonly string[]): SqlQuery {
  const list = inList("instance_uuid", uuids);
  return {
    statement:
      `SELECT ${columnsOf("instance_faults", FAULT_COLUMNS)} FROM instance_faults ` +
      `WHERE instance_faults.deleted = %(deleted_1)s AND instance_faults.instance_uuid IN ${list.sql} ` +
      "ORDER BY instance_faults.created_at DESC, instance_faults.id DESC",
    params: { deleted_1: 0, ...list.params },
  };
}

const SELECT_SYSTEM_METADATA =
  `SELECT ${columnsOf("instance_system_metadata", [...SOFT_DELETE, "key", "value", "instance_uuid"])} ` +
  "FROM instance_system_metadata WHERE instance_system_metadata.instance_uuid = %(instance_uuid_1)s " +
  "AND instance_system_metadata.deleted = %(deleted_1)s";

export function selectSystemMetadata(uuid: string): SqlQuery {
  return { statement: SELECT_SYSTEM_METADATA, params: { instance_uuid_1: uuid, deleted_1: 0 } };
}

const BDM_COLUMNS = [
  ...SOFT_DELETE,
  "instance_uuid",
  "source_type",
  "destination_type",
  "guest_format",
  "device_type",
  "disk_bus",
  "boot_index",
  "device_name",
  "delete_on_termination",
  "snapshot_id",
  "volume_id",
  "volume_size",
  "volume_type",
  "image_id",
  "no_device",
  "connection_info",
  "tag",
  "attachment_id",
  "uuid",
];
const SELECT_BDMS =
  `SELECT ${columnsOf("block_device_mapping", BDM_COLUMNS)} FROM block_device_mapping ` +
  "WHERE block_device_mapping.deleted = %(deleted_1)s AND block_device_mapping.instance_uuid = %(instance_uuid_1)s";

export function selectBlockDeviceMappings(uuid: string): SqlQuery {
  return { statement: SELECT_BDMS, params: { deleted_1: 0, instance_uuid_1: uuid } };
}

const INSERT_BDM = insertInto("block_device_mapping", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "instance_uuid",
  "source_type",
  "destination_type",
  "device_type",
  "boot_index",
  "delete_on_termination",
  "image_id",
  "volume_size",
  "uuid",
]);

export function insertBlockDeviceMapping(uuid: string, imageId: string, bdmUuid: string, us: number): SqlQuery {
  return {
    statement: INSERT_BDM,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      deleted_at: null,
      deleted: 0,
      instance_uuid: uuid,
      source_type: "image",
      destination_type: "local",
      device_type: "disk",
      boot_index: 0,
      delete_on_termination: true,
      image_id: imageId,
      volume_size: null,
      uuid: bdmUuid,
    },
  };
}

const SELECT_FLAVOR =
  `SELECT ${columnsOf("flavors", ["created_at", "updated_at", "id", "name", "memory_mb", "vcpus", "root_gb", "ephemeral_gb", "flavorid", "swap", "rxtx_factor", "vcpu_weight", "disabled", "is_public", "description"])} ` +
  "FROM flavors WHERE flavors.flavorid = %(flavorid_1)s LIMIT %(param_1)s";

export function selectFlavor(flavorId: string): SqlQuery {
  return { statement: SELECT_FLAVOR, params: { flavorid_1: flavorId, param_1: 1 } };
}

const SELECT_QUOTAS =
  `SELECT ${columnsOf("quotas", ["created_at", "updated_at", "id", "project_id", "resource", "hard_limit"])} ` +
  "FROM quotas WHERE quotas.project_id = %(project_id_1)s";

export function selectQuotas(projectId: string): SqlQuery {
  return { statement: SELECT_QUOTAS, params: { project_id_1: projectId } };
}

const COUNT_INSTANCES =
  "SELECT count(instances.id) AS count_1, sum(instances.vcpus) AS sum_1, sum(instances.memory_mb) AS sum_2 " +
  "FROM instances WHERE instances.deleted = %(deleted_1)s AND instances.project_id = %(project_id_1)s " +
  "AND (instances.vm_state != %(vm_state_1)s OR instances.vm_state IS NULL)";

export function countInstances(projectId: string): SqlQuery {
  return { statement: COUNT_INSTANCES, params: { deleted_1: 0, project_id_1: projectId, vm_state_1: "soft-delete" } };
}

const INSERT_INSTANCE = insertInto("instances", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "user_id",
  "project_id",
  "image_ref",
  "hostname",
  "launch_index",
  "key_name",
  "power_state",
  "vm_state",
  "task_state",
  "memory_mb",
  "vcpus",
  "root_gb",
  "ephemeral_gb",
  "instance_type_id",
  "reservation_id",
  "availability_zone",
  "display_name",
  "uuid",
  "config_drive",
  "progress",
  "hidden",
]);

export function insertInstance(v: {
  uuid: string;
  projectId: string;
  userId: string;
  imageId: string;
  name: string;
  index: number;
  reservationId: string;
  us: number;
}): SqlQuery {
  return {
    statement: INSERT_INSTANCE,
    params: {
      created_at: sqlTime(v.us),
      updated_at: null,
      deleted_at: null,
      deleted: 0,
      user_id: v.userId,
      project_id: v.projectId,
      image_ref: v.imageId,
      hostname: v.name,
      launch_index: v.index,
      key_name: "ops-key",
      power_state: 0,
      vm_state: "building",
      task_state: "scheduling",
      memory_mb: 4096,
      vcpus: 2,
      root_gb: 40,
      ephemeral_gb: 0,
      instance_type_id: 7,
      reservation_id: v.reservationId,
      availability_zone: null,
      display_name: v.name,
      uuid: v.uuid,
      config_drive: "",
      progress: 0,
      hidden: false,
    },
  };
}

const INSERT_INSTANCE_EXTRA = insertInto("instance_extra", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "instance_uuid",
  "numa_topology",
  "pci_requests",
  "flavor",
  "vcpu_model",
  "keypairs",
  "device_metadata",
  "trusted_certs",
  "resources",
]);

export function insertInstanceExtra(uuid: string, us: number): SqlQuery {
  return {
    statement: INSERT_INSTANCE_EXTRA,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      deleted_at: null,
      deleted: 0,
      instance_uuid: uuid,
      numa_topology: null,
      pci_requests: "[]",
      flavor:
        '{"cur": {"nova_object.name": "Flavor", "nova_object.namespace": "nova", "nova_object.version": "1.2", "nova_object.data": {"id": 7, "name": "m1.medium", "memory_mb": 4096, "vcpus": 2, "root_gb": 40, "ephemeral_gb": 0, "flavorid": "3", "swap": 0, "rxtx_factor": 1.0, "vcpu_weight": 0, "disabled": false, "is_public": true, "extra_specs": {"hw:cpu_policy": "shared"}}}, "old": null, "new": null}',
      vcpu_model: null,
      keypairs: '{"nova_object.name": "KeyPairList", "nova_object.data": {"objects": []}}',
      device_metadata: null,
      trusted_certs: null,
      resources: null,
    },
  };
}

const INSERT_BUILD_REQUEST = insertInto("build_requests", [
  "created_at",
  "updated_at",
  "project_id",
  "instance_uuid",
  "instance",
  "block_device_mappings",
  "tags",
]);

export function insertBuildRequest(uuid: string, projectId: string, us: number): SqlQuery {
  return {
    statement: INSERT_BUILD_REQUEST,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      project_id: projectId,
      instance_uuid: uuid,
      instance: `{"nova_object.name": "Instance", "nova_object.data": {"uuid": "${uuid}", "vm_state": "building"}}`,
      block_device_mappings: "[]",
      tags: "[]",
    },
  };
}

const INSERT_REQUEST_SPEC = insertInto("request_specs", ["created_at", "updated_at", "instance_uuid", "spec"]);

export function insertRequestSpec(uuid: string, us: number): SqlQuery {
  return {
    statement: INSERT_REQUEST_SPEC,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      instance_uuid: uuid,
      spec: `{"nova_object.name": "RequestSpec", "nova_object.data": {"instance_uuid": "${uuid}", "num_instances": 1, "is_bfv": false}}`,
    },
  };
}

const INSERT_INSTANCE_MAPPING = insertInto("instance_mappings", [
  "created_at",
  "updated_at",
  "instance_uuid",
  "cell_id",
  "project_id",
  "user_id",
  "queued_for_delete",
]);

export function insertInstanceMapping(uuid: string, projectId: string, userId: string, us: number): SqlQuery {
  return {
    statement: INSERT_INSTANCE_MAPPING,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      instance_uuid: uuid,
      cell_id: null,
      project_id: projectId,
      user_id: userId,
      queued_for_delete: false,
    },
  };
}

const UPDATE_INSTANCE_MAPPING =
  "UPDATE instance_mappings SET updated_at=%(updated_at)s, cell_id=%(cell_id)s WHERE instance_mappings.id = %(id_1)s";

export function updateInstanceMapping(id: number, us: number): SqlQuery {
  return { statement: UPDATE_INSTANCE_MAPPING, params: { updated_at: sqlTime(us), cell_id: 2, id_1: id } };
}

const SELECT_CELL_MAPPINGS =
  `SELECT ${columnsOf("cell_mappings", ["created_at", "updated_at", "id", "uuid", "name", "transport_url", "database_connection", "disabled"])} ` +
  "FROM cell_mappings ORDER BY cell_mappings.id ASC";

export function selectCellMappings(): SqlQuery {
  return { statement: SELECT_CELL_MAPPINGS, params: {} };
}

const INSERT_ACTION = insertInto("instance_actions", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "action",
  "instance_uuid",
  "request_id",
  "user_id",
  "project_id",
  "start_time",
  "finish_time",
  "message",
]);

export function insertInstanceAction(uuid: string, requestId: string, projectId: string, userId: string, us: number): SqlQuery {
  return {
    statement: INSERT_ACTION,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      deleted_at: null,
      deleted: 0,
      action: "create",
      instance_uuid: uuid,
      request_id: requestId,
      user_id: userId,
      project_id: projectId,
      start_time: sqlTime(us),
      finish_time: null,
      message: null,
    },
  };
}

const INSERT_ACTION_EVENT = insertInto("instance_actions_events", [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "event",
  "action_id",
  "start_time",
  "finish_time",
  "result",
  "traceback",
  "host",
  "details",
]);

export function insertInstanceActionEvent(event: string, actionId: number, host: string, us: number): SqlQuery {
  return {
    statement: INSERT_ACTION_EVENT,
    params: {
      created_at: sqlTime(us),
      updated_at: null,
      deleted_at: null,
      deleted: 0,
      event,
      action_id: actionId,
      start_time: sqlTime(us),
      finish_time: null,
      result: null,
      traceback: null,
      host,
      details: null,
    },
  };
}

const UPDATE_ACTION_EVENT =
  "UPDATE instance_actions_events SET updated_at=%(updated_at)s, finish_time=%(finish_time)s, result=%(result)s " +
  "WHERE instance_actions_events.id = %(id_1)s";

export function updateInstanceActionEvent(id: number, result: string, us: number): SqlQuery {
  return { statement: UPDATE_ACTION_EVENT, params: { updated_at: sqlTime(us), finish_time: sqlTime(us), result, id_1: id } };
}

const UPDATE_INSTANCE =
  "UPDATE instances SET updated_at=%(updated_at)s, vm_state=%(vm_state)s, task_state=%(task_state)s, " +
  "power_state=%(power_state)s, host=%(host)s, node=%(node)s, launched_on=%(launched_on)s " +
  "WHERE instances.uuid = %(uuid_1)s AND (instances.task_state IS NULL OR instances.task_state IN (%(task_state_1_1)s))";

export function updateInstanceState(
  uuid: string,
  state: { vm: string; task: string | null; power: number; expected: string },
  host: string,
  us: number,
): SqlQuery {
  return {
    statement: UPDATE_INSTANCE,
    params: {
      updated_at: sqlTime(us),
      vm_state: state.vm,
      task_state: state.task,
      power_state: state.power,
      host,
      node: `${host}.cloud.internal`,
      launched_on: host,
      uuid_1: uuid,
      task_state_1_1: state.expected,
    },
  };
}

const UPDATE_INFO_CACHE =
  "UPDATE instance_info_caches SET updated_at=%(updated_at)s, network_info=%(network_info)s " +
  "WHERE instance_info_caches.instance_uuid = %(instance_uuid_1)s";

export function updateInfoCache(uuid: string, portId: string, mac: string, ip: string, us: number): SqlQuery {
  return {
    statement: UPDATE_INFO_CACHE,
    params: {
      updated_at: sqlTime(us),
      network_info: `[{"id": "${portId}", "address": "${mac}", "network": {"subnets": [{"ips": [{"address": "${ip}", "type": "fixed"}]}]}, "type": "ovs", "active": false}]`,
      instance_uuid_1: uuid,
    },
  };
}

const SELECT_COMPUTE_NODE =
  `SELECT ${columnsOf("compute_nodes", [...SOFT_DELETE, "uuid", "service_id", "host", "vcpus", "memory_mb", "local_gb", "vcpus_used", "memory_mb_used", "local_gb_used", "hypervisor_type", "hypervisor_hostname", "cpu_allocation_ratio", "ram_allocation_ratio"])} ` +
  "FROM compute_nodes WHERE compute_nodes.deleted = %(deleted_1)s AND compute_nodes.host = %(host_1)s";

export function selectComputeNode(host: string): SqlQuery {
  return { statement: SELECT_COMPUTE_NODE, params: { deleted_1: 0, host_1: host } };
}
