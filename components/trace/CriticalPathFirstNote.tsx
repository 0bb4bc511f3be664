// Says why a trace, or two compared, opened with "critical path only" on when nobody asked for it
// (lib/ui/chooseTraceViewDefaults.ts, chooseCompareViewDefaults.ts), and takes the reader back to
// every span in one click: spans hidden by a default the reader did not choose must not look like
// spans that are missing. On the trace page the figures themselves are the findings' first line,
// just above; on the compare page, the summing-up sentence.
import { CRITICAL_ONLY_ID } from "./TraceToolbar";

/** `pair`: on the compare page, where one of the two traces is enough to open so. */
export function CriticalPathFirstNote({ onShowAll, pair = false }: { onShowAll(): void; pair?: boolean }) {
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="critical-path-first">
      {pair
        ? "Opened on the critical path: in either trace, most of the request's time came after the API answered."
        : "Opened on the critical path: most of this request's time came after the API answered."}{" "}
      <button
        type="button"
        className="rounded px-1 text-sky-700 hover:bg-sky-100 hover:underline dark:text-sky-400 dark:hover:bg-sky-900/40"
        onClick={() => {
          onShowAll();
          // The note, this button with it, goes away: the focus would fall back to the page's
          // start. The checkbox that now says "off" is where a keyboard reader goes on from.
          document.getElementById(CRITICAL_ONLY_ID)?.focus();
        }}
      >
        Show every span
      </button>
    </p>
  );
}
