import { describe, expect, it } from "vitest";
import { buildTrace, computeCriticalPath, type CriticalPath, type TimeAxis } from "../trace";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { criticalStripe, placeInterval } from "./criticalStripe";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#api      api    0..100
  └ rpc#cast    api    50..51
    └ rpc#work  worker 500..1000
`),
);
const path = computeCriticalPath(trace);
const axis = { startUs: T0, endUs: T0 + 1000 };
const own = (id: string) => {
  const i = trace.spanId.indexOf(id);
  return [path.firstSegment[i]!, path.firstSegment[i + 1]!] as const;
};

describe("criticalStripe", () => {
  it("draws a span's pieces of the path as gradient stops on the axis", () => {
    expect(criticalStripe(path, ...own("api"), axis, "#000")).toBe(
      "linear-gradient(to right, transparent 0.000%, #000 0.000%, #000 5.000%, transparent 5.000%)",
    );
    expect(criticalStripe(path, ...own("work"), axis, "#000")).toBe(
      "linear-gradient(to right, transparent 50.000%, #000 50.000%, #000 100.000%, transparent 100.000%)",
    );
  });

  it("draws a collapsed subtree's pieces in one stripe, merging those a hair apart", () => {
    const api = trace.spanId.indexOf("api");
    const stripe = criticalStripe(path, path.firstSegment[api]!, path.firstSegment[trace.subtreeEnd[api]!]!, axis, "#000")!;
    // api 0..50, cast 50..51 (merged with it), work 500..1000.
    expect(stripe.match(/#000 [\d.]+%/g)).toEqual(["#000 0.000%", "#000 5.100%", "#000 50.000%", "#000 100.000%"]);
  });

  it("takes a subtree's pieces in time order whether its spans list them in order or not, and leaves out the others'", () => {
    // w's own pieces come before and after c's (0..10, 90..95 around 10..90); between the cast
    // and its async work, another root's twenty calls put their pieces on the path.
    const lines = Array.from({ length: 20 }, (_, k) => `├ db#d${k}  api  ${110 + k * 19}..${120 + k * 19}`);
    const spread = buildTrace(
      spansFromDrawing(
        [
          `wsgi#w     api     0..100`,
          `├ rpc#c    api     10..90`,
          `└ rpc#cast api     95..96`,
          `  └ rpc#work worker 500..1000`,
          `wsgi#other api     100..499`,
          ...lines,
        ].join("\n"),
      ),
    );
    const p = computeCriticalPath(spread);
    const w = spread.spanId.indexOf("w");
    // The whole subtree: its five pieces spread over the other root's forty (sorted, not marked).
    const stops = (from: number, to: number) => criticalStripe(p, from, to, axis, "#000")!.match(/#000 [\d.]+%/g);
    expect(stops(p.firstSegment[w]!, p.firstSegment[spread.subtreeEnd[w]!]!)).toEqual([
      "#000 0.000%",
      "#000 9.600%",
      "#000 50.000%",
      "#000 100.000%",
    ]);
    const c = spread.spanId.indexOf("c");
    // w's own: 0..10 and 90..95 (the cast is on the path from 95), listed close together: marked, not sorted.
    expect(stops(p.firstSegment[w]!, p.firstSegment[c]!)).toEqual(["#000 0.000%", "#000 1.000%", "#000 9.000%", "#000 9.500%"]);
  });

  it("clips to a zoomed axis and is null when nothing of the path is in view", () => {
    expect(criticalStripe(path, ...own("work"), { startUs: T0 + 750, endUs: T0 + 1000 }, "#000")).toContain("#000 0.000%");
    expect(criticalStripe(path, ...own("api"), { startUs: T0 + 600, endUs: T0 + 700 }, "#000")).toBeNull();
  });

  it("keeps at most 120 pieces however fragmented the path", () => {
    // 250 calls 0.27% of the axis apart: too far to merge, too many to draw one by one.
    const lines = Array.from({ length: 250 }, (_, k) => `├ db#d${k} api ${k * 1200}..${k * 1200 + 400}`);
    const fragmented = buildTrace(spansFromDrawing([`wsgi#w api 0..300000`, ...lines].join("\n")));
    const p = computeCriticalPath(fragmented);
    const stripe = criticalStripe(p, p.firstSegment[1]!, p.firstSegment[fragmented.size]!, { startUs: T0, endUs: T0 + 300_000 }, "#000")!;
    expect(stripe.match(/#000/g)).toHaveLength(2 * 120);
    expect(stripe.startsWith("linear-gradient(to right, transparent 0.000%, #000 0.000%")).toBe(true);
    expect(stripe.endsWith("#000 99.733%, transparent 99.733%)")).toBe(true);
  });
});

