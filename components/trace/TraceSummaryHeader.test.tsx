// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { buildTrace, estimateClockSkew, summarizeTrace } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { TraceSummaryHeader } from "./TraceSummaryHeader";

afterEach(cleanup);

function renderHeader(drawing: string) {
  const trace = buildTrace(spansFromDrawing(drawing));
  const noop = () => undefined;
  render(
    <TraceSummaryHeader
      trace={trace}
      summary={summarizeTrace(trace)}
      skew={estimateClockSkew(trace)}
      shiftClocks={false}
      onShiftClocks={noop}
      onSelectSpan={noop}
      dbCalls={0}
      shareUrl={() => "http://x/"}
      downloadHref="#"
      dotHref="#"
      otlpHref="#"
    />,
  );
  return screen.getByTestId("trace-answer").textContent;
}

describe("TraceSummaryHeader's answer", () => {
  it("says when the API answered and how long the work it started went on", () => {
    const answer = renderHeader(`
      wsgi#post   osapi_compute  0..33      path="POST /v2.1/servers"
      └ rpc#cast  osapi_compute  20..21
        └ rpc#cond conductor     30..10600
    `);
    expect(answer).toMatch(/answered in 33\u00a0µs; work went on for 10\.6\u00a0ms/);
  });

  it("does not say the API answered while the request's stop has not arrived", () => {
    // buildTrace gives the unfinished root the trace's end: not when the API answered.
    const answer = renderHeader(`
      wsgi#post   osapi_compute  0..?       path="POST /v2.1/servers"
      └ rpc#cast  osapi_compute  20..21
        └ rpc#cond conductor     30..10600
    `);
    expect(answer).toBe("nova osapi_compute has not answered: no stop arrived");
  });
});
