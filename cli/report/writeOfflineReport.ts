// `ostrace trace show <base_id> --html`: the compact trace and the spans' raw payloads from the
// server, and the viewer bundled from this checkout, written as one HTML file.
import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { formatMegabytes } from "../../lib/cli/formatMegabytes";
import type { CliCommand } from "../../lib/cli/parseCliArgs";
import { writeOutput } from "../commands/showTrace";
import type { ServerClient } from "../serverClient";
import { renderOfflineReport } from "./renderOfflineReport";

type Show = Extract<CliCommand, { kind: "trace-show" }>;

export async function writeOfflineReport(server: ServerClient, command: Show, stderr: NodeJS.WritableStream): Promise<void> {
  const api = `/api/traces/${command.traceId}`;
  const traceText = await (await server.request(api)).text();
  const details = command.payloadsBytes > 0 ? await readDetails(server, `${api}/spans`) : new Map<string, string>();
  const report = await renderOfflineReport({
    traceId: command.traceId,
    serverUrl: server.url,
    traceText,
    details,
    payloadsBytes: command.payloadsBytes,
  });
  if (command.out === null) await writeOutput(Readable.from([report.html]), null);
  else await writeFile(command.out, report.html);
  if (report.keptSpans < report.spans && command.payloadsBytes > 0) {
    stderr.write(
      `ostrace: raw payloads of ${report.keptSpans.toLocaleString("en")} of ${report.spans.toLocaleString("en")} spans kept ` +
        `(${formatMegabytes(report.keptBytes)} of ${formatMegabytes(report.allBytes)}); --payloads-mb ${Math.ceil(report.allBytes / 1e6)} keeps them all\n`,
    );
  }
}

/** NDJSON span details -> the line of each span id, read line by line. */
async function readDetails(server: ServerClient, path: string): Promise<Map<string, string>> {
  const response = await server.request(path);
  const lines = createInterface({ input: Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), crlfDelay: Infinity });
  const details = new Map<string, string>();
  for await (const line of lines) {
    if (line === "") continue;
    const { spanId } = JSON.parse(line) as { spanId: string };
    details.set(spanId, line);
  }
  return details;
}
