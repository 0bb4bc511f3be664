// The trace list grouped by request signature: one row per kind of request, how many came in the
// window, when the API answered and how long the whole request took (an asynchronous one's cast
// work included); each row opens the list of its traces (signature= in the URL).
import Link from "next/link";
import { BreakablePath } from "@/components/ui/BreakablePath";
import type { SignatureGroupsPage } from "@/lib/trace/signatureGroups";
import { formatDurationUs } from "@/lib/ui/formatDuration";

/**
 * The columns a narrow screen leaves out, so the request, its count and its typical duration stay
 * on screen without scrolling sideways: the bar below 1024 px, the answer's percentiles below
 * 768 px, p95 and max below 640 px.
 */
const FROM_SM = "hidden sm:table-cell";
const FROM_MD = "hidden md:table-cell";
const FROM_LG = "hidden lg:table-cell";

export function SignatureGroupsTable({ page, tracesHref }: { page: SignatureGroupsPage; tracesHref: (signature: string) => string }) {
  const longest = Math.max(1, ...page.groups.map((g) => g.maxUs));
  const share = (us: number | null) => `${((us ?? 0) / longest) * 100}%`;
  const duration = (us: number | null) => (us === null ? "–" : formatDurationUs(us));
  return (
    <div className="space-y-1">
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm" data-testid="signature-groups">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr className="[&_th]:px-2 [&_th]:py-2 [&_th]:font-medium sm:[&_th]:px-3">
              <th scope="col">Request</th>
              <th scope="col" className="text-right">
                Traces
              </th>
              <th
                scope="col"
                className={`${FROM_MD} text-right`}
                title="when the API answered (the root request's own duration), p50 and p95 over the traces whose root answered"
              >
                Answered p50 · p95
              </th>
              <th scope="col" className="text-right" title="first to last timestamp of each trace: the work its casts did included">
                Duration p50
              </th>
              <th scope="col" className={`${FROM_SM} text-right`}>
                p95
              </th>
              <th scope="col" className={`${FROM_SM} text-right`}>
                Max
              </th>
              <th scope="col" className={`${FROM_LG} w-56`} aria-label="p50, p95 and max on one scale" />
            </tr>
          </thead>
          <tbody>
            {page.groups.map((g) => (
              <tr
                key={g.signature}
                data-signature={g.signature}
                className="border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900/60 [&_td]:px-2 [&_td]:py-2 sm:[&_td]:px-3"
              >
                {/* Wraps between path segments below 1024 px (one line with an ellipsis left a phone
                    two characters of it); wider, one line. */}
                <td className="max-w-[36rem] [overflow-wrap:anywhere]">
                  <Link
                    href={tracesHref(g.signature)}
                    className="block font-mono text-sky-800 hover:underline lg:truncate dark:text-sky-300"
                    title={`The traces of ${g.signature}`}
                  >
                    <BreakablePath text={g.signature} />
                  </Link>
                </td>
                <td className="text-right tabular-nums">{g.count.toLocaleString("en")}</td>
                <td className={`${FROM_MD} whitespace-nowrap text-right tabular-nums`} data-testid="answered-percentiles">
                  {g.answeredP50Us === null ? "–" : `${duration(g.answeredP50Us)} · ${duration(g.answeredP95Us)}`}
                </td>
                <td className="whitespace-nowrap text-right tabular-nums">{duration(g.p50Us)}</td>
                <td className={`${FROM_SM} text-right tabular-nums`}>{duration(g.p95Us)}</td>
                <td className={`${FROM_SM} text-right tabular-nums`}>{formatDurationUs(g.maxUs)}</td>
                <td className={FROM_LG} aria-hidden>
                  <div className="relative h-2 w-full rounded bg-zinc-100 dark:bg-zinc-800">
                    <div className="absolute h-2 rounded bg-sky-200 dark:bg-sky-900" style={{ width: share(g.maxUs) }} />
                    <div className="absolute h-2 rounded bg-sky-400" style={{ width: share(g.p95Us) }} />
                    <div className="absolute h-2 rounded bg-sky-700" style={{ width: share(g.p50Us) }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.percentilesOver !== null && (
        <p className="text-xs text-zinc-500">
          Percentiles over the window&apos;s latest {page.percentilesOver.toLocaleString("en")} traces; counts and maxima over all.
        </p>
      )}
    </div>
  );
}
