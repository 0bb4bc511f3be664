import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { compileSpanSearch, isSearchError, matchSpans, type SearchError, type SpanMatcher } from "./searchSpans";
import { spansFromDrawing } from "./testing/spansFromDrawing";

const trace = buildTrace(spansFromDrawing(`
  wsgi#w       nova-api   0..100   path="GET /v2.1/servers/detail"
  ├ db#d       nova-api   10..20   sql="SELECT * FROM Instances"
  ├ db#e       nova-api   30..40   sql="SELECT * FROM instances" err=OperationalError msg="Lost connection"
  └ rpc#r      conductor  50..90   fn=nova.conductor.api.ComputeTaskAPI.build host=cond-7 project=nova-cells
`));

function ids(matcher: SpanMatcher | SearchError | null): string[] {
  if (matcher === null || isSearchError(matcher)) throw new Error("expected a matcher");
  const { matches } = matchSpans(trace, matcher);
  return trace.spanId.filter((_, i) => matches[i]);
}

describe("compileSpanSearch and matchSpans", () => {
  it("finds text anywhere in name, service, project, host, detail and exception, ignoring case", () => {
    expect(ids(compileSpanSearch({ text: "instances" }))).toEqual(["d", "e"]);
    expect(ids(compileSpanSearch({ text: "servers/DETAIL" }))).toEqual(["w"]);
    expect(ids(compileSpanSearch({ text: "cond-7" }))).toEqual(["r"]);
    expect(ids(compileSpanSearch({ text: "cells" }))).toEqual(["r"]);
    expect(ids(compileSpanSearch({ text: "ComputeTaskAPI" }))).toEqual(["r"]);
    expect(ids(compileSpanSearch({ text: "lost connection" }))).toEqual(["e"]);
    expect(ids(compileSpanSearch({ text: "operationalerror" }))).toEqual(["e"]);
    expect(ids(compileSpanSearch({ text: "nothing like this" }))).toEqual([]);
  });

  it("respects case when asked, in text and regex mode", () => {
    expect(ids(compileSpanSearch({ text: "Instances", caseSensitive: true }))).toEqual(["d"]);
    expect(ids(compileSpanSearch({ text: "Instances$", regex: true, caseSensitive: true }))).toEqual(["d"]);
    expect(ids(compileSpanSearch({ text: "instances$", regex: true }))).toEqual(["d", "e"]);
  });

  it("treats regex metacharacters literally in text mode", () => {
    expect(ids(compileSpanSearch({ text: "SELECT *" }))).toEqual(["d", "e"]);
    expect(ids(compileSpanSearch({ text: "SELECT .*" }))).toEqual([]);
    expect(ids(compileSpanSearch({ text: "SELECT .*", regex: true }))).toEqual(["d", "e"]);
  });

  it("returns null for an empty query and an error value for a bad regex, never throwing", () => {
    expect(compileSpanSearch({ text: "" })).toBeNull();
    for (const text of ["(", "[a-", "*", "a{2,1}", "(?<n>a)(?<n>b)"]) {
      const result = compileSpanSearch({ text, regex: true });
      expect(isSearchError(result)).toBe(true);
      expect((result as { error: string }).error).toMatch(/^invalid regular expression: /);
    }
  });

  it("tests each distinct text once, however many spans share it", () => {
    const big = buildTrace(spansFromDrawing(["wsgi#root api 0..100000", ...Array.from({ length: 2000 }, (_, i) => `  db#x${i} api ${i * 10}..${i * 10 + 5} sql="SELECT 1"`)].join("\n")));
    let calls = 0;
    const { count } = matchSpans(big, { test: (s) => (calls++, s === "SELECT 1"), testId: () => false });
    expect(count).toBe(2000);
    expect(calls).toBeLessThanOrEqual(big.strings.length);
  });
});
