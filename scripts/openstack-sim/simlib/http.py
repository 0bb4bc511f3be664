"""Just enough HTTP for the simulated services: a router, JSON calls, a threaded server."""

import json
import re
import socketserver
import urllib.error
import urllib.request
from wsgiref import simple_server

import webob
from osprofiler import web


class Router:
    """Maps (method, path regex) to handler(request, **groups) -> webob.Response."""

    def __init__(self):
        self._routes = []

    def add(self, method, pattern, handler):
        self._routes.append((method, re.compile("^%s$" % pattern), handler))

    @webob.dec.wsgify
    def __call__(self, request):
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if match and request.method == method:
                return handler(request, **match.groupdict())
        return json_response(404, {"error": "no route for %s %s" % (request.method, request.path)})


def json_response(status, body, headers=None):
    response = webob.Response(status=status, json_body=body)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


class AfterResponse:
    """A response body whose close() runs a callback: the server calls it once the
    bytes were written to the client, i.e. after the API response was sent."""

    def __init__(self, body, callback):
        self._body = body
        self._callback = callback

    def __iter__(self):
        yield self._body

    def close(self):
        self._callback()


def call(base_url, method, path, body=None, headers=None, timeout=30):
    """One JSON HTTP call to a peer, carrying this thread's trace headers.

    Forwarding get_trace_id_headers() is what keystoneauth does for every
    request when osprofiler is initialised, so the callee joins the trace.
    Returns (status, parsed body, response headers).
    """
    all_headers = {"Accept": "application/json"}
    all_headers.update(web.get_trace_id_headers())
    all_headers.update(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(base_url + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _parse(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, _parse(error.read()), dict(error.headers)


def _parse(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


class _QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


class ThreadingWSGIServer(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True


def make_server(app, host="127.0.0.1", port=0):
    """Listens on a free port of 127.0.0.1 (port 0) and returns the server."""
    return simple_server.make_server(
        host, port, app, server_class=ThreadingWSGIServer, handler_class=_QuietHandler
    )
