"""nova-api: flavors, server create (returns 202 at once) and server list.

Creating servers checks the image with glance and the network with neutron,
inserts the instances row by row, and casts schedule_and_build_instances to
nova-conductor over oslo.messaging (nova.conductor.rpcapi.ComputeTaskAPI, one
cast for all servers of the request). The cast carries the profiler context in
the RPC message, so the conductor's work continues the trace. The message is
published once the 202 was written to the client: the broker hop of a real
cloud, made deterministic, so everything from the conductor on is certainly an
async continuation of the trace.
"""

import datetime
import json
import uuid

import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from .. import http
from ..auth import protected
from ..http import AfterResponse, Router, json_response
from ..profiling import pretend_module
from .nova_rpcapi import ComputeTaskAPI


class RequestContext:
    def __init__(self, token, auth_token):
        self.user_id = token["user"]["id"]
        self.project_id = token["project"]["id"]
        self.roles = [role["name"] for role in token["roles"]]
        self.request_id = "req-%s" % uuid.uuid4()
        self.auth_token = auth_token

    def __repr__(self):
        return "<RequestContext user_id=%s project_id=%s request_id=%s>" % (self.user_id, self.project_id, self.request_id)

    def to_rpc(self):
        return {"user_id": self.user_id, "project_id": self.project_id, "request_id": self.request_id, "auth_token": self.auth_token}


@profiler.trace_cls("compute_api")
@pretend_module("nova.compute.api", "API")
class ComputeAPI:
    def __init__(self, runtime):
        self._runtime = runtime
        self._compute_task_api = ComputeTaskAPI(runtime)

    def create(self, context, name, flavor_ref, image_ref, network_id, count):
        runtime = self._runtime
        headers = {"X-Auth-Token": context.auth_token}
        status, image, _ = http.call(runtime.peer("glance-api"), "GET", "/v2/images/%s" % image_ref, headers=headers)
        if status != 200:
            raise LookupError("Image %s could not be found." % image_ref)
        with runtime.engine.begin() as connection:
            flavor = connection.execute(sa.select(d.flavors).where(d.flavors.c.flavorid == flavor_ref)).first()
        status, _network, _ = http.call(runtime.peer("neutron-server"), "GET", "/v2.0/networks/%s" % network_id, headers=headers)
        if status != 200:
            raise LookupError("Network %s could not be found." % network_id)
        now = datetime.datetime.utcnow()
        created = []
        with runtime.engine.begin() as connection:
            connection.execute(sa.select(sa.func.count()).select_from(d.instances).where(d.instances.c.project_id == context.project_id)).scalar_one()
            for index in range(count):
                instance_uuid = str(uuid.uuid4())
                display_name = name if count == 1 else "%s-%d" % (name, index + 1)
                connection.execute(d.instances.insert().values(uuid=instance_uuid, display_name=display_name, project_id=context.project_id, user_id=context.user_id, image_ref=image_ref, instance_type_id=flavor.id, vm_state="building", task_state="scheduling", power_state=0, created_at=now))
                connection.execute(d.instance_extra.insert().values(instance_uuid=instance_uuid, numa_topology=None, flavor=json.dumps({"cur": flavor.name})))
                connection.execute(d.instance_actions.insert().values(instance_uuid=instance_uuid, action="create", request_id=context.request_id, start_time=now))
                created.append(instance_uuid)
        self._compute_task_api.schedule_and_build_instances(
            context.to_rpc(), instance_uuids=created, image_id=image_ref, network_id=network_id, flavor=flavor.name,
        )
        return created

    def get_all(self, context, limit):
        runtime = self._runtime
        servers = []
        with runtime.engine.begin() as connection:
            rows = connection.execute(
                sa.select(d.instances).where(d.instances.c.project_id == context.project_id).order_by(d.instances.c.created_at.desc()).limit(limit)
            ).fetchall()
            for row in rows:
                # One query per instance instead of a join: the classic N+1.
                connection.execute(sa.select(d.instance_extra).where(d.instance_extra.c.instance_uuid == row.uuid)).first()
                connection.execute(sa.select(d.instance_info_caches).where(d.instance_info_caches.c.instance_uuid == row.uuid)).first()
                servers.append({"id": row.uuid, "name": row.display_name, "status": (row.vm_state or "").upper()})
        if servers:
            query = "&".join("device_id=%s" % server["id"] for server in servers)
            http.call(runtime.peer("neutron-server"), "GET", "/v2.0/ports?%s" % query, headers={"X-Auth-Token": context.auth_token})
        return servers


def create_app(runtime):
    compute_api = ComputeAPI(runtime)

    def show_flavor(request, token, flavor_id):
        with runtime.engine.begin() as connection:
            flavor = connection.execute(sa.select(d.flavors).where(d.flavors.c.flavorid == flavor_id)).first()
        if flavor is None:
            return json_response(404, {"itemNotFound": {"code": 404, "message": "Flavor %s could not be found." % flavor_id}})
        return json_response(200, {"flavor": {"id": flavor.flavorid, "name": flavor.name, "ram": flavor.memory_mb, "vcpus": flavor.vcpus, "disk": flavor.root_gb}})

    def create_servers(request, token):
        server = request.json_body["server"]
        context = RequestContext(token, request.headers["X-Auth-Token"])
        count = int(server.get("min_count", 1))
        with runtime.rpc.held_sends() as casts:
            try:
                created = compute_api.create(context, server["name"], server["flavorRef"], server["imageRef"], server["networks"][0]["uuid"], count)
            except LookupError as error:
                return json_response(400, {"badRequest": {"code": 400, "message": str(error)}})
        body = {"server": {"id": created[0]}} if count == 1 else {"reservation_id": "r-%s" % uuid.uuid4().hex[:8], "servers": [{"id": i} for i in created]}
        response = json_response(202, body)
        response.app_iter = AfterResponse(response.body, casts.release)
        return response

    def list_servers(request, token):
        context = RequestContext(token, request.headers["X-Auth-Token"])
        limit = int(request.GET.get("limit", "20"))
        return json_response(200, {"servers": compute_api.get_all(context, limit)})

    router = Router()
    router.add("GET", "/v2.1/flavors/(?P<flavor_id>[^/]+)", protected(runtime, show_flavor))
    router.add("POST", "/v2.1/servers", protected(runtime, create_servers))
    router.add("GET", "/v2.1/servers/detail", protected(runtime, list_servers))
    return router