/** The stripe from a plain sort of the range's segments: what the marked, sorted and whole-range readings must give. */
function stripeFromSortedSegments(p: CriticalPath, from: number, to: number, on: TimeAxis): string | null {
  const width = on.endUs - on.startUs;
  const merged: [number, number][] = [];
  for (const seg of Array.from(p.bySpanSegments.subarray(from, to)).sort((a, b) => a - b)) {
    const a = Math.max(0, (p.segmentFromUs[seg]! - on.startUs) / width);
    const b = Math.min(1, (p.segmentToUs[seg]! - on.startUs) / width);
    if (b <= a && !(b === a && a > 0 && a < 1)) continue;
    const end = Math.max(b, a + 0.001);
    const last = merged[merged.length - 1];
    if (last && a - last[1] <= 0.002) last[1] = Math.max(last[1], end);
    else merged.push([a, end]);
  }
  if (merged.length === 0) return null;
  while (merged.length > 120) {
    let k = 1;
    for (let j = 2; j < merged.length; j++) if (merged[j]![0] - merged[j - 1]![1] < merged[k]![0] - merged[k - 1]![1]) k = j;
    merged[k - 1]![1] = merged[k]![1];
    merged.splice(k, 1);
  }
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
  const stops = merged.flatMap(([a, b]) => [`transparent ${pct(a)}`, `#000 ${pct(a)}`, `#000 ${pct(b)}`, `transparent ${pct(b)}`]);
  return `linear-gradient(to right, ${stops.join(", ")})`;
}

describe("criticalStripe, every subtree", () => {
  it("gives what a plain sort of the subtree's segments gives, whether they are a whole range or marked", () => {
    // Nested calls whose async work runs after their callers, and a second root between: subtrees
    // whose segments are a whole range (the root, a leaf) or a close run (marked); the sorted
    // reading has its own test above.
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const lines: string[] = [`wsgi#w api 0..100000`];
    for (let k = 0; k < 60; k++) {
      const start = k * 1600 + random(200);
      lines.push(`├ rpc#c${k} api ${start}..${start + 600 + random(800)}`);
      if (k % 3 === 0) lines.push(`│ └ rpc#a${k} worker ${120000 + k * 900}..${120400 + k * 900 + random(400)}`);
    }
    lines.push(
      `wsgi#other api 100001..119000`,
      ...Array.from({ length: 30 }, (_, k) => `├ db#o${k} api ${100100 + k * 600}..${100400 + k * 600}`),
    );
    const t = buildTrace(spansFromDrawing(lines.join("\n")));
    const p = computeCriticalPath(t);
    const on = { startUs: T0, endUs: T0 + 180000 };
    let checked = 0;
    for (let i = 0; i < t.size; i++) {
      const [from, to] = [p.firstSegment[i]!, p.firstSegment[t.subtreeEnd[i]!]!];
      if (to > from) checked++;
      expect(criticalStripe(p, from, to, on, "#000")).toBe(stripeFromSortedSegments(p, from, to, on));
    }
    expect(checked).toBeGreaterThan(10);
    expect(criticalStripe(p, 0, p.bySpanSegments.length, on, "#000")).toBe(stripeFromSortedSegments(p, 0, p.bySpanSegments.length, on));
  });
});

describe("placeInterval", () => {
  it("places an interval as fractions of the axis", () => {
    expect(placeInterval(axis, T0 + 250, T0 + 750)).toEqual({ start: 0.25, width: 0.5 });
  });
});
