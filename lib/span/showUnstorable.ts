// An exception message in the trace page's form, in lib/span rather than lib/db because both the
// page's reads (lib/db/describedDetail.ts) and the span details panel, which shows the span API's
// raw whole message for one the page clipped, must give such a message the same way.

/** A NUL or a lone surrogate: what a text column cannot hold. One character (UTF-16 unit) a match, looked at once: linear. */
export const UNSTORABLE = String.raw`\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`;
const HOLDS_UNSTORABLE = new RegExp(UNSTORABLE);
/**
 * What the page's form of such a message changes: those characters, and a run of backslashes
 * before a "u" or before one of them. The run matched whole from its first backslash only (the lookbehind): tried from
 * each of its backslashes, a long run not followed by either would cost its length squared.
 */
const CHANGES = new RegExp(String.raw`(?<!\\)\\+(?=u|${UNSTORABLE})|${UNSTORABLE}`, "g");

/**
 * An exception message as the page reads it: each NUL and lone surrogate written as its JSON
 * escape ("\u0000", "\ud800"), visible where the raw character shows as nothing or as U+FFFD,
 * and storable in a text column so that its span_detail row can hold it. In such a message every
 * run of backslashes before a "u" (or before an escaped character) is doubled as well, so that in
 * it "\u" after an odd number of backslashes is an escape and after an even number the message's
 * own text (a NUL shows as \u0000, the six characters \u0000 beside it as \\u0000).
 * A message without a NUL or a lone surrogate, nearly all of them, is returned as it is: its
 * backslashes are what the service wrote (a JSON body's \u2019, a path), and its stored page form
 * (span_detail, written at ingest) stays what it was before escapes were doubled. So the six
 * characters \u0000 alone in a clean message read as they are written, as does a NUL here: the
 * span details panel tells them apart once the span API's raw message loads (it labels each NUL
 * and lone surrogate, lib/ui/splitUnstorable.ts), as the span API and the exports do (raw).
 */
export function showUnstorable(message: string): string {
  if (!HOLDS_UNSTORABLE.test(message)) return message;
  return message.replace(CHANGES, (c) => (c[0] === "\\" ? c + c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
