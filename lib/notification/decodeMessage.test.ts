import { describe, expect, it } from "vitest";
import { decodeMessageBody, decodeMessageJson } from "./decodeMessage";
import { JsonNumber } from "./JsonNumber";
import type { Json, JsonObject, Notification } from "./types";

const BASE = "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47";
const SPAN = "5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b";

const payload = {
  name: "db-start",
  base_id: BASE,
  trace_id: SPAN,
  parent_id: BASE,
  timestamp: "2024-05-01T10:11:12.123456",
  project: "nova",
  service: "nova-api",
  info: { host: "node-1", db: { statement: "SELECT 1", params: {} } },
};

const inner = {
  message_id: "c0ffee00-0000-4000-8000-000000000000",
  publisher_id: "node-1",
  event_type: "profiler.nova-api",
  priority: "INFO",
  payload,
  timestamp: "2024-05-01 10:11:12.123999",
};

const envelope = { "oslo.version": "2.0", "oslo.message": JSON.stringify(inner) };
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));
const LIMIT = 1024 * 1024;

describe("decodeMessageBody", () => {
  it("decodes oslo.messaging's envelope v2 and renames the ids once", () => {
    expect(decodeMessageBody(bytes(envelope), LIMIT)).toEqual({
      traceId: BASE,
      spanId: SPAN,
      parentId: BASE,
      name: "db",
      phase: "start",
      timestampUs: Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456,
      project: "nova",
      service: "nova-api",
      host: "node-1",
      payload,
    });
  });

  it("decodes the same notification published without the envelope, or as a bare payload", () => {
    const expected = decodeMessageBody(bytes(envelope), LIMIT);
    expect(decodeMessageBody(bytes(inner), LIMIT)).toEqual(expected);
    expect(decodeMessageBody(bytes(payload), LIMIT)).toEqual(expected);
  });

  it("ignores well-formed notifications that are not profiler events", () => {
    const other = { ...inner, event_type: "compute.instance.update" };
    expect(decodeMessageBody(bytes({ "oslo.version": "2.0", "oslo.message": JSON.stringify(other) }), LIMIT)).toEqual({
      ignored: "event_type compute.instance.update is not a profiler event",
    });
  });

  it.each([
    ["invalid JSON", bytes("{not json"), /^body is not JSON: /],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /^body is not valid UTF-8$/],
    ["a JSON array", bytes([1, 2]), /^expected a JSON object, got an array$/],
    ["an unknown envelope version", bytes({ "oslo.version": "1.0", "oslo.message": "{}" }), /oslo.version "1.0", expected "2.0"/],
    [
      "an envelope whose message is not a string",
      bytes({ "oslo.version": "2.0", "oslo.message": {} }),
      /^envelope: oslo.message is an object, expected a JSON string$/,
    ],
    ["an envelope whose message is not JSON", bytes({ "oslo.version": "2.0", "oslo.message": "{" }), /^envelope: oslo.message is not JSON/],
    ["an event_type that is not a string", bytes({ ...inner, event_type: 7 }), /^event_type is a number, expected a string$/],
  ])("rejects %s with a reason", (_label, body, reason) => {
    const decoded = decodeMessageBody(body, LIMIT);
    expect(decoded).toHaveProperty("reason");
    expect((decoded as { reason: string }).reason).toMatch(reason);
  });

  it("rejects a body over the size limit before parsing it", () => {
    const big = new Uint8Array(5 * 1024 * 1024).fill(0x20);
    expect(decodeMessageBody(big, LIMIT)).toEqual({
      reason: "body of 5242880 bytes exceeds the limit of 1048576 bytes (OSTRACE_MAX_NOTIFICATION_BYTES)",
    });
  });
});

