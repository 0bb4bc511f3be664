import { describe, expect, it } from "vitest";
import type { TraceListQuery } from "../trace/traceList";
import { encodeTraceListCursor } from "../trace/traceListCursor";
import { DEFAULT_TRACE_LIST_LIMIT, formatTimeParam, formatTraceListQuery } from "./formatTraceListQuery";
import { isTraceListQueryError, parseTimeParam, parseTraceListQuery } from "./traceListQuery";

const parse = (text: string) => parseTraceListQuery(new URLSearchParams(text));
const T = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

describe("parseTraceListQuery", () => {
  it("gives the defaults for an empty query, ignoring unknown parameters and empty values", () => {
    expect(parse("")).toEqual({ sort: "newest", limit: DEFAULT_TRACE_LIST_LIMIT });
    expect(parse("view=compact&q=&service=%20&error=&sort=&cursor=")).toEqual({ sort: "newest", limit: 50 });
  });

  it("reads every filter", () => {
    const cursor = encodeTraceListCursor({ sort: "slowest", key: 1500, traceId: "0c6a8b65-1e1c-48a4-9b91-820b3225a34e" });
    expect(
      parse(
        `q=+POST+/v2.1/servers+&traceId=0C6A8B65-1E&service=nova-api&project=nova&host=ctl-1&from=2024-05-01T10:00:00Z&to=${T + 5}` +
          `&minMs=0.5&maxMs=2500&error=1&sort=slowest&limit=200&cursor=${cursor}`,
      ),
    ).toEqual({
      q: "POST /v2.1/servers",
      traceId: "0c6a8b65-1e",
      service: "nova-api",
      project: "nova",
      host: "ctl-1",
      from: T,
      to: T + 5,
      minMs: 0.5,
      maxMs: 2500,
      error: true,
      sort: "slowest",
      limit: 200,
      cursor,
    });
    expect(parse("error=0")).toEqual({ sort: "newest", limit: 50 });
    expect(parse("error=true")).toMatchObject({ error: true });
  });

  it("takes the first of a repeated parameter", () => {
    expect(parse("service=a&service=b")).toMatchObject({ service: "a" });
  });

  it("refuses bad values with a message naming the parameter", () => {
    const cases: [string, RegExp][] = [
      ["limit=0", /^limit: expected a whole number from 1 to 200/],
      ["limit=201", /^limit: /],
      ["limit=ten", /^limit: /],
      ["sort=oldest", /^sort: expected newest, slowest or answered/],
      ["error=yes", /^error: expected "1"/],
      ["traceId=xyz", /^traceId: expected the start of a base_id/],
      [`traceId=${"a".repeat(37)}`, /^traceId: /],
      ["from=yesterday", /^from: "yesterday" is not a time/],
      ["to=2024-02-30", /^to: /],
      ["minMs=-1", /^minMs: "-1": expected a duration in milliseconds/],
      ["maxMs=1e3", /^maxMs: /],
      ["minMs=5&maxMs=1", /^minMs: is greater than maxMs/],
      ["from=2024-05-02&to=2024-05-01", /^from: is after to/],
      [`q=${"x".repeat(257)}`, /^q: at most 256 characters/],
      ["cursor=not-a-cursor", /^cursor: not a cursor this API returned/],
      [
        `cursor=${encodeTraceListCursor({ sort: "newest", key: 1, traceId: "ab" })}&sort=slowest`,
        /^cursor: belongs to sort=newest, not sort=slowest/,
      ],
    ];
    for (const [text, message] of cases) {
      const result = parse(text);
      expect(isTraceListQueryError(result), text).toBe(true);
      expect((result as { error: string }).error, text).toMatch(message);
    }
  });

  it("tells a refusal from a query that filters on errors", () => {
    expect(isTraceListQueryError(parse("error=1"))).toBe(false);
    expect(isTraceListQueryError(parse("error=2"))).toBe(true);
  });
});

describe("formatTraceListQuery", () => {
  it("is the inverse of the parser and leaves defaults out", () => {
    const queries: TraceListQuery[] = [
      { sort: "newest", limit: 50 },
      {
        q: "GET /v2.1/servers?x=1&y=2",
        traceId: "0c6a",
        service: "a|b",
        project: "p q",
        host: "h+1",
        from: T + 123_456,
        to: T + 1_000_000,
        minMs: 0.25,
        maxMs: 10,
        error: true,
        sort: "slowest",
        limit: 7,
        cursor: encodeTraceListCursor({ sort: "slowest", key: 9, traceId: "0c6a" }),
      },
    ];
    for (const query of queries) expect(parse(formatTraceListQuery(query).toString())).toEqual(query);
    expect(formatTraceListQuery({ sort: "newest", limit: 50, error: false }).toString()).toBe("");
    expect(formatTraceListQuery({ service: "nova-api" }).toString()).toBe("service=nova-api");
  });
});

describe("time parameters", () => {
  it("reads ISO dates and times (UTC without a zone, offsets applied) and plain microseconds", () => {
    expect(parseTimeParam("2024-05-01")).toBe(Date.UTC(2024, 4, 1) * 1000);
    expect(parseTimeParam("2024-05-01T10:00")).toBe(T);
    expect(parseTimeParam("2024-05-01T10:00:00.000001")).toBe(T + 1);
    expect(parseTimeParam("2024-05-01T12:00:00+02:00")).toBe(T);
    expect(parseTimeParam("2024-05-01T12:00:00 02:00")).toBe(T); // "+" unescaped in a query string
    expect(parseTimeParam("2024-05-01t10:00:00z")).toBe(T);
    expect(parseTimeParam(String(T))).toBe(T);
    for (const bad of ["", "now", "2024-13-01", "2024-05-01T25:00", "1.5", "-5"]) expect(parseTimeParam(bad), bad).toBeNull();
  });

  it("writes the shortest exact ISO form", () => {
    expect(formatTimeParam(T)).toBe("2024-05-01T10:00:00Z");
    expect(formatTimeParam(T + 120_000)).toBe("2024-05-01T10:00:00.120Z");
    expect(formatTimeParam(T + 100)).toBe("2024-05-01T10:00:00.000100Z");
    for (const us of [T, T + 1, T + 999_999, T + 120_000]) expect(parseTimeParam(formatTimeParam(us))).toBe(us);
  });
});
