import { describe, expect, it } from "vitest";
import { nextAnnouncement, refusalKey, type Announcement } from "./announceRefusal";
import { compileSpanSearch, isSearchError } from "../trace/searchSpans";
import { loadRegexEngine } from "../trace/regexEngine";

/** The page's refusal of `text` as a regex, or null when it is accepted. */
async function refusal(text: string): Promise<string | null> {
  await loadRegexEngine();
  const matcher = compileSpanSearch({ text, regex: true });
  return isSearchError(matcher) ? matcher.error : null;
}

/** The live region's text after each search typed in turn, starting silent. */
async function announced(typed: string[]): Promise<string[]> {
  let at: Announcement = { key: null, text: "" };
  const out: string[] = [];
  for (const text of typed) {
    at = nextAnnouncement(at, await refusal(text));
    out.push(at.text);
  }
  return out;
}

describe("refusalKey", () => {
  it("is the same while typing keeps a refusal, whatever pattern or figure it quotes", async () => {
    const unterminated = [await refusal("(a"), await refusal("(ab"), await refusal("(a/b")];
    expect(unterminated[0]).toMatch(/^invalid regular expression: .*Unterminated group$/);
    expect(new Set(unterminated.map((e) => refusalKey(e!))).size).toBe(1);
    expect(refusalKey((await refusal("a**"))!)).not.toBe(refusalKey(unterminated[0]!));
    expect(refusalKey("regular expression not supported: too complex (412 steps, at most 300; use smaller repeat counts)")).toBe(
      refusalKey("regular expression not supported: too complex (520 steps, at most 300; use smaller repeat counts)"),
    );
    expect(refusalKey("missing closing ): `(a`")).toBe(refusalKey("missing closing ): `(ab`"));
  });
});

describe("nextAnnouncement", () => {
  it("says a refusal's full reason once as it starts, keeps that text while typing keeps the refusal, and says the next one", async () => {
    const unterminated = (await refusal("("))!;
    const lookahead = (await refusal("(ab)(?=x)"))!;
    expect(lookahead).toBe("regular expression not supported: lookahead and lookbehind cannot run in linear time");
    // "(a" and "(ab" are the same refusal as "(": the text stays the first one, so nothing new is read out.
    expect(await refusal("(ab")).not.toBe(unterminated);
    expect(await announced(["(", "(a", "(ab", "(ab)", "(ab)(?=x)", "(ab)(?=x)y", ""])).toEqual([
      unterminated,
      unterminated,
      unterminated,
      "",
      lookahead,
      lookahead,
      "",
    ]);
  });

  it("announces the same refusal again after the search was accepted in between", async () => {
    const texts = await announced(["(", "()", "("]);
    expect(texts).toEqual([(await refusal("("))!, "", (await refusal("("))!]);
  });
});
