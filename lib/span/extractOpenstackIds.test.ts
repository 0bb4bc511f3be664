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

  it("finds exactly what the rule's regular expression finds", () => {
    const RULE = /(?<![0-9a-z-])(req-)?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?![0-9a-z-])/gi;
    const byRule = (text: string) => {
      const found = new Set<string>();
      for (const m of text.matchAll(RULE)) found.add(`${m[1] ? "req-" : ""}${m[2]}-${m[3]}-${m[4]}-${m[5]}-${m[6]}`.toLowerCase());
      return [...found].slice(0, MAX_IDS_PER_SPAN);
    };
    // Pieces that make near-misses likely: hex runs around the group lengths, dashes, "req-" in
    // both cases, letters and digits that touch, and separators.
    const pieces = ["req-", "REQ-", "Req-", "-", "--", "x", "g", "Z", "0", "/", " ", '"', "'", ":", "_", "é", ".", "(", ")"];
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 2 ** 15) % n;
    };
    // Half the hex runs in lower case only: canonical ids (the scanner's shortcut) come often.
    const hex = (n: number) => {
      const digits = next(2) === 0 ? "0123456789abcdef" : "0123456789abcdefABCDEF";
      return Array.from({ length: n }, () => digits[next(digits.length)]).join("");
    };
    const uuidLike = () => [8, 4, 4, 4, 12].map((g) => hex(g + (next(8) === 0 ? next(3) - 1 : 0))).join(["-", "", "-", "--"][next(4)]!);
    // Short texts, and long ones where the scanner jumps over most characters (runs straddle its probes).
    for (let t = 0; t < 4000; t++) {
      let text = "";
      const parts = t < 3000 ? 1 + next(6) : 10 + next(40);
      for (let p = 0; p < parts; p++) {
        const kind = next(5);
        text +=
          kind === 0
            ? pieces[next(pieces.length)]!
            : kind === 1
              ? hex(1 + next(40))
              : kind === 2
                ? " "
                : ["req-", "REQ-", "Req-", ""][next(4)]! + uuidLike();
      }
      expect(extractOpenstackIds([text]), text).toEqual(byRule(text));
    }
    const many = Array.from({ length: 50 }, () => uuidLike().replace(/--/g, "-")).join(" ");
    expect(extractOpenstackIds([many])).toEqual(byRule(many));
  });
});
