// SQL as OSprofiler's sqlalchemy hook sends it (one long line, MySQL/PyMySQL placeholders
// %(name)s or %s, or ? and :name) -> indented text for the details panel. sql-formatter is
// large: the UI loads this module on demand (see components/trace/SqlBlock.tsx).
import { format } from "sql-formatter";

/** Indented SQL; the text as it came when the formatter cannot parse it. */
export function formatSql(sql: string): string {
  try {
    return format(sql, {
      language: "mysql",
      keywordCase: "preserve",
      paramTypes: { positional: true, named: [":"], custom: [{ regex: String.raw`%\(\w+\)s` }, { regex: String.raw`%s` }] },
    });
  } catch {
    return sql;
  }
}
