// "Logged once, not once per message": a flood of bad messages (a misconfigured sender can
// publish thousands a second) must not flood the log. The first quarantined message of a
// window is logged with its reason; the rest are counted and summarised in one line, by reason,
// when the window has passed (on the next report, or on the caller's periodic tick()).
import type { Logger } from "../log";

export type QuarantineLog = {
  report(reason: string, origin: string | null): void;
  /** Emits the summary of a finished window; call periodically and at shutdown. */
  tick(force?: boolean): void;
};

const REASON_KEY_CHARS = 80;
const TOP_REASONS = 5;

export function createQuarantineLog(log: Logger, windowMs = 10_000, now: () => number = Date.now): QuarantineLog {
  let windowStart = -Infinity;
  let suppressed = 0;
  let reasons = new Map<string, number>();

  const tick = (force = false) => {
    if (suppressed === 0 || (!force && now() - windowStart < windowMs)) return;
    const top = [...reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_REASONS);
    log.warn("more messages quarantined", {
      count: suppressed,
      windowSeconds: Math.round((now() - windowStart) / 1000),
      reasons: Object.fromEntries(top),
    });
    suppressed = 0;
    reasons = new Map();
  };

  return {
    report(reason, origin) {
      if (now() - windowStart >= windowMs) {
        tick(true);
        windowStart = now();
        log.warn("message quarantined (stored in quarantined_message; similar ones are summarised)", { reason, origin });
        return;
      }
      suppressed++;
      const key = reason.slice(0, REASON_KEY_CHARS);
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    },
    tick,
  };
}
