"use client";
// A SQL statement, indented and colored from tokens (each token a text node, never HTML).
import { Fragment, useMemo, type ReactNode } from "react";
import { formatSqlTokens } from "@/lib/ui/formatSql";
import type { SqlToken, SqlTokenKind } from "@/lib/ui/tokenizeSql";
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
const NAMED_PARAM = "inline-block max-w-full align-top break-all indent-0";

// By its first characters, not its length: PostgreSQL's numbered $1000 is as long as a name but
// cannot break inside, and an IN list of thousands of them would be thousands of boxes to lay out.
const isNamed = (text: string): boolean => text.startsWith("%(") || text.startsWith(":");

const classOf = (kind: SqlTokenKind, text: string): string | undefined =>
  kind === "param" && isNamed(text) ? `${COLORS.param} ${NAMED_PARAM}` : COLORS[kind];

export function SqlBlock({ sql, label = "SQL" }: { sql: string; label?: string }) {
  const { tokens, indented } = useMemo(() => formatSqlTokens(sql), [sql]);
  const lines = useMemo(() => (indented ? splitLines(tokens) : null), [tokens, indented]);
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
        {lines
          ? lines.map((line, k) => (
              <Fragment key={k}>
                {k > 0 && "\n"}
                {line.indent}
                <IndentedLine indent={line.indent.length}>{renderTokens(line.tokens)}</IndentedLine>
              </Fragment>
            ))
          : renderTokens(tokens)}
      </pre>
    </div>
  );
}

/**
 * A formatted line's text, in a box beside its indent: as wide as what is left of the line (less a
 * pixel, so that rounding never moves it below), and its own wrapped lines hang 2 characters in.
 * Its indent as plain spaces before the box, whose text started after them, left a line of only
 * spaces when the first word did not fit beside them (a break is allowed after preserved spaces),
 * and wrapped lines started at the left edge, under the clauses. The spaces stay in the text, so
 * a selection copies the indented statement.
 * That width, not at most that width: shrunk to its text, the box counted the hanging first line's
 * -2ch indent and ended 2 characters short of its content, and a placeholder alone on its line
 * (LIMIT's %(param_1)s), at most that content's width, wrapped inside itself ("%(param_" over
 * "1)s") at every width of the block.
 */
function IndentedLine({ indent, children }: { indent: number; children: ReactNode }) {
  return (
    <span
      className="inline-block align-top"
      style={{ width: `calc(100% - ${indent}ch - 1px)`, paddingLeft: "2ch", textIndent: "-2ch" }}
      data-sql-line
    >
      {children}
    </span>
  );
}

function renderTokens(tokens: readonly SqlToken[]) {
  return tokens.map((t, k) => {
    const className = classOf(t.kind, t.text);
    return className ? (
      <span key={k} className={className}>
        {t.text}
      </span>
    ) : (
      t.text
    );
  });
}

/** The formatted statement's lines: the spaces that indent each one, and its tokens. */
function splitLines(tokens: readonly SqlToken[]): { indent: string; tokens: SqlToken[] }[] {
  const lines = [{ indent: "", tokens: [] as SqlToken[] }];
  for (const token of tokens) {
    const line = lines[lines.length - 1]!;
    const breakAt = token.kind === "space" ? token.text.lastIndexOf("\n") : -1;
    if (breakAt >= 0) lines.push({ indent: token.text.slice(breakAt + 1), tokens: [] });
    else if (token.kind === "space" && line.tokens.length === 0) line.indent += token.text;
    else line.tokens.push(token);
  }
  return lines;
}
