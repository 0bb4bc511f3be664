import { describe, expect, it } from "vitest";
import { buildTrace, computeCriticalPath } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { markPathSpans } from "./markPathSpans";

describe("markPathSpans", () => {
  it("marks the spans whose own time the path runs through, none for a lone span or before the path is known", () => {
    // The cast returned at 22 µs; the conductor's work after it is the path, the API's own time before it too.
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w          nova-api        0..40
      ├ db#a1         nova-api        1..3       sql="SELECT 1"
      └ rpc#cast      nova-api        20..22     fn=build_instances
        └ rpc#cond    nova-conductor  100..10000 fn=build_instances
    `),
    );
    const path = computeCriticalPath(trace);
    const marks = markPathSpans(trace, path)!;
    expect(Array.from(marks)).toEqual(Array.from(path.bySpan, (us) => (us > 0 ? 1 : 0)));
    expect(marks[trace.spanId.indexOf("cond")]).toBe(1);
    expect(markPathSpans(trace, null)).toBeNull();
    const lone = buildTrace(spansFromDrawing(`wsgi#w nova-api 0..40`));
    expect(markPathSpans(lone, computeCriticalPath(lone))).toBeNull();
  });
});
