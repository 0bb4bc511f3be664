import { describe, expect, it } from "vitest";
import { parseExactJson } from "../notification/parseExactJson";
import type { Json } from "../notification/types";
import { formatJsonLikePython } from "./formatJsonLikePython";
import { chooseReportIndent, measureIndentBytes } from "./chooseReportIndent";

/** A report-shaped chain: total -> span 1 -> span 2 -> ... (children nested `depth` deep). */
function chain(depth: number): Json {
  let node: Json = { info: { name: "db", started: depth, finished: depth }, children: [] };
  for (let d = depth - 1; d >= 0; d--)
    node = { info: { name: "wsgi", started: d, "meta.raw_payload.wsgi-start": { a: [1, 2, {}] } }, children: [node, []] };
  return node;
}

describe("report indentation", () => {
  it("is measured exactly: the indented text is longer by what measureIndentBytes says", () => {
    const values: Json[] = [
      1,
      "x",
      [],
      {},
      [1],
      { a: [1, { b: null, c: [true, "é"] }], d: {} },
      chain(1),
      chain(7),
      parseExactJson('{"params": [3.0, 9007199254740993, {"x": 1e-07}]}'),
    ];
    for (const value of values) {
      expect(measureIndentBytes(value, 2), JSON.stringify(value)).toBe(
        formatJsonLikePython(value, 2).length - formatJsonLikePython(value, null).length,
      );
      expect(measureIndentBytes(value, 4)).toBe(formatJsonLikePython(value, 4).length - formatJsonLikePython(value, null).length);
    }
  });

  it("keeps OSprofiler's indent 2 unless the indentation alone would pass the limit", () => {
    const deep = chain(300);
    const cost = measureIndentBytes(deep, 2);
    expect(chooseReportIndent(deep, 2, cost)).toBe(2);
    expect(chooseReportIndent(deep, 2, cost - 1)).toBeNull();
    expect(chooseReportIndent(chain(3))).toBe(2);
  });

  it("stops measuring a 20,000-deep chain early, without recursion", () => {
    expect(chooseReportIndent(chain(20_000))).toBeNull();
  });
});
