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
      databaseUrl: "file:./data/ostrace.db",
      exchanges: [...DEFAULT_EXCHANGES],
      topics: ["profiler"],
      queue: "ostrace.profiler",
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
      logLevel: "info",
    });
  });

  it("reads lists and numbers, trimming blanks and duplicates", () => {
    const config = loadConfig({ OSTRACE_EXCHANGES: " nova, glance ,nova,", OSTRACE_TOPICS: "profiler,notifications", OSTRACE_BATCH_SIZE: "500", PORT: "8080" });
    expect(config).toMatchObject({ exchanges: ["nova", "glance"], topics: ["profiler", "notifications"], batchSize: 500, prefetch: 2000, port: 8080 });
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
