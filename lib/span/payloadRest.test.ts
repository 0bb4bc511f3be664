import { describe, expect, it } from "vitest";
import type { JsonObject } from "../notification/types";
import { compactPayload, derivePayloadFields, expandPayload, jsonEqual } from "./payloadRest";

const BASE = "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47";
const SPAN = "5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b";
const US = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456;
const identity = { traceId: BASE, spanId: SPAN, parentId: BASE, name: "db", project: "nova", service: "nova-api" };
const derived = derivePayloadFields(identity, "start", US);

const typical: JsonObject = {
  name: "db-start",
  base_id: BASE,
  trace_id: SPAN,
  parent_id: BASE,
  timestamp: "2024-05-01T10:11:12.123456",
  project: "nova",
  service: "nova-api",
  info: { host: "node-1", db: { statement: "SELECT * FROM instances WHERE id = %(id)s", params: { id: 1 } } },
};

describe("compactPayload / expandPayload", () => {
  it("keeps only what the columns cannot reproduce", () => {
    expect(JSON.parse(compactPayload(typical, derived))).toEqual({ info: typical.info });
  });

  it.each<[string, JsonObject]>([
    ["a typical db-start", typical],
    ["a timestamp with a short fraction", { ...typical, timestamp: "2024-05-01T10:11:12.123456".slice(0, 22) }],
    ["upper-case ids", { ...typical, base_id: BASE.toUpperCase() }],
    ["missing project and service", (({ project: _p, service: _s, ...rest }) => rest)(typical)],
    ["no info at all", (({ info: _i, ...rest }) => rest)(typical)],
    ["extra top-level keys", { ...typical, extra: [1, { a: null }], "~absent": "mine", "~~x": true }],
    ["a __proto__ key", JSON.parse(`{"name":"db-start","__proto__":{"polluted":1},"info":{}}`) as JsonObject],
    ["fields of the wrong kind", { ...typical, project: 5, service: null }],
  ])("round-trips %s exactly", (_label, payload) => {
    const rest = compactPayload(payload, derived);
    const back = expandPayload(rest, derived);
    expect(jsonEqual(back, payload)).toBe(true);
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("derives the fields in OSprofiler's key order", () => {
    expect(Object.keys(derived)).toEqual(["name", "base_id", "trace_id", "parent_id", "timestamp", "project", "service"]);
  });
});

describe("jsonEqual", () => {
  it("compares structure, not key order", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ 0: 1 }, [1])).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
