// Resident memory of a process and its descendants (`next start` may run the server in a
// child), read from /proc: RSS and its anonymous and file-backed parts, MiB.
import { readdirSync, readFileSync } from "node:fs";

export type TreeRss = { rss: number; anon: number; file: number };

export function readTreeRss(pid: number): TreeRss {
  const total = { rss: 0, anon: 0, file: 0 };
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
      total.rss += kb("VmRSS") / 1024;
      total.anon += kb("RssAnon") / 1024;
      total.file += kb("RssFile") / 1024;
      for (const task of readdirSync(`/proc/${p}/task`)) {
        for (const child of readFileSync(`/proc/${p}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) stack.push(Number(child));
      }
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
