"""The operator's side: what `openstack --os-profile <key> ...` does.

python-openstackclient calls osprofiler's profiler.init(<key>) and
keystoneauth adds web.get_trace_id_headers() to every request of the
command: X-Trace-Info (urlsafe base64 of {"base_id", "parent_id"}) and
X-Trace-HMAC (HMAC-SHA1 of it with the key). The client itself sends no
notifications; each service it calls starts a root span of the trace.
"""

from osprofiler import profiler

from . import databases as d
from . import http


class OpenStackClient:
    def __init__(self, urls, hmac_key):
        self._urls = urls
        self._hmac_key = hmac_key
        self.token = None
        self.calls = []

    def __enter__(self):
        profiler.clean()
        self.profiler = profiler.init(self._hmac_key)
        return self

    def __exit__(self, *exc):
        profiler.clean()

    @property
    def base_id(self):
        return self.profiler.get_base_id()

    def call(self, service, method, path, body=None):
        headers = {"X-Auth-Token": self.token} if self.token else {}
        status, response, response_headers = http.call(self._urls[service], method, path, body=body, headers=headers)
        self.calls.append({"service": service, "method": method, "path": path.split("?", 1)[0], "status": status})
        if status >= 400:
            raise RuntimeError("%s %s %s answered %s: %s" % (service, method, path, status, response))
        return response, response_headers

    def login(self):
        body = {"auth": {
            "identity": {"methods": ["password"], "password": {"user": {"name": d.ADMIN_USER, "domain": {"id": "default"}, "password": d.ADMIN_PASSWORD}}},
            "scope": {"project": {"name": "admin", "domain": {"id": "default"}}},
        }}
        _, headers = self.call("keystone", "POST", "/v3/auth/tokens", body)
        self.token = headers["X-Subject-Token"]
