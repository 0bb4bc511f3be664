// Item 3: the API against the real built server (`next build` + `next start`) over HTTP, on the
// dataset of bench/support/dataset.ts (100k traces stored plus big traces).
// - GET /api/traces/{id} (compact form) for 1k, 10k and 100k spans, nested, wide and deep:
//   p50/p95 ms to the last byte, bytes on the wire and decompressed. Each request is a full
//   fetch (no If-None-Match), as a first visit.
// - GET /api/traces: the first page, and filtered pages (text, common and rare service, host,
//   errors only, slowest with a minimum duration, base_id prefix, a second page by cursor).
//
//   npx tsx bench/api.ts [--dialects sqlite,postgresql] [--list-traces 100000] [--keep-data]
import { openDb, type Dialect } from "../lib/db/client";
import { parseTraceSet } from "../lib/ingest/traceSet";
import type { CompactTrace } from "../lib/trace";
import { BIG_TRACE_SIZES, openDataset, type Dataset } from "./support/dataset";
import { decodeBody, timedGet } from "./support/httpGet";
import { createAreaResult, judge, noteStep, parseFlags, percentile, round, runIfMain, saveResult, type AreaResult } from "./support/report";
import { startWebServer } from "./support/webServer";

export const API_BUDGETS = { trace10kP50Ms: 100, trace100kP95Ms: 1000, listP95Ms: 100 };
const REQUESTS: Record<number, number> = { 1000: 40, 10_000: 30, 100_000: 20 };
const LIST_REQUESTS = 60;

export type ApiOptions = { dialects: Dialect[]; listTraces: number; keep: boolean };

export function parseApiOptions(argv: readonly string[]): ApiOptions {
  const flags = parseFlags(argv);
  return {
    dialects: (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[],
    listTraces: Number(flags.get("list-traces") ?? 100_000),
    keep: flags.has("keep-data"),
  };
}

export async function runApiBench(options: ApiOptions): Promise<AreaResult> {
  const result = createAreaResult("api");
  console.log(`# api: next start over HTTP, ${options.listTraces.toLocaleString("en")} traces stored`);
  for (const dialect of options.dialects) {
    noteStep(result, `${dialect}: dataset`);
    const dataset = await openDataset(dialect, { listTraces: options.listTraces, keep: options.keep });
    try {
      await measureDataset(dataset, result);
    } finally {
      await dataset.drop();
    }
  }
  return result;
}

async function measureDataset(dataset: Dataset, result: AreaResult): Promise<void> {
  const { dialect, info } = dataset;
  const figures: Record<string, unknown> = { dataset: { ...info, bigTraces: undefined } };
  result.figures[dialect] = figures;
  noteStep(result, `${dialect}: next start`);
  const server = await startWebServer(dataset.url);
  try {
    // Warm server: every route answered a few times before the clock runs.
    for (let i = 0; i < 3; i++) {
      await timedGet(`${server.url}/api/traces`);
      for (const t of info.bigTraces) if (t.requested <= 10_000) await timedGet(`${server.url}/api/traces/${t.traceId}`);
    }

    const traces: Record<string, unknown> = {};
    for (const t of info.bigTraces) {
      noteStep(result, `${dialect}: GET ${t.key} (${t.spans} spans)`);
      const times: number[] = [];
      let wireBytes = 0;
      let jsonBytes = 0;
      await timedGet(`${server.url}/api/traces/${t.traceId}`);
      for (let i = 0; i < REQUESTS[t.requested]!; i++) {
        const response = await timedGet(`${server.url}/api/traces/${t.traceId}`);
        if (response.status !== 200) throw new Error(`GET /api/traces/${t.traceId}: ${response.status}`);
        times.push(response.ms);
        if (i === 0) {
          const text = decodeBody(response);
          const compact = JSON.parse(text) as CompactTrace;
          if (compact.ids.length !== t.spans)
            throw new Error(`${t.key}: the API returned ${compact.ids.length} spans, ${t.spans} are stored`);
          wireBytes = response.wireBytes;
          jsonBytes = Buffer.byteLength(text);
        }
      }
      const figure = {
        spans: t.spans,
        requests: times.length,
        p50Ms: round(percentile(times, 50), 1),
        p95Ms: round(percentile(times, 95), 1),
        maxMs: round(percentile(times, 100), 1),
        wireBytes,
        jsonBytes,
        jsonBytesPerSpan: round(jsonBytes / t.spans, 1),
      };
      traces[t.key] = figure;
      console.log(
        `  ${t.key}: ${t.spans} spans, p50 ${figure.p50Ms} ms, p95 ${figure.p95Ms} ms, ${jsonBytes.toLocaleString("en")} B JSON, ${wireBytes.toLocaleString("en")} B on the wire`,
      );
    }
    figures.traces = traces;
    for (const t of info.bigTraces) {
      const f = traces[t.key] as { p50Ms: number; p95Ms: number; spans: number };
      if (t.requested === BIG_TRACE_SIZES[1])
        judge(result, `api ${dialect} GET trace ${t.key} (${f.spans} spans) p50`, f.p50Ms, "<=", API_BUDGETS.trace10kP50Ms, "ms");
      if (t.requested === BIG_TRACE_SIZES[2])
        judge(result, `api ${dialect} GET trace ${t.key} (${f.spans} spans) p95`, f.p95Ms, "<=", API_BUDGETS.trace100kP95Ms, "ms");
    }

    noteStep(result, `${dialect}: trace list`);
    const queries = await listQueries(server.url, dataset.url);
    const lists: Record<string, unknown> = {};
    for (const [label, query] of queries) {
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < LIST_REQUESTS + 3; i++) {
        const response = await timedGet(`${server.url}/api/traces${query}`);
        if (response.status !== 200) throw new Error(`GET /api/traces${query}: ${response.status} ${decodeBody(response).slice(0, 300)}`);
        if (i >= 3) times.push(response.ms);
        else items = (JSON.parse(decodeBody(response)) as { traces: unknown[] }).traces.length;
      }
      const figure = {
        query,
        items,
        p50Ms: round(percentile(times, 50), 1),
        p95Ms: round(percentile(times, 95), 1),
        maxMs: round(percentile(times, 100), 1),
      };
      lists[label] = figure;
      judge(
        result,
        `api ${dialect} list ${label} (${items} items) p95`,
        figure.p95Ms,
        "<=",
        API_BUDGETS.listP95Ms,
        "ms",
        `p50 ${figure.p50Ms} ms, ${query || "(no query)"}`,
      );
    }
    figures.lists = lists;
    const facets = [];
    for (let i = 0; i < 3; i++) facets.push((await timedGet(`${server.url}/api/traces/facets`)).ms);
    figures.facetsMs = facets.map((x) => round(x, 1));
  } finally {
    await server.stop();
  }
}

