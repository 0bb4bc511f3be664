// Whether a password matches a stored scrypt hash; the keys are compared in constant time.
import { timingSafeEqual } from "node:crypto";
import { deriveKey } from "./hashPassword";
import type { PasswordHash } from "./passwordHash";

export async function verifyPassword(password: string, hash: PasswordHash): Promise<boolean> {
  const key = await deriveKey(password, { N: hash.N, r: hash.r, p: hash.p, salt: hash.salt, keyBytes: hash.key.length });
  return timingSafeEqual(key, hash.key);
}
