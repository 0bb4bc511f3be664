import { describe, expect, it } from "vitest";
import { createStringTable } from "./createStringTable";

describe("createStringTable", () => {
  it("stores each distinct text once and gives repeats, null and equal copies the same index", () => {
    const table = createStringTable();
    expect(table.intern("SELECT 1")).toBe(0);
    expect(table.intern("db")).toBe(1);
    expect(table.intern(["SELECT", "1"].join(" "))).toBe(0);
    expect(table.internOrNone(null)).toBe(-1);
    expect(table.strings).toEqual(["SELECT 1", "db"]);
  });

  it("interns a trace's 2,000 distinct 64K statements of one length, sharing a 60K prefix, about as fast as ones that differ at their start", () => {
    // Hostile or merely huge input (a statement may be 64K characters): V8 hashes such strings by
    // their length alone, and a plain Map compared each with all the others from their first
    // character (33 s here against ~24 ms for texts differing at their start, §60). Timed against
    // the same number of texts differing at their start, so the machine's load cancels.
    const prefix = "SELECT ".padEnd(60_000, "x");
    const shared = Array.from({ length: 2_000 }, (_, i) => prefix + String(i).padStart(5_536, "0"));
    const differing = Array.from({ length: 2_000 }, (_, i) => i.toString(36).padStart(3, "0") + prefix + "0".repeat(5_533));
    const intern = (texts: string[]) => {
      const started = performance.now();
      const table = createStringTable();
      const indices = texts.map((t) => table.intern(t));
      return { table, indices, ms: performance.now() - started };
    };
    const baseline = Math.min(intern(differing).ms, intern(differing).ms);
    const { table, indices, ms } = intern(shared);
    expect(indices).toEqual(shared.map((_, i) => i));
    // Equal copies (other string objects) find the same index.
    expect([0, 7, 8, 999, 1_999].map((i) => table.intern(shared[i]!.split("").join("")))).toEqual([0, 7, 8, 999, 1_999]);
    expect(ms).toBeLessThan(20 * Math.max(baseline, 5));
  });
});
