import { describe, expect, it } from "vitest";
import { createSpanIdTable } from "./createSpanIdTable";

describe("createSpanIdTable", () => {
  it("numbers ids in order, finds the first number of each, and gives every id back as it came", () => {
    const table = createSpanIdTable(1);
    const ids = Array.from(
      { length: 5000 },
      (_, i) => `${(i * 2654435761).toString(16).padStart(8, "0").slice(-8)}-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    const odd = ["x", "", "0C6A8B65-1E1C-48A4-9B91-820B3225A34E", "0c6a8b65-1e1c-48a4-9b91-820b3225a34"];
    const all = [...ids, ...odd, ids[3]!, "x"];
    all.forEach((id, k) => expect(table.add(id)).toBe(k));
    expect(table.size).toBe(all.length);
    all.forEach((id, k) => expect(table.idOf(k)).toBe(id));
    expect(table.find(ids[3]!)).toBe(3);
    expect(table.find(ids[4999]!)).toBe(4999);
    expect(table.find("x")).toBe(5000);
    expect(table.find("0C6A8B65-1E1C-48A4-9B91-820B3225A34E")).toBe(5002);
    expect(table.find("0c6a8b65-1e1c-48a4-9b91-820b3225a34e")).toBe(-1);
    expect(table.find("y")).toBe(-1);
  });

  it("compares ids as their texts compare, packed or not", () => {
    const ids = [
      "0c6a8b65-1e1c-48a4-9b91-820b3225a34e",
      "0c6a8b65-1e1c-48a4-9b91-820b3225a34f",
      "0c6a8b65-1e1c-48a4-aaaa-000000000001",
      "ffffffff-0000-4000-8000-000000000000",
      "00000000-ffff-4000-8000-000000000000",
      "0C6A8B65-1E1C-48A4-9B91-820B3225A34E",
      "x",
      "",
      "0c6a8b65",
    ];
    const table = createSpanIdTable(2);
    ids.forEach((id) => table.add(id));
    const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
    for (let a = 0; a < ids.length; a++)
      for (let b = 0; b < ids.length; b++) expect(sign(table.compare(a, b))).toBe(ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
  });

  it("without its index (made so, or dropped) still numbers ids and gives them back, and refuses to find", () => {
    const ids = [
      "0c6a8b65-1e1c-48a4-9b91-820b3225a34e",
      "x",
      "0c6a8b65-1e1c-48a4-9b91-820b3225a34e",
      "ffffffff-0000-4000-8000-000000000000",
    ];
    const unindexed = createSpanIdTable(1, { indexed: false });
    const dropped = createSpanIdTable(1);
    for (const table of [unindexed, dropped]) ids.forEach((id, k) => expect(table.add(id)).toBe(k));
    expect(dropped.find(ids[3]!)).toBe(3);
    dropped.dropIndex();
    for (const table of [unindexed, dropped]) {
      expect(table.size).toBe(ids.length);
      ids.forEach((id, k) => expect(table.idOf(k)).toBe(id));
      expect(Math.sign(table.compare(3, 0))).toBe(1);
      expect(() => table.find(ids[0]!)).toThrow(/without its index/);
      expect(() => table.find("x")).toThrow(/without its index/);
    }
  });
});
