// Where the time went in a V8 CPU profile (node --cpu-prof): self time per function and per
// file, and inclusive time of the functions whose name matches a filter. Used to find what
// dominates a missed budget:
//
//   BENCH_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/ingest.ts --runs 1
//   npx tsx bench/profileSummary.ts /tmp/prof/CPU.*.cpuprofile [--top 30] [--inclusive storeBatch,planBatch]
import { readFileSync } from "node:fs";
import { parseFlags, runIfMain } from "./support/report";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type ProfileSummary = {
  totalMs: number;
  bySelf: { name: string; ms: number; share: number }[];
  byFile: { file: string; ms: number; share: number }[];
  inclusive: { name: string; ms: number; share: number }[];
};

export function summarizeProfile(profile: Profile, inclusiveNames: readonly string[] = [], top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} ${shortFile(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const file = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    const f = shortFile(node.callFrame.url) || node.callFrame.functionName;
    file.set(f, (file.get(f) ?? 0) + us);
    // Inclusive: each matching function on this sample's stack counts once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (inclusiveNames.includes(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
    }
  }
  const rank = <K extends string>(m: Map<string, number>, key: K) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          ({ [key]: k, ms: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 }) as { [P in K]: string } & {
            ms: number;
            share: number;
          },
      );
  return { totalMs: Math.round(total / 1000), bySelf: rank(self, "name"), byFile: rank(file, "file"), inclusive: rank(inclusive, "name") };
}

function shortFile(url: string): string {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "npm:")
    .replace(/^.*\/main\//, "");
}

runIfMain(import.meta.url, async () => {
  const flags = parseFlags(process.argv.slice(2));
  const files = process.argv.slice(2).filter((a) => a.endsWith(".cpuprofile"));
  const inclusive = (flags.get("inclusive") ?? "").split(",").filter(Boolean);
  for (const path of files) {
    const summary = summarizeProfile(JSON.parse(readFileSync(path, "utf8")) as Profile, inclusive, Number(flags.get("top") ?? 25));
    console.log(`\n## ${path}: ${summary.totalMs} ms sampled`);
    console.log("self time by function:");
    for (const r of summary.bySelf) console.log(`  ${String(r.ms).padStart(6)} ms ${String(r.share).padStart(5)}%  ${r.name}`);
    console.log("self time by file:");
    for (const r of summary.byFile.slice(0, 15)) console.log(`  ${String(r.ms).padStart(6)} ms ${String(r.share).padStart(5)}%  ${r.file}`);
    if (summary.inclusive.length) {
      console.log("inclusive:");
      for (const r of summary.inclusive) console.log(`  ${String(r.ms).padStart(6)} ms ${String(r.share).padStart(5)}%  ${r.name}`);
    }
  }
});
