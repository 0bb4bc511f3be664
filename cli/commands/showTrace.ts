// `ostrace trace show <base_id> --json|--dot|--html [--out FILE]`: --json and --dot are the
// server's downloads, streamed through unchanged; --html writes the offline report.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { CliCommand } from "../../lib/cli/parseCliArgs";
import { writeOfflineReport } from "../report/writeOfflineReport";
import type { ServerClient } from "../serverClient";

type Show = Extract<CliCommand, { kind: "trace-show" }>;

export async function showTrace(server: ServerClient, command: Show, stderr: NodeJS.WritableStream): Promise<void> {
  if (command.format === "html") {
    await writeOfflineReport(server, command, stderr);
    return;
  }
  const response = await server.request(`/api/traces/${command.traceId}/osprofiler.${command.format}`);
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  await writeOutput(body, command.out);
}

/** The bytes to FILE, or to standard output (a closed pipe, as with `| head`, ends quietly). */
export async function writeOutput(body: Readable, out: string | null): Promise<void> {
  if (out !== null) return pipeline(body, createWriteStream(out));
  try {
    await pipeline(body, process.stdout, { end: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
  }
}
