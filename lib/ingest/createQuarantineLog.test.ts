import { describe, expect, it } from "vitest";
import { createLogger } from "../log";
import { createQuarantineLog } from "./createQuarantineLog";

function setup() {
  const lines: Record<string, unknown>[] = [];
  let now = 1_000_000;
  const log = createLogger("test", "debug", (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const quarantine = createQuarantineLog(log, 10_000, () => now);
  return { lines, quarantine, advance: (ms: number) => (now += ms) };
}

describe("createQuarantineLog", () => {
  it("logs the first message of a flood, then one summary by reason per window", () => {
    const { lines, quarantine, advance } = setup();
    for (let i = 0; i < 5000; i++)
      quarantine.report(i % 3 === 0 ? "body is not JSON" : "invalid OSprofiler payload: trace_id: expected a UUID", "nova/profiler.info");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", reason: "body is not JSON", origin: "nova/profiler.info" });

    advance(5_000);
    quarantine.tick();
    expect(lines).toHaveLength(1);
    advance(5_000);
    quarantine.tick();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      msg: "more messages quarantined",
      count: 4999,
      reasons: { "invalid OSprofiler payload: trace_id: expected a UUID": 3333, "body is not JSON": 1666 },
    });
  });

  it("logs every message when they are rare, and flushes a partial window when forced", () => {
    const { lines, quarantine, advance } = setup();
    quarantine.report("a", null);
    advance(11_000);
    quarantine.report("b", null);
    quarantine.report("c", null);
    quarantine.tick(true);
    expect(lines.map((l) => l.reason ?? l.reasons)).toEqual(["a", "b", { c: 1 }]);
  });
});
