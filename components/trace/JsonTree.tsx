"use client";
// A raw payload as a collapsible tree. Keys and values are wire text: rendered as text only.
// A payload may hold 50,000 values (OSTRACE_MAX_JSON_ITEMS; a bulk INSERT's params are 20,000),
// and rendering them all took ~0.8 s per 20,000 on the server alone, on every click of the span:
// a closed node renders its children only once opened, and a node shows its first
// JSON_TREE_SHOWN entries until asked for the rest.
import { useState } from "react";
import type { Json } from "@/lib/notification/types";
import { describeJson, formatJsonScalar, isJsonContainer } from "@/lib/ui/describeJson";
import { RedactedText } from "./RedactedText";

/** Entries of one object or array shown before a "show all" button. */
export const JSON_TREE_SHOWN = 200;

export function JsonTree({ value, label, defaultOpenDepth = 2 }: { value: Json; label?: string; defaultOpenDepth?: number }) {
  return (
    <div className="font-mono text-xs leading-5" aria-label={label ?? "JSON"} role="group">
      <JsonNode name={null} value={value} depth={0} openDepth={defaultOpenDepth} />
    </div>
  );
}

function JsonNode({ name, value, depth, openDepth }: { name: string | null; value: Json; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const [showAll, setShowAll] = useState(false);
  const key = name === null ? null : <span className="text-sky-800 dark:text-sky-300">{name}: </span>;
  if (!isJsonContainer(value)) {
    return (
      <div className="break-all whitespace-pre-wrap" style={{ paddingLeft: depth ? 12 : 0 }}>
        {key}
        <span className={typeof value === "string" ? "text-emerald-800 dark:text-emerald-300" : "text-violet-800 dark:text-violet-300"}>
          {typeof value === "string" ? <RedactedText text={formatJsonScalar(value)} /> : formatJsonScalar(value)}
        </span>
      </div>
    );
  }
  const size = Array.isArray(value) ? value.length : Object.keys(value).length;
  const shown = showAll ? size : Math.min(size, JSON_TREE_SHOWN);
  const entries: [string, Json][] = open
    ? Array.isArray(value)
      ? value.slice(0, shown).map((v, k) => [String(k), v])
      : Object.entries(value).slice(0, shown)
    : [];
  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)} style={{ paddingLeft: depth ? 12 : 0 }}>
      <summary className="cursor-pointer select-none">
        {key}
        <span className="text-zinc-500">{describeJson(value)}</span>
      </summary>
      {open && (
        <div>
          {entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {shown < size && (
            <button
              type="button"
              onClick={() => setShowAll(true)}
              className="cursor-pointer pl-3 text-sky-700 hover:underline dark:text-sky-400"
            >
              {`Show the other ${size - shown} ${Array.isArray(value) ? "items" : "keys"}`}
            </button>
          )}
        </div>
      )}
    </details>
  );
}
