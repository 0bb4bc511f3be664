// Services, projects and hosts of a trace are stored as "|a|b|": sorted, so the text does not
// depend on arrival order, and delimited, so `LIKE '%|nova-api|%'` finds one exactly.

/**
 * Longest set text a trace keeps. A set is a column of the trace's summary row, rewritten by every
 * batch that touches the trace and read for every row of the list, which shows it. OpenStack's
 * sets are a few hundred characters (500 hosts of 30 characters still fit), but each span may name
 * a host of its own (up to 255 characters): unbounded, 2,000 such spans in one batch cost the
 * collector 14 s (the set re-sorted per span) and made a 0.5 MB column. Past it, new values are
 * not added: the spans keep them, the list's filters do not find the trace by them.
 */
export const MAX_TRACE_SET_CHARS = 16_384;

export function parseTraceSet(text: string): string[] {
  return text.split("|").filter(Boolean);
}

/**
 * Adds the values (ignoring empty ones; the delimiter becomes "/") and returns the new text, sorted
 * once however many were added. A value that would take the text past MAX_TRACE_SET_CHARS is left out.
 */
export function addToTraceSet(text: string, values: Iterable<string>): string {
  let items: Set<string> | null = null;
  let length = text === "" ? 1 : text.length; // "|" then each value and its "|"
  let added = false;
  for (const value of values) {
    const clean = value.replaceAll("|", "/");
    if (clean === "") continue;
    items ??= new Set(parseTraceSet(text));
    if (items.has(clean) || length + clean.length + 1 > MAX_TRACE_SET_CHARS) continue;
    items.add(clean);
    length += clean.length + 1;
    added = true;
  }
  if (!added) return text;
  return `|${[...items!].sort().join("|")}|`;
}

/**
 * Most values a filter dropdown lists (GET /api/traces/facets): every page of the list carries
 * them. Each trace's sets are bounded, but every trace may name hosts of its own: 100,000 traces
 * would put 100,000 options (up to 25 MB) into each list page.
 */
export const MAX_FACET_VALUES = 1000;

/** The distinct values of set texts, sorted, the first MAX_FACET_VALUES of them, and how many more there were. */
export function collectFacetValues(texts: Iterable<string>): { values: string[]; omitted: number } {
  const all = new Set<string>();
  for (const text of texts) for (const value of parseTraceSet(text)) all.add(value);
  const values = [...all].sort();
  return { values: values.slice(0, MAX_FACET_VALUES), omitted: Math.max(0, values.length - MAX_FACET_VALUES) };
}
