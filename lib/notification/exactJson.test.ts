// Numbers as they came: which literals a double keeps, the pre-scan that sends the rest to the
// exact parser, the parser itself and the exact writer.
import { describe, expect, it } from "vitest";
import { isJsonNumber, JsonNumber, numberLiteralSurvives } from "./JsonNumber";
import { measureJsonText } from "./measureJsonText";
import { parseExactJson } from "./parseExactJson";
import { parseMeasuredJson } from "./parseMeasuredJson";
import { stringifyJson, stringifyJsonNoting } from "./stringifyJson";
import type { Json } from "./types";

const NO_STOP = { maxDepth: Infinity, maxItems: Infinity };

/** Python's json.dumps(json.loads(x)) of these literals, as an OSprofiler sender writes them. */
const PYTHON_LITERALS = [
  "9007199254740993",
  "9223372036854775807",
  "-9223372036854775808",
  "3.0",
  "1e-07",
  "1e+16",
  "2.5e-05",
  "16.0",
  "0.0",
  "-0.0",
  "123456789012345678901234567890",
];
const PLAIN_LITERALS = ["0", "-1", "42", "9007199254740991", "1.5", "0.1", "-0.25", "0.0001", "123456.789", "100000000000000000000"];

describe("numberLiteralSurvives", () => {
  it.each(PLAIN_LITERALS)("keeps %s as a number: JavaScript and Python write it back the same", (literal) => {
    expect(numberLiteralSurvives(literal)).toBe(true);
  });

  it.each([...PYTHON_LITERALS, "-0", "1E5", "0.00001", "1.50", "9007199254740992.0"])("keeps %s as its text", (literal) => {
    expect(numberLiteralSurvives(literal)).toBe(false);
  });
});

describe("measureJsonText finds the numbers a double would change", () => {
  it.each(PYTHON_LITERALS)("in %s", (literal) => {
    expect(measureJsonText(`{"params": [1, ${literal}, 2]}`, NO_STOP).inexactNumber).toBe(true);
  });

  it("and no others, whatever is in strings", () => {
    const text = `{"a": [${PLAIN_LITERALS.join(", ")}], "b": "3.0 and 9007199254740993", "9007199254740993": -5}`;
    expect(measureJsonText(text, NO_STOP).inexactNumber).toBe(false);
  });
});

describe("parseExactJson", () => {
  it("builds what JSON.parse builds when every number survives", () => {
    const text = `{"a": [${PLAIN_LITERALS.join(",")}], "s": "\\u00e9\\ud800\\n\\"x\\"", "t": true, "f": false, "n": null, "o": {"": {}}, "e": [], "dup": 1, "dup": 2}`;
    expect(parseExactJson(text)).toStrictEqual(JSON.parse(text));
  });

  it("keeps every other literal as a JsonNumber, in place", () => {
    const parsed = parseExactJson(`{"params": [${PYTHON_LITERALS.join(", ")}], "id": 7}`) as { params: Json[]; id: number };
    expect(parsed.params.map((v) => (isJsonNumber(v) ? v.text : v))).toEqual(PYTHON_LITERALS);
    expect(parsed.id).toBe(7);
  });

  it("keeps a __proto__ key as an own key, as JSON.parse does", () => {
    const parsed = parseExactJson('{"__proto__": {"polluted": 3.0}}') as Record<string, Json>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("parses any depth without recursion", () => {
    const depth = 200_000;
    let value = parseExactJson("[".repeat(depth) + "3.0" + "]".repeat(depth));
    for (let i = 0; i < depth; i++) value = (value as Json[])[0]!;
    expect(value).toEqual(new JsonNumber("3.0"));
  });
});

describe("parseMeasuredJson", () => {
  it("reports JSON.parse's own error for invalid text", () => {
    expect(() => parseMeasuredJson("[3.0,", { inexactNumber: true })).toThrow(SyntaxError);
    expect(() => parseMeasuredJson("[01]", { inexactNumber: true })).toThrow(SyntaxError);
  });
});

describe("stringifyJson", () => {
  it("writes what JSON.stringify writes when nothing was kept as text", () => {
    const value = JSON.parse('{"a": [1, 1.5, "\\u2028\\ud800é"], "b": {"c": null}}') as Json;
    expect(stringifyJsonNoting(value)).toEqual({ text: JSON.stringify(value), exactNumbers: false });
  });

  it("writes kept literals verbatim, and the text parses back to the same value", () => {
    const text = `{"big":9007199254740993,"f":[3.0,1e-07,-0.0],"s":"3.0","n":{"k":9223372036854775807}}`;
    const value = parseExactJson(text);
    expect(stringifyJsonNoting(value)).toEqual({ text, exactNumbers: true });
    expect(parseExactJson(stringifyJson(value))).toStrictEqual(value);
  });

  it("leaves a writer that does not know JsonNumber the nearest double, as before", () => {
    expect(JSON.stringify(parseExactJson("[9007199254740993, 3.0]"))).toBe("[9007199254740992,3]");
  });
});
