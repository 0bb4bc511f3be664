// @vitest-environment jsdom
// The SQL block's placeholders: a named one (%(name)s, :name) is a box of its own so it never wraps
// inside while it fits a line; the others stay plain text, however many an IN list holds.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SqlBlock } from "./SqlBlock";

afterEach(cleanup);

/** The class of the token with this text, "" for a bare text node. */
function classOfToken(text: string): string {
  const block = screen.getByTestId("sql-block");
  const span = [...block.querySelectorAll("span")].find((s) => s.textContent === text);
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
