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
    expect(layout.dots[1]!.title).toBe("5 traces: p50 2\u00a0ms, p95 8\u00a0ms");
    // Zero is "0" (never "0 µs" under "8 ms"); times of day in one form.
    expect(layout.yTicks.map((t) => t.label)).toEqual(["0", "2 ms", "4 ms", "6 ms", "8 ms"]);
    expect(layout.xTicks.map((t) => t.label)).toEqual(["10:00:00", "10:00:30", "10:01:00", "10:01:30", "10:02:00"]);
    expect(layout.p50Path).toMatch(/^M156,\d+(\.\d+)?L340,\d+(\.\d+)?$/);
  });

  it("labels a short window's times and sub-millisecond to millisecond durations in one form each", () => {
    const t0 = Date.UTC(2024, 4, 1, 10) * 1000;
    // Three buckets over 42 s, p95 up to 1.4 ms: d3's nice ticks every 0.5 ms and every 5 s.
    const points = [0, 1, 2].map((k) => ({
      startUs: t0 + k * 14e6,
      endUs: t0 + (k + 1) * 14e6,
      p50Us: 300,
      p95Us: 600 + k * 400,
      traces: 1,
    }));
    const layout = layoutStatementChart(points, { width: 900, height: 220 });
    // Not "0 µs, 500 µs, 1 ms, 1.5 ms".
    expect(layout.yTicks.map((t) => t.label)).toEqual(["0", "0.5 ms", "1.0 ms", "1.5 ms"]);
    // Not d3's ":05" between "10:00" and ":10".
    expect(layout.xTicks.map((t) => t.label)).toEqual([
      "10:00:00",
      "10:00:05",
      "10:00:10",
      "10:00:15",
      "10:00:20",
      "10:00:25",
      "10:00:30",
      "10:00:35",
      "10:00:40",
    ]);
  });

  it("tells apart the times of ticks less than a second apart (a burst of requests in one second)", () => {
    const t0 = Date.UTC(2024, 4, 1, 10) * 1000;
    const points = [0, 1, 2].map((k) => ({ startUs: t0 + k * 400e3, endUs: t0 + (k + 1) * 400e3, p50Us: 300, p95Us: 600, traces: 1 }));
    const labels = layoutStatementChart(points, { width: 900, height: 220 }).xTicks.map((t) => t.label);
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.slice(0, 3)).toEqual(["10:00:00.000", "10:00:00.200", "10:00:00.400"]);
    // The same across midnight, with the day.
    const t1 = Date.UTC(2024, 4, 1, 23, 59, 59) * 1000;
    const midnight = [0, 1, 2].map((k) => ({ startUs: t1 + k * 400e3, endUs: t1 + (k + 1) * 400e3, p50Us: 300, p95Us: 600, traces: 1 }));
    const across = layoutStatementChart(midnight, { width: 900, height: 220 }).xTicks.map((t) => t.label);
    expect(new Set(across).size).toBe(across.length);
    expect(across).toContain("05-02 00:00:00.000");
  });

  it("writes fewer time labels when asked, so that a phone's narrow chart keeps them apart", () => {
    const t0 = Date.UTC(2024, 4, 1, 10) * 1000;
    const over = (spanUs: number) =>
      [0, 1, 2, 3].map((k) => ({ startUs: t0 + (k * spanUs) / 4, endUs: t0 + ((k + 1) * spanUs) / 4, p50Us: 300, p95Us: 600, traces: 1 }));
    const gaps = (ticks: { x: number }[]) => ticks.slice(1).map((t, k) => t.x - ticks[k]!.x);
    // Ten seconds at 360 px: five asked for are eleven labels 26 px apart, where each is about 50.
    expect(Math.min(...gaps(layoutStatementChart(over(10e6), { width: 360, height: 200 }).xTicks))).toBeLessThan(30);
    // From seconds to a week, the narrow chart's labels (up to 11 characters at 11 px: about 60 px) do not touch.
    for (const spanUs of [10e6, 42e6, 120e6, 3600e6, 86_400e6, 7 * 86_400e6]) {
      const narrow = layoutStatementChart(over(spanUs), { width: 360, height: 200, timeTicks: 2 });
      expect(narrow.xTicks.length, `${spanUs / 1e6} s`).toBeGreaterThanOrEqual(2);
      expect(Math.min(...gaps(narrow.xTicks)), `${spanUs / 1e6} s`).toBeGreaterThan(70);
    }
  });

  it("draws nothing for no data", () => {
    const layout = layoutStatementChart([], { width: 300, height: 100 });
    expect(layout).toMatchObject({ dots: [], p50Path: "", p95Path: "" });
  });
});
