// Wire text on a terminal: a request path or span name can carry escape sequences (clear the
// screen, retitle the window, write a fake prompt) or bidi overrides that reorder what is
// shown. Control characters become visible escapes, nothing reaches the terminal raw.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitizeTerminalText(text: string, maxChars = Infinity): string {
  const safe = text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const chars = Array.from(safe);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join("")}…` : safe;
}
