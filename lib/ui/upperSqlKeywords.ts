// A normalized statement (lib/trace/normalizeSql.ts lower-cases its words, the shape being a key)
// with its SQL keywords in capitals, as the drivers send them and as the timeline and the details
// show a statement: "SELECT * FROM quota_usages WHERE project_id = ?". For display only; the
// shape stays the key (grouping, links across traces). A keyword used as a qualified name's part
// ("instances.key") and quoted text keep their case.
import { tokenizeSql } from "./tokenizeSql";

export function upperSqlKeywords(shape: string): string {
  const tokens = tokenizeSql(shape);
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const { kind, text } = tokens[i]!;
    const qualified = tokens[i - 1]?.text === "." || tokens[i + 1]?.text === ".";
    out += kind === "keyword" && !qualified ? text.toUpperCase() : text;
  }
  return out;
}
