// @vitest-environment jsdom
// The overview's colour scheme, in a file of its own: the page's dark-scheme query is made once
// per page (module state), so this file's page has a matchMedia from the start.
import { act, cleanup, render } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTimelineRows, buildTrace, createTraceView } from "@/lib/trace";
import { spansFromDrawing } from "@/testing/spansFromDrawing";
import { WHOLE_WINDOW } from "@/lib/ui/overviewWindow";
import { TraceOverview, type TraceOverviewProps } from "./TraceOverview";

const trace = buildTrace(
  spansFromDrawing(`
  wsgi#api   osapi_compute  0..1000
  ├ db#q     osapi_compute  100..200
  └ rpc#b    osapi_compute  300..900
`),
);
const view = createTraceView(trace);
let painted = 0;
let dark = true;
const listeners = new Set<() => void>();
const matchMedia = vi.fn(() => ({
  get matches() {
    return dark;
  },
  addEventListener: (_: string, f: () => void) => listeners.add(f),
  removeEventListener: (_: string, f: () => void) => listeners.delete(f),
}));

beforeAll(() => {
  window.matchMedia = matchMedia as never;
  globalThis.ImageData ??= class {
    constructor(
      public data: Uint8ClampedArray,
      public width: number,
      public height: number,
    ) {}
  } as unknown as typeof ImageData;
  HTMLCanvasElement.prototype.getContext = (() => ({ putImageData: () => void painted++ })) as never;
});
afterAll(cleanup);

describe("TraceOverview's colour scheme", () => {
  it("asks the browser for the dark-scheme query once, whatever the renders, and draws again when the scheme changes", () => {
    const props: TraceOverviewProps = {
      rows: buildTimelineRows(view, new Set()),
      palette: { slotOf: new Uint16Array(trace.size), colors: ["#4e79a7"] },
      emphasis: null,
      markers: [],
      window: WHOLE_WINDOW,
      firstVisibleRow: 0,
      endVisibleRow: 3,
      widthPx: 100,
      heightPx: 10,
      onWindow: vi.fn(),
      onMarker: vi.fn(),
    };
    const { rerender } = render(<TraceOverview {...props} />);
    // Every render reads the scheme (a keystroke's new rows, a scroll): the same query each time.
    for (let k = 1; k <= 3; k++)
      rerender(<TraceOverview {...props} rows={buildTimelineRows(view, new Set())} firstVisibleRow={k} endVisibleRow={3} />);
    expect(painted).toBe(1);
    expect(matchMedia).toHaveBeenCalledTimes(1);
    // The scheme turns light: drawn again (the faint colour is the light one), still the same query.
    dark = false;
    act(() => listeners.forEach((f) => f()));
    expect(painted).toBe(2);
    expect(matchMedia).toHaveBeenCalledTimes(1);
  });
});
