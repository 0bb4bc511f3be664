"""Optional clean-up of what a run leaves on the broker (--cleanup-broker).

oslo.messaging's notifier declares, next to each exchange, a default queue
named after the routing key ("profiler.info") so notifications are kept
until someone consumes them. Nobody does here, so test runs would pile up
messages there. With a private --exchange-prefix, deleting the run's
exchanges is safe, and the default queue is deleted only while no consumer
uses it (other runs' publishers simply re-declare it).

The nova services' RPC servers leave their topic queues ("<prefix>compute",
"<prefix>compute.compute-0", ...: oslo declares them without auto-delete or
TTL) and their fanout exchanges; those are the run's own and go too. Fanout and
reply queues carry a TTL (rabbit_transient_queues_ttl) and expire by themselves.
"""

import kombu

from . import catalog

DEFAULT_QUEUE = "profiler.info"


def check_broker(transport_url):
    """Fails fast with a readable message: with the broker down, every notification would be
    dropped (retry=0) after a connection attempt, and the run would look fine but send nothing."""
    try:
        with kombu.Connection(_amqp_url(transport_url), connect_timeout=5) as connection:
            connection.connect()
    except Exception as error:
        raise ConnectionError("RabbitMQ is not reachable at %s: %s" % (_amqp_url(transport_url).split("@")[-1], error)) from error


def _amqp_url(transport_url):
    return "amqp://" + transport_url[len("rabbit://"):]


def cleanup_broker(transport_url, exchange_prefix):
    if not exchange_prefix:
        raise ValueError("--cleanup-broker needs --exchange-prefix: it deletes the run's exchanges")
    deleted = []
    fanout_exchanges = ["%s_fanout" % spec.topic(exchange_prefix) for spec in catalog.SERVICES if spec.rpc_topic]
    with kombu.Connection(_amqp_url(transport_url), connect_timeout=5) as connection:
        for exchange in catalog.exchanges(exchange_prefix) + fanout_exchanges:
            channel = connection.channel()
            try:
                channel.exchange_delete(exchange)
                deleted.append(exchange)
            except connection.channel_errors:
                pass
            finally:
                _close_quietly(channel)
        for queue in catalog.rpc_queues(exchange_prefix):
            channel = connection.channel()
            try:
                channel.queue_delete(queue)
                deleted.append(queue)
            except connection.channel_errors:
                pass
            finally:
                _close_quietly(channel)
        channel = connection.channel()
        try:
            channel.queue_delete(DEFAULT_QUEUE, if_unused=True)
            deleted.append(DEFAULT_QUEUE)
        except connection.channel_errors:
            pass  # missing, or someone consumes it: leave it alone
        finally:
            _close_quietly(channel)
    return deleted


def _close_quietly(channel):
    try:
        channel.close()
    except Exception:  # a channel closed by the broker after an error
        pass
