// Global setup of the "services" test project (vitest.config.ts): before any of those tests
// runs, check that everything they use is there, and say what is missing and how to get it,
// rather than letting dozens of tests fail with connection errors.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import amqp from "amqplib";
import pg from "pg";
import { CHROMIUM } from "../browser/support/browser";
import { AMQP_URL } from "../support/amqp";
import { PG_ADMIN_URL } from "../support/testDb";

const PYTHON = "/usr/bin/python3";
const PYTHON_MODULES = "osprofiler, oslo_messaging, webob, sqlalchemy";

async function missingRabbitMq(): Promise<string | null> {
  try {
    const connection = await amqp.connect(AMQP_URL, { timeout: 5000 });
    await connection.close();
    return null;
  } catch (error) {
    return `RabbitMQ at ${AMQP_URL} (${(error as Error).message}): start it with \`rabbitmq-server -detached && rabbitmqctl await_startup\` (Debian package rabbitmq-server)`;
  }
}

async function missingPostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return (
      `PostgreSQL at ${PG_ADMIN_URL} (${(error as Error).message}), as a user who may create databases: ` +
      "start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` (Debian package postgresql)"
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function missingOsprofiler(): string | null {
  const run = spawnSync(PYTHON, ["-c", `import ${PYTHON_MODULES}`], { encoding: "utf8", timeout: 60_000 });
  if (run.status === 0) return null;
  const why = run.error ? run.error.message : (run.stderr.trim().split("\n").at(-1) ?? `exit ${run.status}`);
  return (
    `${PYTHON} with ${PYTHON_MODULES} (${why}): ` +
    "`apt-get install python3-osprofiler python3-oslo.messaging python3-webob python3-sqlalchemy`"
  );
}

function missingChromium(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `Chromium at ${CHROMIUM} (CHROMIUM_PATH to use another): \`apt-get install chromium chromium-driver fonts-dejavu-core\``;
  }
}

export default async function preflight(): Promise<void> {
  const missing = [await missingRabbitMq(), await missingPostgres(), missingOsprofiler(), missingChromium()].filter((m) => m !== null);
  if (missing.length === 0) return;
  throw new Error(
    `these tests use real services, and some are missing:\n${missing.map((m) => `  - ${m}`).join("\n")}\n` +
      "`.ci/run` installs and starts all of them (as root), then runs the full suite; " +
      "`npm run test:unit` runs the tests that need none of them.",
  );
}
