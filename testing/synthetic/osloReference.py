"""Reference output of the REAL OSprofiler and oslo.messaging, for testing/synthetic's tests.

Run with the system interpreter (/usr/bin/python3, Debian's python3-osprofiler and
python3-oslo.messaging). Reads one JSON request on stdin, writes JSON on stdout.

  {"mode": "messages", "cases": [...]}
      Publishes each case through oslo.messaging's RabbitMQ driver (kombu's in-memory transport
      stands in for the broker, so the bytes are produced by the same code path) and returns
      what was published: body, exchange, routing key and AMQP properties. message_id,
      _unique_id and the timestamp are pinned to the case's values so bodies compare exactly.
      driver "messaging" goes through osprofiler's own Messaging driver (what services use).

  {"mode": "payloads"}
      Has OSprofiler trace a WSGI request, SQLAlchemy queries (one failing), a traced function
      (one raising) and an RPC-style traced class, and returns the payloads it sent.
"""
import datetime
import json
import sys
import types
import uuid

import kombu
from oslo_config import cfg
import oslo_messaging
from oslo_messaging._drivers import amqp as oslo_amqp
from oslo_messaging.notify import notifier as oslo_notifier
from osprofiler.drivers.messaging import Messaging

MEMORY_URL = "kombu+memory:////"


def read_published(queue):
    message = queue.get(no_ack=True)
    if message is None:
        raise SystemExit("oslo.messaging published nothing")
    return {
        "body": message.body.decode("utf-8"),
        "exchange": message.delivery_info["exchange"],
        "routing_key": message.delivery_info["routing_key"],
        "content_type": message.content_type,
        "content_encoding": message.content_encoding,
        "delivery_mode": message.properties.get("delivery_mode"),
        "priority": message.properties.get("priority"),
        "headers": message.headers or {},
    }


def pin(case):
    oslo_notifier.uuid = types.SimpleNamespace(uuid4=lambda: uuid.UUID(case["message_id"]))
    oslo_amqp.uuid = types.SimpleNamespace(uuid4=lambda: uuid.UUID(case["unique_id"]))
    sent = datetime.datetime.strptime(case["sent"], "%Y-%m-%dT%H:%M:%S.%f")
    oslo_notifier.timeutils = types.SimpleNamespace(utcnow=lambda: sent)


def messages(cases):
    queue = kombu.Queue("profiler.info", channel=kombu.Connection("memory://").channel())
    published = []
    for case in cases:
        # A service's control_exchange becomes the default exchange of its transport.
        oslo_messaging.set_transport_defaults(control_exchange=case["exchange"])
        conf = cfg.ConfigOpts()
        conf([], project="ostrace-reference")
        pin(case)
        payload = case["payload"]
        if case["driver"] == "messaging":
            driver = Messaging("messaging://", project=case["project"], service=case["service"],
                               host=case["publisher_id"], context=case["context"], conf=conf,
                               transport_url=MEMORY_URL)
            driver.notify(payload)
        else:
            payload.update(project=case["project"], service=case["service"])
            transport = oslo_messaging.get_notification_transport(conf, url=MEMORY_URL)
            notifier = oslo_messaging.Notifier(transport, publisher_id=case["publisher_id"],
                                               driver=case["driver"], topics=["profiler"], retry=0)
            notifier.info(case["context"], "profiler.%s" % case["service"], payload)
        published.append(read_published(queue))
    return published


def payloads():
    import sqlalchemy
    import webob
    from osprofiler import notifier, profiler, sqlalchemy as traced_sqlalchemy, web

    oslo_messaging.set_transport_defaults(control_exchange="nova")
    conf = cfg.ConfigOpts()
    conf([], project="ostrace-reference")
    driver = Messaging("messaging://", project="nova", service="osapi_compute", host="controller-0",
                       context={}, conf=conf, transport_url=MEMORY_URL)
    notifier.set(driver.notify)
    queue = kombu.Queue("profiler.info", channel=kombu.Connection("memory://").channel())

    @profiler.trace("compute_api")
    def create(flavor, image, min_count=1):
        return "ok"

    @profiler.trace("neutron_api")
    def allocate(instance):
        raise ValueError("no more IP addresses")

    @profiler.trace_cls("rpc")
    class ComputeTaskAPI(object):
        def schedule_and_build_instances(self, context, build_requests=None):
            return None

    engine = sqlalchemy.create_engine("sqlite://")
    traced_sqlalchemy.add_tracing(sqlalchemy, engine, "db")

    def app(environ, start_response):
        create("m1.small", "cirros", min_count=2)
        try:
            allocate("instance")
        except ValueError:
            pass
        ComputeTaskAPI().schedule_and_build_instances("ctx", build_requests=[])
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text("SELECT :deleted AS deleted"), {"deleted": 0})
            try:
                connection.execute(sqlalchemy.text("SELECT * FROM no_such_table"))
            except Exception:
                pass
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    middleware = web.WsgiMiddleware(app, hmac_keys="reference-key", enabled=True)
    profiler.init("reference-key")
    headers = web.get_trace_id_headers()
    profiler.clean()
    request = webob.Request.blank("/v2.1/servers?limit=10", method="POST", headers=headers)
    request.get_response(middleware)

    sent = []
    while True:
        message = queue.get(no_ack=True)
        if message is None:
            break
        sent.append(json.loads(message.body)["payload"])
    return sent


def main():
    request = json.load(sys.stdin)
    if request["mode"] == "messages":
        result = messages(request["cases"])
    elif request["mode"] == "payloads":
        result = payloads()
    else:
        raise SystemExit("unknown mode %r" % request["mode"])
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
