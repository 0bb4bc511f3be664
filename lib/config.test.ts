import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_DOCS, ConfigError, DEFAULT_EXCHANGES, loadConfig, redactUrl } from "./config";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("has working defaults for a laptop: local broker, embedded SQLite, every OpenStack exchange", () => {
    expect(loadConfig({})).toEqual({
      amqpUrl: "amqp://guest:guest@127.0.0.1:5672",
      amqpUrls: ["amqp://guest:guest@127.0.0.1:5672"],
      databaseUrl: "file:./data/ostrace.db",
      readDatabaseUrl: null,
      exchanges: [...DEFAULT_EXCHANGES],
      topics: ["profiler"],
      queue: "ostrace.profiler",
      queueType: "classic",
      collectorName: null,
      batchSize: 2000,
      batchMs: 100,
      prefetch: 8000,
      port: 3000,
      hostname: "0.0.0.0",
      maxNotificationBytes: 1_048_576,
      maxJsonDepth: 64,
      maxJsonItems: 50_000,
      maxStringChars: 65_536,
      quarantineMaxBytes: 1_048_576,
      limits: {
        traceMaxSpans: 1_000_000,
        traceMaxBytes: 1024 ** 3,
        ratePerSecond: 50_000,
        quarantineMaxBytes: 1024 ** 3,
        quarantineMaxDays: 30,
        retentionDays: 30,
        dbMaxBytes: 10 * 1024 ** 3,
      },
      redaction: { enabled: true, keys: [], keyPattern: null },
      logLevel: "info",
      access: { auth: { mode: "open" }, metricsOpen: false },
    });
  });

  it("reads the operator limits in their units, 0 turning one off, and refuses a trace cap of 0", () => {
    const config = loadConfig({ OSTRACE_TRACE_MAX_MB: "2", OSTRACE_RATE_LIMIT: "0", OSTRACE_DB_MAX_MB: "0", OSTRACE_RETENTION_DAYS: "7" });
    expect(config.limits).toMatchObject({ traceMaxBytes: 2 * 1024 * 1024, ratePerSecond: 0, dbMaxBytes: 0, retentionDays: 7 });
    expect(problemsOf({ OSTRACE_TRACE_MAX_SPANS: "0" })).toEqual([
      'OSTRACE_TRACE_MAX_SPANS="0": expected a whole number from 1 to 1000000000',
    ]);
  });

  it("reads lists and numbers, trimming blanks and duplicates", () => {
    const config = loadConfig({
      OSTRACE_EXCHANGES: " nova, glance ,nova,",
      OSTRACE_TOPICS: "profiler,notifications",
      OSTRACE_BATCH_SIZE: "500",
      PORT: "8080",
    });
    expect(config).toMatchObject({
      exchanges: ["nova", "glance"],
      topics: ["profiler", "notifications"],
      batchSize: 500,
      prefetch: 2000,
      port: 8080,
    });
  });

  it("names every bad variable in one error, each with what it expected", () => {
    const problems = problemsOf({
      AMQP_URL: "http://user:secret@broker",
      DATABASE_URL: "mysql://x",
      OSTRACE_BATCH_SIZE: "lots",
      OSTRACE_PREFETCH: "10",
      PORT: "70000",
      OSTRACE_EXCHANGES: "nova,bad name",
      LOG_LEVEL: "chatty",
    });
    expect(problems).toHaveLength(7);
    expect(problems[0]).toBe('AMQP_URL="http://user:***@broker": expected amqp://user:password@host:port[/vhost]');
    expect(problems.join("\n")).not.toContain("secret");
    for (const name of ["DATABASE_URL", "OSTRACE_BATCH_SIZE", "OSTRACE_PREFETCH", "PORT", "OSTRACE_EXCHANGES", "LOG_LEVEL"]) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it("reads a RabbitMQ cluster: one URL per node, and the queue type", () => {
    const config = loadConfig({
      AMQP_URL: " amqp://u:p@mq1:5672/os, amqps://u:p@mq2:5671/os,,amqp://u:p@mq1:5672/os",
      OSTRACE_QUEUE_TYPE: "quorum",
    });
    expect(config).toMatchObject({
      amqpUrl: "amqp://u:p@mq1:5672/os",
      amqpUrls: ["amqp://u:p@mq1:5672/os", "amqps://u:p@mq2:5671/os"],
      queueType: "quorum",
    });
    const problems = problemsOf({ AMQP_URL: "amqp://u:secret@mq1,mq2:5672", OSTRACE_QUEUE_TYPE: "stream" });
    expect(problems).toEqual([
      'AMQP_URL="mq2:5672": expected amqp://user:password@host:port[/vhost]',
      'OSTRACE_QUEUE_TYPE="stream": expected classic or quorum',
    ]);
    expect(problemsOf({ AMQP_URL: " , " })).toEqual(["AMQP_URL: expected at least one amqp://user:password@host:port[/vhost]"]);
    expect(loadConfig({ OSTRACE_COLLECTOR_NAME: "ctl-2" }).collectorName).toBe("ctl-2");
    expect(
      loadConfig({ DATABASE_URL: "postgresql://a@pg1/ostrace", OSTRACE_READ_DATABASE_URL: "postgresql://a@pg2/ostrace" }).readDatabaseUrl,
    ).toBe("postgresql://a@pg2/ostrace");
    expect(problemsOf({ OSTRACE_READ_DATABASE_URL: "postgresql://a@pg2/ostrace" })).toEqual([
      "OSTRACE_READ_DATABASE_URL is set but DATABASE_URL is not PostgreSQL: a replica needs a PostgreSQL primary",
    ]);
    expect(problemsOf({ DATABASE_URL: "postgresql://a@pg1/ostrace", OSTRACE_READ_DATABASE_URL: "file:x.db" })[0]).toMatch(
      /^OSTRACE_READ_DATABASE_URL="file:x.db": expected postgresql/,
    );
    expect(problemsOf({ OSTRACE_COLLECTOR_NAME: "ctl 2@x" })).toEqual([
      'OSTRACE_COLLECTOR_NAME="ctl 2@x": expected 1-100 letters, digits, _ . : -',
    ]);
  });

  it("refuses a prefetch smaller than a batch: the batch could never fill", () => {
    expect(problemsOf({ OSTRACE_BATCH_SIZE: "1000", OSTRACE_PREFETCH: "999" })).toEqual([
      "OSTRACE_PREFETCH=999 is below OSTRACE_BATCH_SIZE=1000: a batch could never fill",
    ]);
  });
});

