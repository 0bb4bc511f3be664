"""Service configuration files, written the way an operator writes nova.conf.

Each simulated service reads a real oslo.config file, so the [profiler] and
messaging settings below are exactly the ones an operator sets to point a real
cloud at ostrace (see README.md).
"""

import os

from oslo_config import cfg
from osprofiler import opts as profiler_opts

CONF_TEMPLATE = """\
[DEFAULT]
host = {host}
# Notifications go to this broker ...
transport_url = {transport_url}
# ... on a topic exchange named after the project (nova, glance, ...).
control_exchange = {control_exchange}

[profiler]
enabled = true
# Only requests signed with one of these keys are traced.
hmac_keys = {hmac_keys}
# osprofiler's messaging driver: oslo.messaging Notifier, topic "profiler".
connection_string = messaging://
# One db span per SQL statement (multiplies the volume of every trace).
trace_sqlalchemy = true

[database]
connection = sqlite:///{database_path}

[oslo_messaging_rabbit]
# RPC reply queues and fanout queues of stopped services go away a minute after their last use
# (default 30 min), so test runs do not pile them up on a shared broker.
rabbit_transient_queues_ttl = 60

[sim]
# Not an OpenStack option: prefixed to nova's RPC topics (conductor, scheduler, compute). Topic
# queues are named after the topic, not the exchange, so runs sharing a broker need their own.
rpc_topic_prefix = {rpc_topic_prefix}
"""


def write_service_config(path, spec, transport_url, exchange_prefix, hmac_keys, state_dir):
    text = CONF_TEMPLATE.format(
        host=spec.host,
        transport_url=transport_url,
        control_exchange=spec.exchange(exchange_prefix),
        hmac_keys=hmac_keys,
        database_path=database_path(state_dir, spec.database),
        rpc_topic_prefix=exchange_prefix,
    )
    with open(path, "w") as handle:
        handle.write(text)
    return path


def database_path(state_dir, database):
    return os.path.join(state_dir, "%s.sqlite" % database)


def load_service_config(path, project):
    """Loads one service's file into the process's global cfg.CONF, as every service does.

    The global one, not a fresh ConfigOpts: oslo.messaging registers some options
    (oslo_messaging_metrics, read by every RPCClient) only on cfg.CONF.
    """
    conf = cfg.CONF
    conf.register_opt(cfg.StrOpt("host"))
    conf.register_opt(cfg.StrOpt("connection"), group="database")
    conf.register_opt(cfg.StrOpt("rpc_topic_prefix", default=""), group="sim")
    profiler_opts.set_defaults(conf)
    conf(args=[], project=project, default_config_files=[path])
    return conf


def to_transport_url(amqp_url):
    """oslo.messaging wants rabbit://; accept the amqp:// spelling used by amqplib users too."""
    if amqp_url.startswith("amqp://"):
        amqp_url = "rabbit://" + amqp_url[len("amqp://"):]
    if not amqp_url.startswith("rabbit://"):
        raise ValueError("--amqp-url must be rabbit://user:pass@host:port/ or amqp://...: %r" % amqp_url)
    # oslo.messaging reads the part after the port as the virtual host; "/" is the default one.
    if amqp_url.count("/") == 2:
        amqp_url += "/"
    return amqp_url
