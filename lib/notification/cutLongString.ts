/** The marker that ends a cut string; what the UI, the span API and the exports show. */
export const TRUNCATION_MARK = "…[truncated by ostrace: ";

/**
 * The first `maxChars` characters of a longer string, marked with its full length, e.g.
 * "SELECT ... …[truncated by ostrace: 5242880 characters]". A surrogate pair is never split.
 */
export function cutLongString(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let keep = maxChars;
  const last = text.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return `${text.slice(0, keep)}${TRUNCATION_MARK}${text.length} characters]`;
}
