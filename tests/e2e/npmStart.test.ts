// `npm start` (scripts/start.ts) as an operator runs it: the web server and the collector as
// child processes. It prints the URL only once the collector's queue is bound, so a
// notification sent the moment the URL appears is stored; without a broker it says so and
// prints the URL anyway. Ctrl-C (SIGINT to the whole process group) stops everything with one
// drain of the collector and exit code 0.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuild } from "@/scripts/nextBuild";
import { findFreePort, ROOT } from "../browser/support/nextServer";
import { waitFor } from "../integration/collectorHarness";
import { AMQP_URL, envelopeV2, openBroker, profilerPayload, uniqueName, type Broker } from "../support/amqp";

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

type Started = {
  child: ChildProcess;
  url: string;
  /** The environment it runs with, for `npm run demo` beside it. */
  env: NodeJS.ProcessEnv;
  stdout(): string;
  /** The JSON log lines of every process (start, web, worker), parsed. */
  logs(): { scope?: string; msg?: string }[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const dirs: string[] = [];
const children: ChildProcess[] = [];

async function npmStart(env: Record<string, string>): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), "ostrace-start-"));
  dirs.push(dir);
  const port = await findFreePort();
  // Its own process group, as a terminal gives `npm start`, so the test can press Ctrl-C.
  const childEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: `file:${join(dir, "ostrace.db")}`,
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    detached: true,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const logs = () =>
    stderr.split("\n").flatMap((line) => {
      try {
        return [JSON.parse(line) as { scope?: string; msg?: string }];
      } catch {
        return [];
      }
    });
  return { child, url: `http://127.0.0.1:${port}`, env: childEnv, stdout: () => stdout, logs, exited };
}

