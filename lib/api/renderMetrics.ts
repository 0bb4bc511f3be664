// GET /metrics in Prometheus text exposition format (version 0.0.4): the workers' counters from
// their heartbeat rows, this web process's HTTP ingest counters, and totals from the database.
import type { DbTotals } from "../db/readDbTotals";
import type { HttpIngestCounters } from "../ingest/counters";
import type { CollectorHealth } from "../ingest/describeCollectorHealth";

type Sample = { suffix?: string; labels?: Record<string, string>; value: number | null };
type Family = { name: string; type: "counter" | "gauge" | "summary"; help: string; samples: Sample[] };

export function renderMetrics(collectors: readonly CollectorHealth[], http: HttpIngestCounters, totals: DbTotals): string {
  const perQueue = (pick: (c: CollectorHealth) => number | null): Sample[] =>
    collectors.map((c): Sample => ({
      labels: c.collector === null ? { queue: c.queue } : { queue: c.queue, collector: c.collector },
      value: pick(c),
    }));
  const families: Family[] = [
    {
      name: "ostrace_collector_up",
      type: "gauge",
      help: "1 while the collector is connected to RabbitMQ and its heartbeat is fresh",
      samples: perQueue((c) => (c.state === "connected" ? 1 : 0)),
    },
    {
      name: "ostrace_collector_heartbeat_age_seconds",
      type: "gauge",
      help: "Seconds since the collector last wrote its status",
      samples: perQueue((c) => c.heartbeatAgeSeconds),
    },
    {
      name: "ostrace_collector_messages_received_total",
      type: "counter",
      help: "Messages delivered by RabbitMQ",
      samples: perQueue((c) => c.counters.received),
    },
    {
      name: "ostrace_collector_notifications_stored_total",
      type: "counter",
      help: "Notifications that added a start or stop to a span",
      samples: perQueue((c) => c.counters.notificationsStored),
    },
    {
      name: "ostrace_collector_spans_created_total",
      type: "counter",
      help: "Spans stored for the first time",
      samples: perQueue((c) => c.counters.spansCreated),
    },
    {
      name: "ostrace_collector_duplicates_total",
      type: "counter",
      help: "Notifications already stored (redelivered or sent twice)",
      samples: perQueue((c) => c.counters.duplicates),
    },
    {
      name: "ostrace_collector_quarantined_total",
      type: "counter",
      help: "Messages that failed decoding or validation, kept in quarantined_message",
      samples: perQueue((c) => c.counters.quarantined),
    },
    {
      name: "ostrace_collector_ignored_total",
      type: "counter",
      help: "Well-formed notifications that are not profiler events",
      samples: perQueue((c) => c.counters.ignored),
    },
    { name: "ostrace_collector_batches_total", type: "counter", help: "Batches committed", samples: perQueue((c) => c.counters.batches) },
    {
      name: "ostrace_collector_batch_seconds",
      type: "summary",
      help: "Time to decode, store and commit one batch",
      samples: [
        ...perQueue((c) => c.counters.batchSecondsSum).map((s) => ({ ...s, suffix: "_sum" })),
        ...perQueue((c) => c.counters.batches).map((s) => ({ ...s, suffix: "_count" })),
      ],
    },
    {
      name: "ostrace_collector_batch_seconds_max",
      type: "gauge",
      help: "Longest batch since the collector started",
      samples: perQueue((c) => c.counters.batchSecondsMax),
    },
    {
      name: "ostrace_collector_batch_failures_total",
      type: "counter",
      help: "Batches whose transaction failed; their messages were requeued",
      samples: perQueue((c) => c.counters.batchFailures),
    },
    {
      name: "ostrace_collector_carried_total",
      type: "counter",
      help: "Deliveries left unacknowledged for the next batch because another collector was writing their trace",
      samples: perQueue((c) => c.counters.carried),
    },
    {
      name: "ostrace_collector_ack_frames_total",
      type: "counter",
      help: "Ack frames sent to RabbitMQ (one per batch, plus one per delivery acked above a carried one)",
      samples: perQueue((c) => c.counters.ackFrames),
    },
    {
      name: "ostrace_collector_reconnects_total",
      type: "counter",
      help: "Connections to RabbitMQ re-established after a loss",
      samples: perQueue((c) => c.counters.reconnects),
    },
    {
      name: "ostrace_collector_redacted_values_total",
      type: "counter",
      help: "Values masked in payloads before storage (OSTRACE_REDACT)",
      samples: perQueue((c) => c.counters.redactedValues),
    },
    {
      name: "ostrace_collector_queue_depth",
      type: "gauge",
      help: "Messages waiting in the collector's queue at the last check",
      samples: perQueue((c) => c.counters.queueDepth),
    },
    {
      name: "ostrace_collector_lag_seconds",
      type: "gauge",
      help: "Now minus the newest notification timestamp of the last batch",
      samples: perQueue((c) => c.counters.lagSeconds),
    },
    {
      name: "ostrace_collector_dropped_total",
      type: "counter",
      help: "Notifications refused because their trace reached a cap (OSTRACE_TRACE_MAX_SPANS, OSTRACE_TRACE_MAX_MB)",
      samples: perQueue((c) => c.counters.droppedByTraceCap),
    },
    {
      name: "ostrace_collector_rate_limited_batches_total",
      type: "counter",
      help: "Batches held back by OSTRACE_RATE_LIMIT while RabbitMQ kept the backlog",
      samples: perQueue((c) => c.counters.rateLimitedBatches),
    },
    {
      name: "ostrace_collector_rate_limited_seconds_total",
      type: "counter",
      help: "Time batches were held back by OSTRACE_RATE_LIMIT",
      samples: perQueue((c) => c.counters.rateLimitedSeconds),
    },
    {
      name: "ostrace_retention_runs_total",
      type: "counter",
      help: "Retention rounds the collector ran",
      samples: perQueue((c) => c.counters.retentionRuns),
    },
    {
      name: "ostrace_retention_last_run_timestamp_seconds",
      type: "gauge",
      help: "When the last retention round ended (Unix time)",
      samples: perQueue((c) => (c.counters.retentionLastRunUs === null ? null : c.counters.retentionLastRunUs / 1e6)),
    },
    {
      name: "ostrace_retention_deleted_traces_total",
      type: "counter",
      help: "Traces deleted by retention (age or database size)",
      samples: perQueue((c) => c.counters.retentionTracesDeleted),
    },
    {
      name: "ostrace_retention_deleted_spans_total",
      type: "counter",
      help: "Spans deleted by retention",
      samples: perQueue((c) => c.counters.retentionSpansDeleted),
    },
    {
      name: "ostrace_retention_deleted_quarantined_total",
      type: "counter",
      help: "Quarantined messages deleted (age or size)",
      samples: perQueue((c) => c.counters.quarantineDeleted),
    },
    {
      name: "ostrace_db_size_bytes",
      type: "gauge",
      help: "Database size at the last retention round: SQLite pages in use, PostgreSQL pg_database_size",
      samples: perQueue((c) => c.counters.dbSizeBytes),
    },
    {
      name: "ostrace_http_ingest_requests_total",
      type: "counter",
      help: "POST /api/ingest requests by outcome",
      samples: [
        { labels: { outcome: "accepted" }, value: http.requests - http.rejectedRequests - http.failedRequests - http.rateLimitedRequests },
        { labels: { outcome: "rejected" }, value: http.rejectedRequests },
        { labels: { outcome: "failed" }, value: http.failedRequests },
        { labels: { outcome: "rate_limited" }, value: http.rateLimitedRequests },
      ],
    },
    {
      name: "ostrace_http_ingest_notifications_total",
      type: "counter",
      help: "Notifications received over HTTP by result",
      samples: [
        { labels: { result: "stored" }, value: http.notificationsStored },
        { labels: { result: "duplicate" }, value: http.duplicates },
        { labels: { result: "quarantined" }, value: http.quarantined },
        { labels: { result: "ignored" }, value: http.ignored },
        { labels: { result: "dropped" }, value: http.droppedByTraceCap },
      ],
    },
    {
      name: "ostrace_http_ingest_spans_created_total",
      type: "counter",
      help: "Spans stored for the first time over HTTP",
      samples: [{ value: http.spansCreated }],
    },
    {
      name: "ostrace_http_redacted_values_total",
      type: "counter",
      help: "Values masked in payloads before storage, received over HTTP (OSTRACE_REDACT)",
      samples: [
        { labels: { route: "ingest" }, value: http.redactedValues },
        { labels: { route: "import" }, value: http.importRedactedValues },
      ],
    },
    { name: "ostrace_db_spans", type: "gauge", help: "Spans in the database", samples: [{ value: totals.spans }] },
    { name: "ostrace_db_traces", type: "gauge", help: "Traces in the database", samples: [{ value: totals.traces }] },
    {
      name: "ostrace_db_quarantined_messages",
      type: "gauge",
      help: "Messages in the quarantine",
      samples: [{ value: totals.quarantinedMessages }],
    },
  ];
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      if (sample.value === null) continue;
      lines.push(`${family.name}${sample.suffix ?? ""}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.join("\n") + "\n";
}

function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return "";
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`);
  return `{${parts.join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}
