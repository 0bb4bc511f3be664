// An exception message in the trace page's form, in lib/span rather than lib/db because both the
// page's reads (lib/db/describedDetail.ts) and the span details panel, which shows the span API's
// raw whole message for one the page clipped, must give such a message the same way.

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLES = new RegExp(UNSTORABLE.source, "g");

/**
 * An exception message as the page reads it: each NUL and lone surrogate written as its JSON
 * escape ("\u0000", "\ud800"), visible where the raw character shows as nothing or as U+FFFD,
 * and storable in a text column so that its span_detail row can hold it. The span API and the
 * exports read the message from the rest, unchanged.
 */
export function showUnstorable(message: string): string {
  if (!UNSTORABLE.test(message)) return message;
  return message.replace(UNSTORABLES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
