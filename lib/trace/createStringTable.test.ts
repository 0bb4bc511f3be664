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

  it("interns a trace's 2,000 distinct 64K statements of one length, sharing a 60K prefix, in well under the half minute a plain Map took", () => {
    // Hostile or merely huge input (a statement may be 64K characters): V8 hashes such strings by
    // their length alone, and a plain Map compared each with all the others (33 s here, §60).
    const prefix = "SELECT ".padEnd(60_000, "x");
    const texts = Array.from({ length: 2_000 }, (_, i) => prefix + String(i).padStart(5_536, "0"));
    const started = performance.now();
    const table = createStringTable();
    const indices = texts.map((t) => table.intern(t));
    const again = texts.map((t) => table.intern(t.split("").join("")));
    expect(indices).toEqual(texts.map((_, i) => i));
    expect(again).toEqual(indices);
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});
