// What GET /api/traces/{id}/search answers: which of the trace's texts clipped for display
// (lib/trace/clipTraceTexts.ts) match the page's search in their whole form, by the hash their
// clip mark carries. Only the trace's texts longer than the clip length are read and searched
// (lib/db/readLongTraceTexts.ts), so an everyday trace costs two indexed queries and nothing else.
// The page asks again each time typing pauses and aborts the request it no longer needs; on a
// trace of thousands of 64K texts one search reads and matches for 1-2 s, so the work stops
// between two reads once the request's signal aborts (answered 499, which nobody receives).
import type { Db } from "../db/client";
import { readLongTraceTexts } from "../db/readLongTraceTexts";
import { readTraceListItem } from "../db/readTraceListItem";
import { matchWholeTexts } from "../trace/matchWholeTexts";
import { loadRegexEngine } from "../trace/regexEngine";
import type { TraceTextSearchQuery } from "./traceTextSearchQuery";
import type { TraceTextSearchResponse } from "./types";

export type ClippedTextsAnswer = { status: 200; body: TraceTextSearchResponse } | { status: 400 | 404 | 499; error: string };

export async function searchClippedTexts(
  db: Db,
  traceId: string,
  query: TraceTextSearchQuery,
  signal?: AbortSignal,
): Promise<ClippedTextsAnswer> {
  // The page's own engine (re2js, linear time), so both sides accept and match the same patterns.
  if (query.search.regex) await loadRegexEngine();
  // Refused before any read: an invalid pattern costs nothing.
  const refused = matchWholeTexts([], query.clippedAbove, query.search);
  if (!Array.isArray(refused)) return { status: 400, error: `q: ${refused.error}` };
  const hashes = new Set<string>();
  let texts = 0;
  for await (const batch of readLongTraceTexts(db, traceId, query.clippedAbove, signal)) {
    texts += batch.length;
    for (const hash of matchWholeTexts(batch, query.clippedAbove, query.search) as string[]) hashes.add(hash);
  }
  if (signal?.aborted) return { status: 499, error: "the request was aborted" };
  if (texts === 0 && (await readTraceListItem(db, traceId)) === null) return { status: 404, error: `no trace ${traceId} is stored` };
  return { status: 200, body: { clippedMatches: [...hashes] } };
}
