"use client";

export default function TraceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" role="alert">
      <h1 className="text-xl font-semibold">This trace could not be shown</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">The server failed while reading it{error.digest ? ` (reference ${error.digest})` : ""}; the details are in the server log.</p>
      <button type="button" onClick={reset} className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700">Try again</button>
    </main>
  );
}
