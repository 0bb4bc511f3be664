#!/usr/bin/python3
"""Sends one traced request whose payloads are hard to keep exact, through the REAL osprofiler
messaging driver, for the byte-for-byte comparison with `osprofiler trace show --json`.

    /usr/bin/python3 tests/integration/osprofilerFidelitySender.py <transport_url> <base_id>

Publishes as nova-api does, on the control exchange "openstack" (the one `osprofiler trace show`
listens on: the CLI cannot be given another). Payloads carry integers beyond 2^53 and 2^63,
whole floats (3.0, -0.0), floats Python writes with exponents (1e-07, 1e+16), non-ASCII text,
control characters, lone surrogates, an exception, and a call whose stop never comes.

Prints "ready" once connected, then waits for a line on stdin before sending, so the test can
start the CLI's listener first; leaves 20 ms between notifications, so the CLI's listener (a
thread pool) handles them in the order they were sent, as the report's key order depends on it.
Prints one JSON line at the end: the base_id and how many notifications were sent.
"""

import json
import sys
import time

import oslo_messaging
from oslo_config import cfg
from osprofiler import notifier, profiler

transport_url, base_id = sys.argv[1], sys.argv[2]

conf = cfg.ConfigOpts()
conf([], project="nova")
oslo_messaging.set_transport_defaults(control_exchange="openstack")
send = notifier.create("messaging://", project="nova", service="nova-api", host="ctl-1",
                       conf=conf, transport_url=transport_url, context={})
sent = 0


def paced(info):
    global sent
    send(info)
    sent += 1
    time.sleep(0.02)


notifier.set(paced)
profiler.init("SECRET_KEY", base_id=base_id)

print("ready", flush=True)
sys.stdin.readline()


class InstanceNotFound(Exception):
    pass


HOSTILE_TEXT = "caf\u00e9 \u4e2d \U0001F600 \x00\x01\x1f\x7f \u2028\u2029 \"quoted\" \\back\\ \ud800 x \udfff"

with profiler.Trace("wsgi", info={"request": {"path": "/v2.1/servers/caf\u00e9", "query": "name=\u2603", "method": "POST", "scheme": "http"}}):
    with profiler.Trace("compute_api", info={"function": {"name": "nova.compute.api.API.create", "args": repr(("caf\u00e9", 3.0)), "kwargs": "{}"}}):
        with profiler.Trace("db", info={"db": {
            "statement": "SELECT * FROM instances WHERE id = %(id)s AND ratio = %(ratio)s",
            "params": {
                "id": 9007199254740993, "max": 9223372036854775807, "min": -9223372036854775808,
                "beyond": 123456789012345678901234567890, "ratio": 3.0, "tiny": 1e-07, "huge": 1e16,
                "negative_zero": -0.0, "half": 0.5, "third": 1 / 3, "text": HOSTILE_TEXT,
                "cl\u00e9 \x1f": [1, 2.0, [16.0, -0.0, 2.5e-05]], "nested": {"deeper": [True, False, None, {}]},
            },
        }}):
            pass
        try:
            with profiler.Trace("rpc", info={"function": {"name": "nova.conductor.api.ComputeTaskAPI.build_instances"}}):
                raise InstanceNotFound("Instance 9007199254740993 is na\u00efve \ud800 3.0")
        except InstanceNotFound:
            pass
    # A call whose stop never comes (a crashed service): OSprofiler gives it a zero duration.
    profiler.start("vif_driver", info={"function": {"name": "nova.network.os_vif_util.plug", "ratio": 1.0}})

print(json.dumps({"base_id": base_id, "notifications": sent}))
