import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { createTraceView } from "./createTraceView";
import { listLongestSpans } from "./listLongestSpans";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w        api   0..1000
  ├ rpc#a       api   0..800
  │ └ driver#s1 cmp   100..700
  ├ driver#s2   cmp   800..900
  └ db#d        api   900..990   sql="SELECT 1"
`),
);
const ids = (spans: number[]) => spans.map((i) => trace.spanId[i]);

describe("listLongestSpans", () => {
  it("lists the longest spans of every type by total time", () => {
    const longest = listLongestSpans(createTraceView(trace), { limit: 3 });
    expect(ids(longest.spans)).toEqual(["w", "a", "s1"]);
    expect(longest.durationsUs).toEqual([1000, 800, 600]);
  });

  it("ranks by self time, children taken away", () => {
    expect(listLongestSpans(createTraceView(trace), { by: "self", limit: 2 })).toEqual({
      spans: [trace.spanId.indexOf("s1"), trace.spanId.indexOf("a")],
      durationsUs: [600, 200],
    });
  });

  it("keeps to one type, and counts a hidden span's time as its caller's own", () => {
    expect(ids(listLongestSpans(createTraceView(trace), { type: "driver" }).spans)).toEqual(["s1", "s2"]);
    expect(listLongestSpans(createTraceView(trace, { hideDb: true }), { type: "wsgi", by: "self" }).durationsUs).toEqual([100]);
    expect(listLongestSpans(createTraceView(trace), { type: "nosuchtype" }).spans).toEqual([]);
  });
});
