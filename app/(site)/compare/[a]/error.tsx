"use client";
import { Button } from "@/components/ui/Button";

export default function CompareError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" role="alert">
      <h1 className="text-xl font-semibold">These traces could not be compared</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        The server failed while reading them{error.digest ? ` (reference ${error.digest})` : ""}; the details are in the server log.
      </p>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
