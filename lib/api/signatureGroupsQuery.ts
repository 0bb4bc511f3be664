// GET /api/traces/signatures query parameters: the time window, as the list's from/to.
import type { SignatureGroupsQuery } from "../trace/signatureGroups";
import { isTraceListQueryError, parseTraceListQuery } from "./traceListQuery";

/** The list's own rules for from/to (formats, from <= to); other list parameters are ignored. */
export function parseSignatureGroupsQuery(params: URLSearchParams): SignatureGroupsQuery | { error: string } {
  const window = new URLSearchParams();
  for (const key of ["from", "to"]) {
    const value = params.get(key);
    if (value !== null) window.set(key, value);
  }
  const query = parseTraceListQuery(window);
  if (isTraceListQueryError(query)) return query;
  const out: SignatureGroupsQuery = {};
  if (query.from !== undefined) out.from = query.from;
  if (query.to !== undefined) out.to = query.to;
  return out;
}
