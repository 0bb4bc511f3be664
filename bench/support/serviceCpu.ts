// CPU time of the services a drain shares the machine with, read from /proc: RabbitMQ (every
// beam.smp process) and PostgreSQL (every live postgres process, plus the postmaster's reaped
// children, so backends that exited during the drain still count). On a 2-core machine the
// collector competes with both; their seconds per notification say what a drain costs in all.
// Other engineers' tests share the PostgreSQL server, so the backends connected to the drain's
// own database are also summed alone, sampled while they live (a backend's CPU is no longer
// its own once it exits).
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export type ServiceCpu = { rabbitmqSeconds: number; postgresSeconds: number };

type ProcStat = { pid: number; ppid: number; comm: string; own: number; children: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may hold spaces: the fields after it are split from its end.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    // fields[0] is field 3 (state): utime 14, stime 15, cutime 16, cstime 17.
    return {
      pid,
      ppid: Number(fields[1]),
      comm,
      own: Number(fields[11]) + Number(fields[12]),
      children: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return null; // gone between the listing and the read
  }
}

/** Cumulative CPU seconds of RabbitMQ and PostgreSQL on this machine so far. */
function readServiceCpu(): ServiceCpu {
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
  let rabbit = 0;
  let postgres = 0;
  const postgresPids = new Set(stats.filter((s) => s.comm === "postgres").map((s) => s.pid));
  for (const s of stats) {
    if (s.comm === "beam.smp") rabbit += s.own;
    if (s.comm === "postgres") {
      postgres += s.own;
      if (!postgresPids.has(s.ppid)) postgres += s.children; // the postmaster: its exited backends
    }
  }
  return { rabbitmqSeconds: rabbit / TICKS_PER_SECOND, postgresSeconds: postgres / TICKS_PER_SECOND };
}

/** Own CPU ticks of each live backend connected to `database` (its title: "postgres: <cluster>: <user> <database> ..."). */
function readDatabaseBackends(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let title: string;
    try {
      title = readFileSync(`/proc/${name}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (!title.startsWith("postgres:") || !title.split(" ").includes(database)) continue;
    const stat = readStat(Number(name));
    if (stat) ticks.set(stat.pid, stat.own);
  }
  return ticks;
}

export type ServiceCpuSampler = { stop(): ServiceCpu & { databaseBackendSeconds: number } };

/** Measures from now to stop(); the database's backends are sampled every `everyMs` and counted at their last sample. */
export function sampleServiceCpu(database: string | null, everyMs = 100): ServiceCpuSampler {
  const before = readServiceCpu();
  const startTicks = database ? readDatabaseBackends(database) : new Map<number, number>();
  const lastTicks = new Map(startTicks);
  const sample = () => {
    if (database) for (const [pid, ticks] of readDatabaseBackends(database)) lastTicks.set(pid, ticks);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let ticks = 0;
      for (const [pid, last] of lastTicks) ticks += last - (startTicks.get(pid) ?? 0);
      return { ...diffServiceCpu(readServiceCpu(), before), databaseBackendSeconds: ticks / TICKS_PER_SECOND };
    },
  };
}

function diffServiceCpu(after: ServiceCpu, before: ServiceCpu): ServiceCpu {
  return {
    rabbitmqSeconds: after.rabbitmqSeconds - before.rabbitmqSeconds,
    postgresSeconds: after.postgresSeconds - before.postgresSeconds,
  };
}
