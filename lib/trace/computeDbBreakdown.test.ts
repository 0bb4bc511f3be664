import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { computeDbBreakdown } from "./computeDbBreakdown";
import { createTraceView } from "./createTraceView";
import { findSpanIndex } from "./findSpanIndex";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

// The quota check runs once per resource under compute#c: three times there (N+1), once under rpc#r.
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#w       api  0..1000
  ├ compute#c  api  10..900
  │ ├ db#q1    api  20..30    sql="SELECT in_use FROM quota_usages WHERE resource = 'cores'"
  │ ├ db#q2    api  40..55    sql="SELECT in_use FROM quota_usages WHERE resource = 'ram'"
  │ ├ db#q3    api  60..70    sql="select in_use from quota_usages where resource='instances'"
  │ ├ db#i     api  100..400  sql="INSERT INTO instances (uuid, host) VALUES ('a', 'b')"
  │ └ rpc#r    api  500..800
  │   ├ db#q4  api  510..520  sql="SELECT in_use FROM quota_usages WHERE resource = 'x'"
  │   └ db#u   api  600..700  sql="UPDATE instances SET host = ? WHERE id IN (1, 2, 3)" err=OperationalError
  └ db#u2      api  950..990  sql="UPDATE instances SET host = ? WHERE id IN (7)"
`),
);
const at = (id: string) => findSpanIndex(trace, id);

describe("computeDbBreakdown", () => {
  it("groups db spans by normalized statement with count, total, mean, max and span positions", () => {
    const db = computeDbBreakdown(createTraceView(trace));
    expect(db.groups.map((g) => [g.statement, g.count, g.totalUs, g.meanUs, g.maxUs, g.errors])).toEqual([
      ["insert into instances(uuid, host) values (…)", 1, 300, 300, 300, 0],
      ["update instances set host = ? where id in (…)", 2, 140, 70, 100, 1],
      ["select in_use from quota_usages where resource = ?", 4, 45, 11.25, 15, 0],
    ]);
    expect(db.groups[2]!.spans).toEqual(["q1", "q2", "q3", "q4"].map(at));
    expect(db.groups[2]!.example).toBe("SELECT in_use FROM quota_usages WHERE resource = 'cores'");
    expect(db).toMatchObject({ count: 7, totalUs: 485, wallShare: 0.485 });
  });

  it("flags a statement repeated under one parent as N+1, from the threshold on", () => {
    const db = computeDbBreakdown(createTraceView(trace));
    const quota = db.groups[2]!;
    expect(quota).toMatchObject({ nPlusOne: true, maxRepeats: 3, repeatedUnder: [{ parent: at("c"), count: 3 }] });
    expect(db.groups[1]).toMatchObject({ nPlusOne: false, maxRepeats: 1, repeatedUnder: [] });
    expect(computeDbBreakdown(createTraceView(trace), { nPlusOneThreshold: 4 }).groups[2]!.nPlusOne).toBe(false);
  });

  it("lists the slowest single calls with their group", () => {
    const db = computeDbBreakdown(createTraceView(trace), { slowestCount: 3 });
    expect(db.slowest).toEqual([
      { span: at("i"), durationUs: 300, group: 0 },
      { span: at("u"), durationUs: 100, group: 1 },
      { span: at("u2"), durationUs: 40, group: 1 },
    ]);
  });

  it("follows the view: hidden DB spans are not counted, a search narrows the groups", () => {
    expect(computeDbBreakdown(createTraceView(trace, { hideDb: true })).count).toBe(0);
    const onlyRpc = computeDbBreakdown(createTraceView(trace, { hideServices: [], search: { text: "UPDATE" }, onlyMatches: true }));
    expect(onlyRpc.groups.map((g) => g.count)).toEqual([2]);
  });

  it("groups db spans without a statement together", () => {
    const db = computeDbBreakdown(
      createTraceView(
        buildTrace(
          spansFromDrawing(`
      db#a  api  0..10
      db#b  api  20..25
    `),
        ),
      ),
    );
    expect(db.groups).toMatchObject([{ statement: "", example: null, count: 2, totalUs: 15 }]);
  });
});
