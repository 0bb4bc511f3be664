import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { computeCriticalPath } from "./computeCriticalPath";
import { estimateClockSkew, shiftClocks } from "./estimateClockSkew";
import { spansFromDrawing, T0 } from "../../testing/spansFromDrawing";
import { SpanFlag, type Trace } from "./types";

describe("estimateClockSkew", () => {
  // cmp-1's clock is 40 µs behind ctl-1's: both its spans seem to start before their callers.
  // cmp-2 is fine. The cast to cmp-2 outlives its parent, which is async, not skew.
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#api        api      100..1000   host=ctl-1 path="POST /v2.1/servers"
    ├ rpc#call      api      200..400    host=ctl-1
    │ └ rpc#served  compute  170..350    host=cmp-1
    │   └ rpc#back  api      330..340    host=ctl-1
    ├ rpc#call2     api      500..600    host=ctl-1
    │ └ rpc#served2 compute  490..560    host=cmp-1
    └ rpc#cast      api      700..710    host=ctl-1
      └ rpc#work    compute  800..5000   host=cmp-2
  `),
  );

  it("flags each span that starts before its parent, and estimates its host's offset from the worst edge", () => {
    const skewed = trace.spanId.filter((_, i) => trace.flags[i]! & SpanFlag.SKEW);
    expect(skewed).toEqual(["served", "served2"]);
    expect(estimateClockSkew(trace)).toEqual({
      reference: "ctl-1",
      hosts: [{ host: "cmp-1", offsetUs: 30, evidence: 2 }],
      solution: "solved",
      boundHosts: 3,
      bounds: 3,
      skewedSpans: 2,
    });
  });

  it("shifts the hosts only when asked, and then the flags go", () => {
    const shifted = shiftClocks(trace, estimateClockSkew(trace).hosts);
    const at = (id: string) => shifted.startUs[shifted.spanId.indexOf(id)]! - T0;
    expect([at("served"), at("served2"), at("work")]).toEqual([200, 520, 800]);
    expect(Array.from(shifted.flags).some((f) => f & SpanFlag.SKEW)).toBe(false);
    expect(trace.startUs[trace.spanId.indexOf("served")]! - T0).toBe(170); // the original is untouched
    expect(computeCriticalPath(shifted).bySpan.reduce((a, b) => a + b, 0) + computeCriticalPath(shifted).gapUs).toBe(
      shifted.finishedUs - shifted.startedUs,
    );
  });

  it("moves the caller's host back when the reference host is the one behind", () => {
    const skew = estimateClockSkew(
      buildTrace(
        spansFromDrawing(`
      wsgi#api      api     100..1000  host=ctl-1 path="GET /x"
      └ rpc#c       cond    300..400   host=ctl-2
        └ rpc#back  api     250..260   host=ctl-1
    `),
      ),
    );
    expect(skew.hosts).toEqual([{ host: "ctl-2", offsetUs: -50, evidence: 0 }]);
  });

  it("settles bounds that run through the reference host both ways, and shifting then leaves no skew", () => {
    // The build on cmp-1 calls neutron on ctl-2, which calls back into ctl-1 (the API's host).
    // port starts 50 before its cmp-1 caller and cb 50 before its ctl-2 caller: against ctl-1,
    // ctl-2's clock is at least 50 ahead and cmp-1's 100. Raising only the callee of a broken
    // bound made ctl-2 bounce between +50 (from cmp-1) and -50 (from ctl-1) and gave up as
    // contradictory ("clocks drift"), with offsets that made the corrected view worse.
    //
    //   api   ctl-1  100 |============================| 1000
    //   cast  ctl-1  200  |=|                               210
    //   build cmp-1  400        |===============|           900
    //   port  ctl-2  350      |=|                           380   starts 50 before build
    //   cb    ctl-1  300     |=|                            320   starts 50 before port
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#api          api   100..1000  host=ctl-1 path="POST /v2.1/servers"
      └ rpc#cast        api   200..210   host=ctl-1
        └ rpc#build     cmp   400..900   host=cmp-1
          └ wsgi#port   net   350..380   host=ctl-2
            └ rpc#cb    api   300..320   host=ctl-1
    `),
    );
    const skew = estimateClockSkew(trace);
    expect(skew).toEqual({
      reference: "ctl-1",
      hosts: [
        { host: "cmp-1", offsetUs: -100, evidence: 0 },
        { host: "ctl-2", offsetUs: -50, evidence: 1 },
      ],
      solution: "solved",
      boundHosts: 3,
      bounds: 3,
      skewedSpans: 2,
    });
    const shifted = shiftClocks(trace, skew.hosts);
    expect(Array.from(shifted.flags).some((f) => f & SpanFlag.SKEW)).toBe(false);
  });

  it("moves a shifted host's callees along when they would otherwise start before their callers", () => {
    // cmp-1 is 30 behind ctl-1; its call to ctl-2 started 10 after it. Raising cmp-1 alone would
    // put that call 20 before its caller: ctl-2 moves by 20 with it.
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#api       api  200..1000  host=ctl-1 path="GET /x"
      └ rpc#served   cmp  170..400   host=cmp-1
        └ wsgi#port  net  180..300   host=ctl-2
    `),
    );
    const skew = estimateClockSkew(trace);
    expect(skew.hosts).toEqual([
      { host: "cmp-1", offsetUs: 30, evidence: 1 },
      { host: "ctl-2", offsetUs: 20, evidence: 0 },
    ]);
    expect(Array.from(shiftClocks(trace, skew.hosts).flags).some((f) => f & SpanFlag.SKEW)).toBe(false);
  });

  it("says when the bounds contradict each other, and keeps each host's own worst lead", () => {
    const skew = estimateClockSkew(
      buildTrace(
        spansFromDrawing(`
      wsgi#r      api   0..1000    host=h0 path="GET /x"
      ├ rpc#a     api   100..200   host=h1
      │ └ rpc#b   api   50..150    host=h2
      └ rpc#c     api   300..400   host=h2
        └ rpc#d   api   250..350   host=h1
    `),
      ),
    );
    expect(skew.solution).toBe("contradictory");
    expect(skew.hosts).toEqual([
      { host: "h1", offsetUs: 50, evidence: 1 },
      { host: "h2", offsetUs: 50, evidence: 1 },
    ]);
  });

  // Host h(j) a microsecond behind h(j-1), the bounds drawn last to first: each round of the
  // relaxation met one more of them, so k hosts cost k rounds of 2k bounds.
  const chainOfHosts = (k: number) => {
    const lines = ["wsgi#root api 0..100000000 host=R"];
    for (let j = k; j >= 1; j--) {
      const start = 1000 + (k - j) * 10;
      lines.push(`├ rpc#p${j} api ${start}..${start + 5} host=h${j - 1}`, `│ └ rpc#c${j} api ${start - 1}..${start + 4} host=h${j}`);
    }
    return buildTrace(spansFromDrawing(lines.join("\n")));
  };

  it("solves a few hosts' bounds exactly, and a hostile trace's thousands of hosts in time linear in them, not quadratic", () => {
    const small = estimateClockSkew(chainOfHosts(40));
    expect(small.solution).toBe("solved");
    expect(small.hosts.slice(0, 2)).toEqual([
      { host: "h40", offsetUs: 40, evidence: 1 },
      { host: "h39", offsetUs: 39, evidence: 1 },
    ]);
    const time = (trace: Trace) => {
      const t = performance.now();
      estimateClockSkew(trace);
      return performance.now() - t;
    };
    const [base, big] = [chainOfHosts(2_000), chainOfHosts(16_000)];
    // Past the budget: not solved, and said so (not taken for clocks that contradict each other).
    expect(estimateClockSkew(big)).toMatchObject({ solution: "too-large", boundHosts: 16_002, bounds: 32_000 });
    time(base); // warm up
    const ratio = Math.min(...[0, 1, 2].map(() => time(big))) / Math.min(...[0, 1, 2].map(() => time(base)));
    // 8 times the hosts: ~8 times the time when linear, ~64 when each round visits every bound.
    expect(ratio).toBeLessThan(24);
  }, 120_000);

  it("finds nothing on one host or in an empty trace", () => {
    expect(estimateClockSkew(buildTrace([], "T"))).toEqual({
      reference: null,
      hosts: [],
      solution: "solved",
      boundHosts: 0,
      bounds: 0,
      skewedSpans: 0,
    });
    expect(estimateClockSkew(buildTrace(spansFromDrawing("wsgi#w api 0..10\n└ rpc#r api 5..20"))).hosts).toEqual([]);
  });
});
