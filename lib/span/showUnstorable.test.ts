import { describe, expect, it } from "vitest";
import { showUnstorable } from "./showUnstorable";

describe("showUnstorable", () => {
  it("writes each NUL and lone surrogate as its JSON escape", () => {
    expect(showUnstorable("a\u0000b")).toBe("a\\u0000b");
    expect(showUnstorable("x\ud800")).toBe("x\\ud800");
    expect(showUnstorable("\udfffy")).toBe("\\udfffy");
    expect(showUnstorable("\u0000\u0000")).toBe("\\u0000\\u0000");
    // A low surrogate before a high one is two lone ones, not a pair.
    expect(showUnstorable("\udc00\ud800")).toBe("\\udc00\\ud800");
  });

  it("doubles each run of backslashes before a u or an escaped character, so a NUL and the text \\u0000 read apart", () => {
    // The six characters \u0000, alone or beside a NUL: never read as the NUL's escape.
    expect(showUnstorable("\\u0000")).toBe("\\\\u0000");
    expect(showUnstorable("\\u0000 and \u0000")).toBe("\\\\u0000 and \\u0000");
    expect(showUnstorable("\\u0000")).not.toBe(showUnstorable("\u0000"));
    // A backslash before a NUL, and two before a u: the run doubled, the escape after it.
    expect(showUnstorable("\\\u0000")).toBe("\\\\\\u0000");
    expect(showUnstorable("\\\\u0000")).toBe("\\\\\\\\u0000");
    expect(showUnstorable("\\\ud800")).toBe("\\\\\\ud800");
    // Backslashes before anything else are the message's own.
    expect(showUnstorable("C:\\temp\\users\\n")).toBe("C:\\temp\\\\users\\n");
  });

  it("reads back unambiguously: an odd run of backslashes before u ends in an escape, an even one is the message's text", () => {
    const readBack = (shown: string) =>
      shown.replace(/(\\+)u([0-9a-f]{4})?/g, (_, run: string, hex: string | undefined) =>
        run.length % 2 === 1
          ? "\\".repeat((run.length - 1) / 2) + String.fromCharCode(parseInt(hex!, 16))
          : `${"\\".repeat(run.length / 2)}u${hex ?? ""}`,
      );
    const messages = ["\u0000", "\\u0000", "\\\u0000", "\\\\u0000", "\\u\ud800", "u\\", "\\\\", "a\\ub\\\\uc\u0000\udc00", "😀\\u😀"];
    for (const m of messages) expect(readBack(showUnstorable(m))).toBe(m);
    expect(new Set(messages.map(showUnstorable)).size).toBe(messages.length);
  });

  it("keeps surrogate pairs and every other character, and returns a message with nothing to change itself", () => {
    const clean = "😀 naïve \u0001 \\n C:\\temp literal";
    expect(showUnstorable(clean)).toBe(clean);
    expect(showUnstorable("😀\ud800")).toBe("😀\\ud800");
  });

  it("reads a hostile message's long runs of backslashes in time linear in its length", () => {
    // Each ~64K characters, a message a stop's rest may hold: the page's reads run it on a raised
    // span's message, ingest on one in a long rest. Tried from every backslash of a run: seconds.
    const run = "\\".repeat(64_000);
    const hostile = [run, `${run}x`, `${run}u`, `${run}\u0000`, "\\\\x".repeat(20_000), `${run}\ud800${run}`];
    const started = performance.now();
    const shown = hostile.map(showUnstorable);
    expect(performance.now() - started).toBeLessThan(500);
    expect(shown.slice(0, 4)).toEqual([run, `${run}x`, `${run}${run}u`, `${run}${run}\\u0000`]);
    expect(shown[5]).toBe(`${run}${run}\\ud800${run}`);
  });
});
