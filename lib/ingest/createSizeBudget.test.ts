import { describe, expect, it } from "vitest";
import { createSizeBudget } from "./createSizeBudget";

describe("createSizeBudget", () => {
  it("asks for nothing under the limit, or when it is off", () => {
    expect(createSizeBudget(1000).excessSpans({ sizeBytes: 999, spans: 50 })).toBe(0);
    expect(createSizeBudget(0).excessSpans({ sizeBytes: 1e12, spans: 50 })).toBe(0);
  });

  it("over the limit, deletes down to 90% of it in proportion", () => {
    // 2000 bytes for 100 spans, limit 1000: keep 45 (900 bytes' worth).
    expect(createSizeBudget(1000).excessSpans({ sizeBytes: 2000, spans: 100 })).toBe(55);
  });

  it("does not delete again while a database that does not shrink (PostgreSQL) stays at the size it had", () => {
    const budget = createSizeBudget(1000);
    expect(budget.excessSpans({ sizeBytes: 1100, spans: 100 })).toBe(19);
    // The deletion happened; the file is as big as before, and new spans reuse the freed space.
    expect(budget.excessSpans({ sizeBytes: 1100, spans: 81 })).toBe(0);
    expect(budget.excessSpans({ sizeBytes: 1100, spans: 90 })).toBe(9);
    // Grown past the size the budget was set at: tightened from the new figures.
    expect(budget.excessSpans({ sizeBytes: 1200, spans: 85 })).toBe(85 - Math.floor((85 * 900) / 1200));
  });

  it("lifts the budget once a database that shrinks (SQLite's pages in use) is well under the limit", () => {
    const budget = createSizeBudget(1000);
    expect(budget.excessSpans({ sizeBytes: 2000, spans: 100 })).toBe(55);
    expect(budget.excessSpans({ sizeBytes: 880, spans: 45 })).toBe(0);
    expect(budget.excessSpans({ sizeBytes: 950, spans: 60 })).toBe(0);
  });
});
