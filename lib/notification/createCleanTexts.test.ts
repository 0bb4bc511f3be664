import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../testing/synthetic/createRandom";
import { CLEAN_TEXTS_LIMITS, createCleanTexts } from "./createCleanTexts";
import { buildRedactor } from "./createRedactor";
import { DEFAULT_REDACTION } from "./redactionSettings";
import { redactText } from "./redactText";

describe("createCleanTexts", () => {
  it("finds a text only when equal, not another of its length", () => {
    const clean = createCleanTexts();
    const a = "SELECT a FROM t WHERE id = %(id_1)s";
    clean.add(a);
    expect(clean.has(a)).toBe(true);
    expect(clean.has(a.slice(0, -1) + "x")).toBe(false);
    expect(clean.has(a.slice(1))).toBe(false);
    // A copy made apart (not the same string object) is found.
    expect(clean.has([...a].join(""))).toBe(true);
  });

  it("keeps at most a few texts a length, a text found often among them", () => {
    const clean = createCleanTexts({ maxTextChars: 100, perLength: 4, maxTotalChars: 10_000 });
    const often = "x=".padEnd(20, "a");
    clean.add(often);
    for (let i = 0; i < 1000; i++) {
      const other = `y${i}=`.padEnd(20, "b");
      if (!clean.has(other)) clean.add(other);
      expect(clean.has(often)).toBe(true);
    }
    expect(clean.chars).toBe(4 * 20);
  });

  it("keeps no text longer than its limit and never more characters than its bound", () => {
    const limits = { maxTextChars: 500, perLength: 4, maxTotalChars: 20_000 };
    const clean = createCleanTexts(limits);
    clean.add("z".repeat(501));
    expect(clean.has("z".repeat(501))).toBe(false);
    expect(clean.chars).toBe(0);
    const random = createRandom(3);
    for (let i = 0; i < 5000; i++) {
      const text = `${i}:`.padEnd(1 + random.int(0, 499), "q");
      if (!clean.has(text)) clean.add(text);
      expect(clean.chars).toBeLessThanOrEqual(limits.maxTotalChars);
      expect(clean.has(text)).toBe(true);
    }
  });
});

describe("a redactor's clean texts", () => {
  it.each([
    ["the default rules", DEFAULT_REDACTION],
    ["an extra key name", { enabled: true, keys: ["tenant pin"], keyPattern: null }],
    ["a key pattern (every marked text looked at closely)", { enabled: true, keys: [], keyPattern: "^x-tenant-(pin|code)$" }],
  ])("gives every text the answer of a redactor that remembers nothing, however often it comes: %s", (_, settings) => {
    const redactor = buildRedactor(settings);
    // The same rules with nothing remembered: the answer each text must get, the first time or the 10,000th.
    const plain = buildRedactor(settings, { ...CLEAN_TEXTS_LIMITS, maxTextChars: 0 });
    // Texts of one length that differ in a character, clean or not: a secret must never be taken for a remembered clean text.
    const pool = [
      "SELECT password.id FROM password WHERE password.id = %(id_1)s",
      "SELECT x FROM t WHERE password = 'hunter2' AND y = %(y_1)s",
      "SELECT x FROM t WHERE passwore = 'hunter2' AND y = %(y_1)s",
      "UPDATE users SET password='hunter2' WHERE id = %(id_1)s AND x=1",
      "UPDATE users SET passwore='hunter2' WHERE id = %(id_1)s AND x=1",
      "{'admin_password': 'x1', 'name': 'vm'}",
      "{'admin_passwore': 'x1', 'name': 'vm'}",
      "mysql+pymysql://nova:SECRET@ctl/nova",
      "mysql+pymysql://nova/SECRET@ctl/nova",
      "http://ctl:8774/v2.1/servers?name=a@b",
      "name=vm1&password=hunter2&flavor=m1",
      "name=vm1&passwore=hunter2&flavor=m1",
      "{'tenant_pin': '4711', 'x-tenant-code': 'ab'}",
      "{'tenant_pix': '4711', 'x-tenant-cove': 'ab'}",
    ];
    const random = createRandom(11);
    const first = new Map<string, ReturnType<typeof redactText>>();
    for (let i = 0; i < 10_000; i++) {
      const text = random.pick(pool);
      const got = redactText([...text].join(""), redactor);
      expect(got).toEqual(redactText(text, plain));
      if (!first.has(text)) first.set(text, got);
      expect(got).toEqual(first.get(text));
    }
    // Remembered: the clean texts were kept (a memory that kept nothing would pass the rest too).
    expect(redactor.mayHoldSecret(pool[2]!)).toBe(false);
    expect(plain.mayHoldSecret(pool[2]!)).toBe(true);
    expect(redactText(pool[1]!, redactor)?.text).toBe("SELECT x FROM t WHERE password = '[redacted]' AND y = %(y_1)s");
    expect(redactText(pool[2]!, redactor)).toBeNull();
  });

  it("holds a bounded memory: 5,000 distinct clean texts of 3,000-8,000 characters", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const redactor = buildRedactor(DEFAULT_REDACTION);
    gc();
    const before = process.memoryUsage().heapUsed;
    // 27.5 MB were they all kept (each length its own); the bound is 2M characters.
    for (let i = 0; i < 5000; i++) {
      // A flat string of its own (padEnd and repeat may share their filler between texts).
      const text = Buffer.from(`SELECT ${i} FROM t WHERE a = `.padEnd(3000 + i, "b")).toString("latin1");
      expect(redactText(text, redactor)).toBeNull();
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8e6);
    // Still in use (and still right) after the measurement: its memory counted above is live.
    expect(redactText("{'password': 'x'}", redactor)?.text).toBe("{'password': '[redacted]'}");
  });
});
