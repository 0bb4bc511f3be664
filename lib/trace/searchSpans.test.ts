import { beforeAll, describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import {
  compileSpanSearch,
  isSearchError,
  matchSearch,
  matchSpans,
  MAX_REGEX_CHARS,
  narrowsSearch,
  type SearchError,
  type SpanMatcher,
  type SpanSearch,
} from "./searchSpans";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { loadRegexEngine } from "./regexEngine";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w       nova-api   0..100   path="GET /v2.1/servers/detail"
  ├ db#d       nova-api   10..20   sql="SELECT * FROM Instances"
  ├ db#e       nova-api   30..40   sql="SELECT * FROM instances" err=OperationalError msg="Lost connection"
  └ rpc#r      conductor  50..90   fn=nova.conductor.api.ComputeTaskAPI.build host=cond-7 project=nova-cells
`),
);

function ids(matcher: SpanMatcher | SearchError | null): string[] {
  if (matcher === null || isSearchError(matcher)) throw new Error("expected a matcher");
  const { matches } = matchSpans(trace, matcher);
  return trace.spanId.filter((_, i) => matches[i]);
}

// A regex search runs once its engine is loaded (lib/trace/regexEngine.ts), as the page loads it.
beforeAll(async () => {
  await loadRegexEngine();
});

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
      expect((result as { error: string }).error).not.toMatch(/invalid regular expression.*invalid regular expression/i);
    }
    expect(compileSpanSearch({ text: "(a", regex: true })).toEqual({ error: "invalid regular expression: /(a/i: Unterminated group" });
  });

  it("tests each distinct text once, however many spans share it", () => {
    const big = buildTrace(
      spansFromDrawing(
        [
          "wsgi#root api 0..100000",
          ...Array.from({ length: 2000 }, (_, i) => `  db#x${i} api ${i * 10}..${i * 10 + 5} sql="SELECT 1"`),
        ].join("\n"),
      ),
    );
    let calls = 0;
    const { count } = matchSpans(big, { test: (s) => (calls++, s === "SELECT 1"), testId: () => false });
    expect(count).toBe(2000);
    expect(calls).toBeLessThanOrEqual(big.strings.length);
  });
});

