// `npm start`: the whole of ostrace in one command. Validates the configuration, builds the
// web UI when the build is missing or older than the sources, applies migrations once (so web
// and worker do not race to create tables), then runs the web server and the collector side by
// side, restarting the collector if it dies and stopping both on Ctrl-C / SIGTERM.
// The URL is printed once the collector has bound its queue (before that, notifications sent to
// the broker are unroutable and lost), or once it reports that no broker is reachable.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { redactUrl } from "../lib/config";
import { openDb } from "../lib/db/client";
import { describeAccessWarnings } from "../lib/http/access/describeAccessWarnings";
import { formatWebUrl } from "../lib/http/formatWebUrl";
import { migrate } from "../lib/db/migrate";
import { readCollectorStatuses } from "../lib/db/readCollectorStatuses";
import { describeCollectorHealth } from "../lib/ingest/describeCollectorHealth";
import { createLogger } from "../lib/log";
import { loadConfigOrExit } from "./loadConfigOrExit";
import { buildIsCurrent, ensureBuild, NEXT_BIN, ROOT } from "./nextBuild";
import { nextListenArgs } from "./nextListenArgs";
import { readCollectorReadiness, type CollectorReadiness } from "./readCollectorReadiness";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "./webServerFlags";

const config = loadConfigOrExit("ostrace");
const log = createLogger("start", config.logLevel);
// Said now and again under the URL, where the person who started ostrace is looking.
const accessWarnings = describeAccessWarnings(config.access, config.hostname, config.port);
for (const warning of accessWarnings) log.warn(warning);
const accessNote = accessWarnings.map((warning) => `\n  WARNING: ${warning}`).join("");

if (!buildIsCurrent()) log.info("building the web UI (first start, or sources changed)");
await ensureBuild({ stdio: "inherit" });

// Kept open until the collector says it is ready: its heartbeat row is read here rather than
// through GET /api/status, which needs credentials once OSTRACE_AUTH is set.
const db = await openDb(config.databaseUrl);
const applied = await migrate(db);
if (applied.length > 0) log.info("database migrated", { database: db.label, applied });

let stopping = false;
const children = new Set<ChildProcess>();

function startWeb(): ChildProcess {
  const web = spawn(process.execPath, [...WEB_SERVER_NODE_FLAGS, NEXT_BIN, "start", ...nextListenArgs(config)], {
    cwd: ROOT,
    env: { ...process.env, ...WEB_SERVER_ENV },
    stdio: "inherit",
  });
  children.add(web);
  web.on("exit", (code, signal) => {
    children.delete(web);
    if (stopping) return;
    log.error("web server exited; stopping ostrace", { code, signal });
    void shutdown(1);
  });
  return web;
}

function startWorker(restarts = 0): void {
  // One process (node --import tsx), so a signal reaches the worker itself.
  const worker = spawn(process.execPath, ["--import", "tsx", join(ROOT, "worker", "main.ts")], { cwd: ROOT, stdio: "inherit" });
  const startedAt = Date.now();
  children.add(worker);
  worker.on("exit", (code, signal) => {
    children.delete(worker);
    if (stopping) return;
    // A crash right after start (bad config, schema error) should not spin: back off up to 30 s.
    const next = Date.now() - startedAt > 60_000 ? 0 : restarts + 1;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(next, 5));
    log.error("collector exited; restarting", { code, signal, inMs: delay });
    setTimeout(() => !stopping && startWorker(next), delay);
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info("stopping web server and collector");
  const exits = [...children].map((child) => new Promise((resolve) => child.once("exit", resolve)));
  for (const child of children) child.kill("SIGTERM");
  const timeout = setTimeout(() => {
    for (const child of children) child.kill("SIGKILL");
  }, 20_000);
  await Promise.all(exits);
  clearTimeout(timeout);
  process.exit(exitCode);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** How long `npm start` waits for the collector to say it is ready or cannot reach the broker. */
const COLLECTOR_REPORT_TIMEOUT_MS = 60_000;

async function waitForCollector(launchedUs: number): Promise<CollectorReadiness> {
  const deadline = Date.now() + COLLECTOR_REPORT_TIMEOUT_MS;
  while (!stopping && Date.now() < deadline) {
    try {
      const nowUs = Date.now() * 1000;
      const collectors = (await readCollectorStatuses(db)).map((row) => describeCollectorHealth(row, nowUs));
      const readiness = readCollectorReadiness({ collectors }, config.queue, launchedUs);
      if (readiness.kind !== "waiting") return readiness;
    } catch {
      // the database is busy or restarting: ask again
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { kind: "waiting" };
}

async function waitForWeb(url: string): Promise<boolean> {
  for (let i = 0; i < 120 && !stopping; i++) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

const launchedUs = Date.now() * 1000;
startWeb();
startWorker();
const url = formatWebUrl(config.hostname, config.port);
if (!(await waitForWeb(`${url}/api/health`))) {
  await db.close();
} else {
  const readiness = await waitForCollector(launchedUs);
  await db.close();
  const broker = redactUrl(config.amqpUrl);
  if (stopping) {
    // Ctrl-C while starting: nothing to announce.
  } else if (readiness.kind === "ready") {
    log.info("ostrace is up", { url, database: db.label, broker, queue: config.queue });
    console.log(
      `\n  ostrace is running: open ${url}\n  (collector: ${broker}, queue ${config.queue} bound; database ${db.label})${accessNote}\n`,
    );
  } else if (readiness.kind === "queue-conflict") {
    log.error("ostrace is up, but the collector cannot use its queue as configured", {
      url,
      broker,
      queue: config.queue,
      reason: readiness.error,
    });
    console.log(
      `\n  ostrace is running: open ${url}\n  (the collector cannot use its queue, and keeps checking: ${readiness.error};` +
        ` browsing and HTTP ingest work meanwhile; database ${db.label})${accessNote}\n`,
    );
  } else {
    const why =
      readiness.kind === "no-broker"
        ? `no RabbitMQ reachable at ${broker} (${readiness.error})`
        : "the collector has not bound its queue yet";
    log.warn("ostrace is up without a consuming collector; it keeps retrying", { url, broker, queue: config.queue, reason: why });
    console.log(
      `\n  ostrace is running: open ${url}\n  (${why}: the collector keeps retrying;` +
        ` browsing and HTTP ingest work meanwhile; database ${db.label})${accessNote}\n`,
    );
  }
}
