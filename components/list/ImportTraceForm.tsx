"use client";
// Import a report written by `osprofiler trace show --json <base_id> --out file.json`, so a
// trace collected elsewhere can be viewed and shared here.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { TraceImportResult } from "@/lib/api/types";
import { Button } from "../ui/Button";

export function ImportTraceForm() {
  const router = useRouter();
  const [state, setState] = useState<{ kind: "idle" } | { kind: "busy" } | { kind: "error"; message: string }>({ kind: "idle" });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ kind: "error", message: "Choose an OSprofiler JSON report first." });
      return;
    }
    setState({ kind: "busy" });
    try {
      const response = await fetch("/api/traces/import", { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as (TraceImportResult & { error?: string }) | null;
      if (!response.ok || !body?.url) {
        setState({ kind: "error", message: body?.error ?? `import failed (HTTP ${response.status})` });
        return;
      }
      router.push(body.url);
    } catch (error) {
      setState({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2" aria-label="Import an OSprofiler report">
      <label className="text-sm text-zinc-700 dark:text-zinc-300">
        Import an OSprofiler JSON report{" "}
        <input type="file" name="file" accept=".json,application/json" aria-label="OSprofiler JSON report file" className="text-sm file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-transparent file:px-2 file:py-1 file:text-sm dark:file:border-zinc-700" data-testid="import-file" />
      </label>
      <Button type="submit" disabled={state.kind === "busy"}>
        {state.kind === "busy" ? "Importing…" : "Import"}
      </Button>
      {state.kind === "error" && <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">{state.message}</p>}
    </form>
  );
}
