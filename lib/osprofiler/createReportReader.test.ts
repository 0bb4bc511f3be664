// Reading OSprofiler's reports as a stream: pieces of any size give the same notifications as
// the whole text; broken JSON, shapes that are no report and payloads past the limits are told
// apart, with where they were.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_INPUT_LIMITS } from "../notification/inputLimits";
import { JsonNumber } from "../notification/JsonNumber";
import type { JsonObject } from "../notification/types";
import {
  createReportReader,
  REPORT_MAX_DEPTH,
  REPORT_MAX_ITEMS,
  ReportError,
  type ReportItem,
  type ReportLimits,
} from "./createReportReader";
import { readOsprofilerReport } from "./readOsprofilerReport";

const FIXTURES = join(__dirname, "../../tests/fixtures/osprofiler");
const boot = readFileSync(join(FIXTURES, "report-boot.json"), "utf8");
const lostStop = readFileSync(join(FIXTURES, "report-lost-stop.json"), "utf8");
const LIMITS: ReportLimits = { ...DEFAULT_INPUT_LIMITS, maxReportDepth: REPORT_MAX_DEPTH, maxReportItems: REPORT_MAX_ITEMS };

/** Feeds `text` in pieces of `size` characters; what came out, or the error. */
function readInPieces(text: string, size: number, limits = LIMITS): ReportItem[] | ReportError {
  const reader = createReportReader(limits);
  const items: ReportItem[] = [];
  try {
    for (let i = 0; i < text.length; i += size) items.push(...reader.push(text.slice(i, i + size)));
    items.push(...reader.end());
  } catch (error) {
    if (error instanceof ReportError) return error;
    throw error;
  }
  return items;
}

function errorOf(text: string, limits?: Partial<ReportLimits>): { status: number; error: string } {
  const read = readOsprofilerReport(text, limits);
  if (!("error" in read)) throw new Error("expected the report to be refused");
  return read;
}

