// Every setting ostrace reads from the environment, with its default, validated once at start.
// A bad value stops the process with one line per problem naming the variable, so an operator
// never has to guess why the collector did not come up.
import { readAccessConfig } from "./http/access/readAccessConfig";
import type { AccessConfig } from "./http/access/types";
import { DEFAULT_INPUT_LIMITS, MAX_JSON_DEPTH_CEILING } from "./notification/inputLimits";
import { readRedactionSettings, type RedactionSettings } from "./notification/redactionSettings";

/** Ceilometer's profiler exchanges plus the services that came later. */
export const DEFAULT_EXCHANGES = [
  "openstack",
  "nova",
  "cinder",
  "glance",
  "neutron",
  "heat",
  "keystone",
  "sahara",
  "trove",
  "zaqar",
  "ironic",
  "placement",
  "octavia",
  "manila",
  "designate",
  "barbican",
] as const;

const MIB = 1024 * 1024;

export type Config = {
  /** The first of amqpUrls: what tools that need one broker (the demo, the empty page) use. */
  amqpUrl: string;
  /** Every node of the RabbitMQ cluster the collector may use, in the order it tries them first. */
  amqpUrls: string[];
  databaseUrl: string;
  /** A PostgreSQL replica the web server reads traces from; null: it reads from databaseUrl. */
  readDatabaseUrl: string | null;
  exchanges: string[];
  topics: string[];
  queue: string;
  queueType: QueueType;
  /** Names this collector's heartbeat among several on one queue; null: the heartbeat is the queue's. */
  collectorName: string | null;
  batchSize: number;
  batchMs: number;
  prefetch: number;
  port: number;
  hostname: string;
  maxNotificationBytes: number;
  maxJsonDepth: number;
  maxJsonItems: number;
  maxStringChars: number;
  quarantineMaxBytes: number;
  /** Limits and retention (README "Operations"): the rows a trace, a source or the quarantine may add, and how long data stays. */
  limits: OperatorLimits;
  /** What is masked in payloads before storage (lib/notification/redactionSettings.ts). */
  redaction: RedactionSettings;
  logLevel: LogLevel;
  /** Who may use the UI and the API (lib/http/access). Holds secrets: never log it or hand it to a client component. */
  access: AccessConfig;
};

/** 0 turns a limit off. */
export type OperatorLimits = {
  /** Spans stored per trace; past it a trace's new spans are refused and counted (lib/ingest/applyTraceCaps.ts). */
  traceMaxSpans: number;
  /** What a trace's stored spans may weigh (lib/ingest/measureSpanRow.ts). */
  traceMaxBytes: number;
  /** Notifications per second per source: HTTP client or token, AMQP exchange. */
  ratePerSecond: number;
  quarantineMaxBytes: number;
  quarantineMaxDays: number;
  retentionDays: number;
  dbMaxBytes: number;
};

