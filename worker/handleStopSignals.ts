// How the worker answers SIGTERM and SIGINT. Stopped as part of `npm start` (Ctrl-C signals the
// terminal's whole process group) or by systemd's default stop (SIGTERM to every process of the
// service), the worker gets the signal itself AND the SIGTERM that scripts/start.ts forwards to
// its children: two signals for one stop. So the first signal starts the drain, a second one
// only says that the drain goes on, and a third forces the exit (Ctrl-C pressed again). Nothing
// is lost by a forced exit either: messages are acknowledged only after their batch committed,
// so RabbitMQ redelivers the rest.
import type { Logger } from "../lib/log";

export type SignalSource = { on(signal: "SIGTERM" | "SIGINT", listener: () => void): unknown };

export type StopActions = {
  /** Graceful stop: commit and acknowledge what was received, then exit 0. */
  stop(): void;
  /** Immediate exit, without acknowledging what is not committed. */
  forceExit(): void;
};

const FORCE_AT = 3;

export function handleStopSignals(source: SignalSource, log: Logger, actions: StopActions): void {
  let received = 0;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    source.on(signal, () => {
      received++;
      if (received === 1) {
        log.info("signal received: finishing the current batch, then exiting", { signal });
        actions.stop();
      } else if (received < FORCE_AT) {
        log.info("signal received while stopping: still finishing the current batch (one more signal exits at once)", { signal });
      } else {
        log.warn("signal received again: exiting without finishing the batch (RabbitMQ redelivers it)", { signal, signals: received });
        actions.forceExit();
      }
    });
  }
}
