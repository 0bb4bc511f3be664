#!/usr/bin/python3
"""Prints the trace headers `openstack --os-profile <key>` would send, for use with curl.

    /usr/bin/python3 scripts/openstack-sim/sign.py --hmac-key SECRET_KEY
    X-Trace-Info: eyJiYXNlX2lkIjog...
    X-Trace-HMAC: 3c1f...
    (base_id on stderr)

Made with osprofiler's own profiler.init + web.get_trace_id_headers.
"""

import argparse
import sys

from osprofiler import profiler, web


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hmac-key", default="SECRET_KEY")
    args = parser.parse_args()
    trace = profiler.init(args.hmac_key)
    for name, value in web.get_trace_id_headers().items():
        print("%s: %s" % (name, value.decode() if isinstance(value, bytes) else value))
    print("base_id %s" % trace.get_base_id(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
