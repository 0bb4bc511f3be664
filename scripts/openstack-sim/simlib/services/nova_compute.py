"""nova-compute: builds instances from RPC casts, on a worker thread.

POST /rpc stands in for the message bus: it queues the cast and answers 202.
The worker adopts the trace context carried in the message (profiler.init
with the caller's base_id/parent_id, as nova's RPC deserializer does), so
everything below (rpc, db, neutron_api, driver, vif_driver spans and the
calls into neutron and glance) happens after nova-api's response was sent.
"""

import datetime
import json
import queue
import sys
import threading
import time

import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from .. import http
from ..http import Router, json_response
from ..profiling import adopt_trace_context, pretend_module


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
        time.sleep(0.030)  # virDomainCreateWithFlags


@profiler.trace_cls("rpc")
@pretend_module("nova.compute.manager", "ComputeManager")
class ComputeManager:
    def __init__(self, runtime):
        self._runtime = runtime
        self._network_api = NetworkAPI(runtime)
        self._driver = LibvirtDriver(runtime)

    def build_and_run_instance(self, context, instance_uuid, image_id, network_id, flavor):
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


class Worker(threading.Thread):
    """Handles casts one at a time, like a compute host's RPC server."""

    def __init__(self, runtime):
        super().__init__(name="nova-compute-rpc", daemon=True)
        self._runtime = runtime
        self._manager = ComputeManager(runtime)
        self.inbox = queue.Queue()

    def run(self):
        while True:
            message = self.inbox.get()
            if message is None:
                return
            context = dict(message["context"])
            adopt_trace_context(context.pop("trace_info", None))
            try:
                getattr(self._manager, message["method"])(context, **message["args"])
            except Exception as error:  # a failed build must not stop the compute service
                print("nova-compute: %s failed: %r" % (message["method"], error), file=sys.stderr)
            finally:
                # The thread lives on: drop this trace so the next cast does not inherit it.
                profiler.clean()
                self._runtime.activity.cast_done()


def create_app(runtime):
    worker = Worker(runtime)
    worker.start()

    def receive_cast(request):
        worker.inbox.put(request.json_body)
        return json_response(202, {"queued": True})

    router = Router()
    router.add("POST", "/rpc", receive_cast)
    router.stop = lambda: worker.inbox.put(None)
    return router
