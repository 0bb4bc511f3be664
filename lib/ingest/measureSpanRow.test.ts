import { describe, expect, it } from "vitest";
import { convertNotificationToSpanRow } from "../span/convertNotificationToSpanRow";
import { mergeSpanRows } from "../span/mergeSpanRows";
import type { SpanRow } from "../span/types";
import { boundErrorType, ERROR_TYPE_MAX_CHARS } from "../trace/boundErrorType";
import { measureSpanRow } from "./measureSpanRow";

const TRACE = "11111111-1111-4111-8111-111111111111";
const SPAN = "22222222-2222-4222-8222-222222222222";
const T0 = Date.UTC(2024, 6, 1) * 1000;
const HOSTILE_TYPE = "HostileError".padEnd(65_000, "e");

function half(phase: "start" | "stop", info: Record<string, unknown>): SpanRow {
  return convertNotificationToSpanRow({
    traceId: TRACE,
    spanId: SPAN,
    parentId: TRACE,
    name: "rpc",
    project: "nova",
    service: "api",
    host: "h1",
    phase,
    timestampUs: phase === "start" ? T0 : T0 + 5,
    payload: {
      name: `rpc-${phase}`,
      base_id: TRACE,
      trace_id: SPAN,
      parent_id: TRACE,
      timestamp: "2024-07-01T00:00:00.000000",
      info,
      project: "nova",
      service: "api",
    },
  } as Parameters<typeof convertNotificationToSpanRow>[0]);
}

describe("measureSpanRow", () => {
  it("counts the exception type as its column stores it, bounded, so a stored row weighs what it weighed when written", () => {
    const stop = half("stop", { etype: HOSTILE_TYPE, message: "failed" });
    expect(stop.errorType).toBe(HOSTILE_TYPE);
    // What the database gives back for this row: its error_type bounded (spanColumns.ts), the rest whole.
    const stored: SpanRow = { ...stop, errorType: boundErrorType(stop.errorType) };
    expect(stored.errorType!.length).toBeLessThanOrEqual(ERROR_TYPE_MAX_CHARS);
    expect(measureSpanRow(stop)).toBe(measureSpanRow(stored));
    // The rest holds the whole type, and counts whole: the type is not lost from the measure.
    expect(measureSpanRow(stop)).toBeGreaterThan(HOSTILE_TYPE.length);
    // The start arriving later: the update adds the start's weight, nothing of the type.
    const start = half("start", { function: { name: "call" } });
    const merged = mergeSpanRows(stored, start).row;
    const alone = measureSpanRow({ ...start, stopUs: null, stopRest: null, errorType: null });
    expect(measureSpanRow(merged) - measureSpanRow(stored)).toBeLessThan(alone);
    expect(measureSpanRow(merged) - measureSpanRow(stored)).toBeGreaterThan(0);
  });

  it("counts a short type whole", () => {
    const stop = half("stop", { etype: "NotFound", message: "x" });
    const without = half("stop", { message: "x" });
    expect(measureSpanRow(stop) - measureSpanRow(without)).toBe("NotFound".length + (stop.stopRest!.length - without.stopRest!.length));
  });
});
