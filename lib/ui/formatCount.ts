// Counts with thousands separators ("12,345"), as toLocaleString("en") writes them, but without
// Intl: the first toLocaleString of a page initializes ICU's number formatting, 14-39 ms of CPU
// in Chromium, paid by whichever render calls it first (the trace page's, before its rows are
// painted; docs/benchmarks.md §24).
import { format } from "d3";

const grouped = format(",d");

export function formatCount(n: number): string {
  if (!Number.isInteger(n)) return n.toLocaleString("en");
  // d3 writes a minus sign (U+2212) where toLocaleString writes a hyphen.
  return n < 0 ? `-${grouped(-n)}` : grouped(n);
}
