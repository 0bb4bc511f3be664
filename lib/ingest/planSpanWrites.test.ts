import { describe, expect, it } from "vitest";
import { decodeMessageJson } from "../notification/decodeMessage";
import type { JsonObject, Notification } from "../notification/types";
import { profilerPayload, type PayloadSpec } from "@/tests/support/amqp";
import { convertNotificationToSpanRow } from "../span/convertNotificationToSpanRow";
import { planSpanWrites } from "./planSpanWrites";
import { spanKey } from "./spanKey";

const TRACE = "11111111-1111-4111-8111-111111111111";
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

function n(spec: Partial<PayloadSpec> & Pick<PayloadSpec, "spanId" | "phase" | "us">): Notification {
  return decodeMessageJson(profilerPayload({ traceId: TRACE, parentId: TRACE, name: "db", ...spec })) as Notification;
}

const aStart = n({ spanId: A, phase: "start", us: T0, info: { db: { statement: "SELECT 1", params: {} } } });
const aStop = n({ spanId: A, phase: "stop", us: T0 + 500, info: { etype: "OperationalError", message: "locked" } as JsonObject });
const bStart = n({ spanId: B, phase: "start", us: T0 + 10 });

describe("planSpanWrites", () => {
  it("merges a start and stop of one batch into one write and says each notification was stored", () => {
    const plan = planSpanWrites([aStop, bStart, aStart], new Map());
    expect(plan.spanWrites).toHaveLength(2);
    expect(plan.spanWrites.find((r) => r.spanId === A)).toMatchObject({
      startUs: T0,
      stopUs: T0 + 500,
      errorType: "OperationalError",
      detail: "SELECT 1",
    });
    expect(plan.outcomes).toEqual(["stored", "stored", "stored"]);
    expect(plan).toMatchObject({ notificationsStored: 3, duplicates: 0, spansCreated: 2, spansUpdated: 0 });
    expect(plan.changes.every((c) => c.before === null)).toBe(true);
  });

  it("plans the same from halves converted ahead (IngestBatch.halves), taking them as they are and changing none", () => {
    const batch = [aStop, bStart, aStart, aStart];
    const halves = batch.map(convertNotificationToSpanRow);
    const copies = structuredClone(halves);
    const stored = new Map([[spanKey(TRACE, B), planSpanWrites([bStart], new Map()).spanWrites[0]!]]);
    const ahead = planSpanWrites(batch, stored, undefined, halves);
    expect(ahead).toEqual(planSpanWrites(batch, stored));
    expect(ahead.outcomes).toEqual(["stored", "duplicate", "stored", "duplicate"]);
    expect(halves).toEqual(copies);
    // A span alone in the batch is written as its half was converted, not converted again.
    const alone = planSpanWrites([bStart], new Map(), undefined, [halves[1]!]);
    expect(alone.spanWrites[0]).toBe(halves[1]);
  });

  it("marks repeats inside a batch as duplicates, by position", () => {
    const plan = planSpanWrites([aStart, aStart, aStop, aStart], new Map());
    expect(plan.outcomes).toEqual(["stored", "duplicate", "stored", "duplicate"]);
    expect(plan).toMatchObject({ notificationsStored: 2, duplicates: 2, spansCreated: 1 });
  });

  it("completes a stored half with the other and leaves a fully stored span unwritten", () => {
    const first = planSpanWrites([aStart], new Map());
    const stored = new Map([[spanKey(TRACE, A), first.spanWrites[0]!]]);
    const second = planSpanWrites([aStop, aStart], stored);
    expect(second.outcomes).toEqual(["stored", "duplicate"]);
    expect(second).toMatchObject({ spansCreated: 0, spansUpdated: 1 });
    expect(second.changes[0]!.before).toBe(first.spanWrites[0]);
    expect(second.spanWrites[0]).toEqual(planSpanWrites([aStart, aStop], new Map()).spanWrites[0]);

    const complete = new Map([[spanKey(TRACE, A), second.spanWrites[0]!]]);
    const third = planSpanWrites([aStop, aStart], complete);
    expect(third.spanWrites).toEqual([]);
    expect(third.changes).toEqual([]);
    expect(third.outcomes).toEqual(["duplicate", "duplicate"]);
  });
});
