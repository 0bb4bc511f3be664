// Services, projects and hosts of a trace are stored as "|a|b|": sorted, so the text does not
// depend on arrival order, and delimited, so `LIKE '%|nova-api|%'` finds one exactly.

export function parseTraceSet(text: string): string[] {
  return text.split("|").filter(Boolean);
}

/** Adds a value (ignoring empty ones and the delimiter itself) and returns the new text. */
export function addToTraceSet(text: string, value: string): string {
  const clean = value.replaceAll("|", "/");
  if (clean === "" || text.includes(`|${clean}|`)) return text;
  const items = [...parseTraceSet(text), clean].sort();
  return `|${items.join("|")}|`;
}