export type LogLevel = "debug" | "info" | "warn" | "error";
/** classic: one node holds the queue (RabbitMQ's default); quorum: replicated (Raft) over the cluster, survives losing a minority of nodes. */
export type QueueType = "classic" | "quorum";

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The documented variables, their defaults and meaning; lib/config.test.ts keeps README's table equal to this. */
export const CONFIG_DOCS: { name: string; default: string; meaning: string }[] = [
  {
    name: "AMQP_URL",
    default: "amqp://guest:guest@127.0.0.1:5672",
    meaning:
      "RabbitMQ the collector consumes from (amqp:// or amqps://); a cluster: one URL per node, comma-separated, tried in turn when a node is lost",
  },
  { name: "DATABASE_URL", default: "file:./data/ostrace.db", meaning: "SQLite file (file:...) or PostgreSQL (postgresql://...)" },
  {
    name: "OSTRACE_READ_DATABASE_URL",
    default: "unset",
    meaning:
      "PostgreSQL only: a replica the web server reads the trace list, traces and spans from (writes, status and metrics stay on `DATABASE_URL`)",
  },
  {
    name: "OSTRACE_EXCHANGES",
    default: DEFAULT_EXCHANGES.join(","),
    meaning: "comma-separated topic exchanges (control_exchange of each service)",
  },
  {
    name: "OSTRACE_TOPICS",
    default: "profiler",
    meaning: "comma-separated notification topics; add `notifications` if services send profiler events there",
  },
  {
    name: "OSTRACE_QUEUE",
    default: "ostrace.profiler",
    meaning: "the durable queue ostrace owns (never share it with `osprofiler trace show`)",
  },
  {
    name: "OSTRACE_QUEUE_TYPE",
    default: "classic",
    meaning:
      "`classic`, or `quorum`: replicated over a RabbitMQ cluster, survives the loss of a node (an existing queue keeps its type: drain and delete it to change)",
  },
  {
    name: "OSTRACE_COLLECTOR_NAME",
    default: "unset",
    meaning:
      "with several collectors on one queue: a name of each one's own (e.g. the host), so each has its heartbeat in `/api/status` and `/metrics`",
  },
  { name: "OSTRACE_BATCH_SIZE", default: "2000", meaning: "notifications per database transaction (1-10000)" },
  { name: "OSTRACE_BATCH_MS", default: "100", meaning: "longest wait before a partial batch is committed, in ms (1-60000)" },
  { name: "OSTRACE_PREFETCH", default: "4 x batch size", meaning: "unacknowledged messages RabbitMQ may hand the worker (>= batch size)" },
  { name: "PORT", default: "3000", meaning: "HTTP port of the web UI, API and HTTP ingest" },
  {
    name: "HOSTNAME",
    default: "0.0.0.0",
    meaning:
      "address the web server listens on (`npm start` and `npm run web` pass it to `next start` as `-H`; `next start` alone does not read it)",
  },
  { name: "OSTRACE_MAX_NOTIFICATION_BYTES", default: "1048576", meaning: "a larger message is quarantined, not stored" },
  {
    name: "OSTRACE_MAX_JSON_DEPTH",
    default: String(DEFAULT_INPUT_LIMITS.maxJsonDepth),
    meaning: `deepest nesting of objects and arrays in one message (2-${MAX_JSON_DEPTH_CEILING}); a deeper one is quarantined`,
  },
  {
    name: "OSTRACE_MAX_JSON_ITEMS",
    default: String(DEFAULT_INPUT_LIMITS.maxJsonItems),
    meaning: "object members plus array elements in one message; a message with more is quarantined",
  },
  {
    name: "OSTRACE_MAX_STRING_CHARS",
    default: String(DEFAULT_INPUT_LIMITS.maxStringChars),
    meaning: "a longer string in a payload is cut to this many characters and marked `…[truncated by ostrace: N characters]`",
  },
  {
    name: "OSTRACE_QUARANTINE_MAX_BYTES",
    default: "1048576",
    meaning: "how much of a quarantined body is kept (its full size is always recorded)",
  },
  {
    name: "OSTRACE_TRACE_MAX_SPANS",
    default: "1000000",
    meaning:
      "spans stored per trace (1-1000000000); past it the trace is marked truncated and its new spans counted, not stored (see [Limits](#limits))",
  },
  { name: "OSTRACE_TRACE_MAX_MB", default: "1024", meaning: "MiB of stored payload per trace; past it likewise (1-1048576)" },
  {
    name: "OSTRACE_RATE_LIMIT",
    default: "50000",
    meaning:
      "notifications per second per source (HTTP client or ingest token, AMQP exchange); HTTP answers 429, AMQP waits with the backlog in RabbitMQ; 0: off",
  },
  { name: "OSTRACE_QUARANTINE_MAX_MB", default: "1024", meaning: "quarantined bodies kept, oldest deleted first; 0: no limit" },
  { name: "OSTRACE_QUARANTINE_MAX_DAYS", default: "30", meaning: "quarantined messages older than this are deleted; 0: kept forever" },
  {
    name: "OSTRACE_RETENTION_DAYS",
    default: "30",
    meaning: "traces not updated for this many days are deleted (see [Retention](#retention)); 0: kept forever",
  },
  {
    name: "OSTRACE_DB_MAX_MB",
    default: "10240",
    meaning: "database size the collector keeps under by deleting the oldest traces; 0: no limit",
  },
  {
    name: "OSTRACE_REDACT",
    default: "on",
    meaning:
      "`on`: secrets in payloads (passwords, tokens, auth headers, connection-string passwords, private keys) are replaced by `[redacted]` before storage; `off` stores payloads as they came (see [Redaction](#redaction))",
  },
  {
    name: "OSTRACE_REDACT_KEYS",
    default: "unset",
    meaning:
      "more key names to mask, comma-separated (`key_name,X-Tenant-Pin`; matched like the built-in ones), or one `/regular expression/` tested against each key (RE2 syntax, linear time)",
  },
  { name: "LOG_LEVEL", default: "info", meaning: "debug, info, warn or error" },
  {
    name: "OSTRACE_AUTH",
    default: "open",
    meaning: "who may use the UI and the API: `open` (no login), `token`, `basic` or `proxy` (see [Access](#access))",
  },
  {
    name: "OSTRACE_TOKEN",
    default: "unset",
    meaning: "with `OSTRACE_AUTH=token`: the token, as `Authorization: Bearer` or as the password of HTTP Basic (16+ characters)",
  },
  {
    name: "OSTRACE_USERS",
    default: "unset",
    meaning: "with `OSTRACE_AUTH=basic`: `name:<hash>,...`, each hash made by `npm run hash-password` (plain-text passwords are refused)",
  },
  {
    name: "OSTRACE_PROXY_USER_HEADER",
    default: "X-Remote-User",
    meaning: "with `OSTRACE_AUTH=proxy`: the header in which the reverse proxy names the user; requests without it are refused",
  },
  {
    name: "OSTRACE_INGEST_TOKEN",
    default: "unset",
    meaning: "bearer token for `POST /api/ingest` (then required there, in every mode) and `POST /api/traces/import` (16+ characters)",
  },
  {
    name: "OSTRACE_METRICS_OPEN",
    default: "0",
    meaning: "`1`: `/metrics` answers without credentials; otherwise it follows `OSTRACE_AUTH`",
  },
];

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };

  const names = (name: string, fallback: readonly string[]): string[] => {
    const raw = read(name);
    if (raw === undefined) return [...fallback];
    const list = [
      ...new Set(
        raw
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    const bad = list.filter((item) => !/^[A-Za-z0-9_.:-]{1,255}$/.test(item));
    if (list.length === 0) problems.push(`${name}=${JSON.stringify(raw)}: expected at least one name`);
    for (const item of bad) problems.push(`${name}: ${JSON.stringify(item)} is not a valid AMQP name (letters, digits, _ . : -)`);
    return list;
  };

  const amqpUrls = [
    ...new Set(
      (read("AMQP_URL") ?? "amqp://guest:guest@127.0.0.1:5672")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  for (const url of amqpUrls) {
    if (!/^amqps?:\/\/[^/\s]+/.test(url))
      problems.push(`AMQP_URL=${JSON.stringify(redactUrl(url))}: expected amqp://user:password@host:port[/vhost]`);
  }
  if (amqpUrls.length === 0) problems.push(`AMQP_URL: expected at least one amqp://user:password@host:port[/vhost]`);

  const queueType = read("OSTRACE_QUEUE_TYPE") ?? "classic";
  if (queueType !== "classic" && queueType !== "quorum") {
    problems.push(`OSTRACE_QUEUE_TYPE=${JSON.stringify(queueType)}: expected classic or quorum`);
  }

  const databaseUrl = read("DATABASE_URL") ?? "file:./data/ostrace.db";
  if (!/^(file:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL=${JSON.stringify(redactUrl(databaseUrl))}: expected file:<path> (SQLite) or postgresql://user@host:port/db`,
    );
  }

  const readDatabaseUrl = read("OSTRACE_READ_DATABASE_URL") ?? null;
  if (readDatabaseUrl !== null && !/^postgres(ql)?:\/\/.+$/.test(readDatabaseUrl)) {
    problems.push(
      `OSTRACE_READ_DATABASE_URL=${JSON.stringify(redactUrl(readDatabaseUrl))}: expected postgresql://user@host:port/db (a replica of DATABASE_URL)`,
    );
  } else if (readDatabaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("OSTRACE_READ_DATABASE_URL is set but DATABASE_URL is not PostgreSQL: a replica needs a PostgreSQL primary");
  }

  const queue = read("OSTRACE_QUEUE") ?? "ostrace.profiler";
  if (!/^[A-Za-z0-9_.:-]{1,255}$/.test(queue)) {
    problems.push(`OSTRACE_QUEUE=${JSON.stringify(queue)}: expected 1-255 letters, digits, _ . : -`);
  }

  const collectorName = read("OSTRACE_COLLECTOR_NAME") ?? null;
  if (collectorName !== null && !/^[A-Za-z0-9_.:-]{1,100}$/.test(collectorName)) {
    problems.push(`OSTRACE_COLLECTOR_NAME=${JSON.stringify(collectorName)}: expected 1-100 letters, digits, _ . : -`);
  }

  // 2000: one commit (and fsync) per 2000 notifications when the queue is deep; at a steady low
  // rate OSTRACE_BATCH_MS cuts batches first. Measured against 1000 (bench/ingest.ts, 200k
  // pre-loaded): SQLite 24.2k -> 25.6k/s, PostgreSQL 20.1k -> 23.0k/s.
  const batchSize = integer("OSTRACE_BATCH_SIZE", 2000, 1, 10_000);
  const batchMs = integer("OSTRACE_BATCH_MS", 100, 1, 60_000);
  // Several batches in flight keep the broker streaming while one commits (measured: 2x batch
  // size reached ~0.5 of a bare consumer's rate, 4x ~0.6-0.9).
  const prefetch = integer("OSTRACE_PREFETCH", Math.min(batchSize * 4, 65_535), 1, 65_535);
  if (prefetch < batchSize) {
    problems.push(`OSTRACE_PREFETCH=${prefetch} is below OSTRACE_BATCH_SIZE=${batchSize}: a batch could never fill`);
  }

  const logLevel = read("LOG_LEVEL") ?? "info";
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)}: expected debug, info, warn or error`);
  }

  const config: Config = {
    amqpUrl: amqpUrls[0] ?? "",
    amqpUrls,
    databaseUrl,
    readDatabaseUrl,
    exchanges: names("OSTRACE_EXCHANGES", DEFAULT_EXCHANGES),
    topics: names("OSTRACE_TOPICS", ["profiler"]),
    queue,
    queueType: queueType as QueueType,
    collectorName,
    batchSize,
    batchMs,
    prefetch,
    port: integer("PORT", 3000, 1, 65_535),
    hostname: read("HOSTNAME") ?? "0.0.0.0",
    maxNotificationBytes: integer("OSTRACE_MAX_NOTIFICATION_BYTES", DEFAULT_INPUT_LIMITS.maxNotificationBytes, 1024, 64 * 1024 * 1024),
    maxJsonDepth: integer("OSTRACE_MAX_JSON_DEPTH", DEFAULT_INPUT_LIMITS.maxJsonDepth, 2, MAX_JSON_DEPTH_CEILING),
    maxJsonItems: integer("OSTRACE_MAX_JSON_ITEMS", DEFAULT_INPUT_LIMITS.maxJsonItems, 100, 10_000_000),
    maxStringChars: integer("OSTRACE_MAX_STRING_CHARS", DEFAULT_INPUT_LIMITS.maxStringChars, 256, 64 * 1024 * 1024),
    quarantineMaxBytes: integer("OSTRACE_QUARANTINE_MAX_BYTES", 1024 * 1024, 0, 64 * 1024 * 1024),
    limits: {
      traceMaxSpans: integer("OSTRACE_TRACE_MAX_SPANS", 1_000_000, 1, 1_000_000_000),
      traceMaxBytes: integer("OSTRACE_TRACE_MAX_MB", 1024, 1, 1024 * 1024) * MIB,
      ratePerSecond: integer("OSTRACE_RATE_LIMIT", 50_000, 0, 10_000_000),
      quarantineMaxBytes: integer("OSTRACE_QUARANTINE_MAX_MB", 1024, 0, 1024 * 1024) * MIB,
      quarantineMaxDays: integer("OSTRACE_QUARANTINE_MAX_DAYS", 30, 0, 36_500),
      retentionDays: integer("OSTRACE_RETENTION_DAYS", 30, 0, 36_500),
      dbMaxBytes: integer("OSTRACE_DB_MAX_MB", 10_240, 0, 1024 * 1024 * 1024) * MIB,
    },
    redaction: readRedactionSettings(read, problems),
    logLevel: logLevel as LogLevel,
    access: readAccessConfig(read, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Hides the password of a URL before it is logged or shown. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]*@/i, "$1***@");
}
