import { describe, expect, it } from "vitest";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { alignCriticalPaths } from "./alignCriticalPaths";
import { alignTraces, type TraceAlignment } from "./alignTraces";
import { buildTimelineRows } from "./buildTimelineRows";
import { buildTrace } from "./buildTrace";
import { computeCriticalPath, type PathTimes } from "./computeCriticalPath";
import { createTraceView } from "./createTraceView";
import { findPathFolds } from "./findPathFolds";

function align(a: string, b: string): { al: TraceAlignment; path: PathTimes } {
  const al = alignTraces(buildTrace(spansFromDrawing(a)), buildTrace(spansFromDrawing(b)));
  return { al, path: alignCriticalPaths(al, computeCriticalPath(al.a), computeCriticalPath(al.b)) };
}

/** Every aligned row, indented, "A-id|B-id µs" with its time on the paths ("-" for none). */
function marks({ al, path }: { al: TraceAlignment; path: PathTimes }): string[] {
  return Array.from({ length: al.size }, (_, r) => {
    const side = (t: typeof al.a, i: number) => (i < 0 ? "-" : t.spanId[i]);
    const who = al.group[r] ? `group(${al.aCount[r]}|${al.bCount[r]})` : `${side(al.a, al.aSpan[r]!)}|${side(al.b, al.bSpan[r]!)}`;
    return `${"  ".repeat(al.merged.depth[r]!)}${who} ${path.bySpan[r]! > 0 ? path.bySpan[r] : "-"}`;
  });
}

/** The rows "critical path only" shows over the merged trace (with its folds, none opened), by merged id. */
function shown({ al, path }: { al: TraceAlignment; path: PathTimes }, collapsed: string[] = []): string[] {
  const view = createTraceView(al.merged, { criticalOnly: true, criticalPath: path });
  const folds = findPathFolds(view, path);
  const rows = buildTimelineRows(view, new Set(collapsed), { folds, opened: new Set() });
  return Array.from(rows.rows.subarray(0, rows.count), (v) => {
    const pad = "  ".repeat(view.depth[v]!);
    if (rows.folded?.[v]) return `${pad}[${folds.end[v]! - v} rows]`;
    return pad + al.merged.spanId[view.order[v]!];
  });
}

