import { describe, expect, it } from "vitest";
import { layoutStatementChart } from "./layoutStatementChart";

describe("layoutStatementChart", () => {
  it("puts each bucket at its middle, p95 above p50, on nice ticks", () => {
    const t0 = Date.UTC(2024, 4, 1, 10) * 1000;
    const points = [
      { startUs: t0, endUs: t0 + 60e6, p50Us: 1000, p95Us: 4000, traces: 3 },
      { startUs: t0 + 60e6, endUs: t0 + 120e6, p50Us: 2000, p95Us: 8000, traces: 5 },
    ];
    const layout = layoutStatementChart(points, { width: 464, height: 200 });
    expect(layout.dots.map((d) => Math.round(d.x))).toEqual([156, 340]);
    for (const d of layout.dots) expect(d.y95).toBeLessThan(d.y50);
    expect(layout.dots[1]!.title).toBe("5 traces: p50 2 ms, p95 8 ms");
    expect(layout.yTicks.map((t) => t.label)).toEqual(["0 µs", "2 ms", "4 ms", "6 ms", "8 ms"]);
    expect(layout.p50Path).toMatch(/^M156,\d+(\.\d+)?L340,\d+(\.\d+)?$/);
  });

  it("draws nothing for no data", () => {
    const layout = layoutStatementChart([], { width: 300, height: 100 });
    expect(layout).toMatchObject({ dots: [], p50Path: "", p95Path: "" });
  });
});
