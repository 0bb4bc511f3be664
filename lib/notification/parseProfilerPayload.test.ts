import { describe, expect, it } from "vitest";
import { createRandom } from "../../testing/synthetic/createRandom";
import { parseProfilerPayload } from "./parseProfilerPayload";

// The rules as regular expressions (the schema's): the checks by hand must accept exactly these.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^(.+)-(start|stop)$/s;

describe("parseProfilerPayload's checks by hand", () => {
  it("accepts exactly the names and ids the regular expressions accept, and splits names as they do", () => {
    const random = createRandom("payload checks");
    const odd = ["g", "G", "-", "é", "\u0000", " ", "\n", "0", "F", "\ud800", "K", "\u212a", "x"];
    const id = (): unknown => {
      const kind = random.int(0, 14);
      if (kind === 0) return random.pick([null, 42, ["a"], undefined, {}]);
      let text = random.uuid();
      if (random.chance(0.3)) text = text.toUpperCase();
      if (kind === 1) text = text.replace(/-/g, random.pick(["", "_", "--"]));
      if (kind === 2) text = random.chance(0.5) ? text.slice(1) : `${text}${random.pick(odd)}`;
      if (kind === 3 || kind === 4) {
        const at = random.int(0, 35);
        text = text.slice(0, at) + random.pick(odd) + text.slice(at + 1);
      }
      return text;
    };
    const name = (): unknown => {
      if (random.chance(0.05)) return random.pick([null, 3, ["db-start"]]);
      let text = "";
      for (let i = random.int(0, 4); i > 0; i--) text += random.pick(["db", "-", "start", "stop", "-start", "-stop", "\n", "x", "-sta"]);
      return text;
    };
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const payload = {
        name: name(),
        base_id: id(),
        trace_id: id(),
        parent_id: id(),
        timestamp: "2024-05-01T10:00:00.000722",
        info: { host: "controller-0" },
      };
      const decoded = parseProfilerPayload(payload);
      const ids = [payload.base_id, payload.trace_id, payload.parent_id];
      const valid = typeof payload.name === "string" && NAME.test(payload.name) && ids.every((v) => typeof v === "string" && UUID.test(v));
      expect("traceId" in decoded, JSON.stringify(payload)).toBe(valid);
      if ("traceId" in decoded) {
        accepted++;
        const [, spanName, phase] = NAME.exec(payload.name as string)!;
        expect(decoded).toMatchObject({ name: spanName, phase, traceId: (payload.base_id as string).toLowerCase() });
      }
    }
    expect(accepted).toBeGreaterThan(500);
  });
});
