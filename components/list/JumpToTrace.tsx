"use client";
// Paste what `openstack --os-profile` printed (or a link, or a few leading hex digits).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { parseTraceIdInput } from "@/lib/ui/parseTraceIdInput";
import { Button } from "../ui/Button";

export function JumpToTrace() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("id") ?? "");
    const parsed = parseTraceIdInput(text);
    if (parsed === null) {
      setProblem("Paste a base_id (a UUID, as printed after “Trace ID:”) or its first hex digits.");
      return;
    }
    setProblem(null);
    router.push("traceId" in parsed ? `/traces/${parsed.traceId}` : `/?traceId=${encodeURIComponent(parsed.prefix)}`);
  };
  return (
    <form onSubmit={submit} className="flex max-w-full min-w-0 flex-wrap items-center gap-2" aria-label="Open a trace by base_id">
      <input
        name="id"
        placeholder="Paste a base_id / Trace ID to open it"
        aria-label="base_id to open"
        className="w-[24rem] max-w-full rounded border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        data-testid="jump-input"
      />
      <Button type="submit">Open</Button>
      {problem && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </form>
  );
}
