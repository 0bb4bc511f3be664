// The CPU of a PostgreSQL database's backends, read from /proc (the server runs on this machine):
// valgrind and process.cpuUsage count only the collector's process, while a statement's
// unpacking (jsonb, arrays) runs in the backends. Backends that exit between two readings are
// lost and ones that start count from zero; the harness's pool keeps its connections while it drains.
import { readFileSync } from "node:fs";
import pg from "pg";
import { PG_ADMIN_URL } from "../../tests/support/testDb";

/** utime + stime of each backend connected to the database at `url`, in microseconds by pid. */
export async function readBackendCpu(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [name]);
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms, after the parenthesized command name.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10_000);
      } catch {
        // Exited since the query.
      }
    }
    return cpu;
  } finally {
    await client.end();
  }
}

/** CPU microseconds the backends spent between two readings. */
export function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, us] of after) total += us - (before.get(pid) ?? 0);
  return total;
}
