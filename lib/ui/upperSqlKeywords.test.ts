import { describe, expect, it } from "vitest";
import { normalizeSql } from "@/lib/trace/normalizeSql";
import { upperSqlKeywords } from "./upperSqlKeywords";

describe("upperSqlKeywords", () => {
  it("gives a normalized statement back its keywords in capitals, as the driver sent them", () => {
    const sent = "SELECT count(*) AS count_1 FROM instances WHERE instances.project_id = %(p)s AND instances.deleted = 0 LIMIT 20";
    expect(upperSqlKeywords(normalizeSql(sent))).toBe(
      "SELECT COUNT(*) AS count_1 FROM instances WHERE instances.project_id = ? AND instances.deleted = ? LIMIT ?",
    );
    expect(upperSqlKeywords("insert into instance_extra(created_at, uuid) values (…)")).toBe(
      "INSERT INTO instance_extra(created_at, uuid) VALUES (…)",
    );
  });

  it("leaves qualified names, quoted identifiers and strings as they are", () => {
    expect(upperSqlKeywords("select key_pairs.key, \"order\" from key_pairs where name = 'from'")).toBe(
      "SELECT key_pairs.key, \"order\" FROM key_pairs WHERE name = 'from'",
    );
  });
});
