// Checked against the real thing: Python's json.dumps, which jsonutils and kombu call.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Json } from "../../lib/notification/types";
import { formatPythonJson } from "./formatPythonJson";
import { formatTimestamp } from "./formatTimestamp";
import { formatTimestampUs } from "../../lib/notification/timestamp";
import { createRandom } from "./createRandom";

function pythonDumps(values: Json[]): string[] {
  const script = "import json, sys\nfor line in sys.stdin:\n    print(json.dumps(json.loads(line)))\n";
  const run = spawnSync("/usr/bin/python3", ["-c", script], {
    input: values.map((v) => JSON.stringify(v)).join("\n") + "\n",
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return run.stdout.split("\n").slice(0, -1);
}

describe("formatPythonJson", () => {
  const samples: Json[] = [
    {
      name: "db-start",
      info: { db: { statement: "SELECT 1", params: { id_1: 42, flag: true, none: null, list: [1, "a", []] } }, host: "compute-1" },
    },
    'quotes " and backslashes \\ and / slashes',
    "controls \n\r\t\b\f \u0000 \u0001 \u001f and DEL \u007f",
    "accents é ü ñ, CJK 日本, emoji 😀, euro €, NBSP \u00a0, line sep \u2028",
    "lone surrogate \ud800 here",
    "`backticks` and 'single quotes' and %(pyformat)s",
    { "": "empty key", ключ: "non-ASCII key", nested: { deeper: [{}, [], ""] } },
    [],
    {},
    -17,
    0,
    9_007_199_254_740_991,
  ];

  it("writes exactly what Python's json.dumps writes", () => {
    const expected = pythonDumps(samples);
    samples.forEach((sample, i) => expect(formatPythonJson(sample)).toBe(expected[i]));
  });

  it("gives the same text for long repeated strings (cached) as for fresh ones", () => {
    const statement = 'SELECT instances.created_at AS instances_created_at FROM instances WHERE "quoted" = %(x)s '.repeat(5);
    const first = formatPythonJson({ statement });
    const again = formatPythonJson({ statement: statement.slice(0) });
    expect(again).toBe(first);
    expect(first).toBe(pythonDumps([{ statement }])[0]);
  });
});

describe("formatTimestamp", () => {
  it("writes OSprofiler's %Y-%m-%dT%H:%M:%S.%f like lib/notification does", () => {
    const random = createRandom("timestamps");
    const base = Date.UTC(2024, 4, 1) * 1000;
    for (let i = 0; i < 5_000; i++) {
      const us = base + Math.floor(random.next() * 86_400_000_000 * 3);
      expect(formatTimestamp(us)).toBe(formatTimestampUs(us));
    }
    expect(formatTimestamp(base)).toBe("2024-05-01T00:00:00.000000");
  });
});
