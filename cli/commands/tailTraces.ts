// `ostrace tail`: the newest N traces, then each new one as it arrives, by polling the list
// (newest first) and printing what was not printed before. Ends when `signal` aborts (Ctrl-C).
import type { TraceListPage } from "../../lib/trace/traceList";
import { followNewTraces, type TailState } from "../../lib/cli/followNewTraces";
import { formatTailLine } from "../../lib/cli/formatTailLine";
import type { CliCommand } from "../../lib/cli/parseCliArgs";
import { CliError, type ServerClient } from "../serverClient";

const PAGE = 200;
/** After this many full pages of new traces in one poll, the rest are not looked for. */
const MAX_PAGES = 5;

export async function tailTraces(
  server: ServerClient,
  command: Extract<CliCommand, { kind: "tail" }>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  signal: AbortSignal,
): Promise<void> {
  const first = await fetchNewest(server, PAGE, signal);
  let state: TailState = {
    seen: first
      .slice(command.lines)
      .map((t) => t.traceId)
      .reverse(),
  };
  let unreachable = false;
  for (;;) {
    try {
      const newest = await readUntilSeen(server, state, signal);
      const { state: next, fresh } = followNewTraces(state, newest);
      state = next;
      for (const trace of fresh) stdout.write(`${formatTailLine(trace)}\n`);
      if (unreachable) stderr.write("ostrace: server answers again\n");
      unreachable = false;
    } catch (error) {
      if (signal.aborted) return;
      if (!(error instanceof CliError)) throw error;
      // A restarting server is no reason to stop following; say it once.
      if (!unreachable) stderr.write(`ostrace: ${error.message} (retrying)\n`);
      unreachable = true;
    }
    if (!(await sleep(command.intervalMs, signal))) return;
  }
}

/** Pages of the newest traces until one holds a trace already printed (or MAX_PAGES). */
async function readUntilSeen(server: ServerClient, state: TailState, signal: AbortSignal) {
  const seen = new Set(state.seen);
  const traces: TraceListPage["traces"] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchPage(server, PAGE, cursor, signal);
    traces.push(...answer.traces);
    cursor = answer.nextCursor;
    if (!cursor || answer.traces.some((t) => seen.has(t.traceId))) break;
  }
  return traces;
}

async function fetchNewest(server: ServerClient, limit: number, signal: AbortSignal) {
  return (await fetchPage(server, limit, null, signal)).traces;
}

async function fetchPage(server: ServerClient, limit: number, cursor: string | null, signal: AbortSignal): Promise<TraceListPage> {
  const params = new URLSearchParams({ sort: "newest", limit: String(limit) });
  if (cursor) params.set("cursor", cursor);
  return (await (await server.request(`/api/traces?${params}`, { signal })).json()) as TraceListPage;
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
