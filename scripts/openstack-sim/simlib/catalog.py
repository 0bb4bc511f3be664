"""The simulated cloud: which services exist and how each identifies itself.

project/service are what each real service passes to
osprofiler.initializer.init_from_conf (nova's profiler.setup(binary, host),
glance's "api", neutron's "neutron-server", keystone's WSGI name), and the
control_exchange is the project name, as in an untouched OpenStack install.
So one trace fans out over several topic exchanges on the same broker.

The nova services that serve RPC listen on nova's topics (conductor,
scheduler, compute) with their host as the server name, on the same nova
exchange their notifications go to, as in a real cloud.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    name: str  # the process and the key in peer maps, e.g. "nova-api"
    project: str  # osprofiler "project"; also the control_exchange
    service: str  # osprofiler "service"; event_type is profiler.<service>
    host: str  # what this "node" calls itself (info.host, publisher_id)
    module: str  # simlib.services.<module> holds the WSGI app
    database: str  # SQLite file shared by services of one project
    rpc_topic: str = ""  # the oslo.messaging topic it serves (nova's RPC_TOPIC), "" when none

    def exchange(self, prefix: str) -> str:
        return prefix + self.project

    def topic(self, prefix: str) -> str:
        return prefix + self.rpc_topic


SERVICES = (
    ServiceSpec("keystone", "keystone", "public", "controller-0", "keystone", "keystone"),
    ServiceSpec("glance-api", "glance", "api", "controller-0", "glance", "glance"),
    ServiceSpec("neutron-server", "neutron", "neutron-server", "controller-0", "neutron", "neutron"),
    ServiceSpec("nova-api", "nova", "nova-api", "controller-0", "nova_api", "nova"),
    ServiceSpec("nova-conductor", "nova", "nova-conductor", "controller-0", "nova_conductor", "nova", "conductor"),
    ServiceSpec("nova-scheduler", "nova", "nova-scheduler", "controller-0", "nova_scheduler", "nova", "scheduler"),
    ServiceSpec("nova-compute", "nova", "nova-compute", "compute-0", "nova_compute", "nova", "compute"),
)

ENTRY_SERVICE = "nova-api"


def spec_by_name(name: str) -> ServiceSpec:
    for spec in SERVICES:
        if spec.name == name:
            return spec
    raise KeyError("unknown service %r (known: %s)" % (name, ", ".join(s.name for s in SERVICES)))


def exchanges(prefix: str) -> list:
    """Every topic exchange the cloud publishes on, without duplicates, in catalog order."""
    seen = []
    for spec in SERVICES:
        if spec.exchange(prefix) not in seen:
            seen.append(spec.exchange(prefix))
    return seen


def rpc_queues(prefix: str) -> list:
    """The queues the RPC servers declare that outlive them (oslo's topic queues are neither
    auto-deleted nor given a TTL): "<topic>" and "<topic>.<host>" for each server."""
    queues = []
    for spec in SERVICES:
        if spec.rpc_topic:
            queues += [spec.topic(prefix), "%s.%s" % (spec.topic(prefix), spec.host)]
    return queues