/** The first page, and filtered pages built from values that exist in the data (the most common and the rarest). */
async function listQueries(baseUrl: string, databaseUrl: string): Promise<[string, string][]> {
  const first = JSON.parse(decodeBody(await timedGet(`${baseUrl}/api/traces`))) as {
    traces: { traceId: string }[];
    nextCursor: string | null;
  };
  const db = await openDb(databaseUrl);
  const count = async (column: "services" | "hosts") => {
    const rows = await db.prisma.$queryRawUnsafe<{ v: string; n: bigint | number }[]>(
      `SELECT "${column}" AS v, COUNT(*) AS n FROM "trace" GROUP BY "${column}"`,
    );
    const counts = new Map<string, number>();
    for (const row of rows) for (const value of parseTraceSet(row.v)) counts.set(value, (counts.get(value) ?? 0) + Number(row.n));
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  const services = await count("services");
  const hosts = await count("hosts");
  await db.close();
  // The rarest value is the slowest to answer: the newest-first walk reads the most rows to fill a page.
  const [common, commonCount] = services[0]!;
  const [rare, rareCount] = services[services.length - 1]!;
  const [rareHost, rareHostCount] = hosts[hosts.length - 1]!;
  return [
    ["first page", ""],
    ["second page (cursor)", `?cursor=${encodeURIComponent(first.nextCursor ?? "")}`],
    ["text q=servers", "?q=servers"],
    [`most common service=${common} (${commonCount} traces)`, `?service=${encodeURIComponent(common)}`],
    [`rarest service=${rare} (${rareCount} traces)`, `?service=${encodeURIComponent(rare)}`],
    [`rarest host=${rareHost} (${rareHostCount} traces)`, `?host=${encodeURIComponent(rareHost)}`],
    ["errors only", "?error=1"],
    ["slowest, minMs=2000", "?sort=slowest&minMs=2000"],
    ["text + errors + service", `?q=post&error=1&service=${encodeURIComponent(common)}`],
    ["base_id prefix", `?traceId=${first.traces[0]!.traceId.slice(0, 3)}`],
  ];
}

runIfMain(import.meta.url, async () => {
  saveResult(await runApiBench(parseApiOptions(process.argv.slice(2))));
});