describe("regex search in linear time", () => {
  // The shared link of the report: ?q=(a%2B)%2B%24&re=1 on a request path of 32 "a" and a "!".
  const hostile = buildTrace(
    spansFromDrawing(`
    wsgi#w   nova-api   0..100   path="GET /${"a".repeat(32)}!"
    └ db#d   nova-api   10..20   sql="SELECT ${"a".repeat(5000)}"
  `),
  );
  const hostileIds = (text: string) => {
    const matcher = compileSpanSearch({ text, regex: true });
    if (matcher === null || isSearchError(matcher)) throw new Error(`expected a matcher for ${text}`);
    const { matches } = matchSpans(hostile, matcher);
    return hostile.spanId.filter((_, i) => matches[i]);
  };

  it("runs the patterns that backtracking engines take exponential or polynomial time on, with the right answer", () => {
    expect(hostileIds("/(a+)+$")).toEqual([]);
    expect(hostileIds(" (a+)+$")).toEqual(["d"]);
    expect(hostileIds("/(a+)+!$")).toEqual(["w"]);
    expect(hostileIds("^GET /(a|aa)*b")).toEqual([]);
    expect(hostileIds("(.*a){20}x")).toEqual([]);
    expect(hostileIds("(\\w+\\s?)*$")).toEqual(["w", "d"]);
  });

  it("keeps JavaScript's syntax for what people type", () => {
    expect(ids(compileSpanSearch({ text: "\\\\A|\\/v2\\.1\\/servers", regex: true }))).toEqual(["w"]);
    expect(ids(compileSpanSearch({ text: "^GET \\/v2\\.1/servers/(?<what>\\w+)$", regex: true }))).toEqual(["w"]);
    expect(ids(compileSpanSearch({ text: "select \\* from (instances|quotas)$", regex: true }))).toEqual(["d", "e"]);
    expect(ids(compileSpanSearch({ text: "\\bcond-\\d\\b", regex: true }))).toEqual(["r"]);
    expect(ids(compileSpanSearch({ text: "Lost\\sconn.*?n$", regex: true }))).toEqual(["e"]);
  });

  it.each([
    ["a lookahead", "instances(?=$)", /^regular expression not supported: lookahead and lookbehind cannot run in linear time$/],
    [
      "a negative lookbehind",
      "(?<!FROM )instances",
      /^regular expression not supported: lookahead and lookbehind cannot run in linear time$/,
    ],
    ["a backreference", "(a)\\1", /^regular expression not supported: backreferences cannot run in linear time$/],
    ["a named backreference", "(?<x>a)\\k<x>", /^regular expression not supported: backreferences cannot run in linear time$/],
    [
      "an escape the two engines read differently",
      "\\Ainstances",
      /^regular expression not supported: \\A is read differently by JavaScript and by the search's engine/,
    ],
    ["a pattern that compiles too big", "[a-z]{200}[0-9]{200}", /^regular expression not supported: too complex \(\d+ steps, at most 300/],
    ["a pattern that is too long", "a".repeat(MAX_REGEX_CHARS + 1), /^regular expression not supported: longer than 500 characters$/],
  ])("says plainly that %s is not supported, never throwing", (_label, text, error) => {
    const result = compileSpanSearch({ text, regex: true });
    expect(isSearchError(result)).toBe(true);
    expect((result as SearchError).error).toMatch(error);
  });
});

describe("matchSearch (a query typed key by key)", () => {
  // Ids long enough to match on their first 8 characters, and a statement that mentions one.
  const idTrace = buildTrace(
    spansFromDrawing(`
  wsgi#a1b2c3d4e5f6   nova-api   0..100   path="GET /v2.1/servers"
  ├ db#a1b2c3d4ffff   nova-api   10..20   sql="SELECT 1"
  ├ db#00ff00ff00ff   nova-api   30..40   sql="SELECT a1b2c3d4e FROM t"
  └ rpc#0123abcd4567  conductor  50..90   fn=nova.conductor.api.Select
`),
  );
  const matcher = (search: SpanSearch) => compileSpanSearch(search) as SpanMatcher;

  it("finds what a search from scratch finds at every keystroke, typing on, deleting, switching case or to a regex", () => {
    const typed: SpanSearch[] = [
      ..."a1b2c3d4e5".split("").map((_, k, all) => ({ text: all.slice(0, k + 1).join("") })),
      { text: "a1b2c3d4" },
      { text: "a1b2c3d4f" },
      { text: "s" },
      { text: "se" },
      { text: "Sel" },
      { text: "Sel", caseSensitive: true },
      { text: "Sele", caseSensitive: true },
      { text: "sele" },
      { text: "sel.ct", regex: true },
      { text: "select" },
      { text: "select" },
      { text: "nothing" },
      { text: "nothing at all" },
    ];
    const seen: string[] = [];
    let previous: { matcher: SpanMatcher; positions: Int32Array } | null = null;
    for (const search of typed) {
      // Among the previous matches alone when the query narrows them (matchSearch does so on sparse ones).
      if (previous && narrowsSearch(matcher(search), previous.matcher)) {
        const within = matchSpans(idTrace, matcher(search), previous.positions);
        expect(Array.from(within.matches)).toEqual(Array.from(matchSpans(idTrace, matcher(search)).matches));
      }
      const got = matchSearch(idTrace, search, matcher(search));
      const fresh = matchSpans(idTrace, matcher(search));
      expect({ search, matches: Array.from(got.matches), count: got.count }).toEqual({
        search,
        matches: Array.from(fresh.matches),
        count: fresh.count,
      });
      expect(Array.from(got.positions)).toEqual(Array.from(fresh.positions));
      seen.push(`${search.text}:${got.count}`);
      previous = { matcher: matcher(search), positions: got.positions };
    }
    // The id rule at work: 8 characters reach the ids, the ninth keeps only the one that goes on.
    expect(seen.slice(6, 12)).toEqual(["a1b2c3d:1", "a1b2c3d4:3", "a1b2c3d4e:2", "a1b2c3d4e5:1", "a1b2c3d4:3", "a1b2c3d4f:1"]);
  });

  it("narrows a query only from a plain one it contains, of the same case rule, and ids only from 8 characters on", () => {
    expect(narrowsSearch(matcher({ text: "sele" }), matcher({ text: "sel" }))).toBe(true);
    expect(narrowsSearch(matcher({ text: "x sel y" }), matcher({ text: "SEL" }))).toBe(true);
    expect(narrowsSearch(matcher({ text: "sel" }), matcher({ text: "sele" }))).toBe(false);
    expect(narrowsSearch(matcher({ text: "sele", caseSensitive: true }), matcher({ text: "sel" }))).toBe(false);
    expect(narrowsSearch(matcher({ text: "a1b2c3d4" }), matcher({ text: "a1b2c3d" }))).toBe(false);
    expect(narrowsSearch(matcher({ text: "a1b2c3d4e" }), matcher({ text: "a1b2c3d4" }))).toBe(true);
    expect(narrowsSearch(matcher({ text: "xa1b2c3d4" }), matcher({ text: "a1b2c3d4" }))).toBe(false);
  });
});
