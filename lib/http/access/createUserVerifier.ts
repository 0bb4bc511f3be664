// Checks a basic user's name and password against OSTRACE_USERS. A browser sends its Basic
// credentials with every request (each script, each 2-second poll of a live trace), and one
// scrypt check holds a thread-pool thread for a noticeable time (passwordHash.ts), so a check
// that succeeded is remembered for a while, keyed by an HMAC of name and password under a key
// that lives only in this process (the password itself is never kept). Checks of the same
// credentials that overlap (a page loading twenty scripts at once) share one scrypt run.
// Failures are not remembered: every wrong guess pays the full scrypt cost, which is what makes
// guessing slow.
import { createHmac, randomBytes } from "node:crypto";
import type { PasswordHash } from "./passwordHash";
import type { BasicUser } from "./types";
import { verifyPassword } from "./verifyPassword";

export type UserVerifier = (name: string, password: string) => Promise<boolean>;

export type UserVerifierOptions = { rememberMs?: number; maxRemembered?: number; now?: () => number };

export function createUserVerifier(users: readonly BasicUser[], options: UserVerifierOptions = {}): UserVerifier {
  const rememberMs = options.rememberMs ?? 10 * 60_000;
  const maxRemembered = options.maxRemembered ?? 1000;
  const now = options.now ?? Date.now;
  const byName = new Map(users.map((user) => [user.name, user.hash]));
  // An unknown name still costs one scrypt run with a configured user's parameters, so timing
  // does not tell which names exist.
  const decoy: PasswordHash | undefined = users[0] && { ...users[0].hash, salt: randomBytes(users[0].hash.salt.length) };
  const hmacKey = randomBytes(32);
  const remembered = new Map<string, number>(); // key -> expiry, oldest first
  const running = new Map<string, Promise<boolean>>();

  const check = async (name: string, password: string): Promise<boolean> => {
    const hash = byName.get(name);
    if (!hash) {
      if (decoy) await verifyPassword(password, decoy);
      return false;
    }
    return verifyPassword(password, hash);
  };

  return async (name, password) => {
    const key = createHmac("sha256", hmacKey).update(name).update("\0").update(password).digest("base64");
    const expiry = remembered.get(key);
    if (expiry !== undefined) {
      if (expiry > now()) return true;
      remembered.delete(key);
    }
    let pending = running.get(key);
    if (!pending) {
      pending = check(name, password).finally(() => running.delete(key));
      running.set(key, pending);
    }
    const ok = await pending;
    if (ok) {
      remembered.delete(key);
      remembered.set(key, now() + rememberMs);
      while (remembered.size > maxRemembered) remembered.delete(remembered.keys().next().value as string);
    }
    return ok;
  };
}
