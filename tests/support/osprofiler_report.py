#!/usr/bin/python3
"""OSprofiler's own report for a set of notifications: the reference our export is compared to.

    /usr/bin/python3 tests/support/osprofiler_report.py < bodies.json > report.json

stdin: a JSON array of raw AMQP message bodies (strings, oslo format 1.0 or envelope v2) or of
OSprofiler payloads (objects). stdout: the report as `osprofiler trace show --json` prints it,
built by osprofiler.drivers.base.Driver._append_results/_parse_results exactly as
drivers/messaging.py's get_report does, fed in timestamp order.
"""

import json
import sys

from osprofiler.drivers import base


def payload_of(body):
    """The OSprofiler payload of one raw body (OSprofiler's driver sends oslo's v1: no envelope)."""
    message = json.loads(body)
    if "oslo.message" in message:
        message = json.loads(message["oslo.message"])
    return message["payload"]


def osprofiler_report(payloads):
    driver = base.Driver("messaging://")
    ordered = sorted(enumerate(payloads), key=lambda item: (item[1]["timestamp"], item[0]))
    for _, n in ordered:
        driver._append_results(n["trace_id"], n["parent_id"], n["name"], n["project"], n["service"],
                               n["info"]["host"], n["timestamp"], n)
    return driver._parse_results()


def dumps_like_trace_show(report):
    return json.dumps(report, separators=(",", ": "), indent=2)


def main():
    items = json.load(sys.stdin)
    payloads = [payload_of(item) if isinstance(item, str) else item for item in items]
    sys.stdout.write(dumps_like_trace_show(osprofiler_report(payloads)) + "\n")


if __name__ == "__main__":
    main()
