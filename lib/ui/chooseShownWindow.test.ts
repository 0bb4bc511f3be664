import { beforeAll, describe, expect, it } from "vitest";
import { CLIP_MARK } from "../trace/clipMark";
import { loadRegexEngine } from "../trace/regexEngine";
import { chooseRowShownFrom, chooseShownFrom, ROW_CHAR_PX, showTextFrom } from "./chooseShownWindow";
import { ROW_TEXT_MAX } from "./clipText";
import { findStrongDirection } from "./findStrongDirection";

beforeAll(async () => {
  await loadRegexEngine();
});

const SQL =
  "SELECT instances.id, instances.uuid, instances.host, instances.node, instances.vm_state FROM instances JOIN instance_extra ON instance_extra.instance_uuid = instances.uuid";

/** What a reader sees of the shown text in a cell of `chars` characters (CSS truncate: the last one is "…"). */
const seen = (shown: string, chars: number) => (shown.length <= chars ? shown : `${shown.slice(0, chars - 1)}…`);
const hitOf = (text: string, word: string): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length];

describe("chooseShownFrom", () => {
  it("leaves the text as it is when the hit is in view, or there is none", () => {
    expect(chooseShownFrom(SQL, hitOf(SQL, "instances.uuid"), 60)).toBe(0);
    expect(chooseShownFrom(SQL, undefined, 10)).toBe(0);
    // Ending on the last visible character, which the cell's "…" covers: not in view.
    const hit = hitOf(SQL, "instances.uuid");
    expect(chooseShownFrom(SQL, hit, hit[1] + 1)).toBe(0);
    expect(chooseShownFrom(SQL, hit, hit[1])).toBeGreaterThan(0);
  });

  it("starts a hidden hit's text at the word before it, so the hit and some context are seen", () => {
    const hit = hitOf(SQL, "instance_extra");
    const from = chooseShownFrom(SQL, hit, 40);
    const shown = showTextFrom(SQL, from);
    expect(shown.startsWith("…")).toBe(true);
    expect(seen(shown, 40)).toBe("…JOIN instance_extra ON instance_extra.…");
    expect(SQL.slice(from, hit[0])).toBe("JOIN ");
  });

  it("keeps a hit longer than the cell at the cell's start", () => {
    const hit = hitOf(SQL, "instance_extra.instance_uuid = instances.uuid");
    const from = chooseShownFrom(SQL, hit, 20);
    expect(from).toBe(hit[0]);
    expect(seen(showTextFrom(SQL, from), 20)).toBe("…instance_extra.ins…");
  });

  it("never starts within a surrogate pair, and keeps the hit in view", () => {
    // 12 characters of context before the hit would start on the emoji's second half: the
    // window starts after the emoji (from its first half, the hit's last "e" is under the "…").
    const text = `${"x".repeat(40)}😀${"y".repeat(11)}needle${"z".repeat(20)}`;
    const from = chooseShownFrom(text, hitOf(text, "needle"), 20);
    expect(from).toBe(42);
    expect(seen(showTextFrom(text, from), 20)).toBe(`…${"y".repeat(11)}needlez…`);
  });

  it('never starts on a combining mark, which would sit on the "…"', () => {
    // 12 characters of context before the hit would start on the acute accent of "e\u0301" (é written apart).
    const text = `${"x".repeat(40)}e\u0301${"y".repeat(11)}needle${"z".repeat(20)}`;
    const hit = hitOf(text, "needle");
    const from = chooseShownFrom(text, hit, 20);
    expect(from).toBe(42);
    expect(seen(showTextFrom(text, from), 20)).toBe(`…${"y".repeat(11)}needlez…`);
    // An astral mark (U+1D165, a surrogate pair) is passed whole.
    const astral = `${"x".repeat(40)}a\u{1d165}${"y".repeat(10)}needle`;
    expect(chooseShownFrom(astral, hitOf(astral, "needle"), 20)).toBe(43);
  });

  it('leaves a text that fits the cell as it is: no "…" hides its last character', () => {
    expect(chooseShownFrom("abcdefghij", [7, 10], 10)).toBe(0);
    expect(chooseShownFrom("abcdefghijk", [8, 11], 10)).toBeGreaterThan(0);
  });
});

