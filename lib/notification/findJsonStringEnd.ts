/**
 * Index of the quote that closes the JSON string opened at `open`, or -1 when it never closes.
 * indexOf does the walking (native, fast on long strings); a quote preceded by an odd run of
 * backslashes is escaped. Each backslash run is looked at once, so the whole scan stays linear.
 */
export function findJsonStringEnd(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let k = quote - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    if ((quote - 1 - k) % 2 === 0) return quote;
    from = quote + 1;
  }
}
