import { describe, expect, it } from "vitest";
import { JsonNumber } from "../notification/JsonNumber";
import { parseExactJson } from "../notification/parseExactJson";
import { stringifyJson } from "../notification/stringifyJson";
import type { JsonObject } from "../notification/types";
import { compactPayload, deriveNestedFields, derivePayloadFields, expandPayload, jsonEqual, type NestedFields } from "./payloadRest";

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

describe("info fields the host and detail columns hold", () => {
  const STATEMENT = "SELECT * FROM instances WHERE id = %(id)s";
  // OSprofiler appends host to info last: {"db": {...}, "host": ...}
  const start: JsonObject = { ...typical, info: { db: { statement: STATEMENT, params: { id: 1 } }, host: "node-1" } };
  const nested: NestedFields = { host: "node-1", detail: STATEMENT };
  const roundTrip = (payload: JsonObject, n: NestedFields) => {
    const rest = compactPayload(payload, derived, n);
    const back = expandPayload(rest, derived, n);
    // Same JSON text, so the key order inside info is kept too.
    expect(JSON.stringify(back)).toBe(JSON.stringify({ ...derived, ...payload }));
    return rest;
  };

  it("leaves out the SQL statement and the trailing host, and puts them back in place", () => {
    const rest = roundTrip(start, nested);
    expect(JSON.parse(rest)).toEqual({ info: { db: { statement: null, params: { id: 1 } } }, "~n": 3 });
    expect(rest.length).toBeLessThan(compactPayload(start, derived).length - STATEMENT.length);
  });

  it("leaves out a traced function's name when it is the detail", () => {
    const payload: JsonObject = {
      ...typical,
      info: { function: { name: "nova.compute.api.API.get", args: "(1,)", kwargs: "{}" }, host: "node-1" },
    };
    const rest = roundTrip(payload, { host: "node-1", detail: "nova.compute.api.API.get" });
    expect(JSON.parse(rest)).toEqual({ info: { function: { name: null, args: "(1,)", kwargs: "{}" } }, "~n": 5 });
  });

  it.each<[string, JsonObject, NestedFields]>([
    ["a host that is not the last key", { ...typical, info: { host: "node-1", db: { statement: STATEMENT } } }, nested],
    ["another host than the column's", start, { host: "node-2", detail: STATEMENT }],
    ["another statement than the detail", start, { host: "node-1", detail: "SELECT 2" }],
    [
      "no detail (a stop)",
      { ...typical, info: { etype: "ValueError", message: "boom", host: "node-1" } },
      { host: "node-1", detail: null },
    ],
    [
      "a statement with a lone surrogate (the column would store U+FFFD)",
      { ...typical, info: { db: { statement: "SELECT '\ud800'" }, host: "node-1" } },
      { host: "node-1", detail: "SELECT '\ud800'" },
    ],
    ["a null statement", { ...typical, info: { db: { statement: null }, host: "node-1" } }, { host: "node-1", detail: null }],
    ["info that is not an object", { ...typical, info: "text" }, nested],
    ["a payload key named like the marker", { ...typical, "~n": 7, info: { host: "node-1" } }, nested],
  ])("round-trips %s exactly", (_label, payload, n) => {
    roundTrip(payload, n);
  });

  it("keeps the whole statement when it is not well-formed text", () => {
    const payload: JsonObject = { ...typical, info: { db: { statement: "SELECT '\ud800'" }, host: "node-1" } };
    expect(JSON.parse(compactPayload(payload, derived, { host: "node-1", detail: "SELECT '\ud800'" }))).toEqual({
      info: { db: { statement: "SELECT '\ud800'" } },
      "~n": 1,
    });
  });

  it("expands rests stored before nested fields existed, and refuses a flagged rest without them", () => {
    const old = compactPayload(start, derived);
    expect(expandPayload(old, derived, nested)).toEqual({ ...derived, ...start });
    expect(() => expandPayload(compactPayload(start, derived, nested), derived)).toThrow(/host and detail/);
  });

  it("describes only the start with the detail", () => {
    expect(deriveNestedFields({ host: "h", detail: "SELECT 1" }, "start")).toEqual({ host: "h", detail: "SELECT 1" });
    expect(deriveNestedFields({ host: "h", detail: "SELECT 1" }, "stop")).toEqual({ host: "h", detail: null });
  });
});

