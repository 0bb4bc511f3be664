import { describe, expect, it } from "vitest";
import { hashAggregateKey } from "./hashAggregateKey";

/** The definition, in BigInt: what every stored key_hash was computed with. */
function fnv1a64Reference(key: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < key.length; i++) hash = ((hash ^ BigInt(key.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, "0");
}

describe("hashAggregateKey", () => {
  it("gives the published FNV-1a 64 test vectors", () => {
    expect(hashAggregateKey("")).toBe("cbf29ce484222325");
    expect(hashAggregateKey("a")).toBe("af63dc4c8601ec8c");
    expect(hashAggregateKey("foobar")).toBe("85944171f73967e8");
  });

  it("equals the BigInt definition on keys of every kind", () => {
    const keys = [
      "nova-api\twsgi",
      "SELECT instances.uuid FROM instances WHERE instances.id = ? AND instances.deleted = ?",
      "é ü ß 漢字 😀 \ud800 \udfff",
      "\u0000\uffff".repeat(50),
      "x".repeat(5000),
    ];
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      let s = "";
      const length = n % 60;
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        s += String.fromCharCode(seed % (n % 3 === 0 ? 0x10000 : 128));
      }
      keys.push(s);
    }
    for (const key of keys) expect(hashAggregateKey(key)).toBe(fnv1a64Reference(key));
  });
});
