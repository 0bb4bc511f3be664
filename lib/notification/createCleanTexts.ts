// The texts a redactor found clean, remembered so that the same text is not scanned again: the
// collector meets the same few hundred SQL statements in every batch (~85% of the texts its scan
// reads, bench traffic). A Set would hash every character of each freshly parsed string to look
// it up, which cost as much as the scan (docs/benchmarks.md §39), so texts are found by their
// length and compared whole, with few texts per length: a compare reads only until the first
// character that differs. Only clean texts are kept, so the memory never holds a secret; a text
// is found only when equal, so the answer is the one the scan would give.
//
// Bounded: texts longer than MAX_TEXT_CHARS are not kept (long statements rarely repeat), at most
// PER_LENGTH texts of one length (a new one replaces the one found least lately), and past
// MAX_TOTAL_CHARS the whole memory starts over.

export const CLEAN_TEXTS_LIMITS = { maxTextChars: 8192, perLength: 4, maxTotalChars: 2_000_000 };

export type CleanTexts = {
  has(text: string): boolean;
  /**
   * The kept text equal to `text`, or undefined. The collector stores the kept one in its place:
   * equal texts then share one string, whose hash V8 computes once and keeps, where every freshly
   * parsed copy was hashed again by each Map that looks it up (the statements, §81).
   */
  find(text: string): string | undefined;
  /** Call only for a text `has` did not find. */
  add(text: string): void;
  /** Characters of the texts kept (for tests: the bound). */
  readonly chars: number;
};

export function createCleanTexts(limits = CLEAN_TEXTS_LIMITS): CleanTexts {
  let byLength = new Map<number, string[]>();
  let chars = 0;
  const find = (text: string): string | undefined => {
    const list = byLength.get(text.length);
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const kept = list[i]!;
      if (kept !== text) continue;
      // One step toward the front: a text found often stays clear of the replaced last place.
      if (i > 0) {
        list[i] = list[i - 1]!;
        list[i - 1] = kept;
      }
      return kept;
    }
    return undefined;
  };
  return {
    has: (text) => find(text) !== undefined,
    find,
    add(text) {
      if (text.length === 0 || text.length > limits.maxTextChars) return;
      let list = byLength.get(text.length);
      if (list !== undefined && list.length >= limits.perLength) {
        list[list.length - 1] = text;
        return;
      }
      if (chars + text.length > limits.maxTotalChars) {
        byLength = new Map();
        chars = 0;
        list = undefined;
      }
      if (list === undefined) byLength.set(text.length, (list = []));
      list.push(text);
      chars += text.length;
    },
    get chars() {
      return chars;
    },
  };
}
