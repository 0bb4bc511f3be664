// `npm run demo`: loads a handful of realistic OpenStack traces so a newcomer has something to
// look at within a minute, through the real ingest path: published to RabbitMQ exactly as
// oslo.messaging would when the collector is consuming, else POSTed to the web server's
// HTTP ingest. Then prints where to open them.
import { connect } from "amqplib";
import { ConfigError, loadConfig, redactUrl, type Config } from "../lib/config";
import { describeDatabaseError } from "../lib/db/describeDatabaseError";
import { openDb, type Db } from "../lib/db/client";
import { formatWebUrl } from "../lib/http/formatWebUrl";
import { readTraceListItem } from "../lib/db/readTraceListItem";
import { generateDemoTraces, type DemoTrace } from "../testing/demoTraces";
import { convertNotificationToOsloMessage } from "../testing/synthetic";

/** Publishes through RabbitMQ when a collector consumes the queue; false when that path is unavailable. */
async function publishToBroker(config: Config, traces: DemoTrace[]): Promise<boolean> {
  let connection;
  try {
    connection = await connect(config.amqpUrl, { timeout: 3000 });
  } catch {
    console.log(`RabbitMQ is not reachable at ${redactUrl(config.amqpUrl)}; using HTTP ingest instead.`);
    return false;
  }
  try {
    const probe = await connection.createChannel();
    // A missing queue closes the channel with 404: the collector has never run against this broker.
    probe.on("error", () => {});
    const queue = await probe.checkQueue(config.queue).catch(() => null);
    if (!queue || queue.consumerCount === 0) {
      console.log(`No collector is consuming queue ${config.queue} yet; using HTTP ingest instead.`);
      return false;
    }
    const messages = traces.flatMap((t) => t.notifications.map((n) => convertNotificationToOsloMessage(n)));
    const missing = [...new Set(messages.map((m) => m.exchange))].filter((e) => !config.exchanges.includes(e));
    if (missing.length > 0) {
      console.log(`The collector does not listen on exchange(s) ${missing.join(", ")}; using HTTP ingest instead.`);
      return false;
    }
    const channel = await connection.createConfirmChannel();
    for (const m of messages) channel.publish(m.exchange, m.routingKey, Buffer.from(m.body), m.properties);
    await channel.waitForConfirms();
    console.log(`Published ${messages.length} notifications to RabbitMQ (${redactUrl(config.amqpUrl)}), as oslo.messaging does.`);
    return true;
  } finally {
    await connection.close().catch(() => {});
  }
}

async function postToHttpIngest(config: Config, traces: DemoTrace[]): Promise<void> {
  const url = `${formatWebUrl(config.hostname, config.port)}/api/ingest`;
  const payloads = traces.flatMap((t) => t.notifications.map((n) => n.payload));
  // With access configured, HTTP ingest takes the ingest token, or the UI's token in token mode.
  const token = config.access.ingestToken ?? (config.access.auth.mode === "token" ? config.access.auth.token : undefined);
  for (let i = 0; i < payloads.length; i += 1000) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payloads.slice(i, i + 1000)),
      });
    } catch {
      throw new Error(`ostrace's web server is not reachable at ${url}. Start ostrace first (npm start), then run npm run demo.`);
    }
    if (!response.ok) throw new Error(`HTTP ingest answered ${response.status}: ${await response.text()}`);
  }
  console.log(`Posted ${payloads.length} notifications to ${url}.`);
}

/** Whether every demo trace is stored whole (its span count reached). */
async function areStoredWhole(db: Db, traces: DemoTrace[]): Promise<boolean> {
  const summaries = await Promise.all(traces.map((t) => readTraceListItem(db, t.traceId)));
  const expected = traces.map((t) => new Set(t.notifications.map((n) => n.payload.trace_id)).size);
  return summaries.every((s, i) => s !== null && s.spanCount >= expected[i]!);
}

/**
 * Waits until every demo trace is stored whole, so the printed links show complete traces. It
 * reads the database itself, so a demo run with another DATABASE_URL than npm start's would wait
 * on a database nothing writes to: both failures name the database it read.
 */
async function waitUntilStored(config: Config, db: Db, traces: DemoTrace[]): Promise<void> {
  const where = `DATABASE_URL=${redactUrl(config.databaseUrl)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    let stored: boolean;
    try {
      stored = await areStoredWhole(db, traces);
    } catch (error) {
      throw new Error(
        `the demo traces were sent, but ${where} could not be read to see them stored (${describeDatabaseError(error)}). ` +
          "Run npm run demo with the same DATABASE_URL as npm start.",
      );
    }
    if (stored) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the demo traces did not all arrive in ${where} within 60 s; is the collector running (npm start), with the same DATABASE_URL?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const traces = generateDemoTraces(Date.now() * 1000);
  const db = await openDb(config.databaseUrl);
  // The demo's base_ids are seeded, so a second run would only send duplicates: say so instead
  // of announcing traces that did not change (ostrace tail and the list show nothing new).
  let already: boolean;
  try {
    // No tables yet (ostrace never started on this database): not stored, and sending says why.
    already = await areStoredWhole(db, traces).catch(() => false);
    if (!already) {
      if (!(await publishToBroker(config, traces))) await postToHttpIngest(config, traces);
      await waitUntilStored(config, db, traces);
    }
  } finally {
    await db.close();
  }
  console.log(already ? "\nDemo traces already stored by an earlier npm run demo (nothing sent):" : "\nDemo traces loaded:");
  // Where npm start says to open ostrace (the same HOSTNAME and PORT).
  const web = formatWebUrl(config.hostname, config.port);
  for (const t of traces) console.log(`  ${web}/traces/${t.traceId}  ${t.label}`);
  console.log(`\nOr browse them all at ${web}/`);
}

main().catch((error: unknown) => {
  console.error(`ostrace demo: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
  process.exit(1);
});
