// Shown while the trace list's query runs. It lives in the (list) group so that it does not
// wrap /traces/[traceId], which must answer 404 before anything streams.
export default function Loading() {
  return (
    <main className="mx-auto max-w-[120rem] space-y-4 px-4 py-4" aria-busy="true">
      <h1 className="text-xl font-semibold">Traces</h1>
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading traces…
      </p>
    </main>
  );
}
