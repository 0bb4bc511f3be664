import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { chooseTraceViewDefaults, OPEN_ON_PATH_MAX_SPANS } from "./chooseTraceViewDefaults";
import { EAGER_FINDINGS_SPANS } from "./explainWholeTrace";
import { PLAIN_TRACE_VIEW_DEFAULTS } from "./traceViewState";

// A server create: the API answers in 30 ms, the conductor works for 3 s after it.
const SERVER_CREATE = `
  wsgi#w        nova-api   0..30000       path="POST /v2.1/servers"
  ├ db#d1       nova-api   1000..2000     sql="SELECT 1"
  ├ db#d2       nova-api   2000..3000     sql="SELECT 2"
  └ rpc#c       nova-api   25000..26000
    └ rpc#s     conductor  27000..3000000
`;

describe("chooseTraceViewDefaults", () => {
  it("opens a trace whose work went on long after the answer on its critical path", () => {
    expect(chooseTraceViewDefaults(buildTrace(spansFromDrawing(SERVER_CREATE)), true)).toEqual({ criticalOnly: true });
  });

  it("opens a request that did its work before answering as it is", () => {
    const list = buildTrace(
      spansFromDrawing(`
        wsgi#w        nova-api   0..300000      path="GET /v2.1/servers/detail"
        ├ db#d1       nova-api   1000..150000   sql="SELECT 1"
        └ db#d2       nova-api   150000..290000 sql="SELECT 2"
      `),
    );
    expect(chooseTraceViewDefaults(list, true)).toEqual(PLAIN_TRACE_VIEW_DEFAULTS);
  });

  it("keeps the plain view while the trace's chunks still arrive", () => {
    expect(chooseTraceViewDefaults(buildTrace(spansFromDrawing(SERVER_CREATE)), false)).toEqual(PLAIN_TRACE_VIEW_DEFAULTS);
  });

  it("opens a server create with its API's 3,000 statements on its critical path: past the size whose findings come with the first render", () => {
    const big = serverCreateWith(3000);
    expect(big.size).toBeGreaterThan(EAGER_FINDINGS_SPANS);
    expect(chooseTraceViewDefaults(big, true)).toEqual({ criticalOnly: true });
    // While its chunks still arrive, as at any size, every span.
    expect(chooseTraceViewDefaults(big, false)).toEqual(PLAIN_TRACE_VIEW_DEFAULTS);
  });

  it("opens it on its critical path up to OPEN_ON_PATH_MAX_SPANS, with every span past it", () => {
    const largest = serverCreateWith(OPEN_ON_PATH_MAX_SPANS - 3);
    expect(largest.size).toBe(OPEN_ON_PATH_MAX_SPANS);
    expect(chooseTraceViewDefaults(largest, true)).toEqual({ criticalOnly: true });
    const past = serverCreateWith(OPEN_ON_PATH_MAX_SPANS - 2);
    expect(past.size).toBe(OPEN_ON_PATH_MAX_SPANS + 1);
    expect(chooseTraceViewDefaults(past, true)).toEqual(PLAIN_TRACE_VIEW_DEFAULTS);
  });
});

/** SERVER_CREATE with `statements` statements of 1 µs before its cast: statements + 3 spans. */
function serverCreateWith(statements: number) {
  const lines = Array.from({ length: statements }, (_, k) => `├ db#s${k} nova-api ${1000 + k}..${1001 + k} sql="SELECT ${k}"`);
  return buildTrace(
    spansFromDrawing(
      [
        'wsgi#w nova-api 0..30000 path="POST /v2.1/servers"',
        ...lines,
        "└ rpc#c nova-api 25000..26000",
        "  └ rpc#s conductor 27000..3000000",
      ].join("\n"),
    ),
  );
}
