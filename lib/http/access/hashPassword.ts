// A new scrypt hash for OSTRACE_USERS (`npm run hash-password`), with a fresh random salt.
import { randomBytes, scrypt } from "node:crypto";
import { formatPasswordHash, SCRYPT_DEFAULTS, type PasswordHash } from "./passwordHash";

export async function hashPassword(password: string, cost: Partial<Pick<PasswordHash, "N" | "r" | "p">> = {}): Promise<string> {
  const N = cost.N ?? SCRYPT_DEFAULTS.N;
  const r = cost.r ?? SCRYPT_DEFAULTS.r;
  const p = cost.p ?? SCRYPT_DEFAULTS.p;
  const salt = randomBytes(SCRYPT_DEFAULTS.saltBytes);
  const key = await deriveKey(password, { N, r, p, salt, keyBytes: SCRYPT_DEFAULTS.keyBytes });
  return formatPasswordHash({ N, r, p, salt, key });
}

/** scrypt on libuv's thread pool (never the event loop), with room for the memory N and r ask for. */
export function deriveKey(password: string, params: { N: number; r: number; p: number; salt: Buffer; keyBytes: number }): Promise<Buffer> {
  const { N, r, p, salt, keyBytes } = params;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyBytes, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
