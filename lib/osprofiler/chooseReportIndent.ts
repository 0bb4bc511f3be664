// OSprofiler's `trace show --json` prints with indent=2. Indentation grows with nesting depth
// times lines, so for a deep trace (a 20k-level chain) it would be gigabytes; such a report is
// printed on one line instead, as Python's json.dumps does by default. The cost is measured
// exactly, by walking the value once, before anything is printed.
import { isJsonNumber } from "../notification/JsonNumber";
import type { Json } from "../notification/types";

/** Indentation (and newline) bytes above which a report is printed on one line. */
const MAX_INDENT_BYTES = 64 * 1024 * 1024;

export function chooseReportIndent(report: Json, indent = 2, maxIndentBytes = MAX_INDENT_BYTES): number | null {
  return measureIndentBytes(report, indent, maxIndentBytes) > maxIndentBytes ? null : indent;
}

/** What indent=`indent` adds to the one-line form's length (counting stops past `stopAbove`). */
export function measureIndentBytes(value: Json, indent: number, stopAbove = Infinity): number {
  let total = 0;
  const stack: { value: Json; level: number }[] = [{ value, level: 0 }];
  while (stack.length > 0) {
    const { value: v, level } = stack.pop()!;
    if (v === null || typeof v !== "object" || isJsonNumber(v)) continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (children.length === 0) continue;
    // Each child on its own line at level+1, the closing bracket on a line at level; the
    // one-line form's ", " separators become "," (one byte less each).
    total += children.length * (1 + indent * (level + 1)) + 1 + indent * level - (children.length - 1);
    if (total > stopAbove) return total;
    for (const child of children) stack.push({ value: child, level: level + 1 });
  }
  return total;
}
