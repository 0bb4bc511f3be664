import { describe, expect, it } from "vitest";
import { decodeMessageJson } from "../notification/decodeMessage";
import { profilerPayload } from "@/tests/support/amqp";
import { convertRejectionToQuarantineRow } from "./convertRejectionToQuarantineRow";
import { rejectUnstorable } from "../span/rejectUnstorable";
import { addToTraceSet, collectFacetValues, MAX_FACET_VALUES, MAX_TRACE_SET_CHARS, parseTraceSet } from "./traceSet";

const TRACE = "11111111-1111-4111-8111-111111111111";
const SPAN = "22222222-2222-4222-8222-222222222222";

describe("traceSet", () => {
  it("keeps values sorted and unique, delimited for LIKE '%|x|%'", () => {
    let set = "";
    for (const v of ["nova-api", "", "glance-api", "nova-api", "a|b"]) set = addToTraceSet(set, [v]);
    expect(set).toBe("|a/b|glance-api|nova-api|");
    expect(parseTraceSet(set)).toEqual(["a/b", "glance-api", "nova-api"]);
    expect(addToTraceSet(set, ["nova"])).toBe("|a/b|glance-api|nova|nova-api|");
    expect(addToTraceSet("", ["nova-api", "", "glance-api", "nova-api", "a|b"])).toBe("|a/b|glance-api|nova-api|");
    expect(addToTraceSet(set, ["nova-api", ""])).toBe(set);
  });

  it(`stops adding values at ${MAX_TRACE_SET_CHARS} characters (each span may name a host of its own)`, () => {
    const hosts = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, "0")}${"h".repeat(252)}`);
    const set = addToTraceSet("|ctl-1|", hosts);
    expect(set.length).toBeLessThanOrEqual(MAX_TRACE_SET_CHARS);
    const kept = parseTraceSet(set);
    // What was there before and the first ones that fitted (sorted: digits before letters).
    expect(kept).toEqual([...hosts.slice(0, kept.length - 1), "ctl-1"]);
    expect(set.length + hosts[0]!.length + 1).toBeGreaterThan(MAX_TRACE_SET_CHARS);
    expect(addToTraceSet(set, hosts.slice(150))).toBe(set);
    // A short value still fits in what is left.
    expect(parseTraceSet(addToTraceSet(set, ["zzz"]))).toEqual([...kept, "zzz"]);
  });
});

describe("collectFacetValues", () => {
  it("lists the distinct values of the traces' sets, sorted", () => {
    expect(collectFacetValues(["|nova-api|", "|glance-api|nova-api|", ""])).toEqual({ values: ["glance-api", "nova-api"], omitted: 0 });
  });

  it(`lists at most ${MAX_FACET_VALUES} and counts the rest (every trace may name hosts of its own)`, () => {
    const texts = Array.from({ length: 20_000 }, (_, i) => `|host-${String(i).padStart(5, "0")}|shared|`);
    const { values, omitted } = collectFacetValues(texts);
    expect(values).toHaveLength(MAX_FACET_VALUES);
    expect(values[0]).toBe("host-00000");
    expect(omitted).toBe(20_001 - MAX_FACET_VALUES);
  });
});

describe("rejectUnstorable", () => {
  const base = { traceId: TRACE, spanId: SPAN, parentId: TRACE, name: "db", phase: "start" as const, us: Date.UTC(2024, 4, 1) * 1000 };
  it("quarantines a NUL in a column but not in the payload's free text", () => {
    expect(rejectUnstorable(decodeMessageJson(profilerPayload({ ...base, service: "api\u0000" })))).toEqual({
      reason: "service contains a NUL character, which the database cannot store",
    });
    expect(
      rejectUnstorable(decodeMessageJson(profilerPayload({ ...base, info: { db: { statement: "SELECT '\u0000'", params: {} } } }))),
    ).toHaveProperty("reason");
    expect(rejectUnstorable(decodeMessageJson(profilerPayload({ ...base, info: { note: "a\u0000b" } })))).toHaveProperty("traceId");
  });
  it("passes rejections and ignored messages through", () => {
    expect(rejectUnstorable({ reason: "x" })).toEqual({ reason: "x" });
    expect(rejectUnstorable({ ignored: "y" })).toEqual({ ignored: "y" });
  });
});

describe("convertRejectionToQuarantineRow", () => {
  it("keeps the body up to the limit and records the full size", () => {
    const body = new Uint8Array(5000).fill(65);
    const row = convertRejectionToQuarantineRow(body, "too big", { source: "amqp", origin: "nova/profiler.info" }, 1024, 7);
    expect(row).toMatchObject({
      receivedUs: 7,
      source: "amqp",
      origin: "nova/profiler.info",
      reason: "too big",
      bodyBytes: 5000,
      truncated: true,
    });
    expect(row.body.byteLength).toBe(1024);
    const small = convertRejectionToQuarantineRow(body.subarray(0, 10), "bad", { source: "http", origin: null }, 1024, 7);
    expect(small).toMatchObject({ bodyBytes: 10, truncated: false });
    expect([...small.body]).toEqual(new Array(10).fill(65));
  });
});
