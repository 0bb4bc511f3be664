// `ostrace trace list [--error-trace] [--limit N]`: the newest traces as a table, page after
// page of the list API until N.
import type { TraceListPage } from "../../lib/trace/traceList";
import { formatTraceTable } from "../../lib/cli/formatTraceTable";
import type { CliCommand } from "../../lib/cli/parseCliArgs";
import type { ServerClient } from "../serverClient";

const PAGE = 200;

export async function listTraces(
  server: ServerClient,
  command: Extract<CliCommand, { kind: "trace-list" }>,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const traces: TraceListPage["traces"] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ sort: "newest", limit: String(Math.min(PAGE, command.limit - traces.length)) });
    if (command.errorOnly) params.set("error", "1");
    if (cursor) params.set("cursor", cursor);
    const page = (await (await server.request(`/api/traces?${params}`)).json()) as TraceListPage;
    traces.push(...page.traces);
    cursor = page.nextCursor;
  } while (cursor && traces.length < command.limit);
  stdout.write(
    traces.length === 0
      ? `No ${command.errorOnly ? "trace with an error" : "trace"} is stored on ${server.url}.\n`
      : `${formatTraceTable(traces)}\n`,
  );
}
