// A trace's spans as the OTLP export plans its tree: ids, parent, names, place and times, without
// the detail text or the payload rests (most of a row's bytes, and all of its parsing), a page at
// a time in span id order (keyset, as scanTraceSpanRows), so no million rows are ever held.
// Each page comes as one row per (name, project, service, host), its spans joined in one text
// ("spanId parentId startUs stopUs ..."), as readTraceSpans reads a trace: through the driver
// and Prisma a row costs several objects per column, which a million-span scan made into
// hundreds of MB of garbage (docs/benchmarks.md §17). Span ids and parent ids are UUIDs
// (validated at ingest), so a space never occurs inside one. A page's rows are made one at a
// time as the caller iterates, so none outlives the synchronous loop that reads it.
import type { Span } from "../span/types";
import type { Db } from "./client";
import { toNumber } from "./sql";

export type SpanLink = Pick<Span, "spanId" | "parentId" | "name" | "project" | "service" | "host" | "startUs" | "stopUs">;

type Group = {
  last: string;
  rows: number | bigint;
  name: string;
  project: string;
  service: string;
  host: string;
  spans: string;
};

const PAGE_COLUMNS = `s."span_id", s."parent_id", s."name", s."project", s."service", s."host", s."start_us", s."stop_us"`;
const GROUP_BY = `"name", "project", "service", "host"`;

function pageStatement(db: Db, after: boolean, pageSize: number): string {
  const [p1, p2] = db.dialect === "sqlite" ? ["?", "?"] : ["$1", "$2"];
  const time = (column: string) => (db.dialect === "sqlite" ? `ifnull("${column}", '')` : `coalesce("${column}"::text, '')`);
  const joined = `"span_id" || ' ' || "parent_id" || ' ' || ${time("start_us")} || ' ' || ${time("stop_us")}`;
  return (
    `WITH "page" AS (SELECT ${PAGE_COLUMNS} FROM "span" AS s WHERE s."trace_id" = ${p1}` +
    `${after ? ` AND s."span_id" > ${p2}` : ""} ORDER BY s."span_id" LIMIT ${pageSize}) ` +
    `SELECT (SELECT max("span_id") FROM "page") AS "last", (SELECT count(*) FROM "page") AS "rows", ${GROUP_BY}, ` +
    `${db.dialect === "sqlite" ? `group_concat(${joined}, ' ')` : `string_agg(${joined}, ' ')`} AS "spans" ` +
    `FROM "page" GROUP BY ${GROUP_BY}`
  );
}

export async function* scanTraceSpanLinks(db: Db, traceId: string, pageSize = 5000): AsyncGenerator<Iterable<SpanLink>> {
  const first = pageStatement(db, false, pageSize);
  const next = pageStatement(db, true, pageSize);
  let after: string | null = null;
  for (;;) {
    const groups: Group[] =
      after === null
        ? await db.prisma.$queryRawUnsafe<Group[]>(first, traceId)
        : await db.prisma.$queryRawUnsafe<Group[]>(next, traceId, after);
    if (groups.length === 0) return;
    const rows = toNumber(groups[0]!.rows);
    after = groups[0]!.last;
    yield readGroups(groups, rows, traceId);
    if (rows < pageSize) return;
  }
}

function* readGroups(groups: readonly Group[], rows: number, traceId: string): Generator<SpanLink> {
  let seen = 0;
  for (const { name, project, service, host, spans } of groups) {
    const fields = spans.split(" ");
    if (fields.length % 4 !== 0) throw new Error(`scanTraceSpanLinks: span ids of trace ${traceId} are not UUIDs`);
    seen += fields.length / 4;
    for (let i = 0; i < fields.length; i += 4) {
      yield {
        spanId: fields[i]!,
        parentId: fields[i + 1]!,
        name,
        project,
        service,
        host,
        startUs: readTime(fields[i + 2]!),
        stopUs: readTime(fields[i + 3]!),
      };
    }
  }
  if (seen !== rows) throw new Error(`scanTraceSpanLinks: a page of trace ${traceId} held ${rows} spans, ${seen} were read`);
}

function readTime(text: string): number | null {
  return text === "" ? null : Number(text);
}
