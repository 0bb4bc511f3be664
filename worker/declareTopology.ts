// The collector's queue and its bindings. The queue is ours: durable, so notifications wait
// for us across our restarts; a quorum queue (OSTRACE_QUEUE_TYPE=quorum) is replicated over the
// nodes of a cluster, so they also wait for us across the loss of a node. A classic queue is
// declared without x-queue-type, as before the option existed: RabbitMQ refuses a declare whose
// arguments differ from the existing queue's, and a queue's type can never change; that refusal
// is a QueueConflictError saying what differs (describeQueueConflict.ts), not an outage.
// The exchanges are the services': oslo.messaging declares them NON-durable, and declaring one
// with other flags makes RabbitMQ close the channel with 406 PRECONDITION_FAILED. So an exchange
// is only checked (passive declare) on a throwaway channel; when it does not exist yet (404), it
// is declared exactly as oslo.messaging would (topic, durable=false, auto_delete=false), and a
// 406 from a sender winning that race just means it exists now. Failures surface as one error
// for the caller's reconnect backoff.
import type { Channel, ChannelModel } from "amqplib";
import type { QueueType } from "../lib/config";
import type { Logger } from "../lib/log";
import { describeQueueConflict, QueueConflictError } from "./describeQueueConflict";

export type Topology = { queue: string; queueType?: QueueType; exchanges: readonly string[]; topics: readonly string[] };

/** How a topic's routing keys look: "<topic>.<priority>", e.g. profiler.info. */
export function bindingKey(topic: string): string {
  return `${topic}.*`;
}

export async function declareTopology(connection: ChannelModel, topology: Topology, log: Logger): Promise<void> {
  const quorum = topology.queueType === "quorum";
  await withChannel(connection, async (channel) => {
    await channel.assertQueue(topology.queue, quorum ? { durable: true, arguments: { "x-queue-type": "quorum" } } : { durable: true });
  }).catch((error: unknown) => {
    if (amqpCode(error) !== 406) throw error;
    throw new QueueConflictError(describeQueueConflict(topology.queue, topology.queueType ?? "classic", message(error)));
  });
  const declared: string[] = [];
  for (const exchange of topology.exchanges) {
    if (await ensureExchange(connection, exchange)) declared.push(exchange);
  }
  if (declared.length > 0) log.info("declared missing exchanges non-durable, as oslo.messaging does", { exchanges: declared });
  await withChannel(connection, async (channel) => {
    for (const exchange of topology.exchanges) {
      for (const topic of topology.topics) await channel.bindQueue(topology.queue, exchange, bindingKey(topic));
    }
  });
}

/** Returns true when it had to declare the exchange. */
async function ensureExchange(connection: ChannelModel, exchange: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await exchangeExists(connection, exchange)) return false;
    try {
      await withChannel(connection, (channel) => channel.assertExchange(exchange, "topic", { durable: false, autoDelete: false }));
      return true;
    } catch (error) {
      if (amqpCode(error) !== 406) throw error;
      // Declared meanwhile by a sender with other flags: it exists, which is all we need.
    }
  }
  throw new Error(`exchange ${exchange} could not be checked or declared`);
}

async function exchangeExists(connection: ChannelModel, exchange: string): Promise<boolean> {
  try {
    await withChannel(connection, (channel) => channel.checkExchange(exchange));
    return true;
  } catch (error) {
    if (amqpCode(error) === 404) return false;
    throw error;
  }
}

/** Runs `work` on a fresh channel that may be closed by the broker without harming anything else. */
async function withChannel<T>(connection: ChannelModel, work: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = await connection.createChannel();
  let closed = false;
  channel.on("error", () => undefined); // the rejected operation reports it
  channel.on("close", () => (closed = true));
  try {
    return await work(channel);
  } finally {
    if (!closed) await channel.close().catch(() => undefined);
  }
}

function amqpCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
