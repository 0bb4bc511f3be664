// neutron database calls: listing networks (one query per network extension: N+1) and ports.
import { columnsOf, inList, insertInto, sqlTime, type SqlQuery } from "./sqlText";

const NETWORK_COLUMNS = [
  "project_id",
  "id",
  "name",
  "status",
  "admin_state_up",
  "vlan_transparent",
  "availability_zone_hints",
  "mtu",
  "standard_attr_id",
];
const STANDARD_ATTR_COLUMNS = ["id", "resource_type", "description", "revision_number", "created_at", "updated_at"];

export function listNetworks(projectIds: readonly string[], limit: number): SqlQuery {
  const list = inList("project_id", projectIds);
  return {
    statement:
      `SELECT ${columnsOf("networks", NETWORK_COLUMNS)}, ${columnsOf("standardattributes_1", STANDARD_ATTR_COLUMNS)} ` +
      "FROM networks LEFT OUTER JOIN standardattributes AS standardattributes_1 ON standardattributes_1.id = networks.standard_attr_id " +
      `WHERE networks.project_id IN ${list.sql} OR networks.id IN (SELECT networkrbacs.object_id FROM networkrbacs ` +
      "WHERE networkrbacs.action = %(action_1)s AND networkrbacs.target_project IN (%(target_project_1)s, %(target_project_2)s)) " +
      "ORDER BY networks.id ASC LIMIT %(param_1)s",
    params: { ...list.params, action_1: "access_as_shared", target_project_1: projectIds[0] ?? "", target_project_2: "*", param_1: limit },
  };
}

const SUBNETS_OF_NETWORK =
  `SELECT ${columnsOf("subnets", ["project_id", "id", "name", "network_id", "segment_id", "subnetpool_id", "ip_version", "cidr", "gateway_ip", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode", "standard_attr_id"])} ` +
  "FROM subnets WHERE subnets.network_id = %(network_id_1)s";

export function selectSubnets(networkId: string): SqlQuery {
  return { statement: SUBNETS_OF_NETWORK, params: { network_id_1: networkId } };
}

const SEGMENTS_OF_NETWORK =
  `SELECT ${columnsOf("networksegments", ["id", "network_id", "name", "network_type", "physical_network", "segmentation_id", "is_dynamic", "segment_index", "standard_attr_id"])} ` +
  "FROM networksegments WHERE networksegments.network_id = %(network_id_1)s ORDER BY networksegments.segment_index";

export function selectSegments(networkId: string): SqlQuery {
  return { statement: SEGMENTS_OF_NETWORK, params: { network_id_1: networkId } };
}

const TAGS_OF_RESOURCE =
  "SELECT tags.standard_attr_id AS tags_standard_attr_id, tags.tag AS tags_tag FROM tags WHERE %(param_1)s = tags.standard_attr_id";

export function selectTags(standardAttrId: number): SqlQuery {
  return { statement: TAGS_OF_RESOURCE, params: { param_1: standardAttrId } };
}

const RBAC_OF_NETWORK =
  `SELECT ${columnsOf("networkrbacs", ["project_id", "id", "target_project", "action", "object_id"])} ` +
  "FROM networkrbacs WHERE %(param_1)s = networkrbacs.object_id";

export function selectNetworkRbacs(networkId: string): SqlQuery {
  return { statement: RBAC_OF_NETWORK, params: { param_1: networkId } };
}

const INSERT_STANDARD_ATTR = insertInto("standardattributes", [
  "resource_type",
  "description",
  "revision_number",
  "created_at",
  "updated_at",
]);

export function insertStandardAttribute(resourceType: string, us: number): SqlQuery {
  return {
    statement: INSERT_STANDARD_ATTR,
    params: { resource_type: resourceType, description: "", revision_number: 0, created_at: sqlTime(us), updated_at: sqlTime(us) },
  };
}

const INSERT_PORT = insertInto("ports", [
  "project_id",
  "id",
  "name",
  "network_id",
  "mac_address",
  "admin_state_up",
  "status",
  "device_id",
  "device_owner",
  "ip_allocation",
  "standard_attr_id",
]);