describe("redactUrl", () => {
  it("hides passwords and leaves URLs without one alone", () => {
    expect(redactUrl("amqp://guest:guest@127.0.0.1:5672/vhost")).toBe("amqp://guest:***@127.0.0.1:5672/vhost");
    expect(redactUrl("postgresql://root@127.0.0.1:5432/db")).toBe("postgresql://root@127.0.0.1:5432/db");
    expect(redactUrl("file:./data/ostrace.db")).toBe("file:./data/ostrace.db");
  });
});

describe("the README's configuration table", () => {
  it("lists every variable with the default and meaning the code uses", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const doc of CONFIG_DOCS) {
      expect(readme).toContain(`| \`${doc.name}\` | \`${doc.default}\` | ${doc.meaning} |`);
    }
  });
});

describe("redaction configuration", () => {
  it("is on by default; OSTRACE_REDACT=off turns it off", () => {
    expect(loadConfig({}).redaction.enabled).toBe(true);
    expect(loadConfig({ OSTRACE_REDACT: "off" }).redaction.enabled).toBe(false);
    expect(loadConfig({ OSTRACE_REDACT: "ON" }).redaction.enabled).toBe(true);
  });

  it("reads extra key names, or one /regular expression/", () => {
    expect(loadConfig({ OSTRACE_REDACT_KEYS: "key_name, X-Tenant-Pin,key_name" }).redaction).toEqual({
      enabled: true,
      keys: ["key_name", "X-Tenant-Pin"],
      keyPattern: null,
    });
    expect(loadConfig({ OSTRACE_REDACT_KEYS: "/^x-(pin|code)$/" }).redaction).toEqual({
      enabled: true,
      keys: [],
      keyPattern: "^x-(pin|code)$",
    });
  });

  it("refuses at start what it cannot apply at a bounded cost, naming the variable", () => {
    expect(problemsOf({ OSTRACE_REDACT: "maybe" })).toEqual(['OSTRACE_REDACT="maybe": expected on or off']);
    expect(problemsOf({ OSTRACE_REDACT_KEYS: "/(a)\\1/" })[0]).toMatch(/^OSTRACE_REDACT_KEYS=.*: not supported in linear time/);
    expect(problemsOf({ OSTRACE_REDACT_KEYS: "/(/" })[0]).toMatch(/^OSTRACE_REDACT_KEYS=.*: invalid regular expression/);
    expect(problemsOf({ OSTRACE_REDACT_KEYS: "/(/" })[0]).not.toMatch(/invalid regular expression.*invalid regular expression/i);
    expect(problemsOf({ OSTRACE_REDACT_KEYS: "/a{1000}/" })[0]).toMatch(/^OSTRACE_REDACT_KEYS=.*: too complex/);
    expect(problemsOf({ OSTRACE_REDACT_KEYS: "ok_name,x,bad$name" })).toEqual([
      'OSTRACE_REDACT_KEYS: "x" is not a key name (2-64 letters or digits, with _ - . or spaces), nor a /regular expression/',
      'OSTRACE_REDACT_KEYS: "bad$name" is not a key name (2-64 letters or digits, with _ - . or spaces), nor a /regular expression/',
    ]);
  });
});

