"use client";
// Import a report written by `osprofiler trace show --json <base_id> --out file.json` (or the
// same gzipped), so a trace collected elsewhere can be viewed and shared here. The file is sent
// as the request body with XMLHttpRequest, whose upload events give the progress of a big
// report's upload (fetch has none); then the server reads and stores it ("storing").
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { describeUploadTooLarge, formatMegabytes, IMPORT_MAX_BYTES } from "@/lib/api/importLimits";
import type { TraceImportResult } from "@/lib/api/types";
import { Button } from "../ui/Button";

type ImportState =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "storing"; total: number }
  | { kind: "error"; message: string };

export function ImportTraceForm() {
  const router = useRouter();
  const [state, setState] = useState<ImportState>({ kind: "idle" });
  const request = useRef<XMLHttpRequest | null>(null);
  const busy = state.kind === "uploading" || state.kind === "storing";

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ kind: "error", message: "Choose an OSprofiler JSON report (.json or .json.gz) first." });
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setState({ kind: "error", message: `${file.name} is ${formatMegabytes(file.size)}: ${describeUploadTooLarge(IMPORT_MAX_BYTES)}.` });
      return;
    }
    const gzip = /\.gz$/i.test(file.name) || /gzip/i.test(file.type);
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", "/api/traces/import");
    xhr.setRequestHeader("content-type", gzip ? "application/gzip" : "application/json");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => setState({ kind: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => setState({ kind: "storing", total: file.size });
    xhr.onload = () => {
      request.current = null;
      let body: (TraceImportResult & { error?: string }) | null = null;
      try {
        body = JSON.parse(xhr.responseText) as TraceImportResult & { error?: string };
      } catch {
        // not JSON: the status says what went wrong
      }
      if (xhr.status < 200 || xhr.status >= 300 || !body?.url) {
        setState({ kind: "error", message: body?.error ?? `import failed (HTTP ${xhr.status})` });
        return;
      }
      router.push(body.url);
    };
    xhr.onabort = () => {
      request.current = null;
      setState({
        kind: "error",
        message: "Import cancelled. What the server had already stored stays; importing the file again completes it.",
      });
    };
    xhr.onerror = () => {
      request.current = null;
      setState({ kind: "error", message: "the upload failed: the server could not be reached, or it closed the connection" });
    };
    setState({ kind: "uploading", loaded: 0, total: file.size });
    xhr.send(file);
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2" aria-label="Import an OSprofiler report">
      <label className="text-sm text-zinc-700 dark:text-zinc-300">
        Import an OSprofiler JSON report{" "}
        <input
          type="file"
          name="file"
          accept=".json,.gz,application/json,application/gzip"
          aria-label="OSprofiler JSON report file (.json or .json.gz)"
          className="text-sm file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-transparent file:px-2 file:py-1 file:text-sm dark:file:border-zinc-700"
          data-testid="import-file"
        />
      </label>
      <Button type="submit" disabled={busy}>
        {busy ? "Importing…" : "Import"}
      </Button>
      {busy && (
        <Button type="button" variant="link" onClick={() => request.current?.abort()}>
          Cancel
        </Button>
      )}
      {busy && <ImportProgress state={state} />}
      {state.kind === "error" && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
    </form>
  );
}

function ImportProgress({ state }: { state: Extract<ImportState, { kind: "uploading" | "storing" }> }) {
  const uploading = state.kind === "uploading";
  const percent = uploading && state.total > 0 ? Math.floor((state.loaded / state.total) * 100) : null;
  return (
    <div
      className="flex w-full items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300"
      data-testid="import-progress"
      data-phase={state.kind}
    >
      {/* No value while storing: an indeterminate bar (the server says nothing until it is done). */}
      <progress
        className="h-2 w-48"
        max={100}
        value={percent ?? undefined}
        aria-label={uploading ? "Upload progress" : "Storing the report"}
      />
      <span role="status" aria-live="polite">
        {uploading
          ? `Uploading ${megabytes(state.loaded)} of ${megabytes(state.total)} (${percent}%)`
          : `Storing: the server reads the report (${megabytes(state.total)}) and stores its spans…`}
      </span>
    </div>
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
