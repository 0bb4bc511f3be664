// /statements/{key hash}: one normalized SQL statement across traces, from the per-trace sums
// kept at ingest (never a span): runs per request, call time over time, the slowest traces.
// Reached from a statement in the trace page's DB panel.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatementChart } from "@/components/statement/StatementChart";
import { BreakablePath } from "@/components/ui/BreakablePath";
import { SqlBlock } from "@/components/trace/SqlBlock";
import { LINK_CLASS } from "@/components/ui/Button";
import { DatabaseUnreachablePage } from "@/components/ui/MessagePage";
import { TraceLink } from "@/components/ui/TraceLink";
import { getApiLogger } from "@/lib/api/apiLogger";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "@/lib/api/readUnlessDatabaseDown";
import { formatTraceListQuery } from "@/lib/api/formatTraceListQuery";
import { readStatementUses } from "@/lib/db/readStatementUses";
import { getReadDb } from "@/lib/db/readDb";
import { summarizeStatementUsage } from "@/lib/trace/summarizeStatementUsage";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { formatUtcTimestampToSeconds } from "@/lib/ui/formatTime";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SQL statement" };

type Props = { params: Promise<{ keyHash: string }> };

export default async function StatementPage({ params }: Props) {
  const { keyHash } = await params;
  if (!/^[0-9a-f]{16}$/.test(keyHash)) notFound();
  // From the database the traces are read from (a replica when one is set), as the trace page's.
  const uses = await readUnlessDatabaseDown(async () => readStatementUses(await getReadDb(), keyHash), getApiLogger(), "/statements");
  if (uses === DATABASE_DOWN) return <DatabaseUnreachablePage what="this statement's uses" retryHref={`/statements/${keyHash}`} />;
  if (uses.statement === null) notFound();
  const usage = summarizeStatementUsage(uses.latest);
  const th = "px-2 py-1 font-medium";
  return (
    <main className="mx-auto max-w-[120rem] space-y-4 px-4 py-4">
      <h1 className="text-xl font-semibold">SQL statement across traces</h1>
      <SqlBlock sql={uses.statement} label="Normalized statement" />
      <p className="text-sm" data-testid="statement-totals">
        Run {usage.runs.toLocaleString("en")} {usage.runs === 1 ? "time" : "times"} in {uses.traces.toLocaleString("en")}{" "}
        {uses.traces === 1 ? "trace" : "traces"}
        {uses.traces > uses.latest.length && ` (figures below: the latest ${uses.latest.length.toLocaleString("en")})`}.
      </p>
      <section className="space-y-1">
        <h2 className="font-medium">Call time over time</h2>
        <p className="text-xs text-zinc-500">
          Per trace, its mean time per call of this statement; per time bucket, the p50 (dark) and p95 (light) of those.
        </p>
        <StatementChart series={usage.series} />
      </section>
      <div className="grid gap-4 xl:grid-cols-2">
        <section>
          <h2 className="mb-1 font-medium">Runs per request</h2>
          <table className="w-full text-sm tabular-nums" data-testid="statement-per-request">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className={th}>Request</th>
                <th className={`${th} text-right`}>Traces</th>
                <th className={`${th} text-right`}>Median runs</th>
                <th className={`${th} text-right`}>Max runs</th>
              </tr>
            </thead>
            <tbody>
              {usage.perRequest.map((r) => (
                <tr key={r.signature} className="border-t border-zinc-100 dark:border-zinc-800 [&_td]:px-2 [&_td]:py-1">
                  {/* Wraps between path segments (anywhere only within a segment wider than the column): one line with an
                      ellipsis made the table as wide as the longest request on a phone. */}
                  <td className="max-w-[28rem] font-mono [overflow-wrap:anywhere]">
                    <Link className={LINK_CLASS} href={`/?${formatTraceListQuery({ signature: r.signature }).toString()}`}>
                      <BreakablePath text={r.signature} />
                    </Link>
                  </td>
                  <td className="text-right">{r.traces.toLocaleString("en")}</td>
                  <td className="text-right">{r.medianRuns.toLocaleString("en")}</td>
                  <td className="text-right">{r.maxRuns.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2 className="mb-1 font-medium">Slowest traces using it</h2>
          <table className="w-full text-sm tabular-nums" data-testid="statement-slowest">
            <thead className="text-left text-xs text-zinc-500">
              <tr>
                <th className={th}>Trace</th>
                <th className={`${th} text-right`}>Longest call</th>
                <th className={`${th} text-right`}>Runs</th>
                <th className={`${th} text-right`}>Total</th>
              </tr>
            </thead>
            <tbody>
              {uses.slowest.map((u) => (
                <tr key={u.traceId} className="border-t border-zinc-100 dark:border-zinc-800 [&_td]:px-2 [&_td]:py-1">
                  {/* Wraps anywhere if it must (a whole trace id on one line held a phone's page 200 px wide), but the
                      request first between its path segments, not in the middle of a word. */}
                  <td className="max-w-[28rem] [overflow-wrap:anywhere]">
                    <TraceLink className={`${LINK_CLASS} font-mono`} traceId={u.traceId}>
                      {u.signature === null ? u.traceId : <BreakablePath text={u.signature} />}
                    </TraceLink>
                    <div className="text-xs text-zinc-500">
                      {formatUtcTimestampToSeconds(u.startUs)} · {u.traceId}
                    </div>
                  </td>
                  <td className="text-right">{formatDurationUs(u.maxUs)}</td>
                  <td className="text-right">{u.count.toLocaleString("en")}</td>
                  <td className="text-right">{formatDurationUs(u.totalUs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </main>
  );
}
