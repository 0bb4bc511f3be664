// Compares a presented secret with the configured one without leaking, through timing, how much
// of it matched or how long it is: both sides are hashed to 32 bytes first, then compared in
// constant time.
import { createHash, timingSafeEqual } from "node:crypto";

export function safeEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
