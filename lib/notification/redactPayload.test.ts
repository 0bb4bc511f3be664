import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { buildRedactor, createRedactor, MAX_JUDGED_KEY_CHARS } from "./createRedactor";
import { decodeMessageBody, decodePayloadJson } from "./decodeMessage";
import { DEFAULT_INPUT_LIMITS } from "./inputLimits";
import { redactPayload } from "./redactPayload";
import { REDACTED } from "./redactedMarker";
import { DEFAULT_REDACTION } from "./redactionSettings";
import { stringifyJson } from "./stringifyJson";
import type { JsonObject, Notification } from "./types";

const BASE = "9b1a6f3e-2d4c-4b8e-9a51-1f6c0d2e3a47";
const SPAN = "5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b";

/** A wsgi-start as keystonemiddleware-protected services could send it, with every kind of secret. */
const WIRE = `{"name": "wsgi-start", "base_id": "${BASE}", "trace_id": "${SPAN}", "parent_id": "${BASE}", "timestamp": "2024-05-01T10:11:12.123456", "project": "nova", "service": "nova-api", "info": {"request": {"path": "/v2.1/servers", "method": "POST", "headers": {"X-Auth-Token": "gAAAAABkTOKEN", "Authorization": "Basic YWRtaW46aHVudGVyMg==", "Accept": "application/json"}}, "function": {"name": "nova.compute.api.API.create", "args": "(<Context>, 'm1.small')", "kwargs": "{'admin_password': 'hunter2', 'key_name': 'mykey'}"}, "db": {"statement": "SELECT 1", "params": {"id": 9007199254740993, "ratio": 3.0, "password_1": "pbkdf2$x", "secret": {"nested": [1.0, "s"]}, "enabled": true}}, "connection": "mysql+pymysql://nova:SECRET@ctl/nova", "host": "ctl-1"}}`;

const SECRETS = ["gAAAAABkTOKEN", "YWRtaW46aHVudGVyMg==", "hunter2", "pbkdf2$x", "SECRET", '"nested"'];

describe("redaction at the decoded notification", () => {
  it("masks args, kwargs, headers, nested params and connection strings, keeping every other byte as it came", () => {
    const decoded = decodeMessageBody(new TextEncoder().encode(WIRE), DEFAULT_INPUT_LIMITS) as Notification;
    const stored = stringifyJson(decoded.payload);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    // Only the secrets changed: key order, 9007199254740993 and 3.0 are as they came.
    const expected = WIRE.replace(/ /g, (m, at: number) => (inString(WIRE, at) ? m : ""))
      .replace('"gAAAAABkTOKEN"', `"${REDACTED}"`)
      .replace('"Basic YWRtaW46aHVudGVyMg=="', `"${REDACTED}"`)
      .replace("'hunter2'", `'${REDACTED}'`)
      .replace('"pbkdf2$x"', `"${REDACTED}"`)
      .replace('{"nested":[1.0,"s"]}', `"${REDACTED}"`)
      .replace("nova:SECRET@", `nova:${REDACTED}@`);
    expect(stored).toBe(expected);
    expect(decoded.redactedValues).toBe(6);
  });

  it("applies to an imported report's raw payload too (the same boundary)", () => {
    const decoded = decodePayloadJson(JSON.parse(WIRE), DEFAULT_INPUT_LIMITS, null) as Notification;
    expect(decoded.redactedValues).toBe(6);
    expect(JSON.stringify(decoded.payload)).not.toContain("hunter2");
  });

  it("is off with OSTRACE_REDACT=off, and takes extra key names and a key pattern", () => {
    const off = decodeMessageBody(new TextEncoder().encode(WIRE), {
      ...DEFAULT_INPUT_LIMITS,
      redaction: { ...DEFAULT_REDACTION, enabled: false },
    }) as Notification;
    expect(JSON.stringify(off.payload)).toContain("hunter2");
    expect(off.redactedValues).toBeUndefined();

    const payload = (): JsonObject => ({ info: { key_name: "mykey", "X-Tenant-Pin": "1234", ratio: 2 } });
    const named = payload();
    expect(redactPayload(named, createRedactor({ enabled: true, keys: ["key name"], keyPattern: null }))).toBe(1);
    expect(named).toEqual({ info: { key_name: REDACTED, "X-Tenant-Pin": "1234", ratio: 2 } });
    const patterned = payload();
    expect(redactPayload(patterned, createRedactor({ enabled: true, keys: [], keyPattern: "^x-tenant-(pin|code)$" }))).toBe(1);
    expect(patterned).toEqual({ info: { key_name: "mykey", "X-Tenant-Pin": REDACTED, ratio: 2 } });
  });

  it("never masks the identity fields, and masks values in arrays", () => {
    const payload: JsonObject = { name: "db-start", trace_id: SPAN, info: { urls: ["mysql://a:b@h/d", "http://h/x"], token: 42 } };
    const strict = createRedactor({ enabled: true, keys: ["name", "trace id"], keyPattern: null });
    expect(redactPayload(payload, strict)).toBe(2);
    expect(payload).toEqual({
      name: "db-start",
      trace_id: SPAN,
      info: { urls: [`mysql://a:${REDACTED}@h/d`, "http://h/x"], token: REDACTED },
    });
  });
});

/** Whether position `at` of JSON text is inside a string (to drop only the spaces between tokens). */
function inString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

describe("the redactor's memory of judged keys", () => {
  it("does not keep long keys: distinct 64K-character keys (15 fit in a message) would pile up", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // Settings of their own, so that no other test shares this redactor.
    const redactor = createRedactor({ enabled: true, keys: ["keys_memory_test"], keyPattern: null });
    const length = DEFAULT_INPUT_LIMITS.maxStringChars - 6;
    expect(redactor.isSecretKey(`${"x".repeat(length)}password`)).toBe(true);
    expect(redactor.isSecretKey(`${"x".repeat(length)}flavor`)).toBe(false);
    gc();
    const before = process.memoryUsage().heapUsed;
    // 500 distinct keys of 64K characters: 32 MB while they were kept.
    for (let i = 0; i < 500; i++) redactor.isSecretKey(String.fromCharCode(97 + (i % 26)).repeat(length) + i);
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8e6);
    // Short keys are still remembered (and judged the same).
    expect(redactor.isSecretKey("k".repeat(MAX_JUDGED_KEY_CHARS - 8) + "_api_key")).toBe(true);
  });
  it("stores the kept copy of a clean text found before, the same characters, and still masks the rest", () => {
    const redactor = buildRedactor(DEFAULT_REDACTION);
    const statement = "SELECT local_user.id FROM local_user WHERE local_user.name = %(name_1)s";
    // Fresh copies, as JSON.parse makes them for every notification.
    const copy = () => [...statement].join("");
    expect(redactor.screen(copy())).toBeUndefined(); // clean, kept from now on
    expect(redactor.screen(copy())).toBe(statement); // the kept one
    expect(redactor.screen("no mark in this text")).toBeUndefined();
    expect(redactor.screen("password=hunter2")).toBeNull();
    for (let round = 0; round < 3; round++) {
      const payload = JSON.parse(
        `{"name": "db-start", "info": {"db": {"statement": ${JSON.stringify(copy())}, "params": ["${copy()}", "a=b", "password=x"]}}}`,
      ) as JsonObject;
      const masked = redactPayload(payload, redactor);
      expect(masked).toBe(1); // a kept copy put in place is not a masked value
      expect(payload).toEqual({ name: "db-start", info: { db: { statement, params: [statement, "a=b", `password=${REDACTED}`] } } });
    }
  });
});
