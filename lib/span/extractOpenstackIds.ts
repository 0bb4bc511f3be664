// The OpenStack identifiers a span mentions, so a trace can be found by the instance, port,
// volume or project it touched, or by a request id from a service's log: request ids
// (req-<uuid>) and UUIDs, with or without dashes (keystone writes project ids as 32 hex
// digits), from the request line or statement and the payload text. One canonical form each:
// lower case, dashed ("req-" kept), so a pasted id finds its trace whichever way it was written.
const ID = /(?<![0-9a-z-])(req-)?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?![0-9a-z-])/gi;

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
    for (const m of text.slice(0, MAX_SCAN).matchAll(ID)) {
      found.add(`${m[1] ? "req-" : ""}${m[2]}-${m[3]}-${m[4]}-${m[5]}-${m[6]}`.toLowerCase());
      if (found.size >= MAX_IDS_PER_SPAN) return [...found];
    }
  }
  return [...found];
}
