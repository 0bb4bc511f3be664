import { describe, expect, it } from "vitest";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { buildTrace } from "./buildTrace";
import { createTraceView } from "./createTraceView";
import { findNextMatch } from "./findNextMatch";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w        nova-api   0..1000  path="POST /v2.1/servers"
  ├ db#d1       nova-api   10..20   sql="SELECT * FROM flavors"
  ├ rpc#r       nova-api   30..900  fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances
  │ └ db#d2     nova-api   40..50   sql="SELECT * FROM quotas"
  └ db#d3       nova-api   950..990 sql="INSERT INTO instances"
`),
);
const at = (id: string) => trace.spanId.indexOf(id);
const id = (i: number) => (i < 0 ? null : trace.spanId[i]);

describe("findNextMatch", () => {
  const view = createTraceView(trace, { search: { text: "select" } });

  it("goes to the next match in view order, wrapping around, and back", () => {
    expect(id(findNextMatch(view, -1, 1))).toBe("d1");
    expect(id(findNextMatch(view, at("d1"), 1))).toBe("d2");
    expect(id(findNextMatch(view, at("d2"), 1))).toBe("d1");
    expect(id(findNextMatch(view, -1, -1))).toBe("d2");
    expect(id(findNextMatch(view, at("d1"), -1))).toBe("d2");
    // From a span that is not a match, the next one after it.
    expect(id(findNextMatch(view, at("r"), 1))).toBe("d2");
  });

  it("starts from the ends when the span it comes from is hidden, and finds nothing without matches", () => {
    expect(findNextMatch(createTraceView(trace, { search: { text: "insert" }, hideNames: ["rpc"], hideDb: true }), -1, 1)).toBe(at("d3"));
    const withHidden = createTraceView(trace, { search: { text: "select" }, hideNames: ["rpc"] });
    expect(id(findNextMatch(withHidden, at("r"), 1))).toBe(id(findNextMatch(withHidden, -1, 1)));
    expect(findNextMatch(createTraceView(trace), -1, 1)).toBe(-1);
    expect(findNextMatch(createTraceView(trace, { search: { text: "nothing like this" } }), -1, 1)).toBe(-1);
  });

  it("goes to the matches the view's filters hide when it shows none, in the trace's order", () => {
    const hidden = createTraceView(trace, { search: { text: "select" }, hideDb: true });
    expect([hidden.matchCount, hidden.hiddenMatchCount]).toEqual([0, 2]);
    expect(id(findNextMatch(hidden, -1, 1))).toBe("d1");
    expect(id(findNextMatch(hidden, at("d1"), 1))).toBe("d2");
    expect(id(findNextMatch(hidden, at("d2"), 1))).toBe("d1");
    expect(id(findNextMatch(hidden, -1, -1))).toBe("d2");
    // While one match is shown, the hidden ones wait: the reader steps through what is shown.
    const someShown = createTraceView(trace, { search: { text: "s" }, hideDb: true });
    expect([someShown.matchCount, someShown.hiddenMatchCount]).toEqual([2, 3]);
    expect(id(findNextMatch(someShown, -1, 1))).toBe("w");
    expect(id(findNextMatch(someShown, at("w"), 1))).toBe("r");
    expect(id(findNextMatch(someShown, at("r"), 1))).toBe("w");
  });
});
