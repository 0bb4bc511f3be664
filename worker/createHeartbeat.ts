// The collector's heartbeat: its collector_status row (connected, counters, last error),
// rewritten every couple of seconds and at once when the connection state changes, so the web
// process can tell a live collector from a gone one. Writes never overlap: a beat asked for
// while one is being written is written right after it. A failing write (database down) is
// logged at most once a minute; the collector goes on without it.
import type { CollectorStatusRow } from "../lib/ingest/types";
import type { Logger } from "../lib/log";
import { describeError } from "./createLastError";

export type HeartbeatDeps = {
  intervalMs: number;
  /** Builds the row to write; `final` is the last one, written when the collector has stopped. */
  collect(final: boolean): Promise<CollectorStatusRow>;
  write(row: CollectorStatusRow): Promise<void>;
  log: Logger;
};

export type Heartbeat = {
  /** Writes a row now (or right after the one being written). */
  beat(): Promise<void>;
  /** Stops the periodic beats and writes the last row. */
  final(): Promise<void>;
};

const ERROR_LOG_EVERY_MS = 60_000;

export function createHeartbeat(deps: HeartbeatDeps): Heartbeat {
  let running = false;
  let again = false;
  let lastErrorLoggedAt = 0;

  async function write(final: boolean): Promise<void> {
    try {
      await deps.write(await deps.collect(final));
    } catch (error) {
      if (Date.now() - lastErrorLoggedAt > ERROR_LOG_EVERY_MS)
        deps.log.warn("could not write the collector status", { error: describeError(error) });
      lastErrorLoggedAt = Date.now();
    }
  }

  async function beat(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await write(false);
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      await beat();
    }
  }

  const timer = setInterval(() => void beat(), deps.intervalMs);
  return {
    beat,
    async final() {
      clearInterval(timer);
      await write(true);
    },
  };
}