describe("alignCriticalPaths", () => {
  it("a pair where only B's cast got slower: the cast's work carries the time in both, the API's statements fold", () => {
    const pair = align(
      `
      wsgi#w          nova-api        0..40      path="POST /v2.1/servers"
      ├ db#a1         nova-api        1..3       sql="SELECT 1"
      ├ db#a2         nova-api        4..6       sql="SELECT 2"
      ├ db#a3         nova-api        7..9       sql="SELECT 3"
      ├ db#a4         nova-api        10..12     sql="SELECT 4"
      └ rpc#cast      nova-api        20..22     fn=build_instances
        └ rpc#cond    nova-conductor  100..1000  fn=build_instances
          ├ db#c1     nova-conductor  110..150   sql="SELECT c1"
          └ rpc#sch   nova-scheduler  400..900   fn=select_destinations
      `,
      `
      wsgi#W          nova-api        0..40      path="POST /v2.1/servers"
      ├ db#A1         nova-api        1..3       sql="SELECT 1"
      ├ db#A2         nova-api        4..6       sql="SELECT 2"
      ├ db#A3         nova-api        7..9       sql="SELECT 3"
      ├ db#A4         nova-api        10..12     sql="SELECT 4"
      └ rpc#CAST      nova-api        20..22     fn=build_instances
        └ rpc#COND    nova-conductor  100..5000  fn=build_instances
          ├ db#C1     nova-conductor  110..150   sql="SELECT c1"
          └ rpc#SCH   nova-scheduler  400..4900  fn=select_destinations
      `,
    );
    expect(marks(pair)).toEqual([
      "w|W 12", // its own time between the statements, the same in both
      "  a1|A1 2",
      "  a2|A2 2",
      "  a3|A3 2",
      "  a4|A4 2",
      "  cast|CAST 2",
      "    cond|COND 360", // its own time around its calls: the same in both
      "      c1|C1 40",
      "      sch|SCH 4500", // B's 4.5 ms, not A's 0.5 ms
    ]);
    expect(pair.path.wallUs).toBe(5000);
    // 1% of B's 5 ms is 50 µs: the API's four statements fold; the cast and the work below it stay.
    expect(shown(pair)).toEqual(["W", "  [4 rows]", "  CAST", "    COND", "      C1", "      SCH"]);
  });

  it("keeps a row only in B on B's path and one only in A on A's, and hides what is on neither", () => {
    // In A the API's network allocation outlasts the build; in B the port binding, new, does.
    // The build is on neither path: in both it ran beside the call that carried the time.
    const pair = align(
      `
      wsgi#w          nova-api        0..40      path="POST /v2.1/servers"
      ├ db#q          nova-api        1..3       sql="SELECT 1"
      ├ rpc#old       nova-api        5..8       fn=allocate
      │ └ rpc#net     nova-network    10..3000   fn=allocate_for_instance
      └ rpc#cast      nova-api        20..22     fn=build_instances
        └ rpc#cond    nova-conductor  100..1000  fn=build_instances
      `,
      `
      wsgi#W          nova-api        0..40      path="POST /v2.1/servers"
      ├ db#Q          nova-api        1..3       sql="SELECT 1"
      ├ rpc#CAST      nova-api        20..22     fn=build_instances
      │ └ rpc#COND    nova-conductor  100..1000  fn=build_instances
      └ rpc#NEW       nova-api        25..27     fn=bind
        └ rpc#BIND    nova-network    30..4000   fn=bind_port
      `,
    );
    expect(marks(pair)).toEqual([
      "w|W 21", // B's own time around its statement and casts: more than A's 3
      "  q|Q 2",
      "  old|- 3",
      "    net|- 2990", // on A's path, gone in B: where B gained, and it stays
      "  cast|CAST 2", // in B, the call W's own interval waited on last before the bind
      "    cond|COND -", // ran beside the call that carried the time, in both
      "  -|NEW 2",
      "    -|BIND 3970", // new in B, on B's path
    ]);
    expect(shown(pair)).toEqual(["W", "  Q", "  old", "    net", "  CAST", "  NEW", "    BIND"]);
  });

  it("keeps a group of B's extra calls when its members are on B's path, and the roots of a trace with several", () => {
    const pair = align(
      `
      rpc#c           nova-conductor  0..2000    fn=build_instances
      └ rpc#f1        nova-conductor  100..1900  fn=fetch
      rpc#o           nova-compute    2500..3000 fn=spawn
      `,
      `
      rpc#C           nova-conductor  0..5000    fn=build_instances
      ├ rpc#F1        nova-conductor  100..1000  fn=fetch
      ├ rpc#F2        nova-conductor  1000..2000 fn=fetch
      ├ rpc#F3        nova-conductor  2000..3000 fn=fetch
      └ rpc#F4        nova-conductor  3000..4900 fn=fetch
      rpc#O           nova-compute    5500..6000 fn=spawn
      rpc#X           nova-compute    100..200   fn=other
      `,
    );
    expect(marks(pair)).toEqual([
      "c|C 200",
      "  f1|F1 1800", // A's: the larger
      "  group(0|3) -", // no span of its own: its members carry the time
      "    -|F2 1000",
      "    -|F3 1000",
      "    -|F4 1900",
      "-|X -", // a root only in B, beside the build: on no path
      "o|O 500", // the last root, on both paths
    ]);
    expect(pair.path.wallUs).toBe(6000);
    expect(shown(pair)).toEqual(["C", "  F1", "  group-F2", "    F2", "    F3", "    F4", "O"]);
    // Collapsed, as the compare page shows a group until opened: the group row stands for them.
    expect(shown(pair, ["group-F2"])).toEqual(["C", "  F1", "  group-F2", "O"]);
  });
});
