// `npm run web`: `next start` alone (UI, API, HTTP ingest), started as `npm start` starts it, with
// the web server's Node flags (scripts/webServerFlags.ts) and the listen address and port of the
// validated configuration (scripts/nextListenArgs.ts: HOSTNAME=127.0.0.1 behind a proxy must not
// listen on every interface). Extra arguments go to `next start` (`npm run web -- -p 8080`; a -p
// or -H among them wins). Signals are passed on and the exit code is the server's, so a process
// manager sees the server.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { loadConfigOrExit } from "./loadConfigOrExit";
import { NEXT_BIN, ROOT } from "./nextBuild";
import { nextListenArgs } from "./nextListenArgs";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "./webServerFlags";

const args = process.argv.slice(2);
const listen = nextListenArgs(loadConfigOrExit("ostrace web"), args);
const web = spawn(process.execPath, [...WEB_SERVER_NODE_FLAGS, NEXT_BIN, "start", ...listen, ...args], {
  cwd: ROOT,
  env: { ...process.env, ...WEB_SERVER_ENV },
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => web.kill(signal));
// A server ended by a signal exits as a shell reports it: 128 + the signal's number.
web.on("exit", (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
