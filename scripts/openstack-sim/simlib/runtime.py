"""What one service process knows at run time, and the orchestrator's view of its work."""

import threading


class Activity:
    """Work in progress, so the orchestrator can tell when the cloud has gone quiet.

    A cast is counted as sent before the sender's request counts as finished,
    and as done only after the receiver finished it (and counted its own casts).
    So "no request in flight anywhere and casts_sent == casts_done summed over
    all services" cannot be observed while traced work is still to come.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.inflight = 0
        self.casts_sent = 0
        self.casts_done = 0

    def begin_request(self):
        with self._lock:
            self.inflight += 1

    def end_request(self):
        with self._lock:
            self.inflight -= 1

    def cast_sent(self):
        with self._lock:
            self.casts_sent += 1

    def cast_done(self):
        with self._lock:
            self.casts_done += 1

    def snapshot(self):
        with self._lock:
            return {"inflight": self.inflight, "casts_sent": self.casts_sent, "casts_done": self.casts_done}


class ServiceRuntime:
    def __init__(self, spec, conf, engine, tap):
        self.spec = spec
        self.conf = conf
        self.engine = engine
        self.tap = tap
        self.activity = Activity()
        self.peers = {}
        self.token_cache = {}
        self.token_cache_lock = threading.Lock()

    def peer(self, name):
        try:
            return self.peers[name]
        except KeyError:
            raise RuntimeError("%s does not know where %s listens (peers: %s)" % (self.spec.name, name, sorted(self.peers)))