describe("decodeMessageJson payload validation", () => {
  const withPayload = (changes: Record<string, unknown>) => decodeMessageJson({ ...inner, payload: { ...payload, ...changes } });

  it.each([
    ["a missing base_id", { base_id: undefined }, "base_id"],
    ["a non-UUID trace_id", { trace_id: "42" }, "trace_id: expected a UUID"],
    ["a parent_id of the wrong type", { parent_id: 12 }, "parent_id"],
    ["a name without -start/-stop", { name: "db" }, 'name: expected "<name>-start" or "<name>-stop"'],
    ["a timestamp that is not a date", { timestamp: "yesterday" }, 'timestamp "yesterday" is not a date and time'],
    ["info that is not an object", { info: "node-1" }, "info"],
    ["a host that is not a string", { info: { host: 1 } }, "info.host"],
    ["a null project", { project: null }, "project"],
    ["a service that is a number", { service: 3 }, "service"],
    ["info that is an array", { info: ["node-1"] }, "info"],
    ["a timestamp that is a number", { timestamp: 1714557600 }, "timestamp"],
    ["a name that is not a string", { name: ["db-start"] }, "name"],
  ])("rejects %s", (_label, changes, reason) => {
    const decoded = withPayload(changes);
    expect(decoded).toHaveProperty("reason");
    expect((decoded as { reason: string }).reason).toContain(reason);
  });

  it("rejects a profiler event without a payload", () => {
    expect(decodeMessageJson({ ...inner, payload: undefined })).toHaveProperty("reason");
  });

  it("keeps names that contain dashes whole, removing only the suffix", () => {
    expect(withPayload({ name: "nova-compute-rpc-stop" })).toMatchObject({ name: "nova-compute-rpc", phase: "stop" });
  });

  it("lower-cases ids but keeps the payload as received", () => {
    const decoded = withPayload({ base_id: BASE.toUpperCase() });
    expect(decoded).toMatchObject({ traceId: BASE });
    expect((decoded as Notification).payload.base_id).toBe(BASE.toUpperCase());
  });

  it("accepts payloads without project, service or info, as other drivers send them", () => {
    expect(withPayload({ project: undefined, service: undefined, info: undefined })).toMatchObject({ project: "", service: "", host: "" });
  });
});

