// Runs the real CLI as an operator does (`npx ostrace ...` is bin/ostrace.mjs), as a child
// process: its exit status, standard output (bytes) and standard error.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const CLI_BIN = join(import.meta.dirname, "..", "..", "bin", "ostrace.mjs");

export type CliRun = { code: number | null; stdout: Buffer; stderr: string };

export function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI_BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = startCli(args, env);
  const out: Buffer[] = [];
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}
