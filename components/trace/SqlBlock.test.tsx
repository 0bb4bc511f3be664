// @vitest-environment jsdom
// The SQL block's placeholders: a named one (%(name)s, :name) is a box of its own so it never wraps
// inside while it fits a line; the others stay plain text, however many an IN list holds.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { formatSql } from "@/lib/ui/formatSql";
import { SqlBlock } from "./SqlBlock";

afterEach(cleanup);

/** The class of the token with this text, "" for a bare text node. */
function classOfToken(text: string): string {
  const block = screen.getByTestId("sql-block");
  const span = [...block.querySelectorAll("span:not([data-sql-line])")].find((s) => s.textContent === text);
  return span?.className ?? "";
}

describe("SqlBlock placeholders", () => {
  it("boxes the named ones, not PostgreSQL's numbered ones however long", () => {
    render(<SqlBlock sql="SELECT a FROM t WHERE p = %(project_id)s AND q = :name AND id IN ($1, $1000, ?, %s)" />);
    expect(classOfToken("%(project_id)s")).toContain("inline-block");
    expect(classOfToken(":name")).toContain("inline-block");
    for (const plain of ["$1", "$1000", "?", "%s"]) {
      expect(classOfToken(plain), plain).toContain("text-orange-700"); // found, and colored as a placeholder
      expect(classOfToken(plain), plain).not.toContain("inline-block");
    }
  });
});

describe("SqlBlock lines", () => {
  const SQL =
    "SELECT instance_system_metadata.key AS instance_system_metadata_key, instance_system_metadata.value FROM instance_system_metadata " +
    "WHERE instance_system_metadata.instance_uuid = %(instance_uuid_1)s AND instance_system_metadata.deleted = :deleted_1";

  it("keeps the indented statement as its text, each line's indent before its line's box, never in it", () => {
    render(<SqlBlock sql={SQL} />);
    const block = screen.getByTestId("sql-block");
    // What a selection copies: the statement as formatted, indent and line breaks included.
    expect(block.textContent).toBe(formatSql(SQL));
    const lines = [...block.querySelectorAll<HTMLElement>("[data-sql-line]")];
    expect(lines.map((l) => l.textContent)).toEqual(
      formatSql(SQL)
        .split("\n")
        .map((l) => l.trimStart()),
    );
    // A line box starts with its first word: spaces in it could end a line of their own when that word does not fit.
    for (const line of lines) expect(line.textContent).not.toMatch(/^\s/);
    expect(lines.length).toBeGreaterThan(3);
  });

  it("leaves a statement it cannot indent as it came, in no line boxes", () => {
    render(<SqlBlock sql="SELECT (a FROM t" />);
    const block = screen.getByTestId("sql-block");
    expect(block.textContent).toBe("SELECT (a FROM t");
    expect(block.querySelectorAll("[data-sql-line]")).toHaveLength(0);
  });
});
