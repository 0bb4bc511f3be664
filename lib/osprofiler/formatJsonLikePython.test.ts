// Checked against Python itself: the same value through json.dumps(indent=2, separators=(",", ": "))
// (how `osprofiler trace show --json` prints) and through json.dumps(value) must give our text.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Json } from "../notification/types";
import { formatJsonLikePython } from "./formatJsonLikePython";

function python(value: Json, pretty: boolean): string {
  const script = pretty
    ? 'import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin), indent=2, separators=(",", ": ")))'
    : "import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin)))";
  return execFileSync("/usr/bin/python3", ["-c", script], { input: JSON.stringify(value), encoding: "utf8" });
}

const VALUES: Json[] = [
  { info: { name: "total", started: 0, finished: 35, last_trace_started: 34 }, children: [], stats: {} },
  {
    "meta.raw_payload.db-start": {
      info: { db: { statement: "SELECT 'é', \"x\"\n\tFROM t -- ☃", params: { a: [1, -2, true, null, "\u0000\u001f\u007f"] } } },
    },
  },
  { emoji: "😀 and a lone \ud800 surrogate", backslash: "C:\\path\\", slash: "</script>", empty: { a: [], b: {} } },
  [
    [[[[]]]],
    { "": "" },
    "ünïcödé",
    12345678901234,
    -0.5,
    1.5e-7,
    1e-7,
    0.0001,
    0.00001234,
    123.456,
    2.5e16,
    1.7976931348623157e308,
    -3.3e-300,
  ],
  "just a string",
  null,
];

describe("formatJsonLikePython", () => {
  for (const [k, value] of VALUES.entries()) {
    it(`prints value ${k} exactly as Python's json.dumps does, indented and not`, () => {
      expect(formatJsonLikePython(value)).toBe(python(value, true));
      expect(formatJsonLikePython(value, null)).toBe(python(value, false));
    });
  }

  it("prints 20k levels of nesting, which JSON.stringify cannot", () => {
    let value: Json = [];
    for (let i = 0; i < 20_000; i++) value = { c: [value] };
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    const text = formatJsonLikePython(value, null);
    expect(text.startsWith('{"c": [{"c": [{"c": [')).toBe(true);
    expect(text.length).toBe(20_000 * '{"c": []}'.length + 2);
  });
});
