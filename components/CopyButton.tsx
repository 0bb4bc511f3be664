"use client";
import { useState, type ReactNode } from "react";

/** Copies a text (given, or computed on click) and says so for a moment. */
export function CopyButton({ text, label, children = "Copy", className = "" }: { text: string | (() => string); label: string; children?: ReactNode; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    const value = typeof text === "function" ? text() : text;
    setState((await copyText(value)) ? "copied" : "failed");
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      title={label}
      data-copied={state === "copied" ? "1" : undefined}
      className={`rounded border border-zinc-300 px-2 py-0.5 text-xs text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800 ${className}`}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : children}
    </button>
  );
}

/** The async clipboard needs a secure context (https or localhost); plain http on a LAN host falls back to execCommand. */
async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
