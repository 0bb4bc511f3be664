"""osprofiler set up inside one service process, exactly as OpenStack services do it.

init_from_conf creates the messaging driver (oslo.messaging Notifier, topic
"profiler", retry=0, the process's control_exchange) and enables the WSGI
middleware with the configured hmac_keys. The only addition is EmissionTap:
it remembers what this process handed to the driver, so the orchestrator can
say exactly what a consumer should receive.
"""

import socket
import threading

import oslo_messaging
import osprofiler.initializer
import osprofiler.notifier
from osprofiler import profiler


def pretend_hostname(host):
    """Every service runs on this machine; give each "node" its own name.

    osprofiler puts socket.gethostname() into every payload's info.host.
    """
    socket.gethostname = lambda: host


class EmissionTap:
    """Calls the real driver, then records a compact summary per trace."""

    def __init__(self, driver_notify):
        self._driver_notify = driver_notify
        self._lock = threading.Lock()
        self._by_trace = {}

    def __call__(self, info, context=None):
        # The driver adds project/service to the payload; record after it did.
        self._driver_notify(info)
        record = summarize_payload(info)
        with self._lock:
            self._by_trace.setdefault(info.get("base_id"), []).append(record)

    def emitted(self, base_id):
        with self._lock:
            return list(self._by_trace.get(base_id, []))

    def close(self):
        driver = getattr(self._driver_notify, "__self__", None)
        transport = getattr(driver, "transport", None)
        if transport is not None:
            transport.cleanup()


def summarize_payload(payload):
    info = payload.get("info") or {}
    record = {
        "name": payload.get("name"),
        "trace_id": payload.get("trace_id"),
        "parent_id": payload.get("parent_id"),
        "timestamp": payload.get("timestamp"),
        "project": payload.get("project"),
        "service": payload.get("service"),
        "host": info.get("host"),
    }
    if "etype" in info:
        record["etype"] = info["etype"]
        record["message"] = info.get("message")
    if "db" in info and "statement" in info["db"]:
        record["statement"] = info["db"]["statement"]
    if "function" in info and "name" in info["function"]:
        record["function"] = info["function"]["name"]
    if "request" in info:
        record["request"] = "%s %s" % (info["request"].get("method"), info["request"].get("path"))
    return record


def enable_profiling(conf, spec, oslo_driver="messaging"):
    osprofiler.initializer.init_from_conf(
        conf=conf, context={}, project=spec.project, service=spec.service, host=conf.host
    )
    driver_notify = osprofiler.notifier.get()
    if oslo_driver != "messaging":
        use_oslo_driver(driver_notify.__self__, oslo_driver)
    tap = EmissionTap(driver_notify)
    osprofiler.notifier.set(tap)
    return tap


def use_oslo_driver(messaging_driver, oslo_driver):
    """Not what osprofiler does: it always uses oslo's "messaging" driver, i.e. message
    format 1.0 without envelope. "messagingv2" wraps the same message in envelope v2,
    for exercising consumers that must accept both."""
    messaging_driver.client = oslo_messaging.Notifier(
        messaging_driver.transport, publisher_id=messaging_driver.host, driver=oslo_driver,
        topics=["profiler"], retry=0,
    )


def trace_context():
    """What nova's ProfilerRequestContextSerializer puts into an RPC message's context."""
    current = profiler.get()
    if current is None:
        return None
    return {"hmac_key": current.hmac_key, "base_id": current.get_base_id(), "parent_id": current.get_id()}


def adopt_trace_context(trace_info):
    """The receiving side of an RPC message: continue the caller's trace in this thread."""
    profiler.clean()
    if trace_info:
        profiler.init(**trace_info)


def pretend_module(module_name, class_name=None):
    """Class decorator: give a class (or exception) and its methods an OpenStack path.

    osprofiler names traced functions after f.__module__ + f.__qualname__ and
    exceptions after their class's module and name, so this makes
    info.function.name read "nova.compute.manager.ComputeManager.build..." and
    etype "glance_store.exceptions.NotFound", as in a real cloud.
    Apply it below profiler.trace_cls, which wraps the renamed methods.
    """

    def decorate(cls):
        cls.__module__ = module_name
        if class_name:
            cls.__name__ = class_name
            cls.__qualname__ = class_name
        for attribute, value in vars(cls).items():
            if callable(value) and hasattr(value, "__qualname__"):
                value.__module__ = module_name
                value.__qualname__ = "%s.%s" % (cls.__qualname__, attribute)
        return cls

    return decorate
