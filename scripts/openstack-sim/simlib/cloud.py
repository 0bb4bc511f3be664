"""Starts the simulated cloud (one process per service), watches it, stops it."""

import ctypes
import http.client
import json
import os
import selectors
import signal
import subprocess
import sys
import time
import urllib.request

from . import catalog, config, databases

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVICE_SCRIPT = os.path.join(HERE, "service.py")


class CloudError(RuntimeError):
    pass


def _stop_with_parent():
    """Runs in each child before exec: SIGTERM it if run.py dies without stopping it
    (e.g. killed by a test runner), so no service outlives its orchestrator."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    PR_SET_PDEATHSIG = 1
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Cloud:
    def __init__(self, transport_url, exchange_prefix, hmac_keys, state_dir, oslo_driver="messaging", verbose=False):
        self.transport_url = transport_url
        self.oslo_driver = oslo_driver
        self.exchange_prefix = exchange_prefix
        self.hmac_keys = hmac_keys
        self.state_dir = state_dir
        self.verbose = verbose
        self.processes = {}
        self.urls = {}

    # --- start -----------------------------------------------------------------------------
    def start(self, timeout=30):
        for database in sorted({spec.database for spec in catalog.SERVICES}):
            databases.create_database(database, config.database_path(self.state_dir, database))
        for spec in catalog.SERVICES:
            conf_path = os.path.join(self.state_dir, "%s.conf" % spec.name)
            config.write_service_config(conf_path, spec, self.transport_url, self.exchange_prefix, self.hmac_keys, self.state_dir)
            stderr = None if self.verbose else open(self.log_path(spec.name), "wb")
            self.processes[spec.name] = subprocess.Popen(
                [sys.executable, SERVICE_SCRIPT, "--name", spec.name, "--config-file", conf_path, "--oslo-driver", self.oslo_driver],
                stdout=subprocess.PIPE, stderr=stderr, cwd=HERE, start_new_session=True,
                preexec_fn=_stop_with_parent,
            )
            if stderr is not None:
                stderr.close()
        self._wait_ready(timeout)
        for name in self.urls:
            self._control(name, "POST", "/_sim/peers", self.urls)

    def _wait_ready(self, timeout):
        selector = selectors.DefaultSelector()
        for name, process in self.processes.items():
            selector.register(process.stdout, selectors.EVENT_READ, name)
        deadline = time.monotonic() + timeout
        while len(self.urls) < len(self.processes):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                missing = sorted(set(self.processes) - set(self.urls))
                raise CloudError("services did not start within %ss: %s%s" % (timeout, ", ".join(missing), self._log_tails(missing)))
            for key, _ in selector.select(timeout=min(remaining, 0.5)):
                name = key.data
                line = key.fileobj.readline()
                if not line:
                    selector.unregister(key.fileobj)
                    raise CloudError("%s exited during start-up (code %s)%s" % (name, self.processes[name].wait(), self._log_tails([name])))
                self.urls[name] = json.loads(line)["url"]
                selector.unregister(key.fileobj)
        selector.close()

    def log_path(self, name):
        return os.path.join(self.state_dir, "%s.log" % name)

    def _log_tails(self, names):
        if self.verbose:
            return ""
        tails = []
        for name in names:
            try:
                with open(self.log_path(name), "rb") as handle:
                    tails.append("\n--- %s log ---\n%s" % (name, handle.read()[-3000:].decode("utf-8", "replace")))
            except OSError:
                pass
        return "".join(tails)

    # --- observe ---------------------------------------------------------------------------
    def _control(self, name, method, path, body=None, timeout=10):
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(self.urls[name] + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def wait_idle(self, timeout=60):
        """Returns once no request is in flight and every RPC message was handled, on two polls in a row."""
        deadline = time.monotonic() + timeout
        quiet_polls = 0
        while quiet_polls < 2:
            if time.monotonic() > deadline:
                raise CloudError("the cloud was still busy after %ss" % timeout)
            statuses = [self._control(name, "GET", "/_sim/status") for name in self.urls]
            sent = sum(status["rpc_sent"] for status in statuses)
            done = sum(status["rpc_done"] for status in statuses)
            busy = any(status["inflight"] for status in statuses) or sent != done
            quiet_polls = 0 if busy else quiet_polls + 1
            time.sleep(0.02)

    def emitted(self, base_id):
        """What each service handed to its notifier for this trace: {service name: [records]}."""
        return {
            name: self._control(name, "GET", "/_sim/emitted?base_id=%s" % base_id)["records"]
            for name in self.urls
        }

    # --- stop ------------------------------------------------------------------------------
    def stop(self, timeout=15):
        for name, process in self.processes.items():
            if process.poll() is None and name in self.urls:
                try:
                    self._control(name, "POST", "/_sim/shutdown", timeout=3)
                except (OSError, ValueError, http.client.HTTPException):
                    # A service that stops quickly can exit while its reply is on the way (an
                    # empty or cut body): SIGTERM asks the same, and wait() below settles it.
                    process.terminate()
            elif process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout:
                process.stdout.close()
