import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rejectUnstorable } from "../../lib/span/rejectUnstorable";
import { decodeMessageBody } from "../../lib/notification/decodeMessage";
import { DEFAULT_INPUT_LIMITS } from "../../lib/notification/inputLimits";
import type { Notification } from "../../lib/notification/types";
import { convertNotificationToSpanRow } from "../../lib/span/convertNotificationToSpanRow";
import { generateHostileMessages } from "./generateHostileMessages";

const messages = [...generateHostileMessages({ seed: "unit", hostile: 3000, valid: 1000 })];

describe("generateHostileMessages", () => {
  it("is deterministic: same seed, same bytes", () => {
    const digest = (list: { body: Uint8Array }[]) => list.reduce((h, m) => h.update(m.body), createHash("sha256")).digest("hex");
    expect(digest([...generateHostileMessages({ seed: "unit", hostile: 300, valid: 100 })])).toBe(
      digest([...generateHostileMessages({ seed: "unit", hostile: 300, valid: 100 })]),
    );
    expect(digest([...generateHostileMessages({ seed: "other", hostile: 300, valid: 100 })])).not.toBe(
      digest([...generateHostileMessages({ seed: "unit", hostile: 300, valid: 100 })]),
    );
  });

  it("makes as many of each as asked, every hostile kind among them, each valid one its own half of a span", () => {
    expect(messages.filter((m) => m.expect === "stored")).toHaveLength(1000);
    expect(messages.filter((m) => m.expect !== "stored")).toHaveLength(3000);
    const kinds = new Set(
      messages.map((m) => m.kind.replace(/^wrong-type-.*/, "wrong-type").replace(/^identity-too-long-.*/, "identity-too-long")),
    );
    for (const kind of [
      "deep-just-over",
      "deep-6000",
      "deep-bare-array",
      "deep-envelope",
      "bad-utf8",
      "wrong-type",
      "bad-envelope",
      "timestamp-out-of-range",
      "nan-text",
      "huge-number",
      "truncated-json",
      "not-an-object",
      "identity-too-long",
      "nul-in-column",
      "proto-identity",
      "not-profiler",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const halves = messages.filter((m) => m.stores).map((m) => `${m.stores!.spanId}/${m.stores!.phase}`);
    expect(new Set(halves).size).toBe(1000);
  });

  it("says truthfully what ostrace's decoding makes of each message, and every decoded one converts to a row", () => {
    for (const m of messages) {
      const decoded = rejectUnstorable(decodeMessageBody(m.body, DEFAULT_INPUT_LIMITS));
      const outcome = "traceId" in decoded ? "stored" : "ignored" in decoded ? "ignored" : "quarantined";
      expect(outcome, `${m.kind}: ${"reason" in decoded ? decoded.reason : ""}`).toBe(m.expect);
      if ("traceId" in decoded) {
        expect({ traceId: decoded.traceId, spanId: decoded.spanId, phase: decoded.phase }).toEqual(m.stores);
        const row = convertNotificationToSpanRow(decoded as Notification);
        const rest = row.startRest ?? row.stopRest!;
        expect(`${row.detail ?? ""}${rest}`.includes("…[truncated by ostrace: "), m.kind).toBe(m.cut === true);
        expect(() => JSON.parse(rest) as unknown).not.toThrow();
      }
    }
  });
});
