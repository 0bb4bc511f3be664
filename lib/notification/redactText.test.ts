import { describe, expect, it } from "vitest";
import { createRedactor } from "./createRedactor";
import { DEFAULT_REDACTION } from "./redactionSettings";
import { redactText } from "./redactText";

const redactor = createRedactor(DEFAULT_REDACTION);
const masked = (text: string) => redactText(text, redactor)?.text ?? text;

describe("redactText", () => {
  it.each([
    ["mysql+pymysql://nova:SECRET@ctl/nova?charset=utf8", "mysql+pymysql://nova:[redacted]@ctl/nova?charset=utf8"],
    ["rabbit://openstack:p@ss:w0rd@10.0.0.5:5672/", "rabbit://openstack:[redacted]@10.0.0.5:5672/"],
    ["redis://:hunter2@cache:6379", "redis://:[redacted]@cache:6379"],
    ["connect to postgresql://keystone:s3cr3t@db/keystone failed", "connect to postgresql://keystone:[redacted]@db/keystone failed"],
  ])("masks the password of a connection string: %s", (text, expected) => {
    expect(masked(text)).toBe(expected);
  });

  it.each([
    ["{'password': 'hunter2', 'username': 'admin'}", "{'password': '[redacted]', 'username': 'admin'}"],
    ["{'admin_password': 'x1', 'name': 'vm'}", "{'admin_password': '[redacted]', 'name': 'vm'}"],
    ["(context, password='hunter2', user=u)", "(context, password='[redacted]', user=u)"],
    ['{"auth_token": "gAAAAABk\\"x", "ok": 1}', '{"auth_token": "[redacted]", "ok": 1}'],
    ["{'X-Auth-Token': b'gAAAAABkZ', 'Accept': '*/*'}", "{'X-Auth-Token': b'[redacted]', 'Accept': '*/*'}"],
    ["X-Subject-Token: gAAAAABkZ\nAccept: */*", "X-Subject-Token: [redacted]\nAccept: */*"],
    ["Authorization: Bearer abc.def.ghi", "Authorization: [redacted]"],
    ["name=vm1&password=hunter2&flavor=m1", "name=vm1&password=[redacted]&flavor=m1"],
    ["conf.database.secret_key=abc", "conf.database.secret_key=[redacted]"],
    ["{'credentials': 'AKIA:xyz', 'private_key': 'k'}", "{'credentials': '[redacted]', 'private_key': '[redacted]'}"],
  ])("masks the value after a secret's name: %s", (text, expected) => {
    expect(masked(text)).toBe(expected);
  });

  it("masks a private key block, and to the end of a text that was cut inside one", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAKC\n-----END RSA PRIVATE KEY-----";
    expect(masked(`key: ${pem} done`)).toBe("key: [redacted] done");
    expect(masked("x -----BEGIN PRIVATE KEY-----\nMIIEow…[truncated by ostrace: 9 characters]")).toBe("x [redacted]");
  });

  it("counts each masked value", () => {
    expect(redactText("{'password': 'a', 'token': 'b'} mysql://u:c@h/db", redactor)?.count).toBe(3);
  });

  it.each([
    "SELECT password.id FROM password WHERE %(param_1)s = password.local_user_id",
    "UPDATE password SET expires_at=%(expires_at)s WHERE password.id = %(password_id)s",
    "UPDATE users SET password=%(password)s, token = %(token_1)s WHERE id = %(id_1)s",
    "{'admin_password': '***', 'injected_files': '[]'}",
    "{'password': None, 'token': ''}",
    "{'credential': {'blob': 'x'}}",
    "http://ctl:8774/v2.1/servers?name=a@b",
    "password == 3",
    "nova.compute.api.API.create",
    "a passenger passed the pci_passthrough check",
  ])("leaves text without a secret as it is: %s", (text) => {
    expect(redactText(text, redactor)).toBeNull();
  });

  it("is idempotent", () => {
    const once = masked("{'password': 'x'} mysql://u:p@h/d Authorization: Basic dXNlcjpw");
    expect(redactText(once, redactor)).toBeNull();
  });

  it("takes linear time on texts built to make a scanner backtrack", () => {
    const hostile = [
      "a".repeat(60_000) + " password",
      "password".repeat(8_000),
      "://a:".repeat(12_000),
      "-----BEGIN PRIVATE KEY-----".repeat(2_400),
      "password=" + "'".repeat(60_000),
      "x.".repeat(30_000) + "token",
      ("token: " + " ".repeat(16)).repeat(3_000),
    ];
    const started = performance.now();
    for (const text of hostile) redactText(text, redactor);
    // Each is ~60K characters; a quadratic scan would take seconds, not milliseconds.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
