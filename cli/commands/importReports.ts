// `ostrace import FILE...`: each OSprofiler report POSTed as it is (streamed from disk; a gzip
// file says so in Content-Encoding), one line per file with the trace it became.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import type { TraceImportResult } from "../../lib/api/types";
import type { CliCommand } from "../../lib/cli/parseCliArgs";
import { sanitizeTerminalText } from "../../lib/cli/sanitizeTerminalText";
import { CliError, type ServerClient } from "../serverClient";

/** Resolves to the number of files that failed. */
export async function importReports(
  server: ServerClient,
  command: Extract<CliCommand, { kind: "import" }>,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  let failed = 0;
  for (const file of command.files) {
    const name = sanitizeTerminalText(file);
    try {
      const result = await importOne(server, file);
      const notes = [
        `${result.spans.toLocaleString("en")} spans`,
        result.notifications === result.duplicates
          ? "already stored"
          : result.duplicates > 0
            ? `${result.duplicates} notifications already stored`
            : "",
        result.skippedCount > 0
          ? `${result.skippedCount} payloads skipped (first: ${sanitizeTerminalText(result.skipped[0]?.reason ?? "", 120)})`
          : "",
      ].filter(Boolean);
      stdout.write(`${name}: ${server.url}${result.url} (${notes.join(", ")})\n`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      failed++;
      stderr.write(`ostrace: ${name}: ${error.message}\n`);
    }
  }
  return failed;
}

async function importOne(server: ServerClient, file: string): Promise<TraceImportResult> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError("not a file");
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message);
  }
  const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(size) };
  if (await isGzip(file)) headers["content-encoding"] = "gzip";
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  const response = await server.request("/api/traces/import", { method: "POST", headers, body, duplex: "half" } as RequestInit);
  return (await response.json()) as TraceImportResult;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
