import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { createSpanIndexBuilder, findSpanIndex } from "./findSpanIndex";
import type { Span } from "../span/types";

const span = (spanId: string, parentId: string, start: number): Span => ({
  traceId: "T",
  spanId,
  parentId,
  name: "rpc",
  project: "nova",
  service: "api",
  host: "h",
  startUs: start,
  stopUs: start + 1,
  error: null,
  detail: null,
  startPayload: null,
  stopPayload: null,
});

describe("findSpanIndex", () => {
  it("finds every span of a big trace by its id, and nothing else", () => {
    const spans = [span("root", "T", 0)];
    for (let i = 1; i < 20_000; i++) spans.push(span(`s-${i}`, i < 100 ? "root" : `s-${i % 99 || 1}`, i));
    const trace = buildTrace(spans, "T");
    for (let i = 0; i < trace.size; i++) expect(findSpanIndex(trace, trace.spanId[i]!)).toBe(i);
    for (const missing of ["", "T", "s-0", "s-20000", "root ", "ROOT"]) expect(findSpanIndex(trace, missing)).toBe(-1);
  });

  it("answers for an empty trace and for ids of any characters", () => {
    expect(findSpanIndex(buildTrace([], "T"), "x")).toBe(-1);
    const trace = buildTrace([span("é漢", "T", 0), span("", "é漢", 1)], "T");
    expect(findSpanIndex(trace, "é漢")).toBe(0);
    expect(findSpanIndex(trace, "")).toBe(1);
  });

  it("uses a table filled range by range as a column's chunks arrive, and refuses ranges out of order", () => {
    const spans = [span("root", "T", 0)];
    for (let i = 1; i < 5_000; i++) spans.push(span(`s-${i}`, "root", i));
    const whole = buildTrace(spans, "T");
    const ids = new Array<string>(whole.size);
    const builder = createSpanIndexBuilder(ids, whole.size);
    for (const [from, to] of [
      [0, 1],
      [1, 2_000],
      [2_000, whole.size],
    ] as const) {
      for (let i = from; i < to; i++) ids[i] = whole.spanId[i]!;
      builder.add(from, to);
    }
    expect(() => builder.add(10, 20)).toThrow(/positions 10..20 after 5000/);
    // A trace over the same column: its lookups use the table built above (same answers either way).
    const trace = { ...whole, spanId: ids };
    for (let i = 0; i < trace.size; i++) expect(findSpanIndex(trace, ids[i]!)).toBe(i);
    expect(findSpanIndex(trace, "s-5000")).toBe(-1);
  });
});