describe("decoding within the input limits", () => {
  const limits = { maxNotificationBytes: LIMIT, maxJsonDepth: 16, maxJsonItems: 200, maxStringChars: 1000 };
  const deepValue = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  const withInfo = (infoJson: string) => JSON.stringify({ ...payload, info: "@" }).replace('"@"', infoJson);
  const reasonOf = (decoded: unknown) => (decoded as { reason?: string }).reason ?? "";

  it("quarantines a payload nested 6,000 deep (36 KB) before it is parsed, in every shape", () => {
    const bare = withInfo(`{"host": "node-1", "x": ${deepValue(6000)}}`);
    const oslo = JSON.stringify({ ...inner, payload: "@" }).replace('"@"', bare);
    const enveloped = JSON.stringify({ "oslo.version": "2.0", "oslo.message": oslo });
    expect(reasonOf(decodeMessageBody(bytes(bare), limits))).toBe(
      "body nests objects and arrays deeper than 16 levels (OSTRACE_MAX_JSON_DEPTH)",
    );
    expect(reasonOf(decodeMessageBody(bytes(oslo), limits))).toMatch(/^body nests .* deeper than 16 levels/);
    expect(reasonOf(decodeMessageBody(bytes(enveloped), limits))).toMatch(/^envelope: oslo.message nests .* deeper than 16 levels/);
  });

  it("applies the default limits to callers that pass only the byte limit", () => {
    const body = withInfo(`{"x": ${deepValue(65)}}`);
    expect(reasonOf(decodeMessageBody(bytes(body), LIMIT))).toMatch(/deeper than 64 levels/);
    expect(decodeMessageBody(bytes(withInfo(`{"x": ${deepValue(60)}}`)), LIMIT)).toHaveProperty("traceId");
  });

  it("quarantines depth and values under a duplicate key, whose value JSON.parse drops, as the text scan does", () => {
    const deep = withInfo(`{"host": "h", "x": ${deepValue(20)}, "x": "plain"}`);
    expect(reasonOf(decodeMessageBody(bytes(deep), limits))).toMatch(/^body nests .* deeper than 16 levels/);
    const many = withInfo(`{"host": "h", "x": [${'"a", '.repeat(250)}"b"], "x": "plain"}`);
    expect(reasonOf(decodeMessageBody(bytes(many), limits))).toMatch(/^body holds more than 200 values/);
  });

  it("quarantines a message with more values than the limit", () => {
    const body = withInfo(`{"host": "h", "params": ${JSON.stringify(new Array(300).fill(1))}}`);
    expect(reasonOf(decodeMessageBody(bytes(body), limits))).toMatch(/^body holds more than 200 values/);
  });

  it("cuts a long string in the payload and marks it, keeping the notification", () => {
    const statement = `SELECT ${"x, ".repeat(2000)}1`;
    const decoded = decodeMessageBody(
      bytes(envelopeOf({ ...payload, info: { host: "node-1", db: { statement, params: {} } } })),
      limits,
    ) as Notification;
    const kept = (decoded.payload.info as { db: { statement: string } }).db.statement;
    expect(kept).toBe(`${statement.slice(0, 1000)}…[truncated by ostrace: ${statement.length} characters]`);
    expect(decoded.payload.base_id).toBe(BASE);
  });

  it("quarantines numbers beyond a double instead of storing them as null", () => {
    expect(reasonOf(decodeMessageBody(bytes(withInfo('{"host": "h", "n": 1e400}')), limits))).toMatch(
      /number beyond the range of a double/,
    );
    expect(decodeMessageBody(bytes(withInfo('{"host": "h", "n": 1e300}')), limits)).toHaveProperty("traceId");
  });

  it("keeps numbers a double would change as their literals, in every shape, and leaves the rest plain numbers", () => {
    const bare = withInfo('{"db": {"statement": "SELECT 1", "params": [9007199254740993, 3.0, 1e-07, 12, 1.5]}, "host": "h"}');
    const oslo = JSON.stringify({ ...inner, payload: "@" }).replace('"@"', bare);
    for (const body of [bare, oslo, JSON.stringify({ "oslo.version": "2.0", "oslo.message": oslo })]) {
      const decoded = decodeMessageBody(bytes(body), limits) as Notification;
      const params = ((decoded.payload.info as JsonObject).db as JsonObject).params as Json[];
      expect(params).toEqual([new JsonNumber("9007199254740993"), new JsonNumber("3.0"), new JsonNumber("1e-07"), 12, 1.5]);
      expect(decoded.traceId).toBe(BASE);
    }
    const plain = decodeMessageBody(bytes(withInfo('{"params": [12, 1.5], "host": "h"}')), limits) as Notification;
    expect((plain.payload.info as JsonObject).params).toEqual([12, 1.5]);
  });

  it("quarantines a kept literal beyond a double too", () => {
    expect(reasonOf(decodeMessageBody(bytes(withInfo('{"host": "h", "n": [3.0, 1e400]}')), limits))).toMatch(
      /number beyond the range of a double/,
    );
  });

  it("walks an already parsed payload, whose text it never saw", () => {
    const deep = JSON.parse(withInfo(`{"x": ${deepValue(100)}}`)) as unknown;
    expect(reasonOf(decodeMessageJson(deep, limits))).toMatch(/^payload nests .* deeper than 16 levels/);
  });

  it.each([
    ["a service name of 256 characters", { service: "s".repeat(256) }, /service: longer than 255 characters/],
    ["a host of 300 characters", { info: { host: "h".repeat(300) } }, /info.host: longer than 255 characters/],
    ["a span name of 256 characters", { name: `${"n".repeat(256)}-start` }, /name: longer than 255 characters/],
    ["a 1 MB base_id", { base_id: "a".repeat(100_000) }, /base_id: expected a UUID/],
  ])("quarantines %s: identity texts are bounded, never cut", (_label, changes, reason) => {
    expect(reasonOf(decodeMessageJson({ ...inner, payload: { ...payload, ...changes } }))).toMatch(reason);
  });

  it.each([
    ["year 1", "0001-01-01T00:00:00.000000"],
    ["year 9999", "9999-12-31T23:59:59.999999"],
    ["1999", "1999-12-31T23:59:59.999999"],
    ["2200", "2200-01-01T00:00:00.000000"],
  ])("quarantines a timestamp in %s, outside the accepted window, saying so", (_label, timestamp) => {
    expect(reasonOf(decodeMessageJson({ ...inner, payload: { ...payload, timestamp } }))).toBe(
      `invalid OSprofiler payload: timestamp "${timestamp}" is outside the accepted range 2000-01-01T00:00:00 to 2200-01-01T00:00:00 UTC (a host clock far off?)`,
    );
  });

  it("keeps prototype-pollution keys as plain data", () => {
    const body = withInfo('{"host": "h", "__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}');
    const decoded = decodeMessageBody(bytes(body), limits) as Notification;
    expect(Object.keys(decoded.payload.info as object)).toEqual(["host", "__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function envelopeOf(p: unknown): string {
  return JSON.stringify({ "oslo.version": "2.0", "oslo.message": JSON.stringify({ ...inner, payload: p }) });
}
