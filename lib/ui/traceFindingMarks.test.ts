// markHighlightedSpans and listFindingMarkers: what the trace page draws of its findings.
import { describe, expect, it } from "vitest";
import { buildTrace, labelCall, type TraceFinding } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { listFindingMarkers } from "./listFindingMarkers";
import { markHighlightedSpans } from "./markHighlightedSpans";
import { readWholeTraceDb } from "./readWholeTraceDb";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w   nova-api   0..1000  path="GET /servers"
  ├ db#d1  nova-api   100..200 sql="SELECT 1"
  ├ db#d2  nova-api   300..400 sql="SELECT 1"
  └ rpc#r  conductor  500..?   fn=nova.conductor.manager.build err=Timeout
  `),
);

const findings: TraceFinding[] = [
  { kind: "answer", root: 0, answeredUs: 1000, workUs: 1000, workUnfinished: true, spans: [0], focus: 0, weightUs: 0 },
  { kind: "sql", count: 2, totalUs: 200, criticalUs: 0, share: 0.2, nPlusOne: null, spans: [1, 2], focus: 1, weightUs: 200 },
  { kind: "errors", count: 1, first: 3, spans: [3], focus: 3, weightUs: 0 },
  { kind: "unfinished", count: 1, lastStarted: 3, spans: [3], focus: 3, weightUs: 0 },
  {
    kind: "untraced",
    totalUs: 0,
    share: 0,
    count: 0,
    longest: { fromUs: 0, toUs: 0, within: -1, before: -1, after: -1, skew: false },
    spans: [],
    focus: -1,
    weightUs: 0,
  },
];

describe("markHighlightedSpans", () => {
  it("marks the focused finding's spans, else the picked statement's, else none", () => {
    expect([...markHighlightedSpans(trace, findings, 1, null)!]).toEqual([0, 1, 1, 0]);
    // The finding wins over the statement.
    expect([...markHighlightedSpans(trace, findings, 2, 0)!]).toEqual([0, 0, 0, 1]);
    expect(readWholeTraceDb(trace).groups[0]!.spans).toEqual([1, 2]);
    expect([...markHighlightedSpans(trace, null, null, 0)!]).toEqual([0, 1, 1, 0]);
    expect(markHighlightedSpans(trace, findings, null, null)).toBeNull();
    // A finding or statement that is not there (the findings still computed, a stale URL).
    expect(markHighlightedSpans(trace, null, 1, null)).toBeNull();
    expect(markHighlightedSpans(trace, findings, 9, null)).toBeNull();
    expect(markHighlightedSpans(trace, findings, null, 9)).toBeNull();
  });
});

describe("listFindingMarkers", () => {
  it("marks each span a finding points at once, not the answer's nor the SQL's, labelled by its call", () => {
    expect(listFindingMarkers(trace, findings)).toEqual([{ spanIndex: 3, label: labelCall(trace, 3) }]);
    expect(listFindingMarkers(trace, null)).toEqual([]);
  });
});
