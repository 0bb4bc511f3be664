import { describe, expect, it } from "vitest";
import type { TraceListItem } from "../trace/traceList";
import { describeMissingCredentials } from "./describeMissingCredentials";
import { followNewTraces } from "./followNewTraces";
import { formatOsprofilerTime } from "./formatOsprofilerTime";
import { formatTailLine } from "./formatTailLine";
import { formatTraceTable } from "./formatTraceTable";
import { sanitizeTerminalText } from "./sanitizeTerminalText";

const T0 = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123456;

function item(traceId: string, patch: Partial<TraceListItem> = {}): TraceListItem {
  return {
    traceId,
    startUs: T0,
    durationUs: 1_234_000,
    answeredUs: null,
    spanCount: 312,
    errorCount: 0,
    unfinishedCount: 0,
    noStartCount: 0,
    services: [],
    projects: [],
    hosts: [],
    rootName: "wsgi",
    rootMethod: "POST",
    rootPath: "/v2.1/servers",
    rootRequests: 1,
    updatedUs: T0,
    droppedSpans: 0,
    truncated: null,
    ...patch,
  };
}

describe("formatTraceTable", () => {
  it("prints osprofiler's prettytable layout with the columns an operator picks a trace by", () => {
    const table = formatTraceTable([
      item("3aee52c6-d52d-49d1-b14a-748c771f5d02", { errorCount: 2, answeredUs: 33_100 }),
      item("0c6a8b65-1e1c-48a4-9b91-820b3225a34e", { durationUs: 850, spanCount: 1, rootMethod: null, rootPath: null, rootName: "rpc" }),
    ]);
    expect(table).toBe(
      [
        "+--------------------------------------+----------------------------+----------+----------+--------------------+-------+--------+",
        "| base_id                              | start (UTC)                | duration | answered | request            | spans | errors |",
        "+--------------------------------------+----------------------------+----------+----------+--------------------+-------+--------+",
        "| 3aee52c6-d52d-49d1-b14a-748c771f5d02 | 2024-05-01T10:11:12.123456 | 1.23 s   | 33.1 ms  | POST /v2.1/servers | 312   | 2      |",
        "| 0c6a8b65-1e1c-48a4-9b91-820b3225a34e | 2024-05-01T10:11:12.123456 | 850 µs   | -        | rpc                | 1     | 0      |",
        "+--------------------------------------+----------------------------+----------+----------+--------------------+-------+--------+",
      ].join("\n"),
    );
  });

  it("never lets a request's control characters reach the terminal, and cuts long ones", () => {
    const table = formatTraceTable([
      item("3aee52c6-d52d-49d1-b14a-748c771f5d02", { rootPath: `/x\u001b[2J\u001b]0;owned\u0007${"a".repeat(100)}` }),
    ]);
    for (const line of table.split("\n")) expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(table).toContain("/x\\u001b[2J\\u001b]0;owned\\u0007aaa");
    expect(table.split("\n")[3]).toMatch(/a…\s+\| 312/);
  });
});

describe("sanitizeTerminalText", () => {
  it("escapes C0, C1 and bidi controls and keeps other text, cut to a number of characters", () => {
    expect(sanitizeTerminalText("GET /\u202eevil\u0085 ✓")).toBe("GET /\\u202eevil\\u0085 ✓");
    expect(sanitizeTerminalText("😀😀😀😀", 3)).toBe("😀😀…");
  });
});

describe("formatOsprofilerTime", () => {
  it("writes OSprofiler's timestamp form, to the microsecond", () => {
    expect(formatOsprofilerTime(T0)).toBe("2024-05-01T10:11:12.123456");
    expect(formatOsprofilerTime(Date.UTC(2024, 0, 1) * 1000 + 7)).toBe("2024-01-01T00:00:00.000007");
  });
});

describe("tail", () => {
  it("prints one aligned line per trace, the request last", () => {
    expect(formatTailLine(item("3aee52c6-d52d-49d1-b14a-748c771f5d02", { errorCount: 1 }))).toBe(
      "2024-05-01T10:11:12.123456  3aee52c6-d52d-49d1-b14a-748c771f5d02      1.23 s           -     312 spans  1 error    POST /v2.1/servers",
    );
    // A server create: the API answered in 33 ms, its casts' work went on for 10.6 s.
    expect(formatTailLine(item("3aee52c6-d52d-49d1-b14a-748c771f5d02", { durationUs: 10_600_000, answeredUs: 33_100 }))).toBe(
      "2024-05-01T10:11:12.123456  3aee52c6-d52d-49d1-b14a-748c771f5d02      10.6 s     33.1 ms     312 spans             POST /v2.1/servers",
    );
  });

  it("follows the newest traces: only the ones not printed yet, oldest first", () => {
    const a = item("a"),
      b = item("b"),
      c = item("c"),
      d = item("d");
    let { state, fresh } = followNewTraces({ seen: [] }, [b, a]);
    expect(fresh.map((t) => t.traceId)).toEqual(["a", "b"]);
    ({ state, fresh } = followNewTraces(state, [d, c, b, a]));
    expect(fresh.map((t) => t.traceId)).toEqual(["c", "d"]);
    ({ state, fresh } = followNewTraces(state, [d, c]));
    expect(fresh).toEqual([]);
    expect(state.seen).toEqual(["a", "b", "c", "d"]);
  });

  it("remembers a bounded number of printed traces", () => {
    const many = Array.from({ length: 6000 }, (_, i) => item(`t${i}`)).reverse();
    const { state, fresh } = followNewTraces({ seen: [] }, many);
    expect(fresh).toHaveLength(6000);
    expect(state.seen).toHaveLength(5000);
    expect(state.seen.at(-1)).toBe("t5999");
  });
});

describe("describeMissingCredentials", () => {
  it("says where the CLI takes credentials from when a 401 came to a request without any", () => {
    expect(describeMissingCredentials(401, false)).toContain(
      "set OSTRACE_TOKEN (OSTRACE_AUTH=token), or put user:password in --url or OSTRACE_URL",
    );
  });

  it("says nothing for wrong credentials (the server's reason says it) or other statuses", () => {
    expect(describeMissingCredentials(401, true)).toBeNull();
    expect(describeMissingCredentials(403, false)).toBeNull();
    expect(describeMissingCredentials(404, false)).toBeNull();
  });
});
