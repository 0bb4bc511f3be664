// `npx ostrace ...` (the real bin, as a child process) against the real server (`next build` +
// `next start`, SQLite) seeded through the real ingest path: what each command prints, the
// bytes it streams, and how it fails (exit status and message).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { TraceImportResult } from "@/lib/api/types";
import type { TraceListPage } from "@/lib/trace/traceList";
import { CLI_HELP } from "@/lib/cli/cliHelp";
import { formatTailLine } from "@/lib/cli/formatTailLine";
import { buildHostileTrace } from "../browser/support/hostileTrace";
import { findFreePort, startServer, type TestServer } from "../browser/support/nextServer";
import { postNotifications, seedSyntheticTraces } from "../browser/support/seed";
import { envelopeV2, profilerPayload } from "../support/amqp";
import { runCli, startCli } from "../support/runCli";

let server: TestServer;
let env: Record<string, string>;
let dir: string;
let hostileId: string;
let synthetic: string[];
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

beforeAll(async () => {
  server = await startServer();
  env = { OSTRACE_URL: server.url };
  dir = mkdtempSync(join(tmpdir(), "ostrace-cli-"));
  const hostile = buildHostileTrace(T0);
  hostileId = hostile.traceId;
  await postNotifications(server.url, hostile.bodies);
  synthetic = await seedSyntheticTraces(server.url, { seed: "cli", traces: 3, errorRate: 0, start: T0 + 60_000_000, spanCount: 40 });
}, 15 * 60_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const list = async (query: string) => ((await (await fetch(`${server.url}/api/traces?${query}`)).json()) as TraceListPage).traces;
const bytes = async (path: string) => Buffer.from(await (await fetch(`${server.url}${path}`)).arrayBuffer());

describe("ostrace trace list", () => {
  it("prints the newest traces as osprofiler's table, with what each was", async () => {
    const run = await runCli(["trace", "list"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.toString().trimEnd().split("\n");
    expect(lines[1]).toMatch(/^\| base_id +\| start \(UTC\) +\| duration +\| answered +\| request +\| spans +\| errors \|$/);
    const expected = await list("sort=newest&limit=50");
    expect(lines.slice(3, -1).map((l) => l.split("|")[1]!.trim())).toEqual(expected.map((t) => t.traceId));
    const hostileRow = lines.find((l) => l.includes(hostileId))!;
    expect(hostileRow).toMatch(/\| 3 +\| 1 +\|$/);
  });

  it("lists only traces with an error with --error-trace, and as many as --limit says", async () => {
    const errors = await runCli(["trace", "list", "--error-trace"], env);
    const ids = errors.stdout
      .toString()
      .split("\n")
      .slice(3, -2)
      .map((l) => l.split("|")[1]!.trim());
    expect(ids).toEqual((await list("error=1&limit=50")).map((t) => t.traceId));
    expect(ids).toContain(hostileId);
    const one = await runCli(["--url", server.url, "trace", "list", "--limit", "1"], {});
    expect(one.stdout.toString().trimEnd().split("\n")).toHaveLength(5);
  });
});

describe("ostrace trace show --json / --dot", () => {
  it("streams the server's osprofiler.json and osprofiler.dot byte for byte, to standard output or --out", async () => {
    const id = synthetic[0]!;
    const json = await runCli(["trace", "show", id, "--json"], env);
    expect(json.code).toBe(0);
    expect(json.stdout.equals(await bytes(`/api/traces/${id}/osprofiler.json`))).toBe(true);
    const out = join(dir, "graph.dot");
    const dot = await runCli(["trace", "show", id, "--dot", "--out", out], env);
    expect([dot.code, dot.stdout.length]).toEqual([0, 0]);
    expect(readFileSync(out).equals(await bytes(`/api/traces/${id}/osprofiler.dot`))).toBe(true);
  });

  it("says which trace is unknown, exit 1", async () => {
    const unknown = randomUUID();
    const run = await runCli(["trace", "show", unknown, "--json"], env);
    expect(run.code).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toBe(`ostrace: 404 Not Found from /api/traces/${unknown}/osprofiler.json: no trace ${unknown} is stored\n`);
  });
});

describe("ostrace import", () => {
  it("posts each report and prints the trace it became; a file that fails is named and the rest still go in", async () => {
    const report = join(dir, "report.json");
    writeFileSync(report, readFileSync(join(import.meta.dirname, "../fixtures/osprofiler/report-boot.json")));
    const notReport = join(dir, "hello.json");
    writeFileSync(notReport, '{"hello": 1}');
    const run = await runCli(["import", notReport, join(dir, "missing.json"), report], env);
    expect(run.code).toBe(1);
    const [line] = run.stdout.toString().split("\n");
    const m = /^(.*): (http:\/\/\S+\/traces\/([0-9a-f-]{36})) \((\d+) spans\)$/.exec(line!);
    expect(m, line).not.toBeNull();
    expect(m![1]).toBe(report);
    const summary = (await (await fetch(`${server.url}/api/traces/${m![3]}`)).json()) as { ids: string[] };
    expect(summary.ids).toHaveLength(Number(m![4]));
    expect(run.stderr).toMatch(new RegExp(`^ostrace: ${notReport}: 422 .*\\n`));
    expect(run.stderr).toContain(`ostrace: ${join(dir, "missing.json")}: no such file\n`);

    const again = await runCli(["import", report], env);
    expect(again.code).toBe(0);
    expect(again.stdout.toString()).toBe(`${report}: ${m![2]} (${m![4]} spans, already stored)\n`);
    const result = (await (
      await fetch(`${server.url}/api/traces/import`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: readFileSync(report),
      })
    ).json()) as TraceImportResult;
    expect(result.traceId).toBe(m![3]);
  });
});

describe("ostrace tail", () => {
  it("prints the newest traces, then each new one as it arrives, and exits 0 on Ctrl-C", async () => {
    const child = startCli(["tail", "-n", "2", "--interval", "0.2"], env);
    // A failed expectation must not leave it polling.
    onTestFinished(() => void child.kill("SIGKILL"));
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const newest = (await list("sort=newest&limit=2")).reverse();
    await expect.poll(() => out.split("\n").length - 1, { timeout: 15_000 }).toBe(2);
    expect(
      out
        .split("\n")
        .slice(0, 2)
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual(newest.map((t) => t.traceId));

    // A new request whose path would retitle the terminal if printed raw.
    const fresh = { traceId: randomUUID(), spanId: randomUUID() };
    const us = Date.UTC(2030, 0, 1) * 1000;
    const request = { method: "GET", path: "/v2.1/servers\u001b]0;owned\u0007", query: "", scheme: "http" };
    await postNotifications(
      server.url,
      [
        profilerPayload({ ...fresh, parentId: fresh.traceId, name: "wsgi", phase: "start", us, info: { request } }),
        profilerPayload({ ...fresh, parentId: fresh.traceId, name: "wsgi", phase: "stop", us: us + 1500 }),
      ].map((p) => JSON.parse(envelopeV2(p)) as unknown),
    );
    await expect.poll(() => out, { timeout: 15_000 }).toContain(fresh.traceId);
    const last = out.trimEnd().split("\n").at(-1)!;
    const item = (await list("sort=newest&limit=1"))[0]!;
    expect(item.traceId).toBe(fresh.traceId);
    expect(last).toBe(formatTailLine(item));
    expect(last).toMatch(/^2030-01-01T00:00:00\.000000 .* 1 span .*GET \/v2\.1\/servers\\u001b\]0;owned\\u0007$/);
    expect(out).not.toMatch(/[\u001b\u0007]/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});

describe("against a server with a login (OSTRACE_AUTH=token)", () => {
  const TOKEN = "cli-test-token-0123456789";
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startServer({ OSTRACE_AUTH: "token", OSTRACE_TOKEN: TOKEN });
  }, 5 * 60_000);
  afterAll(async () => {
    await guarded?.stop();
  });

  it("sends $OSTRACE_TOKEN, or the user and password in --url, with every command; never prints them", async () => {
    const refused = await runCli(["trace", "list"], { OSTRACE_URL: guarded.url });
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/^ostrace: 401 Unauthorized from \/api\/traces: /)]);
    // The server's reason names its own variables; the CLI adds where it looks for credentials.
    expect(refused.stderr).toContain("the CLI sent no credentials: set OSTRACE_TOKEN");

    const report = join(dir, "guarded-report.json");
    writeFileSync(report, readFileSync(join(import.meta.dirname, "../fixtures/osprofiler/report-boot.json")));
    const imported = await runCli(["import", report], { OSTRACE_URL: guarded.url, OSTRACE_TOKEN: TOKEN });
    expect([imported.code, imported.stderr]).toEqual([0, ""]);
    const traceId = /\/traces\/([0-9a-f-]{36}) /.exec(imported.stdout.toString())![1]!;
    expect(imported.stdout.toString()).toMatch(new RegExp(`^${report}: ${guarded.url}/traces/${traceId} \\(\\d+ spans\\)\n$`));

    const withUrl = `http://anyone:${TOKEN}@${new URL(guarded.url).host}`;
    const listed = await runCli(["trace", "list", "--url", withUrl], {});
    expect([listed.code, listed.stderr]).toEqual([0, ""]);
    expect(listed.stdout.toString()).toContain(traceId);
    const shown = await runCli(["trace", "show", traceId, "--json"], { OSTRACE_URL: withUrl });
    expect(shown.code).toBe(0);
    const expected = await fetch(`${guarded.url}/api/traces/${traceId}/osprofiler.json`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(shown.stdout.equals(Buffer.from(await expected.arrayBuffer()))).toBe(true);

    const nobody = `http://127.0.0.1:${await findFreePort()}`;
    const unreachable = await runCli(["trace", "list", "--url", nobody.replace("//", `//anyone:${TOKEN}@`)], {});
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`cannot reach the ostrace server at ${nobody} (connection refused)`);
    expect(unreachable.stderr).not.toContain(TOKEN);
  });
});

describe("failures and help", () => {
  it("names an unreachable server and how to point at one, exit 1", async () => {
    const nobody = `http://127.0.0.1:${await findFreePort()}`;
    const run = await runCli(["trace", "list", "--url", nobody], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `ostrace: cannot reach the ostrace server at ${nobody} (connection refused). Start it (npm start), or point --url or OSTRACE_URL at it.\n`,
    );
  });

  it("refuses bad arguments with the reason and the command's help, exit 2", async () => {
    const run = await runCli(["trace", "show", "nope", "--json"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `ostrace: trace show: "nope" is not a base_id: expected a UUID like 0c6a8b65-1e1c-48a4-9b91-820b3225a34e\n\n${CLI_HELP.traceShow}\n`,
    );
  });

  it("prints each command's help, exit 0", async () => {
    for (const [args, text] of [
      [["--help"], CLI_HELP.main],
      [["trace", "list", "--help"], CLI_HELP.traceList],
      [["import", "-h"], CLI_HELP.import],
      [["tail", "--help"], CLI_HELP.tail],
    ] as const) {
      const run = await runCli([...args], env);
      expect([run.code, run.stdout.toString()]).toEqual([0, `${text}\n`]);
    }
  });
});
