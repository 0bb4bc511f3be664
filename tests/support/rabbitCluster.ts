// A RabbitMQ cluster of its own for a test: N nodes on this machine (ostestN@localhost, AMQP
// port 5700+N, distribution port 25700+N), each a rabbitmq-server process in a process group of
// its own with its data, logs and config under a temporary directory, joined into one cluster
// with rabbitmqctl. They share the system broker's Erlang cookie (a copy, mode 400, in each
// node's HOME) and its epmd, and clash with nothing it uses (5672). Needs root, as the system
// broker's cookie is readable only by its owner.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { accessSync, chmodSync, constants, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const RABBITMQ_SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
const COOKIE = "/var/lib/rabbitmq/.erlang.cookie";
const run = promisify(execFile);

type RabbitNode = { name: string; url: string; port: number; home: string };

export type RabbitCluster = {
  nodes: RabbitNode[];
  /** Kills node `i` (SIGKILL to its process group): a crashed broker machine, not a clean stop. */
  killNode(i: number): Promise<void>;
  /** rabbitmqctl against node `i`. */
  ctl(i: number, ...args: string[]): Promise<string>;
  close(): Promise<void>;
};

/** Why this machine cannot run a local cluster, or null when it can. */
export function rabbitClusterUnavailable(): string | null {
  try {
    accessSync(RABBITMQ_SERVER, constants.X_OK);
  } catch {
    return `${RABBITMQ_SERVER} is not installed (Debian package rabbitmq-server)`;
  }
  try {
    accessSync(COOKIE, constants.R_OK);
  } catch {
    return `${COOKIE} is not readable: the local cluster needs root`;
  }
  return null;
}

export async function startRabbitCluster(size: number, basePort = 5700): Promise<RabbitCluster> {
  const dir = mkdtempSync(join(tmpdir(), "ostrace-rabbit-"));
  const nodes: RabbitNode[] = [];
  const processes: ChildProcess[] = [];
  const logs: string[][] = [];
  for (let i = 1; i <= size; i++) {
    const base = join(dir, `n${i}`);
    const home = join(base, "home");
    mkdirSync(home, { recursive: true });
    copyFileSync(COOKIE, join(home, ".erlang.cookie"));
    chmodSync(join(home, ".erlang.cookie"), 0o400);
    const port = basePort + i;
    writeFileSync(join(base, "rabbitmq.conf"), `listeners.tcp.default = 127.0.0.1:${port}\nloopback_users = none\n`);
    writeFileSync(join(base, "enabled_plugins"), "[].\n");
    const name = `ostest${i}@localhost`;
    const child = spawn(RABBITMQ_SERVER, [], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        HOME: home,
        RABBITMQ_NODENAME: name,
        RABBITMQ_NODE_PORT: String(port),
        RABBITMQ_DIST_PORT: String(20_000 + port),
        RABBITMQ_MNESIA_BASE: join(base, "mnesia"),
        RABBITMQ_LOG_BASE: join(base, "log"),
        RABBITMQ_PID_FILE: join(base, "pid"),
        RABBITMQ_ENABLED_PLUGINS_FILE: join(base, "enabled_plugins"),
        RABBITMQ_CONFIG_FILE: join(base, "rabbitmq.conf"),
      },
    });
    const output: string[] = [];
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    processes.push(child);
    logs.push(output);
    nodes.push({ name, url: `amqp://guest:guest@127.0.0.1:${port}`, port, home });
  }

  const ctl = async (i: number, ...args: string[]) => {
    const { stdout } = await run("rabbitmqctl", ["-q", "-n", nodes[i]!.name, ...args], {
      env: { ...process.env, HOME: nodes[i]!.home },
      timeout: 120_000,
    });
    return stdout;
  };
  const killNode = async (i: number) => {
    const child = processes[i]!;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGKILL");
    await exited;
  };
  const close = async () => {
    for (let i = 0; i < processes.length; i++) await killNode(i).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await Promise.all(nodes.map((node, i) => waitForPort(node.port, processes[i]!, logs[i]!)));
    for (let i = 1; i < size; i++) {
      await ctl(i, "stop_app");
      await ctl(i, "join_cluster", nodes[0]!.name);
      await ctl(i, "start_app");
    }
    await ctl(0, "await_online_nodes", String(size));
  } catch (error) {
    await close();
    throw error;
  }
  return { nodes, killNode, ctl, close };
}

async function waitForPort(port: number, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`RabbitMQ node on port ${port} exited with ${child.exitCode}:\n${output.join("")}`);
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`RabbitMQ node on port ${port} did not listen within 120 s:\n${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
