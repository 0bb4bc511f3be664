// The trace list (/): filters in the URL, newest first, an empty state for a new installation.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/list/EmptyState";
import { ImportTraceForm } from "@/components/list/ImportTraceForm";
import { JumpToTrace } from "@/components/list/JumpToTrace";
import { ListViewTabs } from "@/components/list/ListViewTabs";
import { RefreshButton } from "@/components/list/RefreshButton";
import { SignatureFilter } from "@/components/list/SignatureFilter";
import { SignatureGroupsTable } from "@/components/list/SignatureGroupsTable";
import { TraceListFilters, type TraceListFilterValues } from "@/components/list/TraceListFilters";
import { TraceListTable } from "@/components/list/TraceListTable";
import { formatTimeParam, formatTraceListQuery } from "@/lib/api/formatTraceListQuery";
import { isTraceListQueryError, parseTraceListQuery } from "@/lib/api/traceListQuery";
import type { TraceListQuery } from "@/lib/trace/traceList";
import { loadConfig } from "@/lib/config";
import { listTraceFacets } from "@/lib/db/listTraceFacets";
import { listSignatureGroups } from "@/lib/db/listSignatureGroups";
import { listTraces } from "@/lib/db/listTraces";
import { getReadDb } from "@/lib/db/readDb";
import { LINK_CLASS } from "@/components/ui/Button";
import { DatabaseUnreachablePage } from "@/components/ui/MessagePage";
import { getApiLogger } from "@/lib/api/apiLogger";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "@/lib/api/readUnlessDatabaseDown";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Traces" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TraceListPage({ searchParams }: Props) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams))
    if (typeof value === "string") params.set(key, value);
    else if (Array.isArray(value) && value[0] !== undefined) params.set(key, value[0]);

  const query = parseTraceListQuery(params);
  // view=requests: the traces grouped by request signature over the from/to window.
  const grouped = params.get("view") === "requests";
  const window = isTraceListQueryError(query) ? {} : { from: query.from, to: query.to };
  const read = await readUnlessDatabaseDown(
    async () => {
      const db = await getReadDb();
      const facets = await listTraceFacets(db);
      const groups = grouped && !isTraceListQueryError(query) ? await listSignatureGroups(db, window) : null;
      const page = isTraceListQueryError(query) || grouped ? null : await listTraces(db, query);
      return { facets, groups, page };
    },
    getApiLogger(),
    "/",
  );
  if (read === DATABASE_DOWN) {
    const search = params.toString();
    return <DatabaseUnreachablePage what="the trace list" retryHref={`/${search && `?${search}`}`} />;
  }
  const { facets, groups, page } = read;
  const filtered = !isTraceListQueryError(query) && hasFilters(query);
  const nowUs = readClockUs();

  return (
    <main className="mx-auto max-w-[120rem] space-y-4 px-4 py-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Traces</h1>
        <JumpToTrace />
      </div>
      <ListViewTabs grouped={grouped} tracesHref={hrefFor(window)} groupsHref={groupsHref(window)} />
      <TraceListFilters key={params.toString()} values={toFilterValues(params)} facets={facets} />
      {!isTraceListQueryError(query) && query.signature !== undefined && !grouped && (
        <SignatureFilter
          signature={query.signature}
          withoutHref={hrefFor({ ...query, signature: undefined, cursor: undefined })}
          groupsHref={groupsHref(window)}
        />
      )}
      {isTraceListQueryError(query) ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          The filters in this link are not valid: {query.error}
        </p>
      ) : groups ? (
        groups.groups.length > 0 ? (
          <SignatureGroupsTable page={groups} tracesHref={(signature) => hrefFor({ ...window, signature })} />
        ) : (
          <p className="rounded border border-dashed border-zinc-300 p-5 text-sm dark:border-zinc-700" data-testid="no-matches">
            No trace started in this window.
          </p>
        )
      ) : page && page.traces.length > 0 ? (
        <>
          <TraceListTable traces={page.traces} nowUs={nowUs} />
          <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
            {query.cursor && (
              <Link href={hrefFor({ ...query, cursor: undefined })} className={LINK_CLASS}>
                ← {query.sort === "newest" ? "Newest" : "Slowest"}
              </Link>
            )}
            {page.nextCursor && (
              <Link href={hrefFor({ ...query, cursor: page.nextCursor })} className={LINK_CLASS}>
                {query.sort === "newest" ? "Older" : "Faster"} →
              </Link>
            )}
            <span className="ml-auto">
              <RefreshButton />
            </span>
          </nav>
        </>
      ) : filtered || query.cursor ? (
        <p className="rounded border border-dashed border-zinc-300 p-5 text-sm dark:border-zinc-700" data-testid="no-matches">
          No trace matches these filters.{" "}
          <Link href="/" className={LINK_CLASS}>
            Show all traces
          </Link>
        </p>
      ) : (
        <EmptyState config={loadConfig()} />
      )}
      <ImportTraceForm />
    </main>
  );
}

/** The list is rendered per request on the server: "3 minutes ago" is relative to this moment. */
function readClockUs(): number {
  return Date.now() * 1000;
}

function hasFilters(query: TraceListQuery): boolean {
  const { sort: _sort, limit: _limit, cursor: _cursor, ...filters } = query;
  return Object.values(filters).some((v) => v !== undefined && v !== false);
}

function groupsHref(window: Partial<TraceListQuery>): string {
  const search = formatTraceListQuery(window);
  search.set("view", "requests");
  return `/?${search.toString()}`;
}

function hrefFor(query: Partial<TraceListQuery>): string {
  const search = formatTraceListQuery(query).toString();
  return search ? `/?${search}` : "/";
}

/** The form shows what the URL says; times as datetime-local values in UTC. */
function toFilterValues(params: URLSearchParams): TraceListFilterValues {
  const text = (key: string) => params.get(key) ?? "";
  const time = (key: string) => {
    const query = parseTraceListQuery(new URLSearchParams({ [key]: text(key) }));
    const us = isTraceListQueryError(query) ? undefined : (query as Record<string, unknown>)[key];
    return typeof us === "number" ? formatTimeParam(us).replace(/Z$/, "").slice(0, 19) : "";
  };
  return {
    q: text("q"),
    traceId: text("traceId"),
    service: text("service"),
    project: text("project"),
    host: text("host"),
    from: time("from"),
    to: time("to"),
    minMs: text("minMs"),
    maxMs: text("maxMs"),
    sort: text("sort"),
    signature: text("signature"),
    view: text("view"),
    error: params.get("error") === "1" || params.get("error") === "true",
  };
}
