#!/usr/bin/python3
"""Simulated OpenStack cloud traced by the real OSprofiler: start it, drive it, stop it.

Starts keystone, glance-api, neutron-server, nova-api, nova-conductor,
nova-scheduler and nova-compute on 127.0.0.1 (one process each; the nova
services talk over oslo.messaging RPC), sends each request the way
`openstack --os-profile <key>` does, waits until the asynchronous work is
finished and every notification was handed to oslo.messaging, prints one JSON
line per request (base_id and what a consumer must receive), and stops the
services. See README.md next to this file.
"""

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time

from simlib import catalog, config
from simlib.broker import check_broker, cleanup_broker
from simlib.client import OpenStackClient
from simlib.cloud import Cloud, CloudError
from simlib.expectations import summarize_trace
from simlib.scenarios import SCENARIOS


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--amqp-url", default="rabbit://guest:guest@127.0.0.1:5672/", help="broker for the notifications (rabbit:// or amqp://)")
    parser.add_argument("--exchange-prefix", default="", help="prefix of every control_exchange (e.g. 'test-1a2b-' gives test-1a2b-nova); isolates test runs")
    parser.add_argument("--hmac-key", default="SECRET_KEY", help="the services' [profiler] hmac_keys and the key requests are signed with")
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), default="boot", help="boot: server create (async: conductor, scheduler, build on nova-compute); list: server list --long")
    parser.add_argument("--requests", type=int, default=1, help="how many traced commands to run (one trace each)")
    parser.add_argument("--count", type=int, default=1, help="boot: servers per request (--min-count); ~26 more spans each")
    parser.add_argument("--oslo-driver", choices=("messaging", "messagingv2"), default="messaging", help="messaging (what osprofiler uses: bare oslo message, format 1.0) or messagingv2 (same message in envelope v2)")
    parser.add_argument("--wrong-hmac", action="store_true", help="sign every request with a wrong key: services must trace nothing")
    parser.add_argument("--wrong-hmac-requests", type=int, default=0, help="also send this many wrongly signed requests first")
    parser.add_argument("--serve", action="store_true", help="keep the cloud running after the requests until SIGINT/SIGTERM")
    parser.add_argument("--interval", type=float, default=0, help="with --serve: repeat the requests every this many seconds")
    parser.add_argument("--describe", action="store_true", help="print the services and exchanges as JSON, start nothing")
    parser.add_argument("--cleanup-broker", action="store_true", help="after the run delete the prefixed exchanges, RPC queues and oslo's unused default queue profiler.info (needs --exchange-prefix)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for start-up and for asynchronous work")
    parser.add_argument("--state-dir", help="where configs, SQLite files and logs go (default: a temporary directory, removed at exit)")
    parser.add_argument("--verbose", action="store_true", help="services log to this stderr instead of <state-dir>/<service>.log")
    args = parser.parse_args(argv)
    if args.cleanup_broker and not args.exchange_prefix:
        parser.error("--cleanup-broker needs --exchange-prefix")
    if args.interval and not args.serve:
        parser.error("--interval needs --serve")
    return args


def describe(prefix):
    return {
        "kind": "describe",
        "entry": catalog.ENTRY_SERVICE,
        "exchanges": catalog.exchanges(prefix),
        "routing_key": "profiler.info",
        "message_format": "bare oslo message (format 1.0); envelope v2 with --oslo-driver messagingv2",
        "services": [
            {"name": s.name, "project": s.project, "service": s.service, "host": s.host, "exchange": s.exchange(prefix), "event_type": "profiler.%s" % s.service,
             "rpc_topic": s.topic(prefix) if s.rpc_topic else None}
            for s in catalog.SERVICES
        ],
    }


def emit(line):
    print(json.dumps(line, sort_keys=False), flush=True)


def run_request(cloud, args, index, signed):
    key = args.hmac_key if signed == "valid" else "not-" + args.hmac_key
    error = None
    with OpenStackClient(cloud.urls, key) as client:
        try:
            SCENARIOS[args.scenario](client, args.count)
        except RuntimeError as failure:
            error = str(failure)
        base_id = client.base_id
    cloud.wait_idle(args.timeout)
    expected = summarize_trace(cloud.emitted(base_id), args.exchange_prefix)
    line = {
        "kind": "request", "index": index, "scenario": args.scenario, "count": args.count if args.scenario == "boot" else None,
        "signed": signed, "base_id": base_id, "http": client.calls, "expected": expected,
    }
    if error:
        line["error"] = error
    emit(line)
    return error is None


def main(argv):
    args = parse_args(argv)
    if args.describe:
        emit(describe(args.exchange_prefix))
        return 0
    transport_url = config.to_transport_url(args.amqp_url)
    try:
        check_broker(transport_url)
    except ConnectionError as error:
        print("openstack-sim: %s" % error, file=sys.stderr)
        return 2
    state_dir = args.state_dir or tempfile.mkdtemp(prefix="openstack-sim-")
    os.makedirs(state_dir, exist_ok=True)
    # SIGTERM (e.g. a test runner stopping us) takes the same clean path as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    cloud = Cloud(transport_url, args.exchange_prefix, args.hmac_key, state_dir, oslo_driver=args.oslo_driver, verbose=args.verbose)
    ok = True
    try:
        cloud.start(timeout=args.timeout)
        plan = ["wrong-hmac"] * args.wrong_hmac_requests + ["wrong-hmac" if args.wrong_hmac else "valid"] * args.requests
        if args.serve:
            emit(dict(describe(args.exchange_prefix), kind="serving", urls=cloud.urls, state_dir=state_dir, hmac_key=args.hmac_key))
        index = 0
        while True:
            for signed in plan:
                index += 1
                ok = run_request(cloud, args, index, signed) and ok
            if not (args.serve and args.interval):
                break
            time.sleep(args.interval)
        if args.serve:
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    except CloudError as error:
        print("openstack-sim: %s" % error, file=sys.stderr)
        ok = False
    finally:
        # A second Ctrl-C or SIGTERM must not cut the clean-up short and orphan the services.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cloud.stop()
        if args.cleanup_broker:
            try:
                cleanup_broker(transport_url, args.exchange_prefix)
            except Exception as error:  # clean-up is best effort; the run itself is over
                print("openstack-sim: broker clean-up failed: %r" % error, file=sys.stderr)
        if not args.state_dir:
            shutil.rmtree(state_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
