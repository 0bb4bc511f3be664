import { describe, expect, it } from "vitest";
import { decodeMessageBody } from "../../lib/notification/decodeMessage";
import { parseTimestampUs } from "../../lib/notification/timestamp";
import type { Notification } from "../../lib/notification/types";
import { convertNotificationToSpanRow } from "../../lib/span/convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "../../lib/span/convertSpanRowToSpan";
import { mergeSpanRows } from "../../lib/span/mergeSpanRows";
import type { SpanRow } from "../../lib/span/types";
import { convertNotificationToOsloMessage } from "./convertNotificationToOsloMessage";
import { generateOsloMessages } from "./generateOsloMessages";
import { generateProfilerNotifications } from "./generateProfilerNotifications";
import { generateSyntheticTraces } from "./generateSyntheticTraces";
import type { SyntheticNotification } from "./types";

const encoder = new TextEncoder();
const LIMIT = 1024 * 1024;
const keyOf = (n: SyntheticNotification) => `${n.payload.trace_id}/${n.payload.name}`;

describe("generateProfilerNotifications", () => {
  it("is the same stream for the same seed, and another for another seed", () => {
    const a = [...generateOsloMessages({ notifications: 3_000, seed: "s" })].map((m) => m.body);
    const b = [...generateOsloMessages({ notifications: 3_000, seed: "s" })].map((m) => m.body);
    const c = [...generateOsloMessages({ notifications: 3_000, seed: "t" })].map((m) => m.body);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("decodes through lib/notification and round-trips into span rows, with both oslo drivers", () => {
    const notifications = [...generateProfilerNotifications({ notifications: 4_000, seed: 3, errorRate: 0.2 })];
    const rows = new Map<string, SpanRow>();
    for (const n of notifications) {
      for (const driver of ["messaging", "messagingv2"] as const) {
        const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n, driver).body), LIMIT);
        expect(decoded, JSON.stringify(decoded)).not.toHaveProperty("reason");
        expect(decoded).not.toHaveProperty("ignored");
        const notification = decoded as Notification;
        expect(notification).toMatchObject({
          traceId: n.payload.base_id,
          spanId: n.payload.trace_id,
          parentId: n.payload.parent_id,
          timestampUs: n.timestampUs,
          project: n.payload.project,
          service: n.payload.service,
          host: n.sender.host,
        });
        expect(notification.payload).toEqual(n.payload);
        if (driver === "messagingv2") continue;
        const row = convertNotificationToSpanRow(notification);
        const existing = rows.get(row.spanId);
        rows.set(row.spanId, existing ? mergeSpanRows(existing, row).row : row);
      }
    }
    // Every span whose start and stop both fell inside the cut comes back whole, payloads included.
    const complete = [...rows.values()].filter((row) => row.startUs !== null && row.stopUs !== null);
    expect(complete.length).toBeGreaterThan(1_500);
    const byKey = new Map(notifications.map((n) => [keyOf(n), n]));
    for (const row of complete) {
      const span = convertSpanRowToSpan(row);
      expect(span.startPayload).toEqual(byKey.get(`${row.spanId}/${row.name}-start`)!.payload);
      expect(span.stopPayload).toEqual(byKey.get(`${row.spanId}/${row.name}-stop`)!.payload);
      expect(span.stopUs! > span.startUs!).toBe(true);
    }
    const failed = complete.filter((row) => row.errorType !== null);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((row) => convertSpanRowToSpan(row).error!.message)).toBe(true);
  });

  it("stops after exactly the requested count, in sending order, with traces overlapping", () => {
    const notifications = [...generateProfilerNotifications({ notifications: 20_000, seed: 4, tracesPerSecond: 50 })];
    expect(notifications).toHaveLength(20_000);
    for (let i = 1; i < notifications.length; i++)
      expect(notifications[i]!.timestampUs).toBeGreaterThanOrEqual(notifications[i - 1]!.timestampUs);
    // Interleaved: many switches between traces, not one trace after the other.
    let switches = 0;
    for (let i = 1; i < notifications.length; i++)
      if (notifications[i]!.payload.base_id !== notifications[i - 1]!.payload.base_id) switches++;
    const traces = new Set(notifications.map((n) => n.payload.base_id)).size;
    expect(switches).toBeGreaterThan(traces * 3);
    // Every start precedes its stop, and the payload's timestamp text is its timestampUs.
    const seenStart = new Set<string>();
    for (const n of notifications) {
      if (n.payload.name.endsWith("-start")) seenStart.add(n.payload.trace_id);
      else expect(seenStart.has(n.payload.trace_id)).toBe(true);
      expect(parseTimestampUs(n.payload.timestamp)).toBe(n.timestampUs);
      expect(n.sentUs).toBeGreaterThan(n.timestampUs);
    }
  });

  it("emits every start and stop of whole traces when asked for traces", () => {
    const traces = [...generateSyntheticTraces({ traces: 30, seed: 5 })];
    const notifications = [...generateProfilerNotifications({ traces: 30, seed: 5 })];
    expect(notifications).toHaveLength(traces.reduce((sum, trace) => sum + 2 * trace.spans.length, 0));
    expect(new Set(notifications.map(keyOf)).size).toBe(notifications.length);
  });

  it("gives one big trace by itself for a size request", () => {
    const notifications = [...generateProfilerNotifications({ scenario: "list-servers", spanCount: 10_000, seed: 6 })];
    expect(new Set(notifications.map((n) => n.payload.base_id)).size).toBe(1);
    expect(Math.abs(notifications.length - 20_000)).toBeLessThan(4_000);
  });
});

