"""nova-scheduler: picks a compute host for each instance (RPC only, no HTTP API).

select_destinations is an RPC call from nova-conductor: the conductor waits
for the answer, so this span lies inside the conductor's client span. It
reads the compute nodes and the instances on them (the host manager's view)
and runs the filters and weighers.
"""

import time

import oslo_messaging
import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from ..http import Router
from ..profiling import pretend_module


@profiler.trace_cls("rpc")
@pretend_module("nova.scheduler.manager", "SchedulerManager")
class SchedulerManager:
    target = oslo_messaging.Target(version="4.5")

    def __init__(self, runtime):
        self._engine = runtime.engine

    def select_destinations(self, context, instance_uuids, flavor, image_id):
        with self._engine.begin() as connection:
            nodes = connection.execute(sa.select(d.compute_nodes).where(d.compute_nodes.c.deleted == 0)).fetchall()
            for node in nodes:
                connection.execute(sa.select(d.instances.c.uuid).where(d.instances.c.host == node.host)).fetchall()
        time.sleep(0.040)  # filters and weighers over the host states
        # One list of candidate hosts per instance, best first (nova's Selection objects).
        best = nodes[0]
        return [[{"host": best.host, "nodename": best.hypervisor_hostname, "limits": {}}] for _ in instance_uuids]


def create_app(runtime):
    runtime.rpc.serve("scheduler", runtime.conf.host, [SchedulerManager(runtime)])
    return Router()  # nova-scheduler has no HTTP API; the process serves only /_sim/
