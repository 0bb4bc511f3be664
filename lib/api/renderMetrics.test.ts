import { describe, expect, it } from "vitest";
import { createCollectorCounters, createHttpIngestCounters } from "../ingest/counters";
import type { CollectorHealth } from "../ingest/describeCollectorHealth";
import { renderMetrics } from "./renderMetrics";

const collector: CollectorHealth = {
  queue: 'ostrace "main"\\q',
  collector: null,
  state: "connected",
  ready: true,
  startedUs: 0,
  updatedUs: 0,
  heartbeatAgeSeconds: 1.5,
  lastError: null,
  counters: {
    ...createCollectorCounters(),
    received: 10,
    notificationsStored: 8,
    duplicates: 1,
    quarantined: 1,
    batches: 2,
    batchSecondsSum: 0.25,
    queueDepth: 3,
    droppedByTraceCap: 7,
    rateLimitedBatches: 2,
    rateLimitedSeconds: 1.5,
    carried: 12,
    ackFrames: 30,
    retentionRuns: 4,
    retentionLastRunUs: 1_700_000_000_500_000,
    retentionTracesDeleted: 3,
    retentionSpansDeleted: 900,
    quarantineDeleted: 5,
    dbSizeBytes: 123_456,
    redactedValues: 7,
  },
};

describe("renderMetrics", () => {
  const http = {
    ...createHttpIngestCounters(),
    requests: 6,
    rejectedRequests: 1,
    failedRequests: 1,
    rateLimitedRequests: 1,
    notificationsStored: 4,
    droppedByTraceCap: 2,
    redactedValues: 2,
    importRedactedValues: 5,
  };
  const text = renderMetrics([collector], http, { spans: 100, traces: 4, quarantinedMessages: 2 });
  const lines = text.trimEnd().split("\n");

  it("writes valid exposition lines: HELP and TYPE once per family, then samples", () => {
    const sample = /^[a-z_]+(\{[a-z_]+="(?:[^"\\\n]|\\["\\n])*"(,[a-z_]+="(?:[^"\\\n]|\\["\\n])*")*\})? -?[0-9.e+-]+$/;
    for (const line of lines) {
      if (line.startsWith("#")) expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ .+$/);
      else expect(line).toMatch(sample);
    }
    const types = lines.filter((l) => l.startsWith("# TYPE")).map((l) => l.split(" ")[2]);
    expect(new Set(types).size).toBe(types.length);
  });

  it("reports the collector, HTTP ingest and database figures", () => {
    const label = '{queue="ostrace \\"main\\"\\\\q"}';
    expect(lines).toContain(`ostrace_collector_up${label} 1`);
    expect(lines).toContain(`ostrace_collector_messages_received_total${label} 10`);
    expect(lines).toContain(`ostrace_collector_duplicates_total${label} 1`);
    expect(lines).toContain(`ostrace_collector_batch_seconds_sum${label} 0.25`);
    expect(lines).toContain(`ostrace_collector_batch_seconds_count${label} 2`);
    expect(lines).toContain(`ostrace_collector_queue_depth${label} 3`);
    expect(lines).toContain(`ostrace_collector_carried_total${label} 12`);
    expect(lines).toContain(`ostrace_collector_ack_frames_total${label} 30`);
    expect(lines).toContain('ostrace_http_ingest_requests_total{outcome="accepted"} 3');
    expect(lines).toContain('ostrace_http_ingest_notifications_total{result="stored"} 4');
    expect(lines).toContain(`ostrace_collector_redacted_values_total${label} 7`);
    expect(lines).toContain('ostrace_http_redacted_values_total{route="ingest"} 2');
    expect(lines).toContain('ostrace_http_redacted_values_total{route="import"} 5');
    expect(lines).toContain("ostrace_db_spans 100");
    expect(lines).toContain("ostrace_db_quarantined_messages 2");
  });

  it("labels each of several collectors on one queue with its name", () => {
    const second = { ...collector, queue: "ostrace.profiler", collector: "ctl-2" };
    const named = renderMetrics([{ ...second, collector: "ctl-1" }, second], createHttpIngestCounters(), {
      spans: 0,
      traces: 0,
      quarantinedMessages: 0,
    }).split("\n");
    expect(named).toContain('ostrace_collector_up{queue="ostrace.profiler",collector="ctl-1"} 1');
    expect(named).toContain('ostrace_collector_up{queue="ostrace.profiler",collector="ctl-2"} 1');
  });

  it("reports the limits and retention: dropped, rate-limited, what retention deleted and when, the database size", () => {
    const label = '{queue="ostrace \\"main\\"\\\\q"}';
    expect(lines).toContain(`ostrace_collector_dropped_total${label} 7`);
    expect(lines).toContain(`ostrace_collector_rate_limited_batches_total${label} 2`);
    expect(lines).toContain(`ostrace_collector_rate_limited_seconds_total${label} 1.5`);
    expect(lines).toContain(`ostrace_retention_runs_total${label} 4`);
    expect(lines).toContain(`ostrace_retention_last_run_timestamp_seconds${label} 1700000000.5`);
    expect(lines).toContain(`ostrace_retention_deleted_traces_total${label} 3`);
    expect(lines).toContain(`ostrace_retention_deleted_spans_total${label} 900`);
    expect(lines).toContain(`ostrace_retention_deleted_quarantined_total${label} 5`);
    expect(lines).toContain(`ostrace_db_size_bytes${label} 123456`);
    expect(lines).toContain('ostrace_http_ingest_requests_total{outcome="rate_limited"} 1');
    expect(lines).toContain('ostrace_http_ingest_notifications_total{result="dropped"} 2');
  });

  it("leaves out gauges not measured yet", () => {
    expect(text).not.toMatch(/^ostrace_collector_lag_seconds\{/m);
    const fresh = renderMetrics([{ ...collector, counters: createCollectorCounters() }], createHttpIngestCounters(), {
      spans: 0,
      traces: 0,
      quarantinedMessages: 0,
    });
    expect(fresh).not.toMatch(/^ostrace_retention_last_run_timestamp_seconds\{/m);
    expect(fresh).not.toMatch(/^ostrace_db_size_bytes\{/m);
  });
});
