import type { JsonTextShape } from "./measureJsonText";
import { parseExactJson } from "./parseExactJson";

/**
 * JSON text that measureJsonText has measured -> its value. JSON.parse always runs (the fast
 * path, and the one judge of validity: its SyntaxError is what callers report); only text with a
 * number a double would change is parsed again, keeping such numbers as their literals.
 */
export function parseMeasuredJson(text: string, shape: Pick<JsonTextShape, "inexactNumber">): unknown {
  const value: unknown = JSON.parse(text);
  return shape.inexactNumber ? parseExactJson(text) : value;
}
