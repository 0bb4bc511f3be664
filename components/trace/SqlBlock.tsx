"use client";
// A SQL statement, indented and colored from tokens (each token a text node, never HTML).
import { useMemo } from "react";
import { formatSqlTokens } from "@/lib/ui/formatSql";
import type { SqlTokenKind } from "@/lib/ui/tokenizeSql";
import { CopyButton } from "../CopyButton";

const COLORS: Partial<Record<SqlTokenKind, string>> = {
  keyword: "text-sky-700 dark:text-sky-300 font-semibold",
  string: "text-emerald-700 dark:text-emerald-300",
  number: "text-violet-700 dark:text-violet-300",
  // Never wrapped inside: Chrome may break a line between "%" and "(" (Unicode's line breaking
  // allows it before a letter), leaving "%" at a line's end and "(project_id)s" on the next.
  param: "text-orange-700 dark:text-orange-300 whitespace-nowrap",
  comment: "text-zinc-500 italic",
};

export function SqlBlock({ sql, label = "SQL" }: { sql: string; label?: string }) {
  const { tokens, indented } = useMemo(() => formatSqlTokens(sql), [sql]);
  return (
    <div className="relative">
      <div className="absolute right-1 top-1">
        <CopyButton text={sql} label={`Copy ${label}`} />
      </div>
      <pre
        className="max-h-80 overflow-auto rounded bg-zinc-50 p-2 pr-14 font-mono text-xs leading-5 whitespace-pre-wrap break-words dark:bg-zinc-900"
        aria-label={label}
        data-testid="sql-block"
        data-formatted={indented ? "1" : undefined}
      >
        {tokens.map((t, k) =>
          COLORS[t.kind] ? (
            <span key={k} className={COLORS[t.kind]}>
              {t.text}
            </span>
          ) : (
            t.text
          ),
        )}
      </pre>
    </div>
  );
}
