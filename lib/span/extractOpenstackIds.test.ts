import { describe, expect, it } from "vitest";
import { canonicalOpenstackId, extractOpenstackIds, MAX_IDS_PER_SPAN } from "./extractOpenstackIds";

const UUID = "3f6c0a9e-1b2c-4d5e-8f90-123456789abc";

describe("extractOpenstackIds", () => {
  it("finds request ids and UUIDs in paths and payloads, in one canonical form", () => {
    const detail = `DELETE /v2.1/servers/${UUID.toUpperCase()}/os-interface/0b5b6c1e-2f3a-4b4c-9d8e-7f6a5b4c3d2e`;
    const rest = `{"args":"(<Context req-AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee>, '8a882ebc5d694d7fba299adc478b1a2c')"}`;
    expect(extractOpenstackIds([detail, null, rest])).toEqual([
      UUID,
      "0b5b6c1e-2f3a-4b4c-9d8e-7f6a5b4c3d2e",
      "req-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      "8a882ebc-5d69-4d7f-ba29-9adc478b1a2c",
    ]);
  });

  it("leaves longer hex runs and ids inside words alone, and stops at the bound", () => {
    expect(extractOpenstackIds([`x${"a".repeat(40)} sha256:${"b".repeat(64)} ${UUID}0`])).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(8, "0")}-1111-2222-3333-444444444444`).join(" ");
    expect(extractOpenstackIds([many])).toHaveLength(MAX_IDS_PER_SPAN);
  });

  it("reads a pasted id, and only an id, as one", () => {
    expect(canonicalOpenstackId(` ${UUID.replace(/-/g, "").toUpperCase()} `)).toBe(UUID);
    expect(canonicalOpenstackId(`req-${UUID}`)).toBe(`req-${UUID}`);
    expect(canonicalOpenstackId(`servers/${UUID}`)).toBeNull();
    expect(canonicalOpenstackId("servers")).toBeNull();
  });
});
