// Trace.clippedTexts on the wire: sparse entries by string index (the map is by text, which
// the string table already carries).
import type { CompactClippedText } from "./compactTrace";
import type { ClippedText } from "./types";

/** The entries for strings[from .. to - 1]; undefined when there are none (the field is left out). */
export function encodeClippedTexts(
  strings: readonly string[],
  clippedTexts: ReadonlyMap<string, ClippedText> | undefined,
  from = 0,
  to = strings.length,
): CompactClippedText[] | undefined {
  if (!clippedTexts?.size) return undefined;
  const out: CompactClippedText[] = [];
  for (let s = from; s < to; s++) {
    const c = clippedTexts.get(strings[s]!);
    if (c) out.push([s, c.length, c.shape, c.sqlLabel, c.label]);
  }
  return out.length > 0 ? out : undefined;
}

/** Adds the entries to `into` (by text); throws an Error saying what is wrong on an index outside the table. */
export function decodeClippedTexts(
  entries: readonly CompactClippedText[] | undefined,
  strings: readonly string[],
  into: Map<string, ClippedText>,
): void {
  for (const [s, length, shape, sqlLabel, label] of entries ?? []) {
    const text = strings[s];
    if (text === undefined) throw new Error(`compact trace: clipped text ${s} is not in the string table`);
    into.set(text, { length, shape, sqlLabel, label });
  }
}
