import { beforeAll, describe, expect, it } from "vitest";
import { clipWithMark, TRACE_TEXT_LIMITS } from "./clipTraceTexts";
import { readClippedHash } from "./clipMark";
import { hashAggregateKey } from "./hashAggregateKey";
import { matchWholeTexts } from "./matchWholeTexts";
import { loadRegexEngine } from "./regexEngine";

const CLIP = TRACE_TEXT_LIMITS.displayChars;
const UUID = "4f6a5d1e-2b7c-4e0a-9d3f-a1b2c3d4e5f6";

/** A statement of ~23,600 characters with the instance's UUID at character 10,000, as nova writes one. */
const faults =
  `SELECT instance_faults.created_at FROM instance_faults WHERE instance_faults.instance_uuid IN (`.padEnd(9_999, "'x', ") +
  `'${UUID}', ` +
  "'y', ".repeat(2700) +
  "'z')";
const other = "SELECT instances.id FROM instances WHERE instances.deleted = 0 AND instances.host = 'compute-7' ".padEnd(
  9000,
  "-- padding ",
);
const short = `SELECT 1 /* ${UUID} */`;
const texts = [faults, other, short];

beforeAll(async () => {
  await loadRegexEngine();
});

describe("matchWholeTexts", () => {
  it("finds a term past the first 4,000 characters, naming the text by the hash its clip mark carries", () => {
    expect(faults.indexOf(UUID)).toBe(10_000);
    expect(clipWithMark(faults, CLIP)).not.toContain(UUID);
    expect(matchWholeTexts(texts, CLIP, { text: UUID })).toEqual([readClippedHash(clipWithMark(faults, CLIP))]);
  });

  it("reads only the texts longer than the clip length (a shorter one is searched by the page itself)", () => {
    expect(matchWholeTexts(texts, CLIP, { text: "SELECT" })).toEqual([hashAggregateKey(faults), hashAggregateKey(other)]);
    expect(matchWholeTexts(texts, 9000, { text: "SELECT" })).toEqual([hashAggregateKey(faults)]);
  });

  it("ignores case unless asked", () => {
    expect(matchWholeTexts(texts, CLIP, { text: "COMPUTE-7" })).toEqual([hashAggregateKey(other)]);
    expect(matchWholeTexts(texts, CLIP, { text: "COMPUTE-7", caseSensitive: true })).toEqual([]);
    expect(matchWholeTexts(texts, CLIP, { text: "compute-7", caseSensitive: true })).toEqual([hashAggregateKey(other)]);
  });

  it("runs a regex over the whole text, in both case modes", () => {
    expect(matchWholeTexts(texts, CLIP, { text: "'4F6A5D1E-[0-9a-f-]{27}'", regex: true })).toEqual([hashAggregateKey(faults)]);
    expect(matchWholeTexts(texts, CLIP, { text: "'4F6A5D1E-[0-9a-f-]{27}'", regex: true, caseSensitive: true })).toEqual([]);
    expect(matchWholeTexts(texts, CLIP, { text: "'z'\\)$", regex: true, caseSensitive: true })).toEqual([hashAggregateKey(faults)]);
  });

  it("refuses an invalid or unsupported regex, as the page does", () => {
    expect(matchWholeTexts(texts, CLIP, { text: "(unclosed", regex: true })).toMatchObject({
      error: expect.stringMatching(/^invalid regular expression/),
    });
    expect(matchWholeTexts(texts, CLIP, { text: "(?=x)", regex: true })).toMatchObject({ error: expect.stringMatching(/lookahead/) });
  });

  it("does not match a whole text on the words of a clip mark it lacks", () => {
    const mark = clipWithMark(faults, CLIP).slice(CLIP);
    expect(matchWholeTexts(texts, CLIP, { text: "clipped for display" })).toEqual([]);
    expect(matchWholeTexts(texts, CLIP, { text: mark })).toEqual([]);
    expect(matchWholeTexts(texts, CLIP, { text: "characters" })).toEqual([]);
  });

  it("answers nothing for an empty query", () => {
    expect(matchWholeTexts(texts, CLIP, { text: "" })).toEqual([]);
  });
});
