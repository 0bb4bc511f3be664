/** A trace cut short by a cap: said first, inside the page's main landmark, as the rest of the trace is. */
export function TruncationBanner({ truncation, className = "" }: { truncation: string; className?: string }) {
  return (
    <p
      role="status"
      data-testid="trace-truncated"
      className={`rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-200 ${className}`}
    >
      {truncation}. What is shown is what was stored before that.
    </p>
  );
}
