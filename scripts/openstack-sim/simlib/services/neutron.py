"""neutron-server: networks and ports, with ML2 port binding through mechanism drivers.

Showing a network loads its allocation pools one subnet at a time, and listing
ports loads IP allocations one port at a time: identical SELECTs under one
parent, as neutron's ORM does when an eager load is missing.
"""

import random
import time
import uuid

import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from ..auth import protected
from ..http import Router, json_response
from ..profiling import pretend_module


@profiler.trace_cls("driver")
@pretend_module("neutron.plugins.ml2.drivers.openvswitch.mech_driver.mech_openvswitch", "OpenvswitchMechanismDriver")
class OpenvswitchMechanismDriver:
    def bind_port(self, port_id, host):
        time.sleep(0.003)
        return {"vif_type": "ovs", "vnic_type": "normal", "host": host}


@profiler.trace_cls("driver")
@pretend_module("neutron.plugins.ml2.managers", "MechanismManager")
class MechanismManager:
    def __init__(self):
        self.drivers = [OpenvswitchMechanismDriver()]

    def bind_port(self, port_id, host):
        for driver in self.drivers:
            binding = driver.bind_port(port_id, host)
            if binding:
                return binding
        return None


def create_app(runtime):
    engine = runtime.engine
    mechanism_manager = MechanismManager()

    def show_network(request, token, network_id):
        with engine.begin() as connection:
            network = connection.execute(sa.select(d.networks).where(d.networks.c.id == network_id)).first()
            if network is None:
                return json_response(404, {"NeutronError": {"type": "NetworkNotFound", "message": "Network %s could not be found." % network_id}})
            subnet_rows = connection.execute(sa.select(d.subnets).where(d.subnets.c.network_id == network_id)).fetchall()
            subnet_bodies = []
            for subnet in subnet_rows:
                pools = connection.execute(sa.select(d.ipallocationpools).where(d.ipallocationpools.c.subnet_id == subnet.id)).fetchall()
                subnet_bodies.append({"id": subnet.id, "cidr": subnet.cidr, "allocation_pools": [{"start": p.first_ip, "end": p.last_ip} for p in pools]})
        return json_response(200, {"network": {"id": network.id, "name": network.name, "status": network.status, "mtu": network.mtu, "subnets": subnet_bodies}})

    def create_port(request, token):
        wanted = request.json_body["port"]
        port_id = str(uuid.uuid4())
        with engine.begin() as connection:
            network = connection.execute(sa.select(d.networks).where(d.networks.c.id == wanted["network_id"])).first()
            if network is None:
                return json_response(404, {"NeutronError": {"type": "NetworkNotFound", "message": "Network could not be found."}})
            subnet = connection.execute(
                sa.select(d.subnets).where(d.subnets.c.network_id == network.id, d.subnets.c.ip_version == 4)
            ).first()
            mac = "fa:16:3e:%02x:%02x:%02x" % tuple(random.randrange(256) for _ in range(3))
            connection.execute(d.ports.insert().values(id=port_id, network_id=network.id, device_id=wanted.get("device_id", ""), device_owner=wanted.get("device_owner", ""), mac_address=mac, status="DOWN"))
            address = "10.0.0.%d" % random.randrange(2, 62)
            connection.execute(d.ipallocations.insert().values(port_id=port_id, ip_address=address, subnet_id=subnet.id, network_id=network.id))
        return json_response(201, {"port": {"id": port_id, "mac_address": mac, "fixed_ips": [{"subnet_id": subnet.id, "ip_address": address}], "status": "DOWN"}})

    def update_port(request, token, port_id):
        host = request.json_body["port"].get("binding:host_id")
        with engine.begin() as connection:
            port = connection.execute(sa.select(d.ports).where(d.ports.c.id == port_id)).first()
            if port is None:
                return json_response(404, {"NeutronError": {"type": "PortNotFound", "message": "Port %s could not be found." % port_id}})
            binding = mechanism_manager.bind_port(port_id, host)
            connection.execute(d.ml2_port_bindings.insert().values(port_id=port_id, host=host, vif_type=binding["vif_type"], vnic_type=binding["vnic_type"]))
            connection.execute(d.ports.update().where(d.ports.c.id == port_id).values(status="ACTIVE"))
        return json_response(200, {"port": {"id": port_id, "status": "ACTIVE", "binding:vif_type": binding["vif_type"], "binding:host_id": host}})

    def list_ports(request, token):
        device_ids = request.GET.getall("device_id")
        with engine.begin() as connection:
            rows = connection.execute(sa.select(d.ports).where(d.ports.c.device_id.in_(device_ids))).fetchall()
            bodies = []
            for port in rows:
                ips = connection.execute(sa.select(d.ipallocations).where(d.ipallocations.c.port_id == port.id)).fetchall()
                bodies.append({"id": port.id, "device_id": port.device_id, "fixed_ips": [{"ip_address": ip.ip_address} for ip in ips]})
        return json_response(200, {"ports": bodies})

    router = Router()
    router.add("GET", "/v2.0/networks/(?P<network_id>[^/]+)", protected(runtime, show_network))
    router.add("POST", "/v2.0/ports", protected(runtime, create_port))
    router.add("PUT", "/v2.0/ports/(?P<port_id>[^/]+)", protected(runtime, update_port))
    router.add("GET", "/v2.0/ports", protected(runtime, list_ports))
    return router
