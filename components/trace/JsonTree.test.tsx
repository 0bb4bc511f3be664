// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Json } from "@/lib/notification/types";
import { JSON_TREE_SHOWN, JsonTree } from "./JsonTree";

afterEach(cleanup);

/** A bulk INSERT's start payload: 100 rows of 20 parameters, as one flat list (real ones reach 20,000). */
const PARAMS = Array.from({ length: 2000 }, (_, i) => `v${i}`);
const PAYLOAD: Json = { name: "db-start", info: { db: { statement: "INSERT INTO t VALUES (%s, ...)", params: PARAMS }, host: "ctl-1" } };

const values = (root: HTMLElement) => root.querySelectorAll("div.break-all").length;

describe("JsonTree on a big payload", () => {
  it("renders a closed node's values only once it is opened, and the first ones until asked for all", () => {
    const { container } = render(<JsonTree value={PAYLOAD} label="start" defaultOpenDepth={3} />);
    // Open: the payload, info and db; params closed, its 2,000 values not rendered.
    expect(container.textContent).toContain('"INSERT INTO t VALUES (%s, ...)"');
    expect(container.textContent).toContain("[2000 items]");
    expect(values(container)).toBe(3); // name, statement, host
    const params = [...container.querySelectorAll("details")].find((d) => d.querySelector("summary")!.textContent!.startsWith("params"))!;
    expect(params.open).toBe(false);

    act(() => {
      params.open = true;
      fireEvent(params, new Event("toggle"));
    });
    expect(values(container)).toBe(3 + JSON_TREE_SHOWN);
    expect(params.textContent).toContain(`${JSON_TREE_SHOWN - 1}: "v${JSON_TREE_SHOWN - 1}"`);
    fireEvent.click(screen.getByRole("button", { name: `Show the other ${2000 - JSON_TREE_SHOWN} items` }));
    expect(values(container)).toBe(3 + 2000);
    expect(params.textContent).toContain('1999: "v1999"');
  });

  it("shows an object's first keys the same way", () => {
    const wide = Object.fromEntries(Array.from({ length: JSON_TREE_SHOWN + 5 }, (_, i) => [`k${i}`, i]));
    const { container } = render(<JsonTree value={wide} />);
    expect(values(container)).toBe(JSON_TREE_SHOWN);
    fireEvent.click(screen.getByRole("button", { name: "Show the other 5 keys" }));
    expect(values(container)).toBe(JSON_TREE_SHOWN + 5);
  });
});
