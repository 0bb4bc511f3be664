import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { chooseCompareViewDefaults } from "./chooseCompareViewDefaults";
import { PLAIN_TRACE_VIEW_DEFAULTS } from "./traceViewState";

// A server create: the API answers in 30 ms, the conductor works for 3 s after it.
const serverCreate = () =>
  buildTrace(
    spansFromDrawing(`
      wsgi#w        nova-api   0..30000       path="POST /v2.1/servers"
      ├ db#d1       nova-api   1000..2000     sql="SELECT 1"
      └ rpc#c       nova-api   25000..26000
        └ rpc#s     conductor  27000..3000000
    `),
  );
// A request that did its work before answering.
const listServers = () =>
  buildTrace(
    spansFromDrawing(`
      wsgi#w        nova-api   0..300000      path="GET /v2.1/servers/detail"
      ├ db#d1       nova-api   1000..150000   sql="SELECT 1"
      └ db#d2       nova-api   150000..290000 sql="SELECT 2"
    `),
  );

describe("chooseCompareViewDefaults", () => {
  it("opens a pair on the critical path when either trace's work outlived its answer", () => {
    expect(chooseCompareViewDefaults(serverCreate(), serverCreate())).toEqual({ criticalOnly: true });
    expect(chooseCompareViewDefaults(listServers(), serverCreate())).toEqual({ criticalOnly: true });
    expect(chooseCompareViewDefaults(serverCreate(), listServers())).toEqual({ criticalOnly: true });
  });

  it("opens a pair of plain traces as it is", () => {
    expect(chooseCompareViewDefaults(listServers(), listServers())).toEqual(PLAIN_TRACE_VIEW_DEFAULTS);
  });
});