export function insertPort(v: {
  projectId: string;
  portId: string;
  networkId: string;
  mac: string;
  deviceId: string;
  standardAttrId: number;
}): SqlQuery {
  return {
    statement: INSERT_PORT,
    params: {
      project_id: v.projectId,
      id: v.portId,
      name: "",
      network_id: v.networkId,
      mac_address: v.mac,
      admin_state_up: 1,
      status: "DOWN",
      device_id: v.deviceId,
      device_owner: "compute:nova",
      ip_allocation: "immediate",
      standard_attr_id: v.standardAttrId,
    },
  };
}

const SELECT_IPAM_SUBNET = `SELECT ${columnsOf("ipamsubnets", ["id", "neutron_subnet_id"])} FROM ipamsubnets WHERE ipamsubnets.neutron_subnet_id = %(neutron_subnet_id_1)s`;

export function selectIpamSubnet(subnetId: string): SqlQuery {
  return { statement: SELECT_IPAM_SUBNET, params: { neutron_subnet_id_1: subnetId } };
}

const INSERT_IPAM_ALLOCATION = insertInto("ipamallocations", ["ip_address", "status", "ipam_subnet_id"]);
const INSERT_IP_ALLOCATION = insertInto("ipallocations", ["port_id", "ip_address", "subnet_id", "network_id"]);

export function insertIpamAllocation(ip: string, ipamSubnetId: string): SqlQuery {
  return { statement: INSERT_IPAM_ALLOCATION, params: { ip_address: ip, status: "ALLOCATED", ipam_subnet_id: ipamSubnetId } };
}

export function insertIpAllocation(portId: string, ip: string, subnetId: string, networkId: string): SqlQuery {
  return { statement: INSERT_IP_ALLOCATION, params: { port_id: portId, ip_address: ip, subnet_id: subnetId, network_id: networkId } };
}

const INSERT_PORT_BINDING = insertInto("ml2_port_bindings", [
  "port_id",
  "host",
  "vnic_type",
  "profile",
  "vif_type",
  "vif_details",
  "status",
]);

export function insertPortBinding(portId: string, host: string): SqlQuery {
  return {
    statement: INSERT_PORT_BINDING,
    params: { port_id: portId, host, vnic_type: "normal", profile: "", vif_type: "unbound", vif_details: "", status: "ACTIVE" },
  };
}

const UPDATE_PORT_BINDING =
  "UPDATE ml2_port_bindings SET host=%(host)s, vif_type=%(vif_type)s, vif_details=%(vif_details)s " +
  "WHERE ml2_port_bindings.port_id = %(port_id_1)s AND ml2_port_bindings.host = %(host_1)s";

export function updatePortBinding(portId: string, host: string): SqlQuery {
  return {
    statement: UPDATE_PORT_BINDING,
    params: {
      host,
      vif_type: "ovs",
      vif_details:
        '{"port_filter": true, "connectivity": "l2", "ovs_hybrid_plug": false, "datapath_type": "system", "bridge_name": "br-int"}',
      port_id_1: portId,
      host_1: "",
    },
  };
}

const INSERT_SG_BINDING = insertInto("securitygroupportbindings", ["port_id", "security_group_id"]);

export function insertSecurityGroupBinding(portId: string, groupId: string): SqlQuery {
  return { statement: INSERT_SG_BINDING, params: { port_id: portId, security_group_id: groupId } };
}

const SELECT_DEFAULT_SG =
  `SELECT ${columnsOf("default_security_group", ["project_id", "security_group_id"])} FROM default_security_group ` +
  "WHERE default_security_group.project_id = %(project_id_1)s LIMIT %(param_1)s";

export function selectDefaultSecurityGroup(projectId: string): SqlQuery {
  return { statement: SELECT_DEFAULT_SG, params: { project_id_1: projectId, param_1: 1 } };
}

const INSERT_PROVISIONING_BLOCK = insertInto("provisioningblocks", ["standard_attr_id", "entity"]);

export function insertProvisioningBlock(standardAttrId: number, entity: string): SqlQuery {
  return { statement: INSERT_PROVISIONING_BLOCK, params: { standard_attr_id: standardAttrId, entity } };
}

export function countPorts(projectId: string): SqlQuery {
  return {
    statement:
      "SELECT count(*) AS count_1 FROM (SELECT ports.id AS ports_id FROM ports WHERE ports.project_id = %(project_id_1)s) AS anon_1",
    params: { project_id_1: projectId },
  };
}
