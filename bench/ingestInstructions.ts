// The collector's cost per notification in instructions, not seconds: the ingest drains
// (bench/ingest.ts) swing 30-50% with the load of a shared machine, so a change of 1-3 us a
// notification cannot be told from the noise there; valgrind's instruction count does not
// depend on the load. No RabbitMQ: the bench's own notifications (seed 7, format 1.0) go
// through the collector's real path in one process: decoding on arrival
// (worker/decodeOnArrival.ts), the batcher, the batch committer (createBatchCommitter.ts: batch
// conversion, storeBatch, the acks on a stand-in channel) into a fresh, migrated database. The
// prefetch window is kept as a drain keeps it: no more than `prefetch` deliveries unacked, fed
// 64 at a time between turns of the event loop so commits interleave with arrivals.
//
//   npx tsx bench/ingestInstructions.ts [--dialect sqlite|postgresql] [--warmup 6000]
//       [--notifications 20000] [--pool 40000]       one run: CPU (process.cpuUsage) per notification
//   npx tsx bench/ingestInstructions.ts --callgrind [--warmup 30000] [--notifications 10000] [--repeat 1]
//       [--node-flags="--predictable"] [--keep]
//       instructions per notification: the harness bundled with esbuild (no tsx under valgrind),
//       run under `valgrind --tool=callgrind --instr-atstart=no`; it switches instrumentation on
//       (callgrind_control) once the warm-up is committed and off after the measured
//       notifications are: start-up, generating the traffic and the warm-up's compiling are not
//       counted. All threads are counted (valgrind runs them one at a time). --keep leaves the
//       callgrind file (callgrind_annotate names V8's and SQLite's C++ functions; JIT code shows as
//       bare addresses).
//
// Node runs with --hash-seed and --random-seed fixed and, by default, --predictable (V8 compiles
// and collects on the main thread, not on helpers scheduled by the OS). What still moves between
// runs of one build is the garbage collector's schedule, which V8 paces by wall time: a major GC
// falls inside the measured window or not (docs/benchmarks.md §70: two runs of one build 201.5k
// and 215.3k instructions a notification, all of it GC). So does the optimizing compiler's: the
// one-time compiles that land in the window (§72). Compare builds by the count without GC and
// the compiler too (printed), or over several runs.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Channel, ConsumeMessage } from "amqplib";
import type { Dialect } from "../lib/db/client";
import { loadConfig } from "../lib/config";
import { createBatcher } from "../lib/ingest/createBatcher";
import { createCollectorCounters } from "../lib/ingest/counters";
import { createQuarantineLog } from "../lib/ingest/createQuarantineLog";
import { createLogger } from "../lib/log";
import { createTestDb } from "../tests/support/testDb";
import { generateOsloMessages } from "../testing/synthetic";
import { createBatchCommitter } from "../worker/createBatchCommitter";
import { createCollectorStore } from "../worker/createCollectorStore";
import { createLastError } from "../worker/createLastError";
import { decodeOnArrival } from "../worker/decodeOnArrival";
import type { BrokerSession, Delivery } from "../worker/types";
import { backendCpuSince, readBackendCpu } from "./support/backendCpu";
import { BENCH_SEED } from "./support/traffic";
import { parseFlags, runIfMain } from "./support/report";

const FEED_CHUNK = 64;

type Options = { dialect: Dialect; warmup: number; notifications: number; pool: number; toggle: boolean };

