import { describe, expect, it } from "vitest";
import { boundJsonValue } from "./boundJsonValue";
import { cutLongString, TRUNCATION_MARK } from "./cutLongString";
import type { Json } from "./types";

const LIMITS = { maxJsonDepth: 8, maxJsonItems: 100, maxStringChars: 16 };

function nested(depth: number): Json {
  let value: Json = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe("boundJsonValue", () => {
  it("accepts a value within every limit and changes nothing", () => {
    const value: Json = { info: { host: "node-1", db: { statement: "SELECT 1", params: { id: [1, 2] } } } };
    const copy = structuredClone(value);
    expect(boundJsonValue(value, LIMITS)).toEqual({ truncated: 0 });
    expect(value).toEqual(copy);
  });

  it("counts the value itself as level 1 and refuses the first level past the limit", () => {
    expect(boundJsonValue(nested(8), LIMITS)).toEqual({ truncated: 0 });
    expect(boundJsonValue(nested(9), LIMITS)).toEqual({
      reason: "payload nests objects and arrays deeper than 8 levels (OSTRACE_MAX_JSON_DEPTH)",
    });
  });

  it("walks any depth without recursion", () => {
    const deep = JSON.parse("[".repeat(200_000) + "]".repeat(200_000)) as Json;
    expect(boundJsonValue(deep, { ...LIMITS, maxJsonDepth: 250_000, maxJsonItems: 1e9 })).toEqual({ truncated: 0 });
  });

  it("refuses more values than the limit, counting keys and elements at every level", () => {
    expect(boundJsonValue({ a: new Array(99).fill(0) }, LIMITS)).toEqual({ truncated: 0 });
    expect(boundJsonValue({ a: new Array(100).fill(0) }, LIMITS)).toHaveProperty("reason", expect.stringMatching(/more than 100 values/));
  });

  it("cuts long strings in place and says how many, marking each with its length", () => {
    const value = { info: { db: { statement: "SELECT * FROM instances WHERE id = 1" }, args: ["x".repeat(40), "short"] } };
    expect(boundJsonValue(value, LIMITS)).toEqual({ truncated: 2 });
    expect(value.info.db.statement).toBe(`SELECT * FROM in${TRUNCATION_MARK}36 characters]`);
    expect(value.info.args).toEqual([`${"x".repeat(16)}${TRUNCATION_MARK}40 characters]`, "short"]);
  });

  it("refuses long keys and numbers beyond a double", () => {
    expect(boundJsonValue({ ["k".repeat(17)]: 1 }, LIMITS)).toHaveProperty("reason", expect.stringMatching(/object key of 17 characters/));
    expect(boundJsonValue(JSON.parse('{"n": [1e400]}') as Json, LIMITS)).toHaveProperty(
      "reason",
      expect.stringMatching(/beyond the range of a double/),
    );
  });

  it("keeps a __proto__ key as an own property when cutting it", () => {
    const value = JSON.parse(`{"__proto__": "${"p".repeat(20)}"}`) as Record<string, Json>;
    expect(boundJsonValue(value, LIMITS)).toEqual({ truncated: 1 });
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toMatch(/^p{16}…/);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe("cutLongString", () => {
  it("never splits a surrogate pair", () => {
    expect(cutLongString("ab😀cd", 3)).toBe(`ab${TRUNCATION_MARK}6 characters]`);
    expect(cutLongString("abc", 3)).toBe("abc");
  });
});