describe("messiness", () => {
  const clean = [...generateProfilerNotifications({ notifications: 10_000, seed: 7 })];

  it("drops about dropStopRate of the stops and nothing else", () => {
    const messy = [...generateProfilerNotifications({ notifications: 10_000, seed: 7, messiness: { dropStopRate: 0.1 } })];
    const kept = new Set(messy.map(keyOf));
    const lost = clean.filter((n) => !kept.has(keyOf(n)));
    expect(lost.every((n) => n.payload.name.endsWith("-stop"))).toBe(true);
    const stops = clean.filter((n) => n.payload.name.endsWith("-stop")).length;
    expect(Math.abs(lost.length / stops - 0.1)).toBeLessThan(0.02);
    // The stream is still cut at the requested count: later notifications fill in.
    expect(messy).toHaveLength(10_000);
  });

  it("duplicates about duplicateRate of the notifications, identical down to the message id", () => {
    const messy = [...generateProfilerNotifications({ notifications: 10_000, seed: 7, messiness: { duplicateRate: 0.05 } })];
    const counts = new Map<string, SyntheticNotification[]>();
    for (const n of messy) counts.set(keyOf(n), [...(counts.get(keyOf(n)) ?? []), n]);
    const twice = [...counts.values()].filter((list) => list.length === 2);
    expect([...counts.values()].every((list) => list.length <= 2)).toBe(true);
    expect(Math.abs(twice.length / counts.size - 0.05)).toBeLessThan(0.015);
    for (const [a, b] of twice) expect(convertNotificationToOsloMessage(b!).body).toBe(convertNotificationToOsloMessage(a!).body);
  });

  it("shuffles arrival order, never moving a notification by a whole window or more", () => {
    const window = 50;
    const messy = [...generateProfilerNotifications({ notifications: 10_000, seed: 7, messiness: { shuffleWindow: window } })];
    expect(messy.map(keyOf).sort()).toEqual(clean.map(keyOf).sort());
    const position = new Map(clean.map((n, i) => [keyOf(n), i]));
    let moved = 0,
      stopsFirst = 0;
    const started = new Set<string>();
    messy.forEach((n, i) => {
      const distance = Math.abs(position.get(keyOf(n))! - i);
      expect(distance).toBeLessThan(window);
      if (distance > 0) moved++;
      if (n.payload.name.endsWith("-start")) started.add(n.payload.trace_id);
      else if (!started.has(n.payload.trace_id)) stopsFirst++;
    });
    expect(moved).toBeGreaterThan(9_000);
    expect(stopsFirst).toBeGreaterThan(0); // some stops now arrive before their starts
  });

  it("skews each host's clock by a fixed amount within the bound", () => {
    const maxSkew = 250_000;
    const messy = [...generateProfilerNotifications({ notifications: 10_000, seed: 7, messiness: { clockSkewUs: maxSkew } })];
    const offsets = new Map<string, Set<number>>();
    messy.forEach((n, i) => {
      const offset = n.timestampUs - clean[i]!.timestampUs;
      expect(Math.abs(offset)).toBeLessThanOrEqual(maxSkew);
      expect(parseTimestampUs(n.payload.timestamp)).toBe(n.timestampUs);
      offsets.set(n.sender.host, (offsets.get(n.sender.host) ?? new Set()).add(offset));
    });
    expect([...offsets.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set([...offsets.values()].map((set) => [...set][0])).size).toBeGreaterThan(5);
  });

  it("changes nothing about which traces are made", () => {
    const messy = [
      ...generateProfilerNotifications({
        notifications: 10_000,
        seed: 7,
        messiness: { dropStopRate: 0.2, duplicateRate: 0.2, shuffleWindow: 20 },
      }),
    ];
    const cleanKeys = new Set(clean.map(keyOf));
    const sharedPrefix = messy.slice(0, 5_000).filter((n) => cleanKeys.has(keyOf(n))).length;
    expect(sharedPrefix).toBe(5_000);
  });
});
