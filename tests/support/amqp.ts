// RabbitMQ helpers for tests: publish exactly what oslo.messaging publishes (envelope v2 JSON,
// content type application/json, topic exchange declared NON-durable, routing key
// profiler.info), with unique exchange and queue names so parallel test files never meet.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import amqp, { type ChannelModel, type ConfirmChannel } from "amqplib";
import { formatTimestampUs } from "@/lib/notification/timestamp";
import type { JsonObject } from "@/lib/notification/types";

export const AMQP_URL = process.env.TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

export type Broker = {
  connection: ChannelModel;
  channel: ConfirmChannel;
  /** Declares a topic exchange as oslo.messaging does (durable=false, auto_delete=false). */
  declareOsloExchange(name: string): Promise<void>;
  /** Publishes like oslo's notifier and waits for the broker's confirm. */
  publish(exchange: string, body: Buffer | string, routingKey?: string): Promise<void>;
  publishMany(exchange: string, bodies: (Buffer | string)[], routingKey?: string): Promise<void>;
  messageCount(queue: string): Promise<number>;
  exchangeExists(name: string): Promise<boolean>;
  /** Deletes the named queues and exchanges, then closes the connection. */
  cleanup(names: { queues?: string[]; exchanges?: string[] }): Promise<void>;
};

/**
 * Runs `work` on a channel of its own: a failed check (checkQueue/checkExchange on a missing
 * name) makes the broker close that channel, which must not take the publishing one with it.
 */
export async function withThrowawayChannel<T>(connection: ChannelModel, work: (ch: amqp.Channel) => Promise<T>): Promise<T> {
  const ch = await connection.createChannel();
  ch.on("error", () => undefined);
  try {
    return await work(ch);
  } finally {
    await ch.close().catch(() => undefined);
  }
}

export async function openBroker(): Promise<Broker> {
  let connection: ChannelModel;
  try {
    connection = await amqp.connect(AMQP_URL);
  } catch (error) {
    throw new Error(
      `RabbitMQ is not reachable at ${AMQP_URL} (${(error as Error).message}). ` +
        "Start it with `rabbitmq-server -detached && rabbitmqctl await_startup`, or run .ci/run.",
    );
  }
  const channel = await connection.createConfirmChannel();
  const publishOne = (exchange: string, body: Buffer | string, routingKey: string) =>
    channel.publish(exchange, routingKey, typeof body === "string" ? Buffer.from(body) : body, {
      contentType: "application/json",
      contentEncoding: "utf-8",
      deliveryMode: 2,
    });
  const probe = <T>(work: (ch: amqp.Channel) => Promise<T>) => withThrowawayChannel(connection, work);
  return {
    connection,
    channel,
    async declareOsloExchange(name) {
      await channel.assertExchange(name, "topic", { durable: false, autoDelete: false });
    },
    async publish(exchange, body, routingKey = "profiler.info") {
      publishOne(exchange, body, routingKey);
      await channel.waitForConfirms();
    },
    async publishMany(exchange, bodies, routingKey = "profiler.info") {
      for (let i = 0; i < bodies.length; i++) {
        if (!publishOne(exchange, bodies[i]!, routingKey)) await new Promise((resolve) => channel.once("drain", resolve));
        if (i % 5000 === 4999) await channel.waitForConfirms();
      }
      await channel.waitForConfirms();
    },
    messageCount: (queue) => probe(async (ch) => (await ch.checkQueue(queue)).messageCount),
    exchangeExists: (name) =>
      probe((ch) => ch.checkExchange(name)).then(
        () => true,
        () => false,
      ),
    async cleanup({ queues = [], exchanges = [] }) {
      for (const queue of queues) await probe((ch) => ch.deleteQueue(queue)).catch(() => undefined);
      for (const exchange of exchanges) await probe((ch) => ch.deleteExchange(exchange)).catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}

export type PayloadSpec = {
  traceId: string;
  spanId: string;
  parentId: string;
  name: string;
  phase: "start" | "stop";
  us: number;
  project?: string;
  service?: string;
  host?: string;
  info?: JsonObject;
};

/** An OSprofiler payload as osprofiler.profiler + the messaging driver build it. */
export function profilerPayload(spec: PayloadSpec): JsonObject {
  return {
    name: `${spec.name}-${spec.phase}`,
    base_id: spec.traceId,
    trace_id: spec.spanId,
    parent_id: spec.parentId,
    timestamp: formatTimestampUs(spec.us),
    info: { host: spec.host ?? "node-1", ...spec.info },
    project: spec.project ?? "nova",
    service: spec.service ?? "api",
  };
}

/** oslo.messaging's envelope v2 around a notification carrying `payload`. */
export function envelopeV2(payload: unknown, eventType = `profiler.${(payload as { service?: string }).service ?? "api"}`): string {
  const message = {
    message_id: randomUUID(),
    publisher_id: (payload as { info?: { host?: string } }).info?.host ?? "node-1",
    event_type: eventType,
    priority: "INFO",
    payload,
    timestamp: formatTimestampUs(Date.now() * 1000).replace("T", " "),
    _context_request_id: `req-${randomUUID()}`,
    _unique_id: randomBytes(16).toString("hex"),
  };
  return JSON.stringify({ "oslo.version": "2.0", "oslo.message": JSON.stringify(message) });
}

/**
 * Makes RabbitMQ close every connection whose client-provided name contains `namePart`, as a
 * broker restart or a network cut would (rabbitmqctl close_connection).
 */
export function closeBrokerConnections(namePart: string): number {
  const listing = execFileSync("rabbitmqctl", ["-q", "list_connections", "pid", "client_properties"], { encoding: "utf8" });
  const pids = listing
    .split("\n")
    .filter((line) => line.includes(`"connection_name","`) && line.includes(namePart))
    .map((line) => line.split("\t")[0]!);
  for (const pid of pids) execFileSync("rabbitmqctl", ["-q", "close_connection", pid, "closed by an ostrace test"]);
  return pids.length;
}

export type Vhost = {
  name: string;
  /** For amqplib (the collector). */
  amqpUrl: string;
  /** For oslo.messaging (OSprofiler's driver and CLI). */
  transportUrl: string;
  /** Deletes the vhost with every exchange and queue in it. */
  drop(): void;
};

/**
 * A RabbitMQ vhost of the test's own (rabbitmqctl, as root on the test machines). For tools
 * whose names cannot be chosen: `osprofiler trace show` always drains the queue profiler.info on
 * the exchange "openstack", which other tests and a running ostrace may use in the default vhost.
 */
export function createVhost(prefix: string): Vhost {
  const name = uniqueName(prefix);
  const ctl = (...args: string[]) => execFileSync("rabbitmqctl", ["-q", ...args], { encoding: "utf8", timeout: 60_000 });
  try {
    ctl("add_vhost", name);
    ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
  } catch (error) {
    throw new Error(
      `could not create the RabbitMQ vhost ${name} with rabbitmqctl (${(error as Error).message}); the test needs rabbitmqctl on this machine, run as root`,
    );
  }
  const base = new URL(AMQP_URL);
  return {
    name,
    amqpUrl: `${AMQP_URL.replace(/\/+$/, "")}/${encodeURIComponent(name)}`,
    transportUrl: `rabbit://${base.username}:${base.password}@${base.host}/${encodeURIComponent(name)}`,
    drop: () => void ctl("delete_vhost", name),
  };
}
