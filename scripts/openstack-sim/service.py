#!/usr/bin/python3
"""One simulated OpenStack service in its own process (osprofiler's notifier is per process).

Started by run.py; prints one JSON line {"ready": true, "url": ...} on stdout
once it listens on HTTP (and consumes its RPC topic, if it serves one), logs to
stderr, and exits cleanly on SIGTERM or POST /_sim/shutdown after closing its
oslo.messaging transports.

    /usr/bin/python3 service.py --name nova-api --config-file nova-api.conf
"""

import argparse
import importlib
import json
import signal
import sys
import threading

import sqlalchemy
import webob
import webob.dec
from osprofiler import sqlalchemy as profiler_sqlalchemy
from osprofiler import web

from simlib import catalog, config, databases
from simlib.http import json_response, make_server
from simlib.profiling import enable_profiling, pretend_hostname
from simlib.rpc import Rpc
from simlib.runtime import Activity, ServiceRuntime


class ClosingIterable:
    """Keeps a request "in flight" until the server closed its body (after-response work included)."""

    def __init__(self, inner, on_close):
        self._inner = inner
        self._on_close = on_close

    def __iter__(self):
        return iter(self._inner)

    def close(self):
        try:
            if hasattr(self._inner, "close"):
                self._inner.close()
        finally:
            self._on_close()


def build_control_app(runtime, stop_event):
    """/_sim/* is for the orchestrator only and never passes through osprofiler."""

    @webob.dec.wsgify
    def control(request):
        if request.path == "/_sim/status":
            return json_response(200, runtime.activity.snapshot())
        if request.path == "/_sim/emitted":
            return json_response(200, {"service": runtime.spec.name, "records": runtime.tap.emitted(request.GET.get("base_id"))})
        if request.path == "/_sim/peers" and request.method == "POST":
            runtime.peers.update(request.json_body)
            return json_response(200, {"peers": sorted(runtime.peers)})
        if request.path == "/_sim/shutdown" and request.method == "POST":
            stop_event.set()
            return json_response(202, {"stopping": True})
        return json_response(404, {"error": "unknown control path %s" % request.path})

    return control


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", required=True, help="a service of simlib/catalog.py, e.g. nova-api")
    parser.add_argument("--config-file", required=True)
    parser.add_argument("--oslo-driver", default="messaging", choices=("messaging", "messagingv2"))
    args = parser.parse_args()

    spec = catalog.spec_by_name(args.name)
    pretend_hostname(spec.host)
    conf = config.load_service_config(args.config_file, spec.project)

    engine = databases.open_engine(conf.database.connection[len("sqlite:///"):])
    if conf.profiler.trace_sqlalchemy:
        profiler_sqlalchemy.add_tracing(sqlalchemy, engine, "db")
    tap = enable_profiling(conf, spec, args.oslo_driver)
    activity = Activity()
    runtime = ServiceRuntime(spec, conf, engine, tap, activity, Rpc(conf, activity))

    service_app = importlib.import_module("simlib.services.%s" % spec.module).create_app(runtime)
    # What "[filter:osprofiler] paste.filter_factory = osprofiler.web:WsgiMiddleware.factory" does.
    traced_app = web.WsgiMiddleware(service_app, hmac_keys=conf.profiler.hmac_keys, enabled=conf.profiler.enabled)

    stop_event = threading.Event()
    control_app = build_control_app(runtime, stop_event)

    def dispatch(environ, start_response):
        if environ.get("PATH_INFO", "").startswith("/_sim/"):
            return control_app(environ, start_response)
        runtime.activity.begin_request()
        try:
            result = traced_app(environ, start_response)
        except BaseException:
            runtime.activity.end_request()
            raise
        return ClosingIterable(result, runtime.activity.end_request)

    server = make_server(dispatch)
    host, port = server.server_address[:2]
    signal.signal(signal.SIGTERM, lambda *_: stop_event.set())
    signal.signal(signal.SIGINT, lambda *_: stop_event.set())
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="wsgi", daemon=True).start()
    print(json.dumps({"ready": True, "name": spec.name, "url": "http://%s:%d" % (host, port)}), flush=True)

    while not stop_event.wait(0.1):
        pass
    server.shutdown()
    # Stop consuming and finish the messages in hand (their spans still notify), then close.
    runtime.rpc.stop()
    tap.close()
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