describe("key order and numbers as they came", () => {
  // What OSprofiler's messaging driver sends: info between timestamp and project.
  const { project, service, ...head } = typical;
  const sent: JsonObject = {
    ...head,
    info: { db: { statement: "SELECT 1", params: {} }, host: "node-1" },
    project: project!,
    service: service!,
  };
  const n: NestedFields = { host: "node-1", detail: "SELECT 1" };

  it("flags OSprofiler's order with one bit and gives the keys back in it", () => {
    const rest = compactPayload(sent, derived, n);
    expect(JSON.parse(rest)).toEqual({ info: { db: { statement: null, params: {} } }, "~n": 11 });
    expect(Object.keys(expandPayload(rest, derived, n))).toEqual([
      "name",
      "base_id",
      "trace_id",
      "parent_id",
      "timestamp",
      "info",
      "project",
      "service",
    ]);
  });

  it("spells out any other order", () => {
    const odd: JsonObject = {
      info: { host: "node-1" },
      service: "nova-api",
      name: "db-start",
      extra: 1,
      base_id: BASE,
      trace_id: SPAN,
      parent_id: BASE,
      timestamp: typical.timestamp!,
      project: "nova",
    };
    const rest = compactPayload(odd, derived, n);
    expect(JSON.parse(rest)).toMatchObject({ "~o": Object.keys(odd) });
    expect(JSON.stringify(expandPayload(rest, derived, n))).toBe(JSON.stringify(odd));
  });

  it("expands a rest stored before the order was kept in the order it always had: the columns' fields first", () => {
    const old = '{"info":{"db":{"statement":null,"params":{}}},"~n":3}';
    expect(Object.keys(expandPayload(old, derived, n))).toEqual([
      "name",
      "base_id",
      "trace_id",
      "parent_id",
      "timestamp",
      "project",
      "service",
      "info",
    ]);
  });

  it("writes numbers a double would change as their literals, marks the rest, and reads them back exactly", () => {
    const text = '{"db":{"statement":"SELECT 1","params":[9007199254740993,3.0,9223372036854775807,1e-07]},"host":"node-1"}';
    const payload: JsonObject = { ...head, info: parseExactJson(text), project: project!, service: service! };
    const rest = compactPayload(payload, derived, n);
    expect(rest).toBe('{"info":{"db":{"statement":null,"params":[9007199254740993,3.0,9223372036854775807,1e-07]}},"~n":11,"~x":1}');
    expect(JSON.parse(rest)).toBeTypeOf("object"); // still JSON text for the column
    const back = expandPayload(rest, derived, n);
    expect(stringifyJson(back)).toBe(stringifyJson(payload));
    expect(((back.info as JsonObject).db as JsonObject).params).toEqual([
      new JsonNumber("9007199254740993"),
      new JsonNumber("3.0"),
      new JsonNumber("9223372036854775807"),
      new JsonNumber("1e-07"),
    ]);
  });

  it("never takes a payload key for the marker", () => {
    const payload: JsonObject = { ...typical, "~x": 1 };
    const rest = compactPayload(payload, derived);
    expect(rest.endsWith('"~~x":1}')).toBe(true);
    expect(expandPayload(rest, derived)).toEqual(payload);
  });
});

describe("jsonEqual", () => {
  it("compares structure, not key order", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ 0: 1 }, [1])).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual(new JsonNumber("3.0"), new JsonNumber("3.0"))).toBe(true);
    expect(jsonEqual(new JsonNumber("3.0"), 3)).toBe(false);
    expect(jsonEqual(new JsonNumber("3.0"), new JsonNumber("3.00"))).toBe(false);
  });
});
