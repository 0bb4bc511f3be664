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

/**
 * What indent=`indent` adds to the one-line form's length (counting stops past `stopAbove`).
 * A container of n > 0 children at nesting level l adds indent*(n+1)*l + indent*n + 2 bytes
 * (each child on its own line at level l+1, the closing bracket on a line at level l, the
 * one-line form's ", " separators become ","); measureIndentCost uses that to price a value
 * printed deeper inside a report.
 */
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

/**
 * The indentation cost of `value` printed at nesting level 0 (`bytes`, measureIndentBytes), and
 * what each level deeper adds (`perLevel`): printed at level b it costs bytes + b * perLevel.
 * A streamed report prices each node this way before its position in the tree is known.
 */
export function measureIndentCost(value: Json, indent: number): { bytes: number; perLevel: number } {
  let perLevel = 0;
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v === null || typeof v !== "object" || isJsonNumber(v)) continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (children.length === 0) continue;
    perLevel += indent * (children.length + 1);
    for (const child of children) stack.push(child);
  }
  return { bytes: measureIndentBytes(value, indent), perLevel };
}

/** What indent=`indent` adds for one container of `n` children at nesting level `level` (measureIndentBytes). */
export function measureContainerIndent(n: number, level: number, indent: number): number {
  return n === 0 ? 0 : indent * (n + 1) * level + indent * n + 2;
}
