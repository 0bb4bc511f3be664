// A number from the wire that a JavaScript number would not give back as it came: an integer
// beyond 2^53 (an SQL parameter 9007199254740993 read as ...992), a float written as Python
// writes it (3.0 read as 3, 1e-07 written back as 1e-7), -0. Such a literal is kept as its text
// and written back verbatim by the exact writers (stringifyJson.ts, formatJsonLikePython.ts), so
// every export shows it as the sender wrote it. Every other number stays a plain number: the
// common payload is parsed by JSON.parse alone (measureJsonText.ts says which need this).
export class JsonNumber {
  constructor(readonly text: string) {}

  /**
   * A writer that does not know JsonNumber (plain JSON.stringify, a log line) gets the nearest
   * double, which is what every number was before; the call is counted so that stringifyJson
   * can tell, after one fast JSON.stringify, whether the value held any.
   */
  toJSON(): number {
    doublesWritten++;
    return Number(this.text);
  }
}

let doublesWritten = 0;

/** How many times a JsonNumber was written as a double so far (see stringifyJson.ts). */
export function countDoublesWritten(): number {
  return doublesWritten;
}

export function isJsonNumber(value: unknown): value is JsonNumber {
  return value instanceof JsonNumber;
}

/**
 * Whether a valid JSON number literal comes back unchanged from both of our number writers:
 * JSON.stringify (String(n)) and OSprofiler's report (Python's repr: an exponent below 1e-4).
 * A literal with an exponent is always kept as text (Python and JavaScript place and pad
 * exponents differently), and so is any whole float ("3.0") and -0.
 */
export function numberLiteralSurvives(literal: string): boolean {
  for (let i = 0; i < literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c === 0x65 || c === 0x45) return false; // e E
  }
  const n = Number(literal);
  if (String(n) !== literal) return false;
  return Number.isInteger(n) || Math.abs(n) >= 1e-4;
}
