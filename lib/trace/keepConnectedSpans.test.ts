import { describe, expect, it } from "vitest";
import { keepConnectedSpans } from "./keepConnectedSpans";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

const spans = spansFromDrawing(`
  wsgi#w      nova-api   0..1000
  ├ rpc#r     conductor  100..900
  │ └ db#d    conductor  150..200
  └ db#e      nova-api   300..400
  rpc#o       glance-api 200..300   parent=missing
  rpc#c1      nova-api   400..500   parent=c2
  rpc#c2      nova-api   450..460   parent=c1
`);
const traceId = spans[0]!.traceId;
const ids = (list: { spanId: string }[]) => list.map((s) => s.spanId).sort();

describe("keepConnectedSpans", () => {
  it("keeps the spans whose every ancestor is there, up to the trace", () => {
    expect(ids(keepConnectedSpans(spans, traceId))).toEqual(["d", "e", "r", "w"]);
  });

  it("leaves out a span whose parent is not in the sample, and everything under it", () => {
    const sample = spans.filter((s) => s.spanId !== "r");
    expect(ids(keepConnectedSpans(sample, traceId))).toEqual(["e", "w"]);
    // Whatever the order they come in.
    expect(ids(keepConnectedSpans([...sample].reverse(), traceId))).toEqual(["e", "w"]);
  });

  it("leaves out orphans and cycles, and is empty without a root", () => {
    expect(ids(keepConnectedSpans(spans, traceId))).not.toContain("o");
    expect(
      keepConnectedSpans(
        spans.filter((s) => s.spanId.startsWith("c")),
        traceId,
      ),
    ).toEqual([]);
    expect(
      keepConnectedSpans(
        spans.filter((s) => s.spanId !== "w"),
        traceId,
      ),
    ).toEqual([]);
  });
});
