import { describe, expect, it } from "vitest";
import { chooseBaseline, compareWithTypical, type ComparedTrace, type TraceAggregate } from "./compareWithTypical";

const ms = (us: number) => `${Math.round(us / 1000)} ms`;
const EXTRA = "select * from instance_extra where instance_uuid = %(uuid)s";
const FAULTS = "select * from instance_faults where uuid in (…)";

function trace(id: string, durationMs: number, services: string[], aggregates: Partial<TraceAggregate>[]): ComparedTrace {
  return {
    traceId: id,
    durationUs: durationMs * 1000,
    answeredUs: durationMs * 1000,
    errorCount: 0,
    services,
    aggregates: aggregates.map((a) => ({ kind: "call", key: "", count: 1, totalUs: 0, maxUs: 0, ...a })),
  };
}

/** A list request: wsgi > compute_api > n x db (instance_extra), plus neutron's ports call. */
function listRequest(id: string, servers: number, extraUs: number, opts: { neutron?: boolean } = {}): ComparedTrace {
  const dbUs = servers * extraUs;
  const apiUs = dbUs + 5000;
  const neutron = opts.neutron ?? true;
  return trace(id, (apiUs + (neutron ? 20_000 : 0) + 1000) / 1000, neutron ? ["neutron-server", "osapi_compute"] : ["osapi_compute"], [
    { key: "osapi_compute\twsgi", totalUs: apiUs + (neutron ? 20_000 : 0) + 1000 },
    { key: "osapi_compute\tcompute_api", totalUs: apiUs },
    { key: "osapi_compute\tdb", count: servers + 1, totalUs: dbUs + 300 },
    { kind: "sql", key: EXTRA, count: servers, totalUs: dbUs },
    { kind: "sql", key: FAULTS, count: 1, totalUs: 300 },
    ...(neutron ? [{ key: "neutron-server\twsgi", totalUs: 20_000 }] : []),
  ]);
}