describe("chooseShownFrom in right-to-left text", () => {
  // The cell is dir="auto": laid out in its first strong character's direction, from its start
  // (the right, for Hebrew) and clipped at its end; a run of the other direction inside it is
  // drawn from its own far end.
  const HEBREW = "שלום עולם זה טקסט ארוך מאוד בעברית שממשיך הלאה עוד ועוד מילים רבות מאוד";
  const quoted = `SELECT id FROM notes WHERE body = '${HEBREW}'`;

  it("moves a hit in a long Hebrew string of a left-to-right statement to a window of its own direction", () => {
    // "עולם" ends logically within the 60 characters, but its run (the whole string) reaches past them.
    const hit = hitOf(quoted, "עולם");
    expect(hit[1]).toBeLessThan(60);
    const from = chooseShownFrom(quoted, hit, 60);
    const shown = showTextFrom(quoted, from);
    expect(findStrongDirection(shown)).toBe("rtl");
    // Its context is Hebrew only (the word before it), and the hit is within what the cell shows from its start.
    expect(seen(shown, 60)).toMatch(/^…'שלום עולם/);
    // A short Hebrew string, all of it in view, moves nothing.
    const short = `SELECT id FROM notes WHERE body = 'שלום' AND owner_id = 42 ORDER BY created_at DESC`;
    expect(chooseShownFrom(short, hitOf(short, "שלום"), 60)).toBe(0);
  });

  it("moves a hidden hit in a Hebrew text as in any other, and a left-to-right hit in it to a left-to-right window", () => {
    const text = `${HEBREW} needle ${HEBREW}`;
    const he = hitOf(text, "רבות");
    const shownHe = showTextFrom(text, chooseShownFrom(text, he, 30));
    expect(findStrongDirection(shownHe)).toBe("rtl");
    expect(seen(shownHe, 30)).toContain("רבות");
    // "needle" in Hebrew: the Hebrew words before it would make the window right-to-left and put it at its far end.
    const shown = showTextFrom(text, chooseShownFrom(text, hitOf(text, "needle"), 30));
    expect(findStrongDirection(shown)).toBe("ltr");
    expect(seen(shown, 30)).toMatch(/^…\s?needle/);
  });
});

describe("chooseRowShownFrom", () => {
  const search = { text: "instance_extra" };
  const cell = (textPx: number, namePrefixed = false) => ({ name: "db", detail: SQL, namePrefixed, textPx });

  it("moves a detail's hidden hit into view, and none in a cell wide enough", () => {
    const chars = 40;
    const from = chooseRowShownFrom(cell(chars * ROW_CHAR_PX), search);
    expect(seen(showTextFrom(SQL, from), chars)).toContain("instance_extra");
    expect(chooseRowShownFrom(cell(SQL.length * ROW_CHAR_PX), search)).toBe(0);
    expect(chooseRowShownFrom(cell(40 * ROW_CHAR_PX), null)).toBe(0);
    expect(chooseRowShownFrom(cell(40 * ROW_CHAR_PX), { text: "" })).toBe(0);
    expect(chooseRowShownFrom(cell(40 * ROW_CHAR_PX), { text: "not in it" })).toBe(0);
  });

  it("counts the name shown before the detail, and leaves the detail when that name shows a hit", () => {
    // 100 characters: the hit (ending at 121) is hidden either way; with "db " before it, 3 fewer are left.
    const alone = chooseRowShownFrom(cell(100 * ROW_CHAR_PX), search);
    expect(alone).toBeGreaterThan(0);
    const hit = hitOf(SQL, "instance_extra");
    // A hit that ends just in view alone is pushed out by the prefixed name.
    const justInView = (hit[1] + 1) * ROW_CHAR_PX;
    expect(chooseRowShownFrom(cell(justInView), search)).toBe(0);
    expect(chooseRowShownFrom(cell(justInView, true), search)).toBeGreaterThan(0);
    expect(chooseRowShownFrom({ name: "instance_extra_get", detail: SQL, namePrefixed: true, textPx: 40 * ROW_CHAR_PX }, search)).toBe(0);
  });

  it("shows a hit past what a row's text is clipped to", () => {
    const long = `${"a, ".repeat(ROW_TEXT_MAX)}needle`;
    const from = chooseRowShownFrom({ name: "db", detail: long, namePrefixed: false, textPx: 60 * ROW_CHAR_PX }, { text: "needle" });
    expect(seen(showTextFrom(long, from), 60)).toMatch(/^….*needle$/);
  });

  it("finds no hit in the mark that ends a text clipped for display, as the search finds none there", () => {
    const kept = `SELECT ${"instances.uuid, ".repeat(250)}`.slice(0, 4000);
    const clipped = `${kept}${CLIP_MARK}9000 characters, #0123456789abcdef]`;
    const cellOf = (detail: string) => ({ name: "db", detail, namePrefixed: false, textPx: 60 * ROW_CHAR_PX });
    // The row matches on its whole text (the server's answer); the kept start holds no hit to move to.
    expect(chooseRowShownFrom(cellOf(clipped), { text: "display" })).toBe(0);
    expect(chooseRowShownFrom(cellOf(clipped), { text: "0123456789abcdef" })).toBe(0);
    expect(chooseRowShownFrom(cellOf(clipped), { text: "9000 char" })).toBe(0);
    // A hit in the kept start is still moved to.
    const withHit = `${kept.slice(0, 3000)}needle${kept.slice(3006)}${CLIP_MARK}9000 characters, #0123456789abcdef]`;
    expect(chooseRowShownFrom(cellOf(withHit), { text: "needle" })).toBeGreaterThan(2900);
  });

  it("moves a regex's hidden hit too", () => {
    const from = chooseRowShownFrom(cell(30 * ROW_CHAR_PX), { text: "instance_e[a-z]+", regex: true });
    expect(seen(showTextFrom(SQL, from), 30)).toContain("instance_extra");
  });
});
