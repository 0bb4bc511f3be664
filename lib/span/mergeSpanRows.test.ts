import { describe, expect, it } from "vitest";
import type { JsonObject, Notification } from "../notification/types";
import { convertNotificationToSpanRow } from "./convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "./convertSpanRowToSpan";
import { mergeSpanRows } from "./mergeSpanRows";
import type { SpanRow } from "./types";

const BASE = "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47";
const SPAN = "5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b";
const T0 = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000;

function notification(phase: "start" | "stop", us: number, info: JsonObject, overrides: Partial<Notification> = {}): Notification {
  const base = { traceId: BASE, spanId: SPAN, parentId: BASE, name: "db", project: "nova", service: "nova-api", host: "node-1" };
  const n = { ...base, ...overrides };
  const stamp = new Date(Math.floor(us / 1000)).toISOString().slice(0, 19) + "." + String(us % 1_000_000).padStart(6, "0");
  return {
    ...n,
    phase,
    timestampUs: us,
    payload: {
      name: `${n.name}-${phase}`,
      base_id: n.traceId,
      trace_id: n.spanId,
      parent_id: n.parentId,
      timestamp: stamp,
      project: n.project,
      service: n.service,
      info: { host: n.host, ...info },
    },
  };
}

const start = notification("start", T0 + 10, { db: { statement: "SELECT 1", params: {} } });
const stop = notification("stop", T0 + 2_510, { etype: "OperationalError", message: "database is locked" });

function mergeAll(rows: SpanRow[]): SpanRow {
  return rows.slice(1).reduce((acc, row) => mergeSpanRows(acc, row).row, rows[0]!);
}

describe("mergeSpanRows", () => {
  it("gives the same span whatever the arrival order and however often a half repeats", () => {
    const s = convertNotificationToSpanRow(start);
    const e = convertNotificationToSpanRow(stop);
    const expected = mergeAll([s, e]);
    for (const order of [
      [e, s],
      [s, s, e],
      [e, e, s, s],
      [s, e, s, e],
      [e, s, e],
    ]) {
      expect(mergeAll(order)).toEqual(expected);
    }
    expect(expected).toMatchObject({ startUs: T0 + 10, stopUs: T0 + 2_510, errorType: "OperationalError", detail: "SELECT 1" });
  });

  it("reports which halves were added and which were duplicates", () => {
    const s = convertNotificationToSpanRow(start);
    const e = convertNotificationToSpanRow(stop);
    expect(mergeSpanRows(s, e)).toMatchObject({ added: ["stop"], duplicates: [] });
    expect(mergeSpanRows(mergeSpanRows(s, e).row, s)).toMatchObject({ added: [], duplicates: ["start"] });
    expect(mergeSpanRows(s, s)).toMatchObject({ added: [], duplicates: ["start"] });
  });

  it("takes identity from the start even when a disagreeing stop arrived first, and keeps both payloads exact", () => {
    const oddStop = notification("stop", T0 + 900, {}, { project: "nova-legacy", service: "osapi", host: "node-9" });
    const merged = mergeAll([convertNotificationToSpanRow(oddStop), convertNotificationToSpanRow(start)]);
    expect(merged).toMatchObject({ project: "nova", service: "nova-api", host: "node-1" });
    const span = convertSpanRowToSpan(merged);
    expect(span.startPayload).toEqual(start.payload);
    expect(span.stopPayload).toEqual(oddStop.payload);
  });
});

describe("mergeSpanRows with OSprofiler's key order (info.host last, left to the host column)", () => {
  /** OSprofiler builds info first and appends host: {"db": {...}, "host": ...}. */
  function hostLast(n: Notification): Notification {
    const { host, ...info } = n.payload.info as JsonObject;
    return { ...n, payload: { ...n.payload, info: { ...info, host: host! } } };
  }
  const s = hostLast(start);
  const oddStop = hostLast(notification("stop", T0 + 900, {}, { project: "nova-legacy", service: "osapi", host: "node-9" }));

  it("stores less than the payload and restores both payloads exactly, whichever half set the host", () => {
    const startRow = convertNotificationToSpanRow(s);
    expect(startRow.startRest!.length).toBeLessThan(JSON.stringify(s.payload.info as JsonObject).length);
    for (const order of [
      [startRow, convertNotificationToSpanRow(oddStop)],
      [convertNotificationToSpanRow(oddStop), startRow],
    ]) {
      const merged = mergeAll(order);
      expect(merged).toMatchObject({ host: "node-1", detail: "SELECT 1" });
      const span = convertSpanRowToSpan(merged);
      expect(JSON.stringify(span.startPayload)).toBe(JSON.stringify(s.payload));
      expect(span.stopPayload).toEqual(oddStop.payload);
      expect(span.stopPayload!.info).toEqual({ host: "node-9" });
    }
  });
});

describe("convertSpanRowToSpan", () => {
  const row = mergeAll([convertNotificationToSpanRow(start), convertNotificationToSpanRow(stop)]);

  it("restores both raw payloads exactly", () => {
    const span = convertSpanRowToSpan(row);
    expect(span.startPayload).toEqual(start.payload);
    expect(span.stopPayload).toEqual(stop.payload);
    expect(span.error).toEqual({ type: "OperationalError", message: "database is locked" });
  });

  it("leaves payloads out when asked, but still reads the error message", () => {
    const span = convertSpanRowToSpan(row, { payloads: false });
    expect(span.startPayload).toBeNull();
    expect(span.stopPayload).toBeNull();
    expect(span.error).toEqual({ type: "OperationalError", message: "database is locked" });
  });

  it("keeps a missing half missing instead of inventing a zero-length span", () => {
    const span = convertSpanRowToSpan(convertNotificationToSpanRow(start));
    expect(span).toMatchObject({ startUs: T0 + 10, stopUs: null, stopPayload: null, error: null });
  });
});
