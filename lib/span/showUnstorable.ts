// An exception message in the trace page's form, in lib/span rather than lib/db because both the
// page's reads (lib/db/describedDetail.ts) and the span details panel, which shows the span API's
// raw whole message for one the page clipped, must give such a message the same way.

/** A NUL or a lone surrogate: what a text column cannot hold. */
const UNSTORABLE = String.raw`\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`;
/**
 * What the page's form changes: those characters, and a run of backslashes before a "u" or before
 * one of them. The run matched whole from its first backslash only (the lookbehind): tried from
 * each of its backslashes, a long run not followed by either would cost its length squared.
 */
const CHANGED = new RegExp(String.raw`(?<!\\)\\+(?=u|${UNSTORABLE})|${UNSTORABLE}`);
const CHANGES = new RegExp(CHANGED.source, "g");

/**
 * An exception message as the page reads it: each NUL and lone surrogate written as its JSON
 * escape ("\u0000", "\ud800"), visible where the raw character shows as nothing or as U+FFFD,
 * and storable in a text column so that its span_detail row can hold it. Unambiguous: every run
 * of backslashes before a "u" (or before an escaped character) is doubled, so in the page's form
 * "\u" after an odd number of backslashes is an escape and after an even number the message's
 * own text (a NUL shows as \u0000, the six characters \u0000 as \\u0000). A message with neither
 * is returned as it is. The span API and the exports read the message from the rest, unchanged.
 */
export function showUnstorable(message: string): string {
  if (!CHANGED.test(message)) return message;
  return message.replace(CHANGES, (c) => (c[0] === "\\" ? c + c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
