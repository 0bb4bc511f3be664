// A raw payload as a collapsible tree. Keys and values are wire text: rendered as text only.
import type { Json } from "@/lib/notification/types";
import { describeJson, formatJsonScalar, isJsonContainer } from "@/lib/ui/describeJson";
import { RedactedText } from "./RedactedText";

export function JsonTree({ value, label, defaultOpenDepth = 2 }: { value: Json; label?: string; defaultOpenDepth?: number }) {
  return (
    <div className="font-mono text-xs leading-5" aria-label={label ?? "JSON"} role="group">
      <JsonNode name={null} value={value} depth={0} openDepth={defaultOpenDepth} />
    </div>
  );
}

function JsonNode({ name, value, depth, openDepth }: { name: string | null; value: Json; depth: number; openDepth: number }) {
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
  const entries: [string, Json][] = Array.isArray(value) ? value.map((v, k) => [String(k), v]) : Object.entries(value);
  return (
    <details open={depth < openDepth} style={{ paddingLeft: depth ? 12 : 0 }}>
      <summary className="cursor-pointer select-none">
        {key}
        <span className="text-zinc-500">{describeJson(value)}</span>
      </summary>
      <div>
        {entries.map(([k, v]) => (
          <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
        ))}
      </div>
    </details>
  );
}
