"""nova-conductor: turns a server create into builds on compute hosts (RPC only, no HTTP API).

schedule_and_build_instances arrives as a cast from nova-api, after the 202
was sent. The conductor loads the instances, asks nova-scheduler for hosts
(an RPC call: the client span holds the scheduler's span), records each
instance's block device mapping, and casts build_and_run_instance to the
chosen compute host for each instance: a second cast whose work (on
nova-compute) outlives the conductor's own span.
"""

import oslo_messaging
import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from ..http import Router
from ..profiling import pretend_module
from .nova_rpcapi import ComputeAPI, SchedulerAPI


@profiler.trace_cls("rpc")
@pretend_module("nova.conductor.manager", "ComputeTaskManager")
class ComputeTaskManager:
    target = oslo_messaging.Target(namespace="compute_task", version="1.25")

    def __init__(self, runtime):
        self._engine = runtime.engine
        self._scheduler_api = SchedulerAPI(runtime)
        self._compute_api = ComputeAPI(runtime)

    def schedule_and_build_instances(self, context, instance_uuids, image_id, network_id, flavor):
        with self._engine.begin() as connection:
            connection.execute(sa.select(d.instances).where(d.instances.c.uuid.in_(instance_uuids))).fetchall()
        host_lists = self._scheduler_api.select_destinations(context, instance_uuids=instance_uuids, flavor=flavor, image_id=image_id)
        for instance_uuid, host_list in zip(instance_uuids, host_lists):
            selected = host_list[0]
            with self._engine.begin() as connection:
                connection.execute(d.block_device_mapping.insert().values(
                    instance_uuid=instance_uuid, source_type="image", destination_type="local",
                    boot_index=0, image_id=image_id, delete_on_termination=True,
                ))
            self._compute_api.build_and_run_instance(
                context, host=selected["host"], node=selected["nodename"],
                instance_uuid=instance_uuid, image_id=image_id, network_id=network_id, flavor=flavor,
            )


def create_app(runtime):
    runtime.rpc.serve("conductor", runtime.conf.host, [ComputeTaskManager(runtime)])
    return Router()  # nova-conductor has no HTTP API; the process serves only /_sim/