describe("npm start", () => {
  let broker: Broker;
  const exchanges: string[] = [];
  const queues: string[] = [];

  beforeAll(async () => {
    broker = await openBroker();
    await ensureBuild(); // once, under the build lock, rather than inside a timed wait below
  }, 15 * 60_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    await broker?.cleanup({ queues, exchanges });
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the URL once the queue is bound, and stops on Ctrl-C with one drain and exit code 0", { timeout: 180_000 }, async () => {
    const exchange = uniqueName("ostrace-test-nova");
    const queue = uniqueName("ostrace-test-start");
    exchanges.push(exchange);
    queues.push(queue);
    const started = await npmStart({ AMQP_URL, OSTRACE_EXCHANGES: exchange, OSTRACE_QUEUE: queue });
    await waitFor("the URL", () => started.stdout().includes(`ostrace is running: open ${started.url}`), 120_000);
    expect(started.stdout()).toContain(`queue ${queue} bound`);

    // Sent the moment the URL shows: the collector's queue is there to keep it.
    const traceId = randomUUID();
    await broker.publish(
      exchange,
      envelopeV2(profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name: "wsgi", phase: "start", us: T0 })),
    );
    await waitFor("the notification stored", async () => (await fetch(`${started.url}/api/traces/${traceId}`)).ok, 30_000);
    const status = (await (await fetch(`${started.url}/api/status`)).json()) as { ready: boolean; connected: boolean };
    expect(status).toMatchObject({ ready: true, connected: true });

    process.kill(-started.child.pid!, "SIGINT");
    expect(await started.exited).toEqual({ code: 0, signal: null });
    const worker = started
      .logs()
      .filter((l) => l.scope === "worker")
      .map((l) => l.msg);
    expect(worker.filter((m) => m === "stopping: committing and acknowledging what was received")).toHaveLength(1);
    expect(worker).toContain("stopped");
    expect(worker.filter((m) => m?.startsWith("signal received again"))).toEqual([]);
  });

  it(
    "with a login configured, still prints the URL only once the queue is bound (read from the database, not the API)",
    { timeout: 180_000 },
    async () => {
      const exchange = uniqueName("ostrace-test-nova");
      const queue = uniqueName("ostrace-test-start");
      exchanges.push(exchange);
      queues.push(queue);
      const token = "start-token-0123456789abcdef";
      const started = await npmStart({
        AMQP_URL,
        OSTRACE_EXCHANGES: exchange,
        OSTRACE_QUEUE: queue,
        OSTRACE_AUTH: "token",
        OSTRACE_TOKEN: token,
      });
      await waitFor("the URL", () => started.stdout().includes(`ostrace is running: open ${started.url}`), 120_000);
      expect(started.stdout()).toContain(`queue ${queue} bound`);
      expect(started.stdout()).not.toContain("WARNING");
      expect((await fetch(`${started.url}/api/status`)).status).toBe(401);
      const status = (await (await fetch(`${started.url}/api/status`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        ready: boolean;
      };
      expect(status.ready).toBe(true);
      process.kill(-started.child.pid!, "SIGTERM");
      expect(await started.exited).toEqual({ code: 0, signal: null });
    },
  );

  it("warns under the URL when ostrace has no login and listens on every interface", { timeout: 180_000 }, async () => {
    const started = await npmStart({
      AMQP_URL: "amqp://guest:guest@127.0.0.1:1",
      OSTRACE_QUEUE: uniqueName("ostrace-test-start"),
      HOSTNAME: "0.0.0.0",
    });
    await waitFor("the URL", () => started.stdout().includes("ostrace is running: open http://localhost:"), 120_000);
    const port = new URL(started.url).port;
    expect(started.stdout()).toContain(
      `WARNING: no authentication (OSTRACE_AUTH=open) while listening on 0.0.0.0:${port}: anyone who reaches this port can read every trace`,
    );
    expect(started.logs().some((l) => l.scope === "start" && l.msg?.startsWith("no authentication (OSTRACE_AUTH=open)"))).toBe(true);
    process.kill(-started.child.pid!, "SIGTERM");
    expect(await started.exited).toEqual({ code: 0, signal: null });
  });

  it("says when no broker is reachable, and prints the URL anyway", { timeout: 180_000 }, async () => {
    const started = await npmStart({ AMQP_URL: "amqp://guest:secret@127.0.0.1:1", OSTRACE_QUEUE: uniqueName("ostrace-test-start") });
    await waitFor("the URL", () => started.stdout().includes(`ostrace is running: open ${started.url}`), 120_000);
    expect(started.stdout()).toContain("no RabbitMQ reachable at amqp://guest:***@127.0.0.1:1");
    expect(started.stdout()).not.toContain("secret");
    expect((await fetch(`${started.url}/api/health`)).ok).toBe(true);

    // `npm run demo` beside it (HTTP ingest: no broker): its links are where npm start said to
    // open ostrace (HOSTNAME=127.0.0.1, not localhost), and its big boot is the list's first row.
    const demo = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: ROOT, env: started.env, encoding: "utf8" });
    expect(demo.status, demo.stderr).toBe(0);
    const links = [...demo.stdout.matchAll(/^ {2}(\S+\/traces\/([0-9a-f-]{36})) {2}(.*)$/gm)];
    expect(links.length).toBeGreaterThan(1);
    for (const [, link] of links) expect(link).toMatch(new RegExp(`^${started.url}/traces/`));
    expect(demo.stdout).toContain(`Or browse them all at ${started.url}/`);
    expect(links[0]![3]).toMatch(/^boot a dozen VMs/);
    const list = (await (await fetch(`${started.url}/api/traces`)).json()) as { traces: { traceId: string }[] };
    expect(list.traces.map((t) => t.traceId)[0]).toBe(links[0]![2]);
    // Run again, it sends nothing (its base_ids are seeded) and says so, with the same links.
    const again = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: ROOT, env: started.env, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("Demo traces already stored by an earlier npm run demo (nothing sent):");
    expect(again.stdout).not.toMatch(/Posted|Published/);
    expect([...again.stdout.matchAll(/^ {2}(\S+\/traces\/[0-9a-f-]{36}) {2}/gm)].map((m) => m[1])).toEqual(links.map((m) => m[1]));
    // Run with another DATABASE_URL than npm start's (a second terminal without the export): it
    // sends, then cannot see its traces stored, and says which database it read and what to do.
    const elsewhere = mkdtempSync(join(tmpdir(), "ostrace-demo-elsewhere-"));
    try {
      const env = { ...started.env, DATABASE_URL: `file:${join(elsewhere, "other.db")}` };
      const astray = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: ROOT, env, encoding: "utf8" });
      expect(astray.status).toBe(1);
      expect(astray.stderr).toContain(`DATABASE_URL=file:${join(elsewhere, "other.db")} could not be read to see them stored (`);
      expect(astray.stderr).toContain("Run npm run demo with the same DATABASE_URL as npm start.");
      expect(astray.stderr).not.toContain("Invalid `prisma");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    process.kill(-started.child.pid!, "SIGTERM"); // systemd's stop
    expect(await started.exited).toEqual({ code: 0, signal: null });
  });
});
