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
"""


def write_service_config(path, spec, transport_url, exchange_prefix, hmac_keys, state_dir):
    text = CONF_TEMPLATE.format(
        host=spec.host,
        transport_url=transport_url,
        control_exchange=spec.exchange(exchange_prefix),
        hmac_keys=hmac_keys,
        database_path=database_path(state_dir, spec.database),
    )
    with open(path, "w") as handle:
        handle.write(text)
    return path


def database_path(state_dir, database):
    return os.path.join(state_dir, "%s.sqlite" % database)


def load_service_config(path, project):
    """Loads one service's file into a fresh ConfigOpts (one per process, like CONF)."""
    conf = cfg.ConfigOpts()
    conf.register_opt(cfg.StrOpt("host"))
    conf.register_opt(cfg.StrOpt("connection"), group="database")
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
