import { describe, expect, it } from "vitest";
import { decodeMessageJson } from "../notification/decodeMessage";
import type { Notification } from "../notification/types";
import type { SpanRow } from "../span/types";
import { profilerPayload } from "@/tests/support/amqp";
import type { TraceCaps } from "./createTraceCapGate";
import { measureSpanRow } from "./measureSpanRow";
import { listBatchKeys, planBatch } from "./planBatch";
import { spanKey } from "./spanKey";
import type { BatchPlan, TraceSummaryRow } from "./types";

const TRACE = "22222222-2222-4222-8222-222222222222";
const OTHER = "33333333-3333-4333-8333-333333333333";
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const spanId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

function call(i: number, phase: "start" | "stop", traceId = TRACE, info?: Record<string, string>): Notification {
  return decodeMessageJson(
    profilerPayload({
      traceId,
      parentId: traceId,
      spanId: spanId(i),
      name: "db",
      phase,
      us: T0 + i * 10 + (phase === "stop" ? 5 : 0),
      info,
    }),
  ) as Notification;
}

/** A stand-in for the database, as storeBatch uses it: each plan sees what the previous ones wrote. */
function createStore(caps: TraceCaps) {
  const spans = new Map<string, SpanRow>();
  const traces = new Map<string, TraceSummaryRow>();
  return {
    spans,
    traces,
    store(batch: Notification[]): BatchPlan {
      const keys = listBatchKeys(batch);
      const existingSpans = new Map(
        keys.spans.flatMap(([t, s]) => (spans.has(spanKey(t, s)) ? [[spanKey(t, s), spans.get(spanKey(t, s))!] as const] : [])),
      );
      const existingTraces = new Map(keys.traceIds.flatMap((t) => (traces.has(t) ? [[t, traces.get(t)!] as const] : [])));
      const plan = planBatch(batch, existingSpans, existingTraces, 7, caps);
      for (const row of plan.spanWrites) spans.set(spanKey(row.traceId, row.spanId), row);
      for (const summary of plan.traceWrites) traces.set(summary.traceId, summary);
      return plan;
    },
  };
}

describe("trace caps (through planBatch)", () => {
  it("stores spans up to the span cap, then flags the trace and counts the rest; never an error", () => {
    const db = createStore({ traceMaxSpans: 3, traceMaxBytes: 1024 ** 3 });
    const first = db.store([call(1, "start"), call(2, "start"), call(1, "stop")]);
    expect(first.outcomes).toEqual(["stored", "stored", "stored"]);
    // Span 3 fills the cap; 4 and 5 are refused, start and stop alike; span 2's stop still completes it.
    const second = db.store([call(3, "start"), call(4, "start"), call(4, "stop"), call(2, "stop"), call(5, "stop")]);
    expect(second.outcomes).toEqual(["stored", "dropped", "dropped", "stored", "dropped"]);
    expect(second).toMatchObject({ notificationsStored: 2, duplicates: 0, dropped: 3, spansCreated: 1, spansUpdated: 1 });
    // Span 5's start arrives later: refused again, and only now counted as a span.
    const third = db.store([call(5, "start"), call(3, "start")]);
    expect(third.outcomes).toEqual(["dropped", "duplicate"]);
    expect(db.spans.size).toBe(3);
    expect(db.traces.get(TRACE)).toMatchObject({
      spanCount: 3,
      droppedSpans: 2,
      droppedNotifications: 4,
      truncated: "spans",
      updatedUs: 7,
    });
  });

  it("counts from the stored summary, so batches of any size give the same result", () => {
    const notifications = Array.from({ length: 20 }, (_, i) => call(i + 1, "start"));
    const whole = createStore({ traceMaxSpans: 7, traceMaxBytes: 1024 ** 3 });
    whole.store(notifications);
    const oneByOne = createStore({ traceMaxSpans: 7, traceMaxBytes: 1024 ** 3 });
    for (const n of notifications) oneByOne.store([n]);
    expect(oneByOne.traces.get(TRACE)).toEqual(whole.traces.get(TRACE));
    expect([...oneByOne.spans.keys()]).toEqual([...whole.spans.keys()]);
    expect(whole.traces.get(TRACE)).toMatchObject({ spanCount: 7, droppedSpans: 13, droppedNotifications: 13 });
  });

  it("holds the byte cap: what a trace's spans weigh never passes it, a refused stop leaves its span unfinished", () => {
    const big = { text: "x".repeat(400) };
    const oneSpan = measureSpanRow(
      createStore({ traceMaxSpans: 10, traceMaxBytes: 1e9 }).store([call(1, "start", TRACE, big)]).spanWrites[0]!,
    );
    const db = createStore({ traceMaxSpans: 100, traceMaxBytes: oneSpan * 2 + 10 });
    db.store([call(1, "start", TRACE, big), call(2, "start", TRACE, big)]);
    const plan = db.store([call(3, "start", TRACE, big), call(1, "stop", TRACE, big)]);
    expect(plan.outcomes).toEqual(["dropped", "dropped"]);
    const summary = db.traces.get(TRACE)!;
    expect(summary).toMatchObject({ spanCount: 2, stopCount: 0, droppedSpans: 1, droppedNotifications: 2, truncated: "bytes" });
    expect(summary.storedBytes).toBe([...db.spans.values()].reduce((sum, row) => sum + measureSpanRow(row), 0));
    expect(summary.storedBytes).toBeLessThanOrEqual(oneSpan * 2 + 10);
  });

  it("always admits a trace's first span, and caps each trace on its own", () => {
    const db = createStore({ traceMaxSpans: 1, traceMaxBytes: 1 });
    const plan = db.store([call(1, "start"), call(1, "start", OTHER), call(2, "start", OTHER)]);
    expect(plan.outcomes).toEqual(["stored", "stored", "dropped"]);
    expect(db.traces.get(TRACE)).toMatchObject({ spanCount: 1, droppedSpans: 0, truncated: null });
    expect(db.traces.get(OTHER)).toMatchObject({ spanCount: 1, droppedSpans: 1, truncated: "spans" });
  });
});