describe("compareWithTypical", () => {
  const baseline = Array.from({ length: 9 }, (_, i) => listRequest(`b${i}`, 10 + (i % 3), 1000));

  it("names an N+1 that got worse: the time, where it went and how many more statements ran", () => {
    const slow = listRequest("slow", 250, 1000);
    const c = compareWithTypical(slow, baseline, ms);
    expect(c.baselineCount).toBe(9);
    expect(c.typicalDurationUs).toBe(37_000);
    const extra = c.statements.find((s) => s.key === EXTRA)!;
    expect(extra).toMatchObject({ count: 250, typicalCount: 11, status: "grew" });
    expect(c.statements[0]!.key).toBe(EXTRA);
    expect(c.statements.find((s) => s.key === FAULTS)!.status).toBe("same");
    // The db calls are the most specific call type carrying most of the 239 ms.
    expect(c.summary).toBe("239 ms slower than typical (37 ms): +239 ms in osapi_compute db; 239 more SELECT … FROM instance_extra.");
  });

  it("says a service that stopped sending is missing, and a new statement is new", () => {
    const quiet = listRequest("quiet", 11, 1000, { neutron: false });
    quiet.aggregates.push({ kind: "sql", key: "select 1", count: 1, totalUs: 10, maxUs: 10 });
    const c = compareWithTypical(quiet, baseline, ms);
    expect(c.services.find((s) => s.service === "neutron-server")).toMatchObject({
      status: "missing",
      totalUs: 0,
      typicalTotalUs: 20_000,
      typicalPresence: 1,
    });
    expect(c.services.find((s) => s.service === "osapi_compute")!.status).toBe("present");
    expect(c.calls.find((a) => a.key === "neutron-server\twsgi")!.status).toBe("missing");
    expect(c.statements.find((s) => s.key === "select 1")!.status).toBe("new");
    expect(c.summary).toBe(
      "20 ms faster than typical (37 ms): -20 ms in neutron-server wsgi; new select 1 (1×); no spans from neutron-server.",
    );
  });

  it("says it compares with one earlier trace when there is only one, not with 'typical'", () => {
    const [only] = baseline;
    expect(compareWithTypical(listRequest("slow", 250, 1000), [only!], ms).summary).toMatch(
      /^\d+ ms slower than the one earlier trace of this request \(\d+ ms\): /,
    );
    expect(compareWithTypical(listRequest("same", 10, 1000), [only!], ms).summary).toMatch(
      /^About as fast as the one earlier trace of this request \(\d+ ms, it took \d+ ms\)\.$/,
    );
  });

  it("leaves earlier traces that raised an error out of typical when others exist, and says so when none other does", () => {
    const failed = { ...listRequest("failed", 2, 1000), errorCount: 1 };
    expect(chooseBaseline([failed, ...baseline.slice(0, 2)]).map((b) => b.traceId)).toEqual(["b0", "b1"]);
    expect(chooseBaseline([failed])).toEqual([failed]);
    const slow = listRequest("slow", 250, 1000);
    expect(compareWithTypical(slow, chooseBaseline([failed, baseline[0]!]), ms)).toMatchObject({
      baselineCount: 1,
      baselineErrored: false,
    });
    const c = compareWithTypical(slow, chooseBaseline([failed]), ms);
    expect(c).toMatchObject({ baselineCount: 1, baselineErrored: true });
    expect(c.summary).toMatch(/^\d+ ms slower than the one earlier trace of this request \(28 ms, it raised an error\): /);
    const two = chooseBaseline([failed, { ...failed, traceId: "failed2" }]);
    expect(compareWithTypical(slow, two, ms).summary).toMatch(/^\d+ ms slower than typical \(28 ms, each raised an error\): /);
  });

  it("says so when the trace is typical, and when there is nothing to compare with", () => {
    expect(compareWithTypical(listRequest("same", 11, 1000), baseline, ms).summary).toBe(
      "About as fast as typical (37 ms, typical 37 ms).",
    );
    expect(compareWithTypical(listRequest("first", 11, 1000), [], ms)).toMatchObject({
      baselineCount: 0,
      summary: "No earlier trace of this request to compare with.",
    });
  });

  it("says when an asynchronous request's API answered unlike its typical self, the work it cast the same", () => {
    // server create: a 202 after ~30 ms, then ~10.5 s of conductor, scheduler and compute.
    const create = (id: string, answeredMs: number, durationMs: number) => ({
      ...trace(id, durationMs, ["nova-compute", "osapi_compute"], [{ key: "nova-compute\tdriver", totalUs: durationMs * 900 }]),
      answeredUs: answeredMs * 1000,
    });
    const creates = Array.from({ length: 9 }, (_, i) => create(`c${i}`, 30 + i, 10_500 + 10 * i));
    const slowAnswer = compareWithTypical(create("slow-api", 340, 10_560), creates, ms);
    expect(slowAnswer).toMatchObject({ answeredUs: 340_000, typicalAnsweredUs: 34_000 });
    expect(slowAnswer.summary).toBe("About as fast as typical (10560 ms, typical 10540 ms): the API answered in 340 ms (typical 34 ms).");
    // Answered as usual: nothing to say about it, whatever the work did.
    expect(compareWithTypical(create("usual", 33, 10_540), creates, ms).summary).toBe(
      "About as fast as typical (10540 ms, typical 10540 ms).",
    );
    // A trace whose root has not answered yet, or a baseline stored before answers were kept.
    expect(compareWithTypical({ ...create("open", 0, 10_540), answeredUs: null }, creates, ms).summary).not.toMatch(/answered/);
    const old = creates.map((c) => ({ ...c, answeredUs: null }));
    expect(compareWithTypical(create("new", 340, 10_540), old, ms)).toMatchObject({
      typicalAnsweredUs: null,
      summary: "About as fast as typical (10540 ms, typical 10540 ms).",
    });
  });

  it("says the culprit's time is summed over calls that overlap when the sum passes the wall time, here or typically", () => {
    // The demo's boot of a dozen VMs: 11 spawns side by side, 4.8-5.1 s each, in a 10.6 s trace,
    // against boots of one VM (3.6 s of spawn in 3.9 s).
    const boot = (id: string, spawns: number, spawnMs: number, durationMs: number) =>
      trace(id, durationMs, ["nova-compute"], [{ key: "nova-compute\tdriver", count: spawns, totalUs: spawns * spawnMs * 1000 }]);
    const ones = Array.from({ length: 3 }, (_, i) => boot(`one${i}`, 1, 3600 + i, 3900));
    const dozen = compareWithTypical(boot("dozen", 11, 5000, 10_600), ones, ms);
    expect(dozen.calls[0]).toMatchObject({ key: "nova-compute\tdriver", overlap: true, typicalOverlap: false });
    // The service's sum passes the wall time too, but a service is not marked: its spans nest.
    expect(dozen.services[0]).toMatchObject({ service: "nova-compute", totalUs: 55_000_000 });
    expect(dozen.services[0]).not.toHaveProperty("overlap");
    expect(dozen.services[0]).not.toHaveProperty("typicalOverlap");
    expect(dozen.summary).toBe(
      "6700 ms slower than typical (3900 ms): +51399 ms in nova-compute driver (summed over 11 calls that overlap, against 1).",
    );
    // Against the one earlier trace, it is named "there"; when the baseline's calls overlapped too, both counts.
    expect(compareWithTypical(boot("dozen", 11, 5000, 10_600), [ones[0]!], ms).summary).toMatch(
      /\+51400 ms in nova-compute driver \(summed over 11 calls that overlap, against 1\)\.$/,
    );
    const threes = Array.from({ length: 3 }, (_, i) => boot(`three${i}`, 3, 3600 + i, 4000));
    expect(compareWithTypical(boot("dozen", 11, 5000, 10_600), threes, ms).summary).toMatch(
      / in nova-compute driver \(summed over calls that overlap: 11 here, 3 typically\)\.$/,
    );
    // Faster than usual, only the typical calls overlapping: said of them.
    expect(compareWithTypical(boot("one", 1, 2900, 3000), threes, ms).summary).toBe(
      "1000 ms faster than typical (4000 ms): -7903 ms in nova-compute driver (typically summed over 3 calls that overlap, against 1).",
    );
    // None here at all: said so, not "only typically".
    expect(compareWithTypical(trace("none", 3000, ["nova-compute"], []), threes, ms).summary).toMatch(
      / in nova-compute driver \(typically summed over 3 calls that overlap, none here\)\.$/,
    );
    // Calls in turn, their sum within the wall time: nothing to add.
    const inTurn = compareWithTypical(boot("turns", 2, 4000, 8100), ones, ms);
    expect(inTurn.calls[0]).toMatchObject({ overlap: false, typicalOverlap: false });
    expect(inTurn.summary).toBe("4200 ms slower than typical (3900 ms): +4399 ms in nova-compute driver.");
  });
});
