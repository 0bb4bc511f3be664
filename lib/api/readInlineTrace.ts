// The trace page's first screen comes with its HTML for everyday traces: the server reads the
// compact trace and renders the first rows, and the browser hydrates from the same data, with no
// second request (issue 14: the fetch after the JavaScript ran cost ~0.4 s even for 22 spans).
// A bigger trace is fetched by the browser as before (the page's payload stays small, and a 100k-span
// trace never goes through a server-component payload).
import type { Db } from "../db/client";
import type { TraceListItem } from "../trace/traceList";
import { assessTraceLiveness } from "./traceLiveness";
import { computeTraceEtag } from "./traceEtag";
import { escapeJsonToAscii } from "./escapeJsonToAscii";
import { COMPACT_ETAG_VARIANT, renderCompactTrace } from "./renderCompactTrace";
import type { InlineTrace } from "./types";

/**
 * Most traces people open have 50-1,000 spans. At 5,000 the compact JSON is ~350-450 KB
 * (~140-180 KB gzipped; docs/benchmarks.md, area 3): what the separate request carried anyway.
 */
const INLINE_TRACE_MAX_SPANS = 5000;

/**
 * ~10x what 5,000 everyday spans weigh. Texts are clipped for display (4,000 characters each,
 * ~16M in all: lib/trace/clipTraceTexts.ts), yet 5,000 distinct statements of 4,000 characters
 * still make ~20 MB of JSON, which the page would copy several times over (the findings computed
 * from it, the server-component payload, the HTML). Such a trace is fetched instead.
 */
export const INLINE_TRACE_MAX_CHARS = 4 * 1024 * 1024;

export async function readInlineTrace(db: Db, summary: TraceListItem): Promise<InlineTrace | null> {
  if (summary.spanCount > INLINE_TRACE_MAX_SPANS) return null;
  const json = await renderCompactTrace(db, summary.traceId);
  if (json.length > INLINE_TRACE_MAX_CHARS) return null;
  // ASCII, so that a span name or statement past Latin-1 does not make the page's whole payload costlier to write.
  const compactJson = escapeJsonToAscii(json);
  if (compactJson.length > INLINE_TRACE_MAX_CHARS) return null;
  return {
    compactJson,
    etag: computeTraceEtag(summary, COMPACT_ETAG_VARIANT),
    liveness: assessTraceLiveness(summary, Date.now() * 1000),
  };
}
