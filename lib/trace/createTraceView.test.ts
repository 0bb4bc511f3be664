import { beforeAll, describe, expect, it, vi } from "vitest";
import { buildTrace } from "./buildTrace";
import { createTraceView, prepareTraceView, type TraceView } from "./createTraceView";
import { compileSpanSearch } from "./searchSpans";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { loadRegexEngine } from "./regexEngine";

// A nova boot, with a db span that has a child of its own (a driver call traced inside it).
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w         nova-api      0..1000   path="POST /v2.1/servers"
  ├ compute_api#c nova-api     10..900   fn=nova.compute.api.API.create
  │ ├ db#d1      nova-api      20..40    sql="SELECT * FROM flavors WHERE flavorid = ?"
  │ ├ db#d2      nova-api      50..300   sql="SELECT * FROM quotas"
  │ │ └ driver#x nova-api      60..250   fn=nova.virt.fake.FakeDriver.spawn
  │ ├ wsgi#g     glance-api    310..500  path="GET /v2/images/9f3c" project=glance host=img-1
  │ │ └ db#gd    glance-api    320..330  sql="SELECT * FROM images" project=glance host=img-1
  │ └ rpc#r      nova-conductor 600..890 fn=nova.conductor.rpcapi.ComputeTaskAPI.build_instances
  │   └ db#rd    nova-conductor 610..620 sql="UPDATE instances SET host = ?" err=OperationalError msg="database is locked"
  └ db#d3        nova-api      950..990  sql="INSERT INTO instances"
