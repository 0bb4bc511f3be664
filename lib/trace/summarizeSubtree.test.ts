import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { createTraceView } from "./createTraceView";
import { prepareSubtreeSummaries, summarizeSubtree } from "./summarizeSubtree";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";

describe("summarizeSubtree", () => {
  // A cast's client span lasts 1 µs; what it started runs 3.8 s and holds the trace's only error.
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#api          api        0..33
    └ rpc#cast        api        30..31
      └ rpc#cond      conductor  40..3800000
        ├ db#q        conductor  50..60      sql="SELECT 1"
        └ rpc#sched   scheduler  70..900     err=NoValidHost
  `),
  );

  it("gives a collapsed cast the extent, span count and errors of what it hides", () => {
    const view = createTraceView(trace);
    const cast = trace.spanId.indexOf("cast");
    const sub = summarizeSubtree(view, view.position[cast]!);
    expect({ ...sub, startUs: sub.startUs - T0, stopUs: sub.stopUs - T0 }).toEqual({
      startUs: 30,
      stopUs: 3_800_000,
      hiddenSpans: 3,
      errors: 1,
    });
  });

  it("counts the view's spans as hidden, and the errors of every descendant", () => {
    const view = createTraceView(trace, { hideNames: ["rpc"] });
    const sub = summarizeSubtree(view, 0);
    expect(sub).toMatchObject({ hiddenSpans: 1, errors: 1 });
    expect(summarizeSubtree(view, 1)).toMatchObject({ hiddenSpans: 0, errors: 0 });
  });

  it("gives the same summaries when they were prepared ahead (idle time) as when made at the first collapse", () => {
    const drawing = `
    wsgi#api          api        0..33
    └ rpc#cast        api        30..31     err=Timeout
      └ rpc#cond      conductor  40..900
        └ rpc#sched   scheduler  70..900     err=NoValidHost
  `;
    const cold = createTraceView(buildTrace(spansFromDrawing(drawing)));
    const warm = createTraceView(buildTrace(spansFromDrawing(drawing)));
    prepareSubtreeSummaries(warm.trace);
    for (let v = 0; v < cold.size; v++) expect(summarizeSubtree(warm, v)).toEqual(summarizeSubtree(cold, v));
    expect(summarizeSubtree(warm, 0).errors).toBe(2);
  });
});
