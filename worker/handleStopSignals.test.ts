import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createLogger } from "../lib/log";
import { handleStopSignals } from "./handleStopSignals";

function setup() {
  const source = new EventEmitter();
  const logs: { level: string; msg: string; signal: string }[] = [];
  const log = createLogger("worker", "debug", (line) => logs.push(JSON.parse(line)));
  const actions: string[] = [];
  handleStopSignals(source, log, { stop: () => actions.push("stop"), forceExit: () => actions.push("forceExit") });
  return { source, logs, actions };
}

describe("handleStopSignals", () => {
  it("drains once when the process group's signal and the parent's forwarded SIGTERM both arrive", () => {
    for (const groupSignal of ["SIGINT", "SIGTERM"]) {
      const { source, logs, actions } = setup();
      source.emit(groupSignal);
      source.emit("SIGTERM");
      expect(actions).toEqual(["stop"]);
      expect(logs.map((l) => [l.level, l.signal])).toEqual([
        ["info", groupSignal],
        ["info", "SIGTERM"],
      ]);
      expect(logs[1]!.msg).toMatch(/still finishing the current batch/);
    }
  });

  it("exits at once on the third signal, and only then", () => {
    const { source, logs, actions } = setup();
    source.emit("SIGINT");
    source.emit("SIGTERM");
    source.emit("SIGINT");
    expect(actions).toEqual(["stop", "forceExit"]);
    expect(logs.at(-1)).toMatchObject({
      level: "warn",
      signal: "SIGINT",
      msg: "signal received again: exiting without finishing the batch (RabbitMQ redelivers it)",
    });
  });
});
