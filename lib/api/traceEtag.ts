// ETags for a stored trace's representations, made from its summary row alone so that a
// conditional GET is answered before any span is read. Every batch that changes a trace rewrites
// its summary, and every stored change moves at least one of these figures (a new span, a start
// or stop arriving, an error, the time extent) or the update time, so equal tags mean equal data.
import type { TraceListItem } from "../trace/traceList";

/** `representation` names the form and its version (e.g. "compact1"), so a format change renews every tag. */
export function computeTraceEtag(summary: TraceListItem, representation: string): string {
  const parts = [
    representation,
    summary.updatedUs,
    summary.spanCount,
    summary.unfinishedCount,
    summary.noStartCount,
    summary.errorCount,
    summary.startUs,
    summary.durationUs,
    summary.droppedSpans,
  ];
  return `"${parts.map((p) => (typeof p === "number" ? p.toString(36) : p)).join("-")}"`;
}

/** RFC 9110 If-None-Match: "*" or a list of tags; compared weakly (W/ ignored), as GET allows. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const value = header.trim();
  if (value === "*") return true;
  const wanted = stripWeak(etag);
  return value.split(",").some((tag) => stripWeak(tag.trim()) === wanted);
}

function stripWeak(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}
