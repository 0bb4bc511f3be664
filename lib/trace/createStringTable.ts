import { createTextMap } from "../span/createTextMap";

/** Interns texts: each distinct text is stored once and referred to by its index. */
export type StringTable = {
  strings: string[];
  intern(text: string): number;
  /** -1 for null. */
  internOrNone(text: string | null): number;
};

export function createStringTable(): StringTable {
  const strings: string[] = [];
  // A TextMap: a trace may hold thousands of distinct 64K statements (createTextMap.ts).
  const index = createTextMap<number>();
  const intern = (text: string): number => {
    let i = index.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      index.set(text, i);
    }
    return i;
  };
  return { strings, intern, internOrNone: (text) => (text === null ? -1 : intern(text)) };
}
