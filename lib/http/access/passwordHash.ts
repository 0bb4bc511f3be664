// How a basic user's password is kept in OSTRACE_USERS: never the password, an scrypt hash with
// its own parameters and salt, `scrypt:<N>:<r>:<p>:<salt>:<key>` (salt and key in base64url).
// No "$" (the usual crypt(3) separator): it would need quoting in shells, systemd units and
// docker-compose files, and a hash silently cut there would lock every user out.

export type PasswordHash = { N: number; r: number; p: number; salt: Buffer; key: Buffer };

/**
 * N = 2^15, r = 8, p = 1: twice the memory and time of scrypt's original interactive-login setting
 * (N = 2^14), 32 MiB per check (measured 0.27 s on a busy 2-core machine). A browser sends its
 * Basic credentials with every request, so checks that succeeded are remembered for a while
 * (createUserVerifier.ts) rather than made cheaper here.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

/** Bounds on what a configured hash may ask for: enough for any sane setting, never gigabytes of memory per check. */
const BOUNDS = { logN: [10, 20], r: [1, 32], p: [1, 16], saltBytes: [8, 64], keyBytes: [16, 64] } as const;

export function formatPasswordHash(hash: PasswordHash): string {
  return ["scrypt", hash.N, hash.r, hash.p, hash.salt.toString("base64url"), hash.key.toString("base64url")].join(":");
}

/** The hash, or why the text is not one (without echoing it: it may be a password typed in the wrong place). */
export function parsePasswordHash(text: string): PasswordHash | { error: string } {
  const parts = text.split(":");
  if (parts[0] !== "scrypt") {
    return { error: "is not an scrypt hash (plain-text passwords are refused: make one with `npm run hash-password`)" };
  }
  if (parts.length !== 6) return { error: "expected scrypt:<N>:<r>:<p>:<salt>:<key> (make one with `npm run hash-password`)" };
  const [, nText, rText, pText, saltText, keyText] = parts as [string, string, string, string, string, string];
  const N = wholeNumber(nText);
  const r = wholeNumber(rText);
  const p = wholeNumber(pText);
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < BOUNDS.logN[0] || logN > BOUNDS.logN[1]) {
    return { error: `scrypt N must be a power of two from 2^${BOUNDS.logN[0]} to 2^${BOUNDS.logN[1]}` };
  }
  if (!(r >= BOUNDS.r[0] && r <= BOUNDS.r[1])) return { error: `scrypt r must be from ${BOUNDS.r[0]} to ${BOUNDS.r[1]}` };
  if (!(p >= BOUNDS.p[0] && p <= BOUNDS.p[1])) return { error: `scrypt p must be from ${BOUNDS.p[0]} to ${BOUNDS.p[1]}` };
  const salt = base64url(saltText);
  const key = base64url(keyText);
  if (!salt || salt.length < BOUNDS.saltBytes[0] || salt.length > BOUNDS.saltBytes[1]) {
    return { error: `the salt must be ${BOUNDS.saltBytes[0]}-${BOUNDS.saltBytes[1]} bytes in base64url` };
  }
  if (!key || key.length < BOUNDS.keyBytes[0] || key.length > BOUNDS.keyBytes[1]) {
    return { error: `the key must be ${BOUNDS.keyBytes[0]}-${BOUNDS.keyBytes[1]} bytes in base64url` };
  }
  return { N, r, p, salt, key };
}

function wholeNumber(text: string): number {
  return /^\d{1,8}$/.test(text) ? Number(text) : NaN;
}

function base64url(text: string): Buffer | undefined {
  return /^[A-Za-z0-9_-]+$/.test(text) ? Buffer.from(text, "base64url") : undefined;
}
