// TraceListQuery -> the list's URL parameters, defaults left out: the inverse of
// parseTraceListQuery (traceListQuery.ts). A module of its own, without the parser's zod schema,
// because pages that only link to a filtered list (the trace page's "against typical" panel)
// would otherwise carry zod into their browser bundle.
import { formatTimestampUs } from "../notification/timestamp";
import type { TraceListQuery } from "../trace/traceList";

export const DEFAULT_TRACE_LIST_LIMIT = 50;

/** The parameters that make `query`, defaults left out: for links and the UI's URL. */
export function formatTraceListQuery(query: Partial<TraceListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") params.set(key, value);
  };
  put("q", query.q);
  put("traceId", query.traceId);
  put("service", query.service);
  put("project", query.project);
  put("host", query.host);
  put("from", query.from === undefined ? undefined : formatTimeParam(query.from));
  put("to", query.to === undefined ? undefined : formatTimeParam(query.to));
  put("minMs", query.minMs === undefined ? undefined : String(query.minMs));
  put("maxMs", query.maxMs === undefined ? undefined : String(query.maxMs));
  if (query.error) params.set("error", "1");
  put("signature", query.signature);
  if (query.sort !== undefined && query.sort !== "newest") params.set("sort", query.sort);
  if (query.limit !== undefined && query.limit !== DEFAULT_TRACE_LIST_LIMIT) params.set("limit", String(query.limit));
  put("cursor", query.cursor);
  return params;
}

/** ISO 8601 in UTC, as short as exact: 2024-05-01T10:00:00Z, ...:00.123Z or ...:00.123456Z. */
export function formatTimeParam(us: number): string {
  const full = formatTimestampUs(us); // 2024-05-01T10:00:00.123456
  const cut = us % 1_000_000 === 0 ? 19 : us % 1000 === 0 ? 23 : 26;
  return `${full.slice(0, cut)}Z`;
}
