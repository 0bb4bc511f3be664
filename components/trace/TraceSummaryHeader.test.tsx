// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { buildTrace, estimateClockSkew, summarizeTrace, type ClockSkew, type Trace } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { TraceSummaryHeader } from "./TraceSummaryHeader";

afterEach(cleanup);

function renderHeader(
  drawing: string,
  skewOf: (trace: Trace) => ClockSkew = estimateClockSkew,
  truncation: string | null = null,
  live = false,
) {
  const trace = buildTrace(spansFromDrawing(drawing));
  const noop = () => undefined;
  render(
    <TraceSummaryHeader
      trace={trace}
      summary={summarizeTrace(trace)}
      skew={skewOf(trace)}
      shiftClocks={false}
      onShiftClocks={noop}
      onSelectSpan={noop}
      dbCalls={0}
      shareUrl={() => "http://x/"}
      downloadHref="#"
      dotHref="#"
      otlpHref="#"
      truncation={truncation}
      live={live}
    />,
  );
  return screen.getByTestId("trace-answer").textContent;
}

describe("TraceSummaryHeader's downloads", () => {
  it("name their files as the server's Content-Disposition does (<base_id>.osprofiler.json, .osprofiler.dot, .otlp.json)", () => {
    renderHeader(`
      wsgi#post   osapi_compute  0..33      path="POST /v2.1/servers"
    `);
    const names = screen.getAllByRole("link").flatMap((a) => a.getAttribute("download") ?? []);
    expect(names.map((n) => n.replace(/^[0-9a-f-]{36}/, "<id>"))).toEqual([
      "<id>.osprofiler.json",
      "<id>.osprofiler.dot",
      "<id>.otlp.json",
    ]);
  });
});

describe("TraceSummaryHeader's data line", () => {
  const drawing = `
    wsgi#post   osapi_compute  0..33      path="POST /v2.1/servers"
  `;

  it("says complete, no errors for a whole trace without problems", () => {
    renderHeader(drawing);
    expect(screen.getByText("complete, no errors")).toBeTruthy();
  });

  it("does not call a trace the page follows live complete: more spans may still arrive", () => {
    renderHeader(drawing, estimateClockSkew, null, true);
    expect(screen.queryByText("complete, no errors")).toBeNull();
    expect(screen.getByText("no errors so far, may still grow")).toBeTruthy();
  });

  it("flags a trace that reached a cap as truncated, not complete, under the page's banner", () => {
    renderHeader(drawing, estimateClockSkew, "64 spans not stored: trace cap of 50 spans (OSTRACE_TRACE_MAX_SPANS) reached");
    expect(screen.queryByText("complete, no errors")).toBeNull();
    const flag = screen.getByText("truncated");
    expect(flag.getAttribute("title")).toBe(
      "64 spans not stored: trace cap of 50 spans (OSTRACE_TRACE_MAX_SPANS) reached: what is shown is what was stored before that",
    );
  });
});

describe("TraceSummaryHeader's answer", () => {
  it("says when the API answered and how long the work it started went on", () => {
    const answer = renderHeader(`
      wsgi#post   osapi_compute  0..33      path="POST /v2.1/servers"
      └ rpc#cast  osapi_compute  20..21
        └ rpc#cond conductor     30..10600
    `);
    expect(answer).toMatch(/answered in 33\u00a0µs; work went on for 10\.6\u00a0ms/);
  });

  it("counts the continuations in the singular for one (the Heat stack create's one Stack.create)", () => {
    renderHeader(`
      wsgi#post     heat-api     0..3       path="POST /v1/t/stacks"
      └ rpc#create  heat-engine  1..2
        └ Stack.create#s heat-engine 2..433
    `);
    expect(screen.getByText(/continuation/).textContent).toBe("1 continuation");
    cleanup();
    renderHeader(`
      wsgi#post     osapi_compute  0..33      path="POST /v2.1/servers"
      ├ rpc#c1      osapi_compute  20..21
      │ └ rpc#w1    conductor      30..10600
      └ rpc#c2      osapi_compute  22..23
        └ rpc#w2    conductor      30..900
    `);
    expect(screen.getByText(/continuation/).textContent).toBe("2 continuations");
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

describe("TraceSummaryHeader's clock skew", () => {
  // h1 seems 50 µs behind h2 under a, and h2 50 µs behind h1 under c: no offsets meet both.
  const drifting = `
    wsgi#r      api   0..1000    host=h0 path="GET /x"
    ├ rpc#a     api   100..200   host=h1
    │ └ rpc#b   api   50..150    host=h2
    └ rpc#c     api   300..400   host=h2
      └ rpc#d   api   250..350   host=h1
  `;
  const line = () => screen.getByTestId("clock-skew").textContent;

  it("says the clocks drift when the bounds contradict each other", () => {
    renderHeader(drifting);
    expect(screen.getByTestId("clock-skew-solution").textContent).toBe(" (inconsistent: clocks drift)");
    expect(line()).toMatch(/^Clock skew \(inconsistent: clocks drift\): h1 ≥ 50\u00a0µs behind h0; h2 ≥ 50\u00a0µs behind h0/);
  });

  it("says the offsets were not estimated, not that clocks drift, when the solver's budget ran out", () => {
    renderHeader(drifting, (trace) => ({ ...estimateClockSkew(trace), solution: "too-large", boundHosts: 16_002, bounds: 32_000 }));
    expect(line()).not.toMatch(/drift/);
    expect(screen.getByTestId("clock-skew-solution").textContent).toBe(
      " (not estimated: 16,002 hosts, 32,000 caller-callee bounds, too many to solve here)",
    );
  });

  it("names no reason when the offsets are solved", () => {
    renderHeader(`
      wsgi#api        api      100..1000   host=ctl-1 path="POST /v2.1/servers"
      └ rpc#call      api      200..400    host=ctl-1
        └ rpc#served  compute  170..350    host=cmp-1
    `);
    expect(line()).toMatch(/^Clock skew: cmp-1 ≥ 30\u00a0µs behind ctl-1/);
    expect(screen.queryByTestId("clock-skew-solution")).toBeNull();
  });
});
