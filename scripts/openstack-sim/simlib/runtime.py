"""What one service process knows at run time, and the orchestrator's view of its work."""

import threading


class Activity:
    """Work in progress, so the orchestrator can tell when the cloud has gone quiet.

    An RPC message (cast or call) is counted as sent before the sender's request
    or RPC counts as finished, and as done only after the receiver finished it
    (and counted its own messages). So "no request in flight anywhere and
    rpc_sent == rpc_done summed over all services" cannot be observed while
    traced work is still to come.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.inflight = 0
        self.rpc_sent_count = 0
        self.rpc_done_count = 0

    def begin_request(self):
        with self._lock:
            self.inflight += 1

    def end_request(self):
        with self._lock:
            self.inflight -= 1

    def rpc_sent(self):
        with self._lock:
            self.rpc_sent_count += 1

    def rpc_done(self):
        with self._lock:
            self.rpc_done_count += 1

    def snapshot(self):
        with self._lock:
            return {"inflight": self.inflight, "rpc_sent": self.rpc_sent_count, "rpc_done": self.rpc_done_count}


class ServiceRuntime:
    def __init__(self, spec, conf, engine, tap, activity, rpc):
        self.spec = spec
        self.conf = conf
        self.engine = engine
        self.tap = tap
        self.activity = activity
        self.rpc = rpc
        self.peers = {}
        self.token_cache = {}
        self.token_cache_lock = threading.Lock()

    def peer(self, name):
        try:
            return self.peers[name]
        except KeyError:
            raise RuntimeError("%s does not know where %s listens (peers: %s)" % (self.spec.name, name, sorted(self.peers)))
