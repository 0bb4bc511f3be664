"use client";
import { Button } from "@/components/ui/Button";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" role="alert">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The server could not answer{error.digest ? ` (reference ${error.digest})` : ""}. Is the database reachable (DATABASE_URL)? The
        server log has the details.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