describe("access configuration", () => {
  const SALT = Buffer.alloc(16, 7).toString("base64url");
  const KEY = Buffer.alloc(32, 9).toString("base64url");
  const HASH = `scrypt:32768:8:1:${SALT}:${KEY}`;

  it("is open by default, with /metrics following it", () => {
    expect(loadConfig({}).access).toEqual({ auth: { mode: "open" }, metricsOpen: false });
  });

  it("reads each mode with what it needs", () => {
    expect(loadConfig({ OSTRACE_AUTH: "token", OSTRACE_TOKEN: "0123456789abcdef0123" }).access.auth).toEqual({
      mode: "token",
      token: "0123456789abcdef0123",
    });
    expect(loadConfig({ OSTRACE_AUTH: "basic", OSTRACE_USERS: `alice:${HASH}, bob.smith@example:${HASH}` }).access.auth).toMatchObject({
      mode: "basic",
      users: [
        { name: "alice", hash: { N: 32768, r: 8, p: 1 } },
        { name: "bob.smith@example", hash: { N: 32768 } },
      ],
    });
    expect(loadConfig({ OSTRACE_AUTH: "proxy" }).access.auth).toEqual({ mode: "proxy", userHeader: "X-Remote-User" });
    expect(loadConfig({ OSTRACE_AUTH: "proxy", OSTRACE_PROXY_USER_HEADER: "X-Forwarded-User" }).access.auth).toEqual({
      mode: "proxy",
      userHeader: "X-Forwarded-User",
    });
    expect(loadConfig({ OSTRACE_INGEST_TOKEN: "ingest-0123456789abc", OSTRACE_METRICS_OPEN: "1" }).access).toEqual({
      auth: { mode: "open" },
      ingestToken: "ingest-0123456789abc",
      metricsOpen: true,
    });
  });

  it("refuses plain-text passwords, naming the user and the way to make a hash, without echoing the password", () => {
    const problems = problemsOf({ OSTRACE_AUTH: "basic", OSTRACE_USERS: `alice:hunter2,bob:${HASH}` });
    expect(problems).toEqual([
      'OSTRACE_USERS user "alice": the password is not an scrypt hash (plain-text passwords are refused: make one with `npm run hash-password`)',
    ]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("refuses what would leave ostrace open or locked by mistake", () => {
    // A token without the mode would look like protection and be none.
    expect(problemsOf({ OSTRACE_TOKEN: "0123456789abcdef0123" })).toEqual([
      "OSTRACE_TOKEN is set but OSTRACE_AUTH is open, so it would not be used; set OSTRACE_AUTH=token (or unset OSTRACE_TOKEN)",
    ]);
    expect(problemsOf({ OSTRACE_USERS: `alice:${HASH}` })[0]).toMatch(/^OSTRACE_USERS is set but OSTRACE_AUTH is open/);
    expect(problemsOf({ OSTRACE_AUTH: "basic", OSTRACE_PROXY_USER_HEADER: "X-User", OSTRACE_USERS: `a:${HASH}` })[0]).toMatch(
      /^OSTRACE_PROXY_USER_HEADER is set but OSTRACE_AUTH is basic/,
    );
    expect(problemsOf({ OSTRACE_AUTH: "token" })).toEqual(["OSTRACE_AUTH=token needs OSTRACE_TOKEN (e.g. `openssl rand -hex 32`)"]);
    expect(problemsOf({ OSTRACE_AUTH: "token", OSTRACE_TOKEN: "short" })).toEqual([
      "OSTRACE_TOKEN: expected 16 to 1024 printable characters without spaces (e.g. `openssl rand -hex 32`)",
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "basic" })).toEqual([
      "OSTRACE_AUTH=basic needs OSTRACE_USERS=name:<hash>,... (make each hash with `npm run hash-password`)",
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "ldap" })).toEqual(['OSTRACE_AUTH="ldap": expected open, token, basic, proxy']);
    // A mode that is not one is the one problem said, though the token beside it is then unused.
    expect(problemsOf({ OSTRACE_AUTH: "Token", OSTRACE_TOKEN: "0123456789abcdef0123" })).toEqual([
      'OSTRACE_AUTH="Token": expected open, token, basic, proxy, in lower case (OSTRACE_AUTH=token)',
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "Token" })).toEqual([
      'OSTRACE_AUTH="Token": expected open, token, basic, proxy, in lower case (OSTRACE_AUTH=token)',
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "ldap", OSTRACE_USERS: `alice:${HASH}` })).toEqual([
      'OSTRACE_AUTH="ldap": expected open, token, basic, proxy',
    ]);
    expect(
      problemsOf({ OSTRACE_AUTH: "token", OSTRACE_TOKEN: "same-token-0123456789", OSTRACE_INGEST_TOKEN: "same-token-0123456789" }),
    ).toEqual([
      "OSTRACE_INGEST_TOKEN equals OSTRACE_TOKEN: give senders a token of their own, so it can be rotated or leak without opening the UI",
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "basic", OSTRACE_USERS: `alice:${HASH},alice:${HASH},bad:name:${HASH}` })).toEqual([
      'OSTRACE_USERS user "alice": listed twice',
      'OSTRACE_USERS user "bad": the password is not an scrypt hash (plain-text passwords are refused: make one with `npm run hash-password`)',
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "basic", OSTRACE_USERS: `al ice:${HASH}` })).toEqual([
      "OSTRACE_USERS entry 1: expected name:<hash> with a name of 1-64 letters, digits or . _ @ + -",
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "proxy", OSTRACE_PROXY_USER_HEADER: "X User" })[0]).toMatch(
      /^OSTRACE_PROXY_USER_HEADER="X User": expected a header name/,
    );
    expect(problemsOf({ OSTRACE_METRICS_OPEN: "yes" })).toEqual(['OSTRACE_METRICS_OPEN="yes": expected 1 or 0']);
  });

  it("never puts a token in a message", () => {
    const secret = "s3cret s3cret s3cret";
    expect(problemsOf({ OSTRACE_AUTH: "token", OSTRACE_TOKEN: secret, OSTRACE_INGEST_TOKEN: secret }).join("\n")).not.toContain("s3cret");
    // Nor one written into OSTRACE_AUTH itself, as an Authorization header would carry it.
    expect(problemsOf({ OSTRACE_AUTH: "Token s3cret0123456789" })).toEqual([
      "OSTRACE_AUTH holds more than a mode (not shown: it may be a secret): set OSTRACE_AUTH=token and put the token in OSTRACE_TOKEN",
    ]);
    expect(problemsOf({ OSTRACE_AUTH: "Bearer s3cret0123456789" })).toEqual([
      "OSTRACE_AUTH holds more than a mode (not shown: it may be a secret): expected open, token, basic, proxy",
    ]);
    // Nor a token alone where the mode goes (OSTRACE_AUTH=<token> for OSTRACE_TOKEN=<token>): one word, but a secret.
    for (const token of ["0123456789abcdef0123", "s3cret-S3CRET_s3cret.s3cret"])
      expect(problemsOf({ OSTRACE_AUTH: token }).join("\n")).not.toContain(token);
  });
});
