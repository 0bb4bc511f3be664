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
  param: "text-orange-700 dark:text-orange-300",
  comment: "text-zinc-500 italic",
};

// A named placeholder (%(project_id)s, :name) in a box of its own, as wide as the line at most:
// one that fits on a line is never wrapped inside (Chrome may break between "%" and "(", as
// Unicode's line breaking allows before a letter, leaving "%" at a line's end and "(project_id)s"
// on the next) but moves to the next line whole; one longer than the line (a name of up to 100
// characters) fills each line of its box (break-all: breaking after its "%" first would leave it
// alone on a line) instead of running out of the block. The short ones (?, %s, $1) cannot break
// inside and stay plain text: an IN list may have thousands, $1000 as well as ?.
const NAMED_PARAM = "inline-block max-w-full align-top break-all";

// By its first characters, not its length: PostgreSQL's numbered $1000 is as long as a name but
// cannot break inside, and an IN list of thousands of them would be thousands of boxes to lay out.
const isNamed = (text: string): boolean => text.startsWith("%(") || text.startsWith(":");

const classOf = (kind: SqlTokenKind, text: string): string | undefined =>
  kind === "param" && isNamed(text) ? `${COLORS.param} ${NAMED_PARAM}` : COLORS[kind];

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
        {tokens.map((t, k) => {
          const className = classOf(t.kind, t.text);
          return className ? (
            <span key={k} className={className}>
              {t.text}
            </span>
          ) : (
            t.text
          );
        })}
      </pre>
    </div>
  );
}
