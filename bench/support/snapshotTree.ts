// Another commit's source tree, to run its TypeScript next to the working tree's in one
// benchmark (bench/ingest.ts --against): `git archive` of the commit, node_modules hard-linked
// and the git-ignored Prisma clients copied from this tree, in BENCH_BUILD_ROOT/src-<commit>.
// No build: tsx runs the files as they are.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./processes";

const BUILD_ROOT = process.env.BENCH_BUILD_ROOT ?? "/tmp/ostrace-bench-build";

/** The snapshot's directory, made once per commit. */
export function ensureSnapshotTree(commit: string): string {
  const dir = join(BUILD_ROOT, `src-${commit.slice(0, 12)}`);
  const done = join(dir, ".snapshot-complete");
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${commit} | tar -x -C ${dir}`], { cwd: ROOT });
  execFileSync("cp", ["-al", join(ROOT, "node_modules"), join(dir, "node_modules")]);
  cpSync(join(ROOT, "lib", "db", "generated"), join(dir, "lib", "db", "generated"), { recursive: true });
  writeFileSync(done, commit);
  return dir;
}
