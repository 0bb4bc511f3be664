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

export async function readInlineTrace(db: Db, summary: TraceListItem): Promise<InlineTrace | null> {
  if (summary.spanCount > INLINE_TRACE_MAX_SPANS) return null;
  return {
    // ASCII, so that a span name or statement past Latin-1 does not make the page's whole payload costlier to write.
    compactJson: escapeJsonToAscii(await renderCompactTrace(db, summary.traceId)),
    etag: computeTraceEtag(summary, COMPACT_ETAG_VARIANT),
    liveness: assessTraceLiveness(summary, Date.now() * 1000),
  };
}
