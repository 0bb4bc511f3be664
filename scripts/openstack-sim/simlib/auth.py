"""keystonemiddleware's auth_token, reduced: validate X-Auth-Token against keystone, cache it.

It sits after osprofiler in every paste pipeline, so its keystone call is part
of the trace. The cache is per process and per token; every scenario run gets
a fresh token, so which calls reach keystone is the same on every run.
"""

from . import http
from .http import json_response


class Unauthorized(Exception):
    pass


def authenticate(runtime, request):
    token = request.headers.get("X-Auth-Token")
    if not token:
        raise Unauthorized("no X-Auth-Token")
    with runtime.token_cache_lock:
        cached = runtime.token_cache.get(token)
    if cached is not None:
        return cached
    status, body, _ = http.call(
        runtime.peer("keystone"), "GET", "/v3/auth/tokens",
        headers={"X-Auth-Token": token, "X-Subject-Token": token},
    )
    if status != 200:
        raise Unauthorized("keystone said %s" % status)
    with runtime.token_cache_lock:
        runtime.token_cache[token] = body["token"]
    return body["token"]


def protected(runtime, handler):
    """Wraps a route handler: 401 unless the token is valid; the handler gets (request, token, **groups)."""

    def wrapped(request, **groups):
        try:
            token = authenticate(runtime, request)
        except Unauthorized as error:
            return json_response(401, {"error": {"code": 401, "message": str(error)}})
        return handler(request, token, **groups)

    return wrapped
