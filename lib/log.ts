// Structured logs: one JSON object per line on stderr, each carrying its scope
// ("worker", "worker.amqp", "web.ingest", ...) so one component can be grepped out of the stream.
import type { LogLevel } from "./config";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(scope: string, fields?: LogFields): Logger;
};

export type LogSink = (line: string) => void;

export function createLogger(
  scope: string,
  level: LogLevel = "info",
  sink: LogSink = (line) => process.stderr.write(line + "\n"),
  base: LogFields = {},
): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[lvl] < RANK[level]) return;
    const entry = { time: new Date().toISOString(), level: lvl, scope, msg, ...base, ...fields };
    sink(JSON.stringify(entry, errorReplacer));
  };
  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (sub, fields) => createLogger(`${scope}.${sub}`, level, sink, { ...base, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === "bigint") return value.toString();
  return value;
}
