// Issue 13, item 3: big imports. A synthetic boot-server report of 10k and of 100k spans,
// printed as `osprofiler trace show --json` prints it (indent 2), is POSTed as a stream to the
// real built web server (`next build` + `next start`) on a fresh database. Measured: the time
// from the first byte sent to the answer, and the web server's resident memory (its process
// tree, sampled every 250 ms) before and at its peak during the import. Afterwards the database
// must hold every span. The 100k case writes a ~320 MB file and takes a minute or so of both
// cores: run it when the machine is quiet.
//
//   npx tsx bench/import.ts [--sizes 10000,100000] [--dialects sqlite] [--gzip]
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Dialect } from "../lib/db/client";
import { createTestDb } from "../tests/support/testDb";
import { createAreaResult, judge, noteStep, parseFlags, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { writeReportFile } from "../tests/support/reportFile";
import { readTreeRss } from "./support/treeRss";
import { startWebServer } from "./support/webServer";

export const IMPORT_100K_SECONDS_BUDGET = 60;
export const IMPORT_100K_RSS_MIB_BUDGET = 500;
const DIR = "/tmp/ostrace-bench-import";

export type ImportOptions = { sizes: number[]; dialects: Dialect[]; gzip: boolean };

export function parseImportOptions(argv: readonly string[]): ImportOptions {
  const flags = parseFlags(argv);
  return {
    sizes: (flags.get("sizes") ?? "10000,100000").split(",").map(Number),
    dialects: (flags.get("dialects") ?? "sqlite").split(",").filter(Boolean) as Dialect[],
    gzip: flags.has("gzip"),
  };
}

export async function runImportBench(options: ImportOptions): Promise<AreaResult> {
  const result = createAreaResult("import");
  console.log(
    `# import: POST /api/traces/import of ${options.sizes.join(", ")}-span reports${options.gzip ? " (gzip)" : ""} to next start`,
  );
  mkdirSync(DIR, { recursive: true });
  try {
    for (const size of options.sizes) {
      noteStep(result, `writing a ${size}-span report`);
      const file = writeReportFile(`${DIR}/report-${size}.json`, size);
      let upload = file.path;
      if (options.gzip) {
        upload = `${file.path}.gz`;
        await pipeline(createReadStream(file.path), createGzip(), createWriteStream(upload));
      }
      const figure: Record<string, unknown> = {
        spans: file.spans,
        notifications: file.notifications,
        jsonBytes: file.bytes,
        uploadBytes: statSync(upload).size,
      };
      result.figures[`${size}`] = figure;
      for (const dialect of options.dialects) {
        const measured = await measureImport(result, dialect, upload, options.gzip, file.spans, file.notifications);
        figure[dialect] = measured;
        console.log(`  ${size} spans, ${dialect}: ${JSON.stringify(measured)}`);
        if (size === 100_000) {
          judge(
            result,
            `import of a 100k-span report (${round(file.bytes / 2 ** 20)} MB of JSON) on ${dialect}`,
            measured.seconds,
            "<=",
            IMPORT_100K_SECONDS_BUDGET,
            "s",
          );
          judge(
            result,
            `web server peak RSS during that import (${dialect})`,
            measured.peakRssMiB,
            "<=",
            IMPORT_100K_RSS_MIB_BUDGET,
            "MiB",
          );
        }
      }
    }
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
  return result;
}

/** Peak RSS, and its parts: anonymous (heaps, native allocations) and file-backed (code, SQLite's mapped database pages). */
type Measured = {
  seconds: number;
  mbPerSecond: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  peakAnonMiB: number;
  peakFileMiB: number;
  samples: number;
};

async function measureImport(
  result: AreaResult,
  dialect: Dialect,
  path: string,
  gzip: boolean,
  spans: number,
  notifications: number,
): Promise<Measured> {
  const db = await createTestDb(dialect);
  noteStep(result, `${dialect}: next start`);
  const server = await startWebServer(db.url);
  try {
    // Warm: the import route compiled and the database opened (the list reads it) before the clock runs.
    await fetch(`${server.url}/api/traces/import`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await fetch(`${server.url}/api/traces`);
    const before = readTreeRss(server.pid);
    const peak = { ...before };
    let samples = 0;
    const sample = () => {
      const now = readTreeRss(server.pid);
      peak.rss = Math.max(peak.rss, now.rss);
      peak.anon = Math.max(peak.anon, now.anon);
      peak.file = Math.max(peak.file, now.file);
      samples++;
    };
    const timer = setInterval(sample, 250);
    noteStep(result, `${dialect}: POST ${path}`);
    const started = performance.now();
    let status: number;
    let body: { notifications?: number; spans?: number; error?: string };
    try {
      const response = await fetch(`${server.url}/api/traces/import`, {
        method: "POST",
        headers: { "content-type": gzip ? "application/gzip" : "application/json" },
        body: Readable.toWeb(createReadStream(path, { highWaterMark: 256 * 1024 })) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      status = response.status;
      body = (await response.json()) as typeof body;
    } finally {
      clearInterval(timer);
    }
    const seconds = (performance.now() - started) / 1000;
    sample();
    if (status !== 201 || body.notifications !== notifications || body.spans !== spans) {
      throw new Error(
        `import answered ${status} ${JSON.stringify(body).slice(0, 500)}; expected 201 with ${notifications} notifications of ${spans} spans`,
      );
    }
    const stored = await db.prisma.span.count();
    if (stored !== spans) throw new Error(`the database holds ${stored} spans after the import; ${spans} were sent`);
    return {
      seconds: round(seconds, 1),
      mbPerSecond: round(statSync(path).size / 2 ** 20 / seconds, 1),
      rssBeforeMiB: round(before.rss),
      peakRssMiB: round(peak.rss),
      peakAnonMiB: round(peak.anon),
      peakFileMiB: round(peak.file),
      samples,
    };
  } finally {
    await server.stop();
    await db.drop();
  }
}

runIfMain(import.meta.url, async () => {
  saveResult(await runImportBench(parseImportOptions(process.argv.slice(2))));
});