`),
);

/** The view as indented ids, as the timeline would list it with everything expanded. */
function outline(view: TraceView): string {
  return Array.from(view.order, (i, v) => "  ".repeat(view.depth[v]!) + trace.spanId[i]).join("\n");
}

// A regex search runs once its engine is loaded (lib/trace/regexEngine.ts), as the page loads it.
beforeAll(async () => {
  await loadRegexEngine();
});

describe("createTraceView", () => {
  it("without a filter is the whole tree", () => {
    const view = createTraceView(trace);
    expect(view.size).toBe(trace.size);
    expect(Array.from(view.order)).toEqual(Array.from({ length: trace.size }, (_, i) => i));
    expect(Array.from(view.depth)).toEqual(Array.from(trace.depth));
    expect(Array.from(view.subtreeEnd)).toEqual(Array.from(trace.subtreeEnd));
    expect(view.hidden.total).toBe(0);
  });

  it("hides DB spans and moves their children up to the nearest kept ancestor", () => {
    const view = createTraceView(trace, { hideDb: true });
    expect(outline(view)).toBe(["w", "  c", "    x", "    g", "    r"].join("\n"));
    expect(view.hidden).toEqual({ total: 5, db: 5, byName: 0, byService: 0, notMatching: 0, offCriticalPath: 0 });
    // x's parent in the view is c (its db parent is hidden); the trace itself is unchanged.
    expect(trace.spanId[view.order[view.parent[2]!]!]).toBe("c");
    expect(trace.spanId[trace.parent[trace.spanId.indexOf("x")]!]).toBe("d2");
  });

  it("hides by type and by service, counting each hidden span once", () => {
    const view = createTraceView(trace, { hideNames: ["rpc", "driver"], hideServices: ["glance-api", "nova-conductor"] });
    expect(outline(view)).toBe(["w", "  c", "    d1", "    d2", "  d3"].join("\n"));
    expect(view.hidden).toEqual({ total: 5, db: 0, byName: 2, byService: 3, notMatching: 0, offCriticalPath: 0 });
  });

  it("searches name, service, project, host, SQL, path and function name, case-insensitively by default", () => {
    const matchIds = (text: string, regex = false, caseSensitive = false) => {
      const view = createTraceView(trace, { search: { text, regex, caseSensitive } });
      return trace.spanId.filter((_, i) => view.matches?.[i]);
    };
    expect(matchIds("rpc")).toEqual(["r"]);
    expect(matchIds("GLANCE")).toEqual(["g", "gd"]);
    expect(matchIds("img-1")).toEqual(["g", "gd"]);
    expect(matchIds("quotas")).toEqual(["d2"]);
    expect(matchIds("/v2/images")).toEqual(["g"]);
    expect(matchIds("FakeDriver.spawn")).toEqual(["x"]);
    expect(matchIds("locked")).toEqual(["rd"]);
    expect(matchIds("^(INSERT|UPDATE)\\b", true)).toEqual(["rd", "d3"]);
    expect(matchIds("select", true, true)).toEqual([]);
    expect(matchIds("SELECT", false, true)).toEqual(["d1", "d2", "gd"]);
  });

  it("matches a span id only by a prefix of 8 characters or more", () => {
    const view = createTraceView(
      buildTrace(
        spansFromDrawing(`
      wsgi#4f2a9c1e-0000-4000-8000-000000000001  api  0..10
      db#4f2a9c1e-0000-4000-8000-000000000002    api  1..2
    `),
      ),
      { search: { text: "4f2a9c1e-0000-4000-8000-000000000002" } },
    );
    expect(view.matchCount).toBe(1);
    expect(createTraceView(view.trace, { search: { text: "4f2a" } }).matchCount).toBe(0);
  });

  it("gives an invalid regex back as an error value and applies no search", () => {
    const view = createTraceView(trace, { search: { text: "SELECT (", regex: true }, onlyMatches: true });
    expect(view.searchError).toMatch(/^invalid regular expression: /);
    expect(view.matches).toBeNull();
    expect(view.size).toBe(trace.size);
    expect(compileSpanSearch({ text: "" })).toBeNull();
  });

  it("holds a regex search pending until its engine is loaded: nothing matched, nothing refused, then applied", async () => {
    // A fresh module graph: the engine not loaded yet, as in a browser that just opened the page.
    vi.resetModules();
    const fresh = await import("./createTraceView");
    const engine = await import("./regexEngine");
    const filter = { search: { text: "instances|quotas", regex: true }, onlyMatches: true };
    const pending = fresh.createTraceView(trace, filter);
    expect(pending).toMatchObject({ searchPending: true, searchError: null, matches: null, matchCount: 0, size: trace.size });
    await engine.loadRegexEngine();
    const applied = fresh.createTraceView(trace, filter);
    expect(applied).toMatchObject({ searchPending: false, searchError: null, matchCount: 4 });
    expect(outline(applied)).toBe(["w", "  c", "    d2", "    r", "      rd", "  d3"].join("\n"));
  });

  it("keeps only matches with their ancestors", () => {
    const view = createTraceView(trace, { search: { text: "images" }, onlyMatches: true });
    expect(outline(view)).toBe(["w", "  c", "    g", "      gd"].join("\n"));
    expect(view.matchCount).toBe(2);
    expect(view.hidden).toMatchObject({ total: 6, notMatching: 6 });
  });

  it("combines hiding DB spans with only-matches: a match below a hidden span keeps its kept ancestors", () => {
    const view = createTraceView(trace, { hideDb: true, search: { text: "spawn" }, onlyMatches: true });
    expect(outline(view)).toBe(["w", "  c", "    x"].join("\n"));
    expect(view.hidden).toEqual({ total: 7, db: 5, byName: 0, byService: 0, notMatching: 2, offCriticalPath: 0 });
  });

  it("never changes the trace it views", () => {
    const before = JSON.stringify({ ...trace, receivedParentId: [...trace.receivedParentId] }, (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
    );
    createTraceView(trace, { hideDb: true, hideNames: ["wsgi"], search: { text: "x" }, onlyMatches: true });
    const after = JSON.stringify({ ...trace, receivedParentId: [...trace.receivedParentId] }, (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
    );
    expect(after).toBe(before);
  });

  it("hides a root and promotes its children to roots", () => {
    const view = createTraceView(trace, { hideNames: ["wsgi"] });
    expect(outline(view)).toBe(["c", "  d1", "  d2", "    x", "  gd", "  r", "    rd", "d3"].join("\n"));
    expect(view.parent[0]).toBe(-1);
    expect(view.parent[view.size - 1]).toBe(-1);
  });

  it("keeps only the critical path with its ancestors, and composes with the other filters", () => {
    // Two casts fan out; the second branch finishes last, so b1's work and its SQL are off the path.
    const fanOut = buildTrace(
      spansFromDrawing(`
      rpc#cond     cond  0..100
      ├ db#q       cond  2..4       sql="SELECT 1"
      ├ rpc#b1     cond  10..11
      │ └ rpc#w1   cmp1  20..500
      │   └ db#w1q cmp1  30..40     sql="SELECT 2"
      └ rpc#b2     cond  12..13
        └ rpc#w2   cmp2  25..800
          └ db#w2q cmp2  30..700    sql="SELECT 3"
    `),
    );
    const ids = (view: TraceView) => Array.from(view.order, (i) => fanOut.spanId[i]);
    const onPath = createTraceView(fanOut, { criticalOnly: true });
    expect(ids(onPath)).toEqual(["cond", "q", "b1", "b2", "w2", "w2q"]);
    expect(onPath.hidden).toMatchObject({ total: 2, offCriticalPath: 2 });
    expect(ids(createTraceView(fanOut, { criticalOnly: true, hideDb: true }))).toEqual(["cond", "b1", "b2", "w2"]);
  });
});

describe("createTraceView's tree, kept between views", () => {
  it("is the same tree while only the search changes, and the marks and counts follow the search", () => {
    const noDb = createTraceView(trace, { hideDb: true });
    const searched = createTraceView(trace, { hideDb: true, search: { text: "nova" } });
    expect(searched.order).toBe(noDb.order);
    expect(outline(searched)).toBe(outline(noDb));
    expect(searched.matchCount).toBe(4); // w, c, x, r: the DB spans match too but are hidden
    expect(createTraceView(trace, { hideDb: true, search: { text: "novaz" } }).matchCount).toBe(0);
    // "Only matches" makes the tree depend on the query.
    const only = createTraceView(trace, { hideDb: true, search: { text: "glance" }, onlyMatches: true });
    expect(only.order).not.toBe(noDb.order);
    expect(outline(only)).toBe(["w", "  c", "    g"].join("\n"));
  });

  it("gives the whole tree back when a filter is turned off, and the filtered one when it is turned on again", () => {
    const whole = createTraceView(trace);
    expect(whole.parent).toBe(trace.parent);
    const noDb = createTraceView(trace, { hideDb: true });
    expect(createTraceView(trace, {}).order).toBe(whole.order);
    expect(createTraceView(trace, { hideDb: true }).order).toBe(noDb.order);
    expect(createTraceView(trace, { hideDb: true, hideServices: ["glance-api"] }).order).not.toBe(noDb.order);
    // Views are values: one's counts are not another's.
    noDb.hidden.total = -1;
    expect(createTraceView(trace, { hideDb: true }).hidden.total).toBe(5);
  });

  it("builds a view's tree ahead (prepareTraceView), which the view of that filter then is, as it would have built it", () => {
    const drawing = `
    wsgi#w  api  0..100
    ├ db#d  api  10..20
    └ rpc#r api  30..90
      └ db#e api 40..50
    `;
    const prepared = buildTrace(spansFromDrawing(drawing));
    prepareTraceView(prepared, { hideDb: true });
    const view = createTraceView(prepared, { hideDb: true, search: { text: "api" } });
    expect(createTraceView(prepared, { hideDb: true }).order).toBe(view.order);
    const fresh = createTraceView(buildTrace(spansFromDrawing(drawing)), { hideDb: true, search: { text: "api" } });
    for (const k of ["order", "position", "parent", "depth", "subtreeEnd"] as const)
      expect(Array.from(view[k])).toEqual(Array.from(fresh[k]));
    expect(view.hidden).toEqual(fresh.hidden);
    expect(view.matchCount).toBe(fresh.matchCount);
  });

  it("keeps the trees of a few filters side by side: hide DB and critical path only both prepared, neither built again", () => {
    const trace = buildTrace(
      spansFromDrawing(`
    wsgi#w  api  0..100
    ├ db#d  api  10..20
    └ rpc#r api  30..90
      └ db#e api 40..50
    `),
    );
    prepareTraceView(trace, { hideDb: true });
    prepareTraceView(trace, { criticalOnly: true });
    const noDb = createTraceView(trace, { hideDb: true });
    const critical = createTraceView(trace, { criticalOnly: true });
    expect(createTraceView(trace, { hideDb: true }).order).toBe(noDb.order);
    expect(createTraceView(trace, { criticalOnly: true, search: { text: "rpc" } }).order).toBe(critical.order);
    // A third and a fourth filter push the oldest out: it is built again, as it was.
    createTraceView(trace, { hideServices: ["api"] });
    createTraceView(trace, { hideDb: true, criticalOnly: true });
    const again = createTraceView(trace, { hideDb: true });
    expect(again.order).not.toBe(noDb.order);
    expect(Array.from(again.order)).toEqual(Array.from(noDb.order));
    expect(createTraceView(trace, { criticalOnly: true }).order).not.toBe(critical.order);
  });
});
