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

  it("in a message it escapes, doubles each run of backslashes before a u or an escaped character, so its NUL and its text \\u0000 read apart", () => {
    expect(showUnstorable("\\u0000 and \u0000")).toBe("\\\\u0000 and \\u0000");
    // A backslash before a NUL, and two before a u: the run doubled, the escape after it.
    expect(showUnstorable("\\\u0000")).toBe("\\\\\\u0000");
    expect(showUnstorable("\\\\u0000\u0000")).toBe("\\\\\\\\u0000\\u0000");
    expect(showUnstorable("\\\ud800")).toBe("\\\\\\ud800");
    // Backslashes before anything else are the message's own.
    expect(showUnstorable("C:\\temp\\users\\n\u0000")).toBe("C:\\temp\\\\users\\n\\u0000");
  });

  it("returns a message without a NUL or a lone surrogate as it is, its backslashes before a u too", () => {
    // What the service wrote (a JSON body's escape, a path), and what ingest stored as the page
    // form of such a message before escapes were doubled.
    for (const clean of ["\\u0000", 'body {"m": "\\u2019"}', "C:\\temp\\users\\n", "\\\\u", "😀\\u😀"])
      expect(showUnstorable(clean)).toBe(clean);
  });

  it("reads an escaped message back unambiguously: an odd run of backslashes before u ends in an escape, an even one is the message's text", () => {
    const readBack = (shown: string) =>
      shown.replace(/(\\+)u([0-9a-f]{4})?/g, (_, run: string, hex: string | undefined) =>
        run.length % 2 === 1
          ? "\\".repeat((run.length - 1) / 2) + String.fromCharCode(parseInt(hex!, 16))
          : `${"\\".repeat(run.length / 2)}u${hex ?? ""}`,
      );
    const messages = [
      "\u0000",
      "\\u0000\u0000",
      "\\\u0000",
      "\\\\u0000\ud800",
      "\\u\ud800",
      "u\\\u0000",
      "a\\ub\\\\uc\u0000\udc00",
      "😀\\u😀\udfff",
    ];
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
    // The escaped ones (a NUL or a lone surrogate in them) go through the replace, the rest through the test only.
    const hostile = [run, `${run}x`, `${run}u`, `${run}\u0000`, `${"\\\\x".repeat(20_000)}\u0000`, `${run}\ud800${run}`, `${run}x\u0000`];
    const started = performance.now();
    const shown = hostile.map(showUnstorable);
    expect(performance.now() - started).toBeLessThan(500);
    expect(shown.slice(0, 4)).toEqual([run, `${run}x`, `${run}u`, `${run}${run}\\u0000`]);
    expect(shown[4]).toBe(`${"\\\\x".repeat(20_000)}\\u0000`);
    expect(shown[5]).toBe(`${run}${run}\\ud800${run}`);
    expect(shown[6]).toBe(`${run}x\\u0000`);
  });
});
