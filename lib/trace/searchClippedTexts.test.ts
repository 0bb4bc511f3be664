// The page's search of a trace whose texts were clipped for display (clipTraceTexts.ts): a clipped
// text is matched by its kept start, never by its clip mark's words, and in full once the server's
// answer (matchWholeTexts.ts, SpanSearch.clippedMatches) is in.
import { beforeAll, describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { clipTraceTexts } from "./clipTraceTexts";
import { createTraceView } from "./createTraceView";
import { estimateClockSkew, shiftClocks } from "./estimateClockSkew";
import { labelCall } from "./labelCall";
import { matchWholeTexts } from "./matchWholeTexts";
import { loadRegexEngine } from "./regexEngine";
import { compileSpanSearch, isSearchError, matchSearch, matchSpans, readClippedLength, type SpanSearch } from "./searchSpans";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

const UUID = "4f6a5d1e-2b7c-4e0a-9d3f-a1b2c3d4e5f6";
const long =
  `SELECT instance_faults.created_at FROM instance_faults WHERE instance_faults.instance_uuid IN (`.padEnd(9_999, "'x', ") + `'${UUID}')`;

function clippedTrace() {
  const spans = spansFromDrawing(`
  wsgi#w       nova-api   0..100   path="GET /v2.1/servers/detail"
  ├ db#d       nova-api   10..20   sql="LONG"
  ├ db#e       nova-api   30..40   sql="SELECT * FROM instances"
  └ rpc#r      conductor  50..90   fn=nova.conductor.api.ComputeTaskAPI.build
`).map((s) => (s.detail === "LONG" ? { ...s, detail: long } : s));
  return clipTraceTexts(buildTrace(spans));
}

function found(trace: ReturnType<typeof clippedTrace>, search: SpanSearch): string[] {
  const matcher = compileSpanSearch(search);
  if (matcher === null || isSearchError(matcher)) throw new Error("expected a matcher");
  const { matches } = matchSearch(trace, search, matcher);
  return trace.spanId.filter((_, i) => matches[i]);
}

const answer = (search: SpanSearch) => new Set(matchWholeTexts([long], 4000, search) as string[]);

beforeAll(async () => {
  await loadRegexEngine();
});

describe("searching a trace with clipped texts", () => {
  it("matches a clipped text by its kept start, not by its clip mark's words", () => {
    const trace = clippedTrace();
    expect(readClippedLength(trace)).toBe(4000);
    expect(found(trace, { text: "instance_faults.instance_uuid" })).toEqual(["d"]);
    expect(found(trace, { text: "clipped for display" })).toEqual([]);
    expect(found(trace, { text: "9999 characters" })).toEqual([]);
    expect(found(trace, { text: "\\]$", regex: true })).toEqual([]);
  });

  it("adds the clipped texts the server found in full, for plain and regex search", () => {
    const trace = clippedTrace();
    expect(found(trace, { text: UUID })).toEqual([]);
    expect(found(trace, { text: UUID, clippedMatches: answer({ text: UUID }) })).toEqual(["d"]);
    const regex = { text: "'4f6a5d1e-[0-9a-f-]+'\\)$", regex: true };
    expect(found(trace, regex)).toEqual([]);
    expect(found(trace, { ...regex, clippedMatches: answer(regex) })).toEqual(["d"]);
    // An answer that names nothing leaves the local matches.
    expect(found(trace, { text: "SELECT", clippedMatches: new Set() })).toEqual(["d", "e"]);
  });

  it("narrows a longer query from the last one only when that one had the server's answer", () => {
    const trace = clippedTrace();
    // Typed on: "4f6a" without the answer matched nothing; "4f6a5d" must not narrow from it.
    expect(found(trace, { text: "4f6a" })).toEqual([]);
    expect(found(trace, { text: "4f6a5d", clippedMatches: answer({ text: "4f6a5d" }) })).toEqual(["d"]);
    // Without its own answer yet, a longer query holds the clipped texts to their start again.
    expect(found(trace, { text: "4f6a5d1e" })).toEqual([]);
  });

  it("gives, typed key by key with and without answers, what a fresh search gives", () => {
    const trace = clippedTrace();
    const text = `instance_faults.instance_uuid in ('x', '${UUID}')`;
    // Each prefix of the query, its answer in or not (a fixed pattern over both, as typing goes).
    for (let k = 1; k <= text.length; k++) {
      const search: SpanSearch = { text: text.slice(0, k), ...(k % 3 !== 1 ? { clippedMatches: answer({ text: text.slice(0, k) }) } : {}) };
      const matcher = compileSpanSearch(search);
      if (matcher === null || isSearchError(matcher)) throw new Error("expected a matcher");
      const got = matchSearch(trace, search, matcher);
      const fresh = matchSpans(trace, matcher, undefined, search.clippedMatches);
      expect({ k, matches: Array.from(got.matches) }).toEqual({ k, matches: Array.from(fresh.matches) });
    }
  });

  it("says in the view when clipped texts were matched by their start only", () => {
    const trace = clippedTrace();
    expect(createTraceView(trace, { search: { text: UUID } })).toMatchObject({ matchCount: 0, searchClippedOnly: true });
    expect(createTraceView(trace, { search: { text: UUID, clippedMatches: answer({ text: UUID }) } })).toMatchObject({
      matchCount: 1,
      searchClippedOnly: false,
    });
    const everyday = buildTrace(spansFromDrawing(`wsgi#w  nova-api  0..100  path="GET /v2.1/servers"`));
    expect(readClippedLength(everyday)).toBeNull();
    expect(createTraceView(everyday, { search: { text: "servers" } })).toMatchObject({ matchCount: 1, searchClippedOnly: false });
  });

  it("keeps a clipped text clipped, and searchable past the clip, in the clock-shifted view", () => {
    // The db span's host runs 5 µs behind its caller's (it seems to start first): the page's clock-shift view rebuilds the trace.
    const spans = spansFromDrawing(`
    wsgi#w       nova-api   10..100  host=ctl-1 path="GET /v2.1/servers/detail"
    ├ db#d       nova-api   5..20    host=db-1 sql="LONG"
    └ rpc#r      conductor  50..90   host=ctl-1 fn=nova.conductor.api.ComputeTaskAPI.build
  `).map((s) => (s.detail === "LONG" ? { ...s, detail: long } : s));
    const trace = clippedTrace();
    const received = clipTraceTexts(buildTrace(spans));
    const skew = estimateClockSkew(received);
    expect(skew.hosts).toEqual([{ host: "db-1", offsetUs: 5, evidence: 1 }]);
    const shifted = shiftClocks(received, skew.hosts);
    expect(shifted.startUs[1]! - received.startUs[1]!).toBe(5);
    // What the page asks the server for, the details panel's clip notice and the label all read clippedTexts.
    expect(readClippedLength(shifted)).toBe(4000);
    expect(shifted.clippedTexts).toBe(received.clippedTexts);
    expect(labelCall(shifted, 1)).toBe(labelCall(trace, 1));
    expect(found(shifted, { text: "9999 characters" })).toEqual([]);
    expect(found(shifted, { text: UUID, clippedMatches: answer({ text: UUID }) })).toEqual(["d"]);
  });
});
