// A trace page's render read the whole trace, built its compact JSON and parsed it again for the
// findings every time, though the same version of a trace gives the same JSON (docs/benchmarks.md
// §92: 6-14 ms of a 45-60 ms render). A repeat open is everyday (a reload, a shared link opened by a
// colleague, the list's prefetch before the click), so the server keeps them per version, under the
// trace's ETag: made from the summary row every render reads anyway, and moved by every stored
// change (traceEtag.ts), so a live trace's new version is read again, never served from an old one.
// A first open of a version does what it did before; the liveness depends on the clock, so it is
// assessed on every render.
import type { Db } from "../db/client";
import type { TraceListItem } from "../trace/traceList";
import { readInlineTrace } from "./readInlineTrace";
import { COMPACT_ETAG_VARIANT } from "./renderCompactTrace";
import { computeTraceEtag } from "./traceEtag";
import { assessTraceLiveness } from "./traceLiveness";
import type { InlineTrace } from "./types";

/**
 * Two of the biggest traces a page inlines (INLINE_TRACE_MAX_CHARS each), or ~100 of 1,000 spans
 * (~70 KB each): ~8 MB, as the inlined JSON is ASCII (one byte a character in V8).
 */
const INLINE_TRACE_MEMORY_CHARS = 8 * 1024 * 1024;

/** The inlined trace and its findings' JSON (null when the page leaves them to the browser). */
type RememberedInlineTrace = { inline: InlineTrace; findingsJson: string | null };

export type InlineTraceMemory = {
  /** The trace's inlined form for this render: kept from an earlier render of the same version, or read (and kept). */
  read(db: Db, summary: TraceListItem, explain: (compactJson: string) => string | null): Promise<RememberedInlineTrace | null>;
};

type Kept = { etag: string; compactJson: string; findingsJson: string | null; chars: number };

export function createInlineTraceMemory(
  maxChars = INLINE_TRACE_MEMORY_CHARS,
  read: (db: Db, summary: TraceListItem) => Promise<InlineTrace | null> = readInlineTrace,
  nowUs: () => number = () => Date.now() * 1000,
): InlineTraceMemory {
  // By last use: a Map iterates in insertion order, and a use re-inserts.
  const kept = new Map<string, Kept>();
  let keptChars = 0;
  const forget = (traceId: string) => {
    const entry = kept.get(traceId);
    if (!entry) return;
    kept.delete(traceId);
    keptChars -= entry.chars;
  };
  return {
    async read(db, summary, explain) {
      const etag = computeTraceEtag(summary, COMPACT_ETAG_VARIANT);
      const entry = kept.get(summary.traceId);
      forget(summary.traceId);
      if (entry?.etag === etag) {
        keep(summary.traceId, entry);
        return {
          inline: { compactJson: entry.compactJson, etag, liveness: assessTraceLiveness(summary, nowUs()) },
          findingsJson: entry.findingsJson,
        };
      }
      const inline = await read(db, summary);
      if (!inline) return null;
      const findingsJson = explain(inline.compactJson);
      // The tag of the summary this render read: the data read after it is that version or a later one.
      keep(summary.traceId, {
        etag,
        compactJson: inline.compactJson,
        findingsJson,
        chars: inline.compactJson.length + (findingsJson?.length ?? 0),
      });
      return { inline: { ...inline, etag, liveness: assessTraceLiveness(summary, nowUs()) }, findingsJson };
    },
  };

  function keep(traceId: string, entry: Kept): void {
    if (entry.chars > maxChars) return;
    // A concurrent render of the same trace may have kept it meanwhile.
    forget(traceId);
    kept.set(traceId, entry);
    keptChars += entry.chars;
    for (const [id, old] of kept) {
      if (keptChars <= maxChars) break;
      kept.delete(id);
      keptChars -= old.chars;
    }
  }
}
