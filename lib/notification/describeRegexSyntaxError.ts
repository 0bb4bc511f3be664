// The search box and OSTRACE_REDACT_KEYS both compile a pattern with V8 first, for the syntax
// error people know, and say it the same way. V8 begins its SyntaxError with the words ours begin
// with: said as it is, "invalid regular expression: Invalid regular expression: /(a/i: ...".
const V8_REGEX_PREFIX = /^Invalid regular expression: /;

/** Why `new RegExp` refused a pattern: "invalid regular expression: /(a/i: Unterminated group". */
export function describeRegexSyntaxError(error: unknown): string {
  return `invalid regular expression: ${(error as Error).message.replace(V8_REGEX_PREFIX, "")}`;
}
