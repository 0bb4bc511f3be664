"use client";
// The list's filters as a form whose fields are the API's query parameters: submitting puts
// them in the URL (shareable), normalized by the same parser/formatter the API uses. Without
// JavaScript the form still works as a plain GET.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatTraceListQuery } from "@/lib/api/formatTraceListQuery";
import type { TraceFacets } from "@/lib/trace/traceList";
import { Button } from "../ui/Button";
import { Checkbox } from "../ui/Checkbox";

export type TraceListFilterValues = Record<
  "q" | "traceId" | "service" | "project" | "host" | "from" | "to" | "minMs" | "maxMs" | "sort" | "signature" | "view",
  string
> & { error: boolean };

/**
 * The API's query parser, loaded when the form is first used: it brings zod, which was ~400 KB of
 * the list page's ~880 KB of script (and of what every trace page prefetches for its link back to
 * the list), for a check that runs only on submit.
 */
const loadQueryParser = () => import("@/lib/api/traceListQuery");

const input = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The form's name for each query parameter a refusal can name: the labels the form shows (the root request's is its box's accessible name). */
const FIELD_LABELS: Record<string, string> = {
  q: "Root request contains",
  traceId: "base_id starts with",
  from: "From (UTC)",
  to: "To (UTC)",
  minMs: "Min ms",
  maxMs: "Max ms",
};
const FIELD_NAMES = Object.keys(FIELD_LABELS).join("|");

/**
 * The API's refusal in the words of the form: a parameter it names first ("minMs: ...") or last
 * ("... is greater than maxMs") becomes the label of the field a person typed into.
 */
function describeFilterProblem(error: string): string {
  return error
    .replace(new RegExp(`^(${FIELD_NAMES}):`), (_, name: string) => `${FIELD_LABELS[name]}:`)
    .replace(new RegExp(`( than| after| before) (${FIELD_NAMES})$`), (_, word: string, name: string) => `${word} ${FIELD_LABELS[name]}`);
}

export function TraceListFilters({ values, facets }: { values: TraceListFilterValues; facets: TraceFacets }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget))
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    const { isTraceListQueryError, parseTraceListQuery } = await loadQueryParser();
    const query = parseTraceListQuery(params);
    if (isTraceListQueryError(query)) {
      setProblem(describeFilterProblem(query.error));
      return;
    }
    setProblem(null);
    const { cursor: _cursor, ...rest } = query;
    const search = formatTraceListQuery(rest);
    // The grouped view is not a filter of the list API, but the URL keeps it.
    if (values.view) search.set("view", values.view);
    router.push(search.size > 0 ? `/?${search.toString()}` : "/");
  };
  const select = (name: "service" | "project" | "host", label: string, options: string[], omitted = 0) => (
    <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {label}
      <select name={name} defaultValue={values[name]} className={input} aria-label={`Filter by ${label.toLowerCase()}`}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
        {values[name] && !options.includes(values[name]) && <option value={values[name]}>{values[name]}</option>}
        {omitted > 0 && (
          <option value="" disabled>
            {`${omitted} more not listed`}
          </option>
        )}
      </select>
    </label>
  );
  // The grouped view is computed over the From/To window alone (lib/db/listSignatureGroups): the
  // other fields would be kept in the URL and silently change nothing, so they are not offered.
  const grouped = values.view === "requests";
  return (
    <form
      method="get"
      action="/"
      onSubmit={(event) => void submit(event)}
      onFocus={() => void loadQueryParser()}
      aria-label="Filter traces"
      className="flex flex-wrap items-end gap-3"
    >
      {values.signature && <input type="hidden" name="signature" value={values.signature} />}
      {values.view && <input type="hidden" name="view" value={values.view} />}
      {!grouped && (
        <>
          <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            Root request contains, or an id
            <input
              name="q"
              defaultValue={values.q}
              placeholder="servers, req-…, a UUID"
              className={`${input} w-48`}
              aria-label={FIELD_LABELS.q}
              title="Text of the root request, or an OpenStack id the trace mentions anywhere: req-…, an instance, port, volume or project UUID"
            />
          </label>
          <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {FIELD_LABELS.traceId}
            <input
              name="traceId"
              defaultValue={values.traceId}
              placeholder="2d6c…"
              className={`${input} w-36 font-mono`}
              aria-label={FIELD_LABELS.traceId}
            />
          </label>
          {select("project", "Project", facets.projects, facets.omitted?.projects)}
          {select("service", "Service", facets.services, facets.omitted?.services)}
          {select("host", "Host", facets.hosts, facets.omitted?.hosts)}
        </>
      )}
      <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        {FIELD_LABELS.from}
        <input name="from" type="datetime-local" step={1} defaultValue={values.from} className={input} aria-label="Started from (UTC)" />
      </label>
      <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
        {FIELD_LABELS.to}
        <input name="to" type="datetime-local" step={1} defaultValue={values.to} className={input} aria-label="Started until (UTC)" />
      </label>
      {!grouped && (
        <>
          <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {FIELD_LABELS.minMs}
            <input
              name="minMs"
              inputMode="decimal"
              defaultValue={values.minMs}
              className={`${input} w-20`}
              aria-label="Minimum duration in ms"
            />
          </label>
          <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {FIELD_LABELS.maxMs}
            <input
              name="maxMs"
              inputMode="decimal"
              defaultValue={values.maxMs}
              className={`${input} w-20`}
              aria-label="Maximum duration in ms"
            />
          </label>
          <Checkbox name="error" value="1" defaultChecked={values.error} className="pb-1.5">
            With errors
          </Checkbox>
          <label className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            Sort
            <select name="sort" defaultValue={values.sort || "newest"} className={input} aria-label="Sort">
              <option value="newest">newest first</option>
              <option value="slowest">slowest first</option>
              <option value="answered">slowest answer first</option>
            </select>
          </label>
        </>
      )}
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <Link href={grouped ? "/?view=requests" : "/"} className="pb-1.5 text-sm text-zinc-600 hover:underline dark:text-zinc-400">
        Reset
      </Link>
      {grouped && (
        <p className="pb-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          Requests are grouped over this window; the other filters are on the Traces tab.
        </p>
      )}
      {problem && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </form>
  );
}
