"""oslo.messaging RPC between the nova services, set up the way nova sets it up.

One RPC transport per process (oslo_messaging.get_rpc_transport(CONF)) on the
process's control_exchange, clients and servers on Target(topic=...), the
"threading" executor, and a serializer that carries osprofiler's context in the
message context, as nova.rpc.ProfilerRequestContextSerializer does: the server
side's spans keep the request's base_id and have the client span as parent.

Two additions for the orchestrator, neither visible on the wire:
- every message handed to the transport and every message dispatched is
  counted (Activity), so the cloud is idle only once each cast was served;
- nova-api can hold its casts until its response was written (held_sends),
  which makes "the cast is served after the API answered" certain, where a
  real cloud's broker hop makes it only likely.
"""

import threading

import oslo_messaging
from oslo_messaging.rpc import server as rpc_server
from osprofiler import profiler

from .profiling import adopt_trace_context, trace_context


class ProfilerContextSerializer(oslo_messaging.NoOpSerializer):
    """nova.rpc.ProfilerRequestContextSerializer over a plain dict context."""

    def serialize_context(self, context):
        context = dict(context)
        trace_info = trace_context()
        if trace_info:
            context["trace_info"] = trace_info
        return context

    def deserialize_context(self, context):
        context = dict(context)
        adopt_trace_context(context.pop("trace_info", None))
        return context


class CountingDispatcher(oslo_messaging.RPCDispatcher):
    def __init__(self, endpoints, serializer, activity):
        super().__init__(endpoints, serializer, oslo_messaging.DefaultRPCAccessPolicy)
        self._activity = activity

    def dispatch(self, incoming):
        try:
            return super().dispatch(incoming)
        finally:
            # Executor threads are reused: the next message must not continue this trace.
            profiler.clean()
            # Counted after the endpoint returned, so its spans' notifications were handed over.
            self._activity.rpc_done()


class HeldSends:
    """Casts made on this thread inside `with rpc.held_sends()`, published by release()."""

    def __init__(self):
        self._sends = []

    def add(self, send):
        self._sends.append(send)

    def release(self):
        sends, self._sends = self._sends, []
        for send in sends:
            send()


class Rpc:
    def __init__(self, conf, activity):
        self._activity = activity
        self._topic_prefix = conf.sim.rpc_topic_prefix or ""
        self._serializer = ProfilerContextSerializer()
        self._servers = []
        self._local = threading.local()
        self.transport = oslo_messaging.get_rpc_transport(conf)
        self._send = self.transport._send
        # Every client message goes through Transport._send (cast, call, fanout): the one place
        # to count them and to hold nova-api's casts back.
        self.transport._send = self._counted_send

    def _counted_send(self, target, ctxt, message, wait_for_reply=None, **kwargs):
        self._activity.rpc_sent()
        held = getattr(self._local, "held", None)
        if held is not None and not wait_for_reply:
            held.add(lambda: self._send(target, ctxt, message, wait_for_reply=wait_for_reply, **kwargs))
            return None
        return self._send(target, ctxt, message, wait_for_reply=wait_for_reply, **kwargs)

    def held_sends(self):
        return _Holding(self._local)

    def client(self, topic, version, namespace=None):
        """What nova's rpcapi modules build: an RPCClient on the service's topic."""
        target = oslo_messaging.Target(topic=self._topic_prefix + topic, version=version, namespace=namespace)
        return oslo_messaging.get_rpc_client(self.transport, target, serializer=self._serializer)

    def serve(self, topic, server, endpoints):
        """What nova's Service.start does: an RPC server on topic and topic.<host>, consuming now."""
        target = oslo_messaging.Target(topic=self._topic_prefix + topic, server=server)
        dispatcher = CountingDispatcher(endpoints, self._serializer, self._activity)
        rpc = rpc_server.RPCServer(self.transport, target, dispatcher, executor="threading")
        rpc.start()
        self._servers.append(rpc)

    def stop(self):
        for rpc in self._servers:
            rpc.stop()
        for rpc in self._servers:
            rpc.wait()
        self.transport.cleanup()


class _Holding:
    def __init__(self, local):
        self._local = local
        self._held = HeldSends()

    def __enter__(self):
        self._local.held = self._held
        return self._held

    def __exit__(self, exc_type, *_):
        self._local.held = None
        if exc_type is not None:
            # No response will carry them: publish now, as nova would have.
            self._held.release()
        return False
