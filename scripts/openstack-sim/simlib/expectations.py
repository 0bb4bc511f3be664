"""What a consumer of the notifications of one trace should find.

Built from what the services handed to osprofiler's notifier (EmissionTap),
so it is exact for this run. With retry=0 a message the broker refused is
dropped at the source, as in production; the service logs would say so.
"""

import collections

from . import catalog


def summarize_trace(emitted_by_service, exchange_prefix):
    """emitted_by_service: {service name: [records from simlib.profiling.summarize_payload]}."""
    spans = {}
    notifications = 0
    for name, records in emitted_by_service.items():
        for record in records:
            notifications += 1
            base, _, phase = record["name"].rpartition("-")
            span = spans.setdefault(record["trace_id"], {"trace_id": record["trace_id"], "name": base, "service_name": name})
            span["parent_id"] = record["parent_id"]
            span[phase] = record

    services = {}
    for span in spans.values():
        spec = catalog.spec_by_name(span["service_name"])
        entry = services.setdefault(spec.name, {
            "project": spec.project, "service": spec.service, "host": spec.host,
            "exchange": spec.exchange(exchange_prefix), "event_type": "profiler.%s" % spec.service, "spans": 0,
        })
        entry["spans"] += 1

    roots = [s for s in spans.values() if s["parent_id"] not in spans]
    db_spans = [s for s in spans.values() if "start" in s and "statement" in s["start"]]
    repeated = collections.Counter((s["parent_id"], s["start"]["statement"]) for s in db_spans)
    failing = [s for s in spans.values() if "stop" in s and "etype" in s["stop"]]

    # The response of the command is the last root span to stop (the client's last request).
    root_stops = [s["stop"]["timestamp"] for s in roots if "stop" in s]
    response_at = max(root_stops) if root_stops else None
    after_response = [s for s in spans.values() if response_at and "start" in s and s["start"]["timestamp"] > response_at]

    return {
        "notifications": notifications,
        "spans": len(spans),
        "spans_without_stop": sorted(s["trace_id"] for s in spans.values() if "stop" not in s),
        "spans_without_start": sorted(s["trace_id"] for s in spans.values() if "start" not in s),
        "roots": len(roots),
        "root_parent_ids": sorted({s["parent_id"] for s in roots}),
        "services": services,
        "names": dict(sorted(collections.Counter(s["name"] for s in spans.values()).items())),
        "db_spans": len(db_spans),
        "repeated_statements": [
            {"statement": statement, "count": count, "parent_id": parent_id, "service": spans[parent_id]["service_name"] if parent_id in spans else None}
            for (parent_id, statement), count in repeated.most_common()
            if count > 1
        ],
        "failing_calls": [
            {
                "trace_id": s["trace_id"], "name": s["name"], "service": s["service_name"],
                "function": s.get("start", {}).get("function"), "etype": s["stop"]["etype"], "message": s["stop"]["message"],
            }
            for s in failing
        ],
        "response_stopped_at": response_at,
        "spans_after_response": len(after_response),
        "services_after_response": sorted({s["service_name"] for s in after_response}),
    }


def empty_expectation():
    return summarize_trace({}, "")
