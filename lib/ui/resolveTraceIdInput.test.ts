import { describe, expect, it } from "vitest";
import { PREFIX_MATCHES_COUNTED, resolveTraceIdInput, type FindTraceIdsByPrefix } from "./resolveTraceIdInput";

const STORED = ["2d6cd4d0-75a8-4fd1-9b5e-0c3f6f2a9a11", "2d6cd4d1-0000-4fd1-9b5e-0c3f6f2a9a11", "7f3e0a12-9c44-4b1e-8d2a-55e6f1a0b3c7"];

/** The stored ids as the list's query finds them: by prefix, at most `limit`; it also records what it was asked. */
function storedIds(ids: readonly string[]) {
  const asked: { prefix: string; limit: number }[] = [];
  const find: FindTraceIdsByPrefix = async (prefix, limit) => {
    asked.push({ prefix, limit });
    return ids.filter((id) => id.startsWith(prefix)).slice(0, limit);
  };
  return { find, asked };
}

describe("resolveTraceIdInput", () => {
  it("takes a prefix that names exactly one stored trace, as the list's box does", async () => {
    const { find, asked } = storedIds(STORED);
    expect(await resolveTraceIdInput(" 7F3E0A12 ", find)).toEqual({ traceId: STORED[2] });
    // Asked for one more than it counts, so "more than" is known without reading every match.
    expect(asked).toEqual([{ prefix: "7f3e0a12", limit: PREFIX_MATCHES_COUNTED + 1 }]);
  });

  it("says how many traces a prefix matches, and that more characters are needed", async () => {
    const { find } = storedIds(STORED);
    expect(await resolveTraceIdInput("2d6cd4d", find)).toEqual({
      problem: "2 stored traces' base_ids start with “2d6cd4d”: paste more of its characters to name one.",
    });
    const many = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(7, "0")}-0000-4000-8000-000000000000`);
    expect(await resolveTraceIdInput("a", storedIds(many).find)).toEqual({
      problem: `More than ${PREFIX_MATCHES_COUNTED} stored traces' base_ids start with “a”: paste more of its characters to name one.`,
    });
    const exactlyCounted = many.slice(0, PREFIX_MATCHES_COUNTED);
    expect(await resolveTraceIdInput("a", storedIds(exactlyCounted).find)).toEqual({
      problem: `${PREFIX_MATCHES_COUNTED} stored traces' base_ids start with “a”: paste more of its characters to name one.`,
    });
  });

  it("says when no stored trace starts with the prefix", async () => {
    expect(await resolveTraceIdInput("ffff", storedIds(STORED).find)).toEqual({ problem: "No stored trace's base_id starts with “ffff”." });
  });

  it("opens a whole base_id (or a link, or the client's printout) without asking, and refuses what is not one", async () => {
    const { find, asked } = storedIds(STORED);
    const unknown = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";
    // Whole ids are not looked up: the compare page says 404 for an unknown one.
    expect(await resolveTraceIdInput(`Trace ID: ${unknown}`, find)).toEqual({ traceId: unknown });
    expect(await resolveTraceIdInput(`http://ostrace/traces/${STORED[0]}`, find)).toEqual({ traceId: STORED[0] });
    const refused = { problem: "Paste a base_id (a UUID), its first hex digits, or a link to the trace." };
    for (const text of ["not an id", "", "   ", "2d6c d4", `${"a".repeat(37)}`, "-2d6c"])
      expect(await resolveTraceIdInput(text, find)).toEqual(refused);
    expect(asked).toEqual([]);
  });

  it("never answers the trace being viewed: a prefix it shares names the other trace, and its own id is refused", async () => {
    const [viewed, sibling] = STORED as [string, string, string];
    const { find, asked } = storedIds(STORED);
    // "2d6cd4d" matches the viewed trace and one other: that other is the one meant.
    expect(await resolveTraceIdInput("2d6cd4d", find, viewed)).toEqual({ traceId: sibling });
    // One more row asked for, so the viewed trace taking one still leaves "more than" known.
    expect(asked).toEqual([{ prefix: "2d6cd4d", limit: PREFIX_MATCHES_COUNTED + 2 }]);
    expect(await resolveTraceIdInput("2d6cd4d0", find, viewed)).toEqual({ problem: "Only this trace's base_id starts with “2d6cd4d0”." });
    expect(await resolveTraceIdInput("2d6cd4d0", find, viewed.toUpperCase())).toEqual({
      problem: "Only this trace's base_id starts with “2d6cd4d0”.",
    });
    const itself = { problem: "That is this trace's base_id: paste another trace's to compare with." };
    expect(await resolveTraceIdInput(`http://ostrace/traces/${viewed}`, find, viewed)).toEqual(itself);
    expect(await resolveTraceIdInput(viewed.toUpperCase(), find, viewed)).toEqual(itself);
  });

  it("counts past the viewed trace: 20 others and it are 20, 21 others are more than 20", async () => {
    const many = Array.from({ length: 30 }, (_, i) => `a${String(i).padStart(7, "0")}-0000-4000-8000-000000000000`);
    const viewed = many[0]!;
    const withViewed = many.slice(0, PREFIX_MATCHES_COUNTED + 1);
    expect(await resolveTraceIdInput("a", storedIds(withViewed).find, viewed)).toEqual({
      problem: `${PREFIX_MATCHES_COUNTED} stored traces' base_ids start with “a”: paste more of its characters to name one.`,
    });
    expect(await resolveTraceIdInput("a", storedIds(many.slice(0, PREFIX_MATCHES_COUNTED + 2)).find, viewed)).toEqual({
      problem: `More than ${PREFIX_MATCHES_COUNTED} stored traces' base_ids start with “a”: paste more of its characters to name one.`,
    });
  });
});
