// The OpenStack identifiers a span mentions, so a trace can be found by the instance, port,
// volume or project it touched, or by a request id from a service's log: request ids
// (req-<uuid>) and UUIDs, with or without dashes (keystone writes project ids as 32 hex
// digits), from the request line or statement and the payload text. One canonical form each:
// lower case, dashed ("req-" kept), so a pasted id finds its trace whichever way it was written.
//
// The rule, as a regular expression (the tests hold the scanner below to it):
//   /(?<![0-9a-z-])(req-)?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?![0-9a-z-])/gi
// Everything an id is made of is a letter, a digit or "-", and nothing of those may touch it on
// either side, so an id is always a whole run of such characters: the scanner only looks at the
// runs 32-40 characters long. It runs over every stored span's texts, where the regex was the
// planner's largest single cost (its lookbehind is tried at every character), and reading every
// character once was still ~4% of the collector's CPU: it reads about one in 32 (below).

/** Ids one span may contribute; a payload full of ids cannot flood the lookup table. */
export const MAX_IDS_PER_SPAN = 20;
/** Texts longer than this are scanned only this far (a huge payload costs little). */
const MAX_SCAN = 64 * 1024;

/** The canonical form of `text` when it is one identifier, else null (for the list's search box). */
export function canonicalOpenstackId(text: string): string | null {
  const trimmed = text.trim();
  const [id] = extractOpenstackIds([trimmed]);
  // The whole text is the id: as long as its canonical form, dashes aside.
  return id !== undefined && id.replace(/-/g, "") === trimmed.replace(/-/g, "").toLowerCase() ? id : null;
}

export function extractOpenstackIds(texts: readonly (string | null)[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (text === null) continue;
    const end = Math.min(text.length, MAX_SCAN);
    // `from` always follows a character outside any run (or starts the text). A run long enough
    // to be an id covers the character SHORTEST - 1 further on, so only that one is read: when it
    // is outside a run, no run starting before it is long enough and the scan jumps past it
    // (most of a payload's words are short); otherwise its run is found whole, back and forth.
    let from = 0;
    while (from + SHORTEST <= end) {
      const probe = from + SHORTEST - 1;
      if (!isRunChar(text.charCodeAt(probe))) {
        from = probe + 1;
        continue;
      }
      let start = probe;
      while (start > from && isRunChar(text.charCodeAt(start - 1))) start--;
      let stop = probe + 1;
      while (stop < end && isRunChar(text.charCodeAt(stop))) stop++;
      from = stop + 1;
      if (stop - start < SHORTEST || stop - start > LONGEST) continue;
      const id = readId(text, start, stop);
      if (id === null) continue;
      found.add(id);
      if (found.size >= MAX_IDS_PER_SPAN) return [...found];
    }
  }
  return [...found];
}

/** 32 hex digits; at most "req-" and four dashes on top. */
const SHORTEST = 32;
const LONGEST = 40;
const GROUPS = [8, 4, 4, 4, 12];

/** [0-9A-Za-z-] */
function isRunChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2d;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** The canonical id when text[start, end) is one, else null. */
function readId(text: string, start: number, end: number): string | null {
  // Most ids arrive canonical already (lower case, dashed): the run itself, one slice instead
  // of the groups' five slices, four joins and a lower-casing (docs/benchmarks.md §72).
  if (isCanonical(text, start, end)) return text.slice(start, end);
  let i = start;
  let id = "";
  if (
    (text.charCodeAt(i) | 0x20) === 0x72 && // r
    (text.charCodeAt(i + 1) | 0x20) === 0x65 && // e
    (text.charCodeAt(i + 2) | 0x20) === 0x71 && // q
    text.charCodeAt(i + 3) === 0x2d
  ) {
    id = "req-";
    i += 4;
  }
  for (let g = 0; g < GROUPS.length; g++) {
    if (g > 0) {
      if (text.charCodeAt(i) === 0x2d) i++;
      id += "-";
    }
    const groupEnd = i + GROUPS[g]!;
    if (groupEnd > end) return null;
    for (let k = i; k < groupEnd; k++) if (!isHex(text.charCodeAt(k))) return null;
    id += text.slice(i, groupEnd);
    i = groupEnd;
  }
  return i === end ? id.toLowerCase() : null;
}

/** text[start, end) is "req-"? and a UUID in lower case with its four dashes. */
function isCanonical(text: string, start: number, end: number): boolean {
  let i = start;
  if (end - start === 40) {
    if (
      text.charCodeAt(i) !== 0x72 ||
      text.charCodeAt(i + 1) !== 0x65 ||
      text.charCodeAt(i + 2) !== 0x71 ||
      text.charCodeAt(i + 3) !== 0x2d
    )
      return false;
    i += 4;
  } else if (end - start !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const c = text.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
