import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { chooseLinkDefaults } from "./chooseLinkDefaults";
import { chooseTraceViewDefaults } from "./chooseTraceViewDefaults";
import { DEFAULT_TRACE_VIEW_STATE, formatTraceViewState, parseTraceViewState } from "./traceViewState";

// A server create as a live page first receives it: the API has answered, its cast's work not in yet.
const ANSWERED = `
  wsgi#w        nova-api   0..30000       path="POST /v2.1/servers"
  ├ db#d1       nova-api   1000..2000     sql="SELECT 1"
  └ rpc#c       nova-api   25000..26000
`;
// The same once the conductor's three seconds of work are in.
const WORKED = `
  wsgi#w        nova-api   0..30000       path="POST /v2.1/servers"
  ├ db#d1       nova-api   1000..2000     sql="SELECT 1"
  └ rpc#c       nova-api   25000..26000
    └ rpc#s     conductor  27000..3000000
`;

const answered = buildTrace(spansFromDrawing(ANSWERED));
const worked = buildTrace(spansFromDrawing(WORKED));
const everySpan = { ...DEFAULT_TRACE_VIEW_STATE, criticalOnly: false };
const pathOnly = { ...DEFAULT_TRACE_VIEW_STATE, criticalOnly: true };

/** What a page opened on `trace` shows for the query a link written with these defaults carries. */
function opened(query: string, trace = worked) {
  return parseTraceViewState(query, chooseTraceViewDefaults(trace, true)).criticalOnly;
}

describe("chooseLinkDefaults", () => {
  it("writes a link against the defaults of the trace as it is now, not as the page first received it", () => {
    // The page opened on the answer alone (every span); the work is in now and the trace is quiet.
    expect(chooseTraceViewDefaults(answered, true)).toEqual({ criticalOnly: false });
    const query = formatTraceViewState(everySpan, chooseLinkDefaults(worked, true, false, everySpan));
    expect(query).toBe("crit=0");
    expect(opened(query)).toBe(false);
    // The critical path, now this trace's own default, needs no word in the link.
    expect(formatTraceViewState(pathOnly, chooseLinkDefaults(worked, true, false, pathOnly))).toBe("");
  });

  it("names 'critical path only' either way while spans still arrive: the reader's version may decide otherwise", () => {
    for (const shown of [everySpan, pathOnly]) {
      const query = formatTraceViewState(shown, chooseLinkDefaults(answered, true, true, shown));
      expect(query).toBe(shown.criticalOnly ? "crit=1" : "crit=0");
      // Opened on either version, the link shows what its writer saw.
      expect(opened(query, answered)).toBe(shown.criticalOnly);
      expect(opened(query, worked)).toBe(shown.criticalOnly);
    }
  });

  it("keeps a plain link for a trace whose defaults are plain and no longer change", () => {
    expect(formatTraceViewState(everySpan, chooseLinkDefaults(answered, true, false, everySpan))).toBe("");
  });
});