describe("createReportReader", () => {
  it("gives the same notifications whatever the size of the pieces, down to one character", () => {
    const whole = readOsprofilerReport(boot);
    if ("error" in whole) throw new Error(whole.error);
    expect(whole.notifications).toHaveLength(30);
    expect(whole.skipped).toEqual([]);
    for (const size of [1, 2, 3, 7, 64, 1000, 4096]) expect(readInPieces(boot, size)).toEqual(whole.notifications);
  });

  it("reads raw payloads of every shape cut anywhere: escapes, quotes and brackets in strings, bare scalars", () => {
    const tricky = JSON.stringify(JSON.parse(lostStop), null, 2).replace(
      '"scheme": "http"',
      '"scheme": "http", "odd": "a \\"quoted\\" [brace} \\\\", "n": [3.0, 9007199254740993]',
    );
    const withScalar = tricky.replace('"name": "wsgi",', '"name": "wsgi", "meta.raw_payload.x-start": 42,');
    const whole = readOsprofilerReport(withScalar);
    if ("error" in whole) throw new Error(whole.error);
    expect(whole.skipped).toEqual([
      { path: 'children[0].info["meta.raw_payload.x-start"]', reason: expect.stringContaining("invalid OSprofiler payload") },
    ]);
    const request = (whole.notifications[0]!.payload.info as JsonObject).request as JsonObject;
    expect(request.odd).toBe('a "quoted" [brace} \\');
    expect(request.n).toEqual([new JsonNumber("3.0"), new JsonNumber("9007199254740993")]);
    for (const size of [1, 5, 13])
      expect(readInPieces(withScalar, size)).toEqual([...whole.skipped, ...whole.notifications].sort(byPath(withScalar)));
  });

  it("names what is wrong with text that is not JSON, and where", () => {
    const cases: [string, RegExp][] = [
      ['{"children": [', /ends before the report does/],
      ['{"children": []', /ends before the report does/],
      ['{"children": [NaN]}', /unexpected "N" at character 15/],
      ['{"children": [1,]}', /unexpected "]" at character 17/],
      ['{"children": [], }', /expected a key in double quotes, got "}"/],
      ['{"children" []}', /expected ":" after a key/],
      ['{"children": [01]}', /expected "," or "]", got "1"/],
      ['{"children": []} x', /after the end of the report/],
      ['{"children": ["\u0001"]}', /Bad control character|control character/i],
      ['{"children": [{"info": {"meta.raw_payload.a-start": {"x": 1,}}}]}', /children\[0\]\.info\["meta\.raw_payload\.a-start"\]: /],
    ];
    for (const [text, reason] of cases) {
      for (const size of [1, 4, text.length]) {
        const error = readInPieces(text, size);
        expect(error, `${text} in pieces of ${size}`).toBeInstanceOf(ReportError);
        expect((error as ReportError).status).toBe(400);
        expect((error as ReportError).message).toMatch(/^the file is not JSON \(/);
        expect((error as ReportError).message).toMatch(reason);
      }
    }
  });

  it("tells a report from other JSON, and one without raw payloads", () => {
    expect(errorOf("[1, 2]")).toEqual({
      status: 422,
      error: expect.stringMatching(/^not an OSprofiler report: expected a JSON object with a "children" array/),
    });
    expect(errorOf('{"children": {}}').error).toMatch(/^not an OSprofiler report/);
    expect(errorOf('{"info": {}, "children": []}').error).toMatch(
      /^the report holds no OSprofiler notifications .*The report has no raw payloads/,
    );
    expect(errorOf('{"children": [{"info": {"meta.raw_payload.db-start": {"name": "db-start"}}}]}').error).toMatch(
      /^none of the report's payloads can be stored; first problem: children\[0\]\.info\["meta\.raw_payload\.db-start"\]: invalid OSprofiler payload/,
    );
  });

  it("holds the whole report to its depth and value limits, payloads included", () => {
    const deepChildren = `{"children": ${"[".repeat(50)}${"]".repeat(50)}}`;
    expect(errorOf(deepChildren, { maxReportDepth: 20 })).toEqual({
      status: 422,
      error: expect.stringMatching(/^the file nests objects and arrays deeper than 20 levels/),
    });
    const deepPayload = boot.replace('"params": [', `"deep": ${"[".repeat(30)}${"]".repeat(30)}, "params": [`);
    expect(errorOf(deepPayload, { maxReportDepth: 30 }).error).toMatch(/deeper than 30 levels/);
    expect(errorOf(boot, { maxReportItems: 100 })).toEqual({
      status: 413,
      error: expect.stringMatching(/^the file holds more than 100 values/),
    });
  });

  it("skips a payload past the notification limit without holding it, and reads on", () => {
    const huge = "x".repeat(50_000);
    const text = boot.replace('"query": ""', `"query": "${huge}"`);
    const items = readInPieces(text, 1024, { ...LIMITS, maxNotificationBytes: 2000 });
    if (items instanceof ReportError) throw items;
    const skipped = items.filter((item) => !("traceId" in item));
    expect(skipped).toEqual([
      {
        path: 'children[0].info["meta.raw_payload.wsgi-start"]',
        reason: "payload of more than 2000 bytes exceeds the limit of 2000 bytes (OSTRACE_MAX_NOTIFICATION_BYTES)",
      },
    ]);
    expect(items).toHaveLength(30);
  });

  it("measures a payload as compact JSON, without the report's indentation", () => {
    const read = readOsprofilerReport(boot, { maxNotificationBytes: 420 });
    if ("error" in read) throw new Error(read.error);
    expect(read.skipped.length).toBeGreaterThan(0);
    for (const s of read.skipped) {
      const [, bytes] = /^payload of (\d+) bytes exceeds the limit of 420 bytes/.exec(s.reason)!;
      expect(Number(bytes)).toBe(JSON.stringify(payloadAt(boot, s.path)).length); // the fixtures are ASCII
    }
  });
});

/** Sorts items into document order by their path or, for notifications, by where their payload starts. */
function byPath(text: string) {
  return (a: ReportItem, b: ReportItem) => positionOf(text, a) - positionOf(text, b);
}

function positionOf(text: string, item: ReportItem): number {
  if (!("traceId" in item)) return text.indexOf(`"${/\["(.*)"\]$/.exec(item.path)![1]}"`);
  return text.indexOf(`"timestamp": "${item.payload.timestamp as string}"`);
}

function payloadAt(text: string, path: string): JsonObject {
  let node: unknown = JSON.parse(text);
  for (const [, key, index, raw] of path.matchAll(/(\w+)(?:\[(\d+)\])?|\["([^"]+)"\]/g)) {
    if (raw !== undefined) node = (node as JsonObject)[raw];
    else {
      node = (node as JsonObject)[key!];
      if (index !== undefined) node = (node as unknown[])[Number(index)];
    }
  }
  return node as JsonObject;
}
