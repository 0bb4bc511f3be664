import { describe, expect, it } from "vitest";
import { buildTrace, computeCriticalPath, findSpanIndex } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { showLinkedSpanOffPath } from "./showLinkedSpanOffPath";
import { parseTraceViewState } from "./traceViewState";

// Two casts: the second one's work (s2) ends long before the first one's (s), which the critical
// path follows to the end (through c and w): s2 is off it.
const trace = buildTrace(
  spansFromDrawing(`
    wsgi#w        nova-api   0..30000       path="POST /v2.1/servers"
    ├ db#d1       nova-api   1000..2000     sql="SELECT 1"
    ├ rpc#c       nova-api   25000..26000
    │ └ rpc#s     conductor  27000..3000000
    └ rpc#c2      nova-api   26000..27000
      └ rpc#s2    compute    28000..100000
  `),
);
const ON_PATH = { criticalOnly: true };

describe("showLinkedSpanOffPath", () => {
  it("opens a link to a span off the path with every span, the rest of its view kept", () => {
    const state = parseTraceViewState("span=s2&hideDb=1&tab=db&fold=d1", ON_PATH);
    expect(showLinkedSpanOffPath(trace, state)).toEqual({ ...state, criticalOnly: false, openedFolds: [] });
  });

  it("keeps the critical path for a span on it, or for an ancestor of one", () => {
    for (const span of ["s", "c", "w"]) {
      const state = parseTraceViewState(`span=${span}`, ON_PATH);
      expect(showLinkedSpanOffPath(trace, state)).toBe(state);
    }
  });

  it("changes nothing without a linked span, for one the trace does not have, or with every span shown", () => {
    for (const query of ["", "span=nope", "span=s2&crit=0"]) {
      const state = parseTraceViewState(query, ON_PATH);
      expect(showLinkedSpanOffPath(trace, state)).toBe(state);
    }
  });

  it("reads the path it is given, not the trace's own (the compare page's rows on either trace's path)", () => {
    const own = computeCriticalPath(trace);
    const bySpan = Float64Array.from(own.bySpan);
    bySpan[findSpanIndex(trace, "s2")] = 72000;
    const state = parseTraceViewState("span=s2", ON_PATH);
    expect(showLinkedSpanOffPath(trace, state, { bySpan, wallUs: own.wallUs })).toBe(state);
    expect(showLinkedSpanOffPath(trace, state, own)).toEqual({ ...state, criticalOnly: false, openedFolds: [] });
  });
});
