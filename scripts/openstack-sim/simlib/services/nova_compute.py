"""nova-compute: builds instances from RPC casts (RPC only, no HTTP API).

build_and_run_instance arrives as a cast from nova-conductor on this host's
queue (topic compute.<host>). The serializer adopts the trace context carried
in the message, so everything below (rpc, db, neutron_api, driver,
vif_driver spans and the calls into neutron and glance) continues the
request's trace long after nova-api answered. Casts are served concurrently
(oslo.messaging's threading executor), so a multi-server boot builds in
parallel. LibvirtDriver.spawn is where the time goes, as on a real hypervisor.
"""

import datetime
import json
import time

import oslo_messaging
import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from .. import http
from ..http import Router
from ..profiling import pretend_module


@profiler.trace_cls("neutron_api")
@pretend_module("nova.network.neutron", "API")
class NetworkAPI:
    def __init__(self, runtime):
        self._runtime = runtime

    def allocate_for_instance(self, context, instance_uuid, network_id, host):
        neutron = self._runtime.peer("neutron-server")
        headers = {"X-Auth-Token": context["auth_token"]}
        _, created, _ = http.call(neutron, "POST", "/v2.0/ports", body={"port": {"network_id": network_id, "device_id": instance_uuid, "device_owner": "compute:nova"}}, headers=headers)
        port = created["port"]
        _, bound, _ = http.call(neutron, "PUT", "/v2.0/ports/%s" % port["id"], body={"port": {"binding:host_id": host}}, headers=headers)
        return [{"id": port["id"], "address": port["mac_address"], "fixed_ips": port["fixed_ips"], "type": bound["port"]["binding:vif_type"]}]


@profiler.trace_cls("vif_driver")
@pretend_module("nova.virt.libvirt.vif", "LibvirtGenericVIFDriver")
class VIFDriver:
    def plug(self, instance_uuid, vif):
        time.sleep(0.008)  # ovs-vsctl add-port


@profiler.trace_cls("driver")
@pretend_module("nova.virt.libvirt.driver", "LibvirtDriver")
class LibvirtDriver:
    def __init__(self, runtime):
        self._runtime = runtime
        self._vif_driver = VIFDriver()

    def spawn(self, context, instance_uuid, image_id, network_info):
        # Fetch the image into the local cache, plug the VIFs, define and start the domain.
        http.call(self._runtime.peer("glance-api"), "GET", "/v2/images/%s/file" % image_id, headers={"X-Auth-Token": context["auth_token"]})
        for vif in network_info:
            self._vif_driver.plug(instance_uuid, vif)
        # virDomainCreateWithFlags, then waiting for neutron's network-vif-plugged event and
        # for the domain to run: the longest part of a boot.
        time.sleep(0.500)


@profiler.trace_cls("rpc")
@pretend_module("nova.compute.manager", "ComputeManager")
class ComputeManager:
    target = oslo_messaging.Target(version="6.2")

    def __init__(self, runtime):
        self._runtime = runtime
        self._network_api = NetworkAPI(runtime)
        self._driver = LibvirtDriver(runtime)

    def build_and_run_instance(self, context, instance_uuid, image_id, network_id, flavor, node):
        engine = self._runtime.engine
        host = self._runtime.conf.host
        with engine.begin() as connection:
            connection.execute(sa.select(d.instances).where(d.instances.c.uuid == instance_uuid)).first()
            connection.execute(d.instances.update().where(d.instances.c.uuid == instance_uuid).values(host=host, task_state="spawning"))
        network_info = self._network_api.allocate_for_instance(context, instance_uuid, network_id, host)
        with engine.begin() as connection:
            connection.execute(d.instance_info_caches.insert().values(instance_uuid=instance_uuid, network_info=json.dumps(network_info)))
        self._driver.spawn(context, instance_uuid, image_id, network_info)
        with engine.begin() as connection:
            connection.execute(d.instances.update().where(d.instances.c.uuid == instance_uuid).values(vm_state="active", task_state=None, power_state=1, launched_at=datetime.datetime.utcnow()))


def create_app(runtime):
    runtime.rpc.serve("compute", runtime.conf.host, [ComputeManager(runtime)])
    return Router()  # nova-compute has no HTTP API; the process serves only /_sim/