async function runOnce(options: Options): Promise<Record<string, unknown>> {
  const total = options.warmup + options.notifications;
  if (total > options.pool) throw new Error(`--pool ${options.pool} is smaller than warm-up + notifications (${total})`);
  // The whole pool, whatever is measured: the same work before the drain in every run.
  const bodies: { content: Buffer; exchange: string; routingKey: string }[] = [];
  for (const m of generateOsloMessages({ seed: BENCH_SEED, notifications: options.pool, driver: "messaging" }))
    bodies.push({ content: Buffer.from(m.body, "utf8"), exchange: m.exchange, routingKey: m.routingKey });

  const db = await createTestDb(options.dialect);
  // Batches are cut at batchSize only, as under load (a cut by the clock would follow the speed,
  // and valgrind runs ~50x slower): the same batches in every run.
  const config = { ...loadConfig({}), batchMs: 600_000, amqpUrls: ["amqp://unused"], queue: "ingest-instructions", exchanges: ["nova"] };
  if (options.warmup % config.batchSize !== 0 || options.notifications % config.batchSize !== 0)
    throw new Error(`--warmup and --notifications must be multiples of the batch size (${config.batchSize})`);
  const counters = createCollectorCounters();
  const log = createLogger("bench.instructions", "warn");
  let ackedUpTo = 0;
  let onAck = () => {};
  const acked = () => new Promise<void>((r) => (onAck = r));
  const channel = {
    ack(message: ConsumeMessage, allUpTo?: boolean) {
      if (allUpTo) ackedUpTo = Math.max(ackedUpTo, message.fields.deliveryTag);
      onAck();
    },
  } as unknown as Channel;
  const session = { open: true, channel } as unknown as BrokerSession;
  const committer = createBatchCommitter({
    config,
    store: createCollectorStore(db),
    log,
    amqpLog: log,
    counters,
    quarantineLog: createQuarantineLog(log),
    lastError: createLastError(),
    dbBackoff: { initialMs: 10, maxMs: 10 },
    stopping: new AbortController().signal,
  });
  const batcher = createBatcher<Delivery>({ batchSize: config.batchSize, batchMs: config.batchMs, commit: committer });

  let next = 0;
  const feed = async (upTo: number) => {
    while (next < upTo) {
      if (next - ackedUpTo >= config.prefetch) {
        await acked();
        continue;
      }
      const end = Math.min(upTo, next + FEED_CHUNK, ackedUpTo + config.prefetch);
      for (; next < end; next++) {
        const body = bodies[next]!;
        const message = {
          content: body.content,
          fields: { deliveryTag: next + 1, exchange: body.exchange, routingKey: body.routingKey, redelivered: false, consumerTag: "c" },
          properties: {},
        } as unknown as ConsumeMessage;
        counters.received++;
        const { decoded, half } = decodeOnArrival(message.content, config);
        if ("redactedValues" in decoded) counters.redactedValues += decoded.redactedValues!;
        batcher.add({ message, session, decoded, carries: 0, half });
      }
      await new Promise((r) => setImmediate(r));
    }
    while (ackedUpTo < upTo) await acked();
  };

  await feed(options.warmup);
  const backends0 = options.dialect === "postgresql" ? await readBackendCpu(db.url) : null;
  if (options.toggle) await switchInstrumentation(true);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await feed(total);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  if (options.toggle) await switchInstrumentation(false);
  const backendUs = backends0 === null ? null : backendCpuSince(backends0, await readBackendCpu(db.url));
  await db.drop();
  if (counters.notificationsStored !== total) throw new Error(`stored ${counters.notificationsStored} of ${total}`);
  return {
    dialect: options.dialect,
    warmup: options.warmup,
    notifications: options.notifications,
    stored: counters.notificationsStored,
    batches: counters.batches,
    cpuUsPerNotification: Math.round(((cpu.user + cpu.system) / options.notifications) * 100) / 100,
    rate: Math.round(options.notifications / seconds),
    // PostgreSQL: its backends' CPU (/proc, 10 ms ticks), which neither cpuUsage nor valgrind counts.
    ...(backendUs === null ? {} : { backendCpuUsPerNotification: Math.round((backendUs / options.notifications) * 100) / 100 }),
  };
}

/**
 * Switches callgrind's instrumentation on or off in this process (callgrind_control talks to
 * valgrind through files it polls, so the event loop keeps turning until it answers).
 */
function switchInstrumentation(on: boolean): Promise<void> {
  return new Promise((resolveSwitch, reject) => {
    const control = spawn("callgrind_control", [`--instr=${on ? "on" : "off"}`, String(process.pid)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let answer = "";
    control.stdout.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const turn = setInterval(() => undefined, 10);
    control.on("exit", (code) => {
      clearInterval(turn);
      if (code === 0 && answer.includes("OK")) resolveSwitch();
      else reject(new Error(`callgrind_control --instr=${on ? "on" : "off"}: exit ${code}, ${answer.trim()}`));
    });
  });
}

// V8's garbage collector's C++ functions, by name (scavenger, marking, sweeping, evacuation, write barriers),
// leaving out the optimizing compiler's and SQLite's, some of whose names match too.
const GC_FUNCTION = /Mark|Scaveng|Sweep|Heap::|Evacuat|GC|Remembered|Slot|Worklist|Collector|MemoryChunk|Concurrent/;

// V8's optimizing compiler (TurboFan: its phases, graph, register allocation, all in namespace
// v8::internal::compiler). Its share of the window is the one-time compiles that happen to land
// in it (docs/benchmarks.md §72: 18k and 24k instructions a notification in two runs whose code
// differs little), not code re-optimized over and over; compare builds without it too.
const COMPILER_FUNCTION = /::compiler::/;

/** The instructions of `out` spent in functions named like the garbage collector's and the optimizing compiler's (callgrind_annotate's per-function totals). */
function countGcAndCompilerInstructions(out: string): { gc: number; compiler: number } {
  const listing = execFileSync("callgrind_annotate", ["--threshold=100", out], { maxBuffer: 256 * 2 ** 20 }).toString();
  let gc = 0;
  let compiler = 0;
  for (const line of listing.split("\n")) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!m || m[2]!.includes("PROGRAM TOTALS")) continue;
    const count = Number(m[1]!.replaceAll(",", ""));
    if (COMPILER_FUNCTION.test(m[2]!)) compiler += count;
    else if (!/better_sqlite3/.test(m[2]!) && GC_FUNCTION.test(m[2]!)) gc += count;
  }
  return { gc, compiler };
}

