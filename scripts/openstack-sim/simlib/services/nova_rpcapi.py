"""The client side of nova's RPC APIs: nova.conductor.rpcapi, nova.scheduler.rpcapi, nova.compute.rpcapi.

Each is traced as "rpc" (nova decorates them with profiler.trace_cls("rpc")),
so a cast or call shows as a client span, and the server's span (the manager
method on the other service) is its child through the trace context the
serializer puts into the message. A cast's client span ends as soon as the
message was handed over; a call's lasts until the reply came back.
"""

from osprofiler import profiler

from ..profiling import pretend_module


@profiler.trace_cls("rpc")
@pretend_module("nova.conductor.rpcapi", "ComputeTaskAPI")
class ComputeTaskAPI:
    def __init__(self, runtime):
        self._client = runtime.rpc.client("conductor", version="1.0", namespace="compute_task")

    def schedule_and_build_instances(self, context, instance_uuids, image_id, network_id, flavor):
        # A cast: nova-api does not wait for the build, it answers 202.
        self._client.prepare(version="1.17").cast(
            context, "schedule_and_build_instances",
            instance_uuids=instance_uuids, image_id=image_id, network_id=network_id, flavor=flavor,
        )


@profiler.trace_cls("rpc")
@pretend_module("nova.scheduler.rpcapi", "SchedulerAPI")
class SchedulerAPI:
    def __init__(self, runtime):
        self._client = runtime.rpc.client("scheduler", version="4.0")

    def select_destinations(self, context, instance_uuids, flavor, image_id):
        # A call: the conductor waits for the hosts.
        return self._client.prepare(version="4.5").call(
            context, "select_destinations", instance_uuids=instance_uuids, flavor=flavor, image_id=image_id,
        )


@profiler.trace_cls("rpc")
@pretend_module("nova.compute.rpcapi", "ComputeAPI")
class ComputeAPI:
    def __init__(self, runtime):
        self._client = runtime.rpc.client("compute", version="6.0")

    def build_and_run_instance(self, context, host, node, instance_uuid, image_id, network_id, flavor):
        # A cast to that compute host's own queue (topic compute.<host>).
        self._client.prepare(server=host, version="6.0").cast(
            context, "build_and_run_instance",
            instance_uuid=instance_uuid, image_id=image_id, network_id=network_id, flavor=flavor, node=node,
        )
