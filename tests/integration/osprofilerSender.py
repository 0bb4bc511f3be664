#!/usr/bin/python3
"""Sends one traced request through the REAL osprofiler + oslo.messaging to RabbitMQ.

Run with the system interpreter (Debian python3-osprofiler / python3-oslo.messaging):

    /usr/bin/python3 tests/integration/osprofilerSender.py <control_exchange> [transport_url]

The messaging driver publishes on the topic exchange <control_exchange> with routing key
profiler.info, declaring the exchange itself (non-durable) as every OpenStack service does.
Prints one JSON object: the base_id, and every span it traced (trace_id, parent_id, name,
and the exception it raised, if any), so the test can compare with what the collector stored.
"""

import json
import sys

import oslo_messaging
from oslo_config import cfg
from oslo_utils import reflection
from osprofiler import notifier, profiler

HMAC_KEY = "SECRET_KEY"

exchange = sys.argv[1]
transport_url = sys.argv[2] if len(sys.argv) > 2 else "rabbit://guest:guest@127.0.0.1:5672/"

conf = cfg.ConfigOpts()
conf([], project="nova")
oslo_messaging.set_transport_defaults(control_exchange=exchange)
send = notifier.create("messaging://", project="nova", service="nova-api", host="ctl-1",
                       conf=conf, transport_url=transport_url, context={})
notifier.set(send)

profiler.init(HMAC_KEY)
base_id = profiler.get().get_base_id()
spans = []


def traced(name, info=None):
    """profiler.Trace, remembering the span id it gets for the comparison."""
    trace = profiler.Trace(name, info=info)

    class Recorder:
        def __enter__(self):
            trace.__enter__()
            spans.append({"trace_id": profiler.get().get_id(), "parent_id": profiler.get().get_parent_id(),
                          "name": name, "exception": None})
            return self

        def __exit__(self, etype, value, tb):
            if etype is not None:
                for span in spans:
                    if span["trace_id"] == profiler.get().get_id():
                        span["exception"] = reflection.get_class_name(etype)  # as osprofiler names it
            return trace.__exit__(etype, value, tb)

    return Recorder()


class InstanceNotFound(Exception):
    pass


with traced("wsgi", info={"request": {"path": "/v2.1/servers", "query": "", "method": "POST", "scheme": "http"}}):
    with traced("compute_api", info={"function": {"name": "nova.compute.api.API.create", "args": "()", "kwargs": "{}"}}):
        with traced("db", info={"db": {"statement": "SELECT * FROM flavors WHERE flavorid = ?", "params": ["1"]}}):
            pass
        with traced("rpc", info={"function": {"name": "nova.conductor.api.ComputeTaskAPI.build_instances"}}):
            with traced("db", info={"db": {"statement": "UPDATE instances SET task_state = ?", "params": ["scheduling"]}}):
                pass
    try:
        with traced("compute_api", info={"function": {"name": "nova.compute.api.API.get"}}):
            raise InstanceNotFound("Instance 42 could not be found.")
    except InstanceNotFound:
        pass

print(json.dumps({"base_id": base_id, "spans": spans}))
