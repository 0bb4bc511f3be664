// The direction a browser lays text out in under dir="auto" is that of its first strong
// character (Unicode's bidi rules P2-P3): a letter of a right-to-left script (Hebrew, Arabic,
// ...) or any other letter. Digits, punctuation and spaces are neutral or weak and take their
// surroundings' direction. Letters stand for every strong character here: the symbols Unicode
// also counts as strong are rare in span names and SQL.

export type TextDirection = "ltr" | "rtl";

const RTL_LETTER =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const LETTER = /\p{L}/gu;

/**
 * Goes through the strong characters of text[from, to), first to last, with where each starts
 * (`at`) and ends (`after`); returns the first one `stop` accepts, else null.
 */
export function findStrongCharacter(
  text: string,
  from: number,
  to: number,
  stop: (direction: TextDirection, at: number, after: number) => boolean,
): { direction: TextDirection; at: number } | null {
  LETTER.lastIndex = from;
  for (let m = LETTER.exec(text); m !== null && m.index < to; m = LETTER.exec(text)) {
    const direction = RTL_LETTER.test(m[0]) ? "rtl" : "ltr";
    if (stop(direction, m.index, m.index + m[0].length)) return { direction, at: m.index };
  }
  return null;
}

/** The direction of text[from, to)'s first strong character: how dir="auto" lays it out; null without one. */
export function findStrongDirection(text: string, from = 0, to = text.length): TextDirection | null {
  return findStrongCharacter(text, from, to, () => true)?.direction ?? null;
}
