import { describe, expect, it } from "vitest";
import { createUserVerifier } from "./createUserVerifier";
import { hashPassword } from "./hashPassword";
import { formatPasswordHash, parsePasswordHash, SCRYPT_DEFAULTS, type PasswordHash } from "./passwordHash";
import { verifyPassword } from "./verifyPassword";

describe("scrypt password hashes", () => {
  it("hashes with the default cost, a fresh salt each time, and checks the password it was made from", async () => {
    const text = await hashPassword("correct horse battery staple");
    expect(text).toMatch(/^scrypt:32768:8:1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    const hash = parsePasswordHash(text) as PasswordHash;
    expect(hash).toMatchObject({ N: SCRYPT_DEFAULTS.N, r: 8, p: 1 });
    expect(formatPasswordHash(hash)).toBe(text);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(await hashPassword("correct horse battery staple")).not.toBe(text);
  });

  it("checks a password whatever Unicode normalization the browser sent it in", async () => {
    const hash = parsePasswordHash(await hashPassword("caf\u00e9", { N: 1024 })) as PasswordHash;
    expect(await verifyPassword("cafe\u0301", hash)).toBe(true);
  });

  it("refuses a plain-text password, naming the way to make a hash", () => {
    expect(parsePasswordHash("hunter2")).toEqual({
      error: "is not an scrypt hash (plain-text passwords are refused: make one with `npm run hash-password`)",
    });
    expect(parsePasswordHash("scrypt:32768:8:1:abc")).toEqual({
      error: "expected scrypt:<N>:<r>:<p>:<salt>:<key> (make one with `npm run hash-password`)",
    });
  });

  it("refuses costs that are not a power of two or would take gigabytes per check, and short salts or keys", () => {
    const salt = Buffer.alloc(16, 1).toString("base64url");
    const key = Buffer.alloc(32, 2).toString("base64url");
    expect(parsePasswordHash(`scrypt:30000:8:1:${salt}:${key}`)).toEqual({ error: "scrypt N must be a power of two from 2^10 to 2^20" });
    expect(parsePasswordHash(`scrypt:${2 ** 24}:8:1:${salt}:${key}`)).toEqual({
      error: "scrypt N must be a power of two from 2^10 to 2^20",
    });
    expect(parsePasswordHash(`scrypt:32768:64:1:${salt}:${key}`)).toEqual({ error: "scrypt r must be from 1 to 32" });
    expect(parsePasswordHash(`scrypt:32768:8:0:${salt}:${key}`)).toEqual({ error: "scrypt p must be from 1 to 16" });
    expect(parsePasswordHash(`scrypt:32768:8:1:AAAA:${key}`)).toEqual({ error: "the salt must be 8-64 bytes in base64url" });
    expect(parsePasswordHash(`scrypt:32768:8:1:${salt}:AAAA`)).toEqual({ error: "the key must be 16-64 bytes in base64url" });
    expect(parsePasswordHash(`scrypt:32768:8:1:${salt}:${key}`)).toMatchObject({ N: 32768, r: 8, p: 1 });
  });
});

describe("createUserVerifier", () => {
  it("knows each user's own password only, and no unknown user", async () => {
    const hash = async (password: string) => parsePasswordHash(await hashPassword(password, { N: 1024 })) as PasswordHash;
    const verify = createUserVerifier([
      { name: "alice", hash: await hash("alice-pw") },
      { name: "bob", hash: await hash("bob-pw") },
    ]);
    expect(await verify("alice", "alice-pw")).toBe(true);
    expect(await verify("bob", "bob-pw")).toBe(true);
    expect(await verify("alice", "bob-pw")).toBe(false);
    expect(await verify("carol", "alice-pw")).toBe(false);
    // Asked again (remembered successes, overlapping checks): the same answers.
    const again = await Promise.all([verify("alice", "alice-pw"), verify("alice", "alice-pw"), verify("alice", "wrong")]);
    expect(again).toEqual([true, true, false]);
  });

  it("refuses everyone when there are no users", async () => {
    expect(await createUserVerifier([])("alice", "pw")).toBe(false);
  });
});
