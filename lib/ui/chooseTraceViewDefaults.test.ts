import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { chooseTraceViewDefaults } from "./chooseTraceViewDefaults";
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

  it("keeps the plain view past the size whose critical path comes with the first render", () => {
    const statements = Array.from(
      { length: EAGER_FINDINGS_SPANS },
      (_, k) => `├ db#s${k} nova-api ${1000 + k}..${1001 + k} sql="SELECT ${k}"`,
    );
    const big = buildTrace(
      spansFromDrawing(
        [
          'wsgi#w nova-api 0..30000 path="POST /v2.1/servers"',
          ...statements,
          "└ rpc#c nova-api 25000..26000",
          "  └ rpc#s conductor 27000..3000000",
        ].join("\n"),
      ),
    );
    expect(big.size).toBeGreaterThan(EAGER_FINDINGS_SPANS);
    expect(chooseTraceViewDefaults(big, true)).toEqual(PLAIN_TRACE_VIEW_DEFAULTS);
  });
});