/** Runs the bundled harness under callgrind, instrumented only while it drains the measured notifications; returns the count. */
function countInstructions(
  bundle: string,
  out: string,
  keep: boolean,
  nodeFlags: string[],
  args: string[],
): { instructions: number; gc: number; compiler: number; report: Record<string, unknown> } {
  const stdout = execFileSync(
    "valgrind",
    [
      "--tool=callgrind",
      "--smc-check=all-non-file",
      "--instr-atstart=no",
      `--callgrind-out-file=${out}`,
      process.execPath,
      ...nodeFlags,
      bundle,
      ...args,
      "--toggle",
    ],
    { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 2 ** 20 },
  ).toString();
  const summary = /^totals:\s*(\d+)/m.exec(readFileSync(out, "utf8"));
  if (!summary) throw new Error(`no summary line in ${out}`);
  const { gc, compiler } = countGcAndCompilerInstructions(out);
  if (!keep) rmSync(out);
  return {
    instructions: Number(summary[1]),
    gc,
    compiler,
    report: JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>,
  };
}

function runCallgrind(flags: Map<string, string>): void {
  // Inside the tree (git-ignored), so the bundle's imports find node_modules.
  const scratch = resolve("bench", "results", "ingest-instructions");
  mkdirSync(scratch, { recursive: true });
  const bundle = join(scratch, `harness.${process.pid}.mjs`);
  execFileSync(
    join("node_modules", ".bin", "esbuild"),
    [
      "bench/ingestInstructions.ts",
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--packages=external",
      `--outfile=${bundle}`,
      "--log-level=warning",
      // require() for the CommonJS packages the bundle's ESM imports.
      "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    ],
    { stdio: "inherit" },
  );
  const notifications = Number(flags.get("notifications") ?? 10_000);
  const warmup = Number(flags.get("warmup") ?? 6000);
  const repeat = Number(flags.get("repeat") ?? 1);
  const nodeFlags = ["--hash-seed=1", "--random-seed=1", ...(flags.get("node-flags") ?? "--predictable").split(" ").filter(Boolean)];
  const args = ["--dialect", flags.get("dialect") ?? "sqlite", "--warmup", String(warmup), "--notifications", String(notifications)];
  args.push("--pool", String(warmup + notifications));
  const results: number[] = [];
  try {
    for (let r = 0; r < repeat; r++) {
      const out = join(scratch, `callgrind.${process.pid}.${r}.out`);
      const { instructions, gc, compiler, report } = countInstructions(bundle, out, flags.has("keep"), nodeFlags, args);
      results.push(instructions / notifications);
      const kept = flags.has("keep") ? { profile: out } : {};
      const perNotification = {
        instructionsPerNotification: Math.round(instructions / notifications),
        gcPerNotification: Math.round(gc / notifications),
        withoutGcPerNotification: Math.round((instructions - gc) / notifications),
        compilerPerNotification: Math.round(compiler / notifications),
        withoutGcAndCompilerPerNotification: Math.round((instructions - gc - compiler) / notifications),
      };
      console.log(JSON.stringify({ ...report, instructions, ...perNotification, ...kept }));
    }
  } finally {
    rmSync(bundle, { force: true });
  }
  console.log(`instructions per notification: ${results.map((x) => Math.round(x)).join(" / ")}`);
}

runIfMain(import.meta.url, async () => {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has("callgrind")) return runCallgrind(flags);
  const report = await runOnce({
    dialect: (flags.get("dialect") ?? "sqlite") as Dialect,
    warmup: Number(flags.get("warmup") ?? 6000),
    notifications: Number(flags.get("notifications") ?? 20000),
    pool: Number(flags.get("pool") ?? 40000),
    toggle: flags.has("toggle"),
  });
  console.log(JSON.stringify(report));
});
