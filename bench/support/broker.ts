// RabbitMQ for benchmarks: a private copy of the OpenStack topology (each service's control
// exchange, renamed with a unique prefix so parallel tests never see our traffic, declared
// non-durable as oslo.messaging does) bound to a durable queue of our own, and publishing of
// synthetic oslo.messaging traffic exactly as services send it.
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from "amqplib";
import { AMQP_URL, uniqueName, withThrowawayChannel } from "../../tests/support/amqp";
import { bindingKey } from "../../worker/declareTopology";
import { DEFAULT_EXCHANGES } from "../../lib/config";
import { OSLO_EXCHANGE_OPTIONS, type OsloMessage } from "../../testing/synthetic";

export { AMQP_URL };

export type BenchTopology = {
  queue: string;
  /** Our names for every OpenStack exchange the synthetic traffic uses. */
  exchanges: string[];
  exchangeFor(serviceExchange: string): string;
};

export function createBenchTopology(prefix: string): BenchTopology {
  const tag = uniqueName(prefix);
  const exchangeFor = (serviceExchange: string) => `${tag}-${serviceExchange}`;
  return { queue: `${tag}-ostrace`, exchanges: DEFAULT_EXCHANGES.map(exchangeFor), exchangeFor };
}

export type BenchBroker = {
  connection: ChannelModel;
  channel: ConfirmChannel;
  /** Declares the exchanges (as oslo.messaging) and the queue (as the collector), bound with profiler.*. */
  declare(topology: BenchTopology): Promise<void>;
  /** Publishes with publisher confirms; resolves when the broker has every message (persisted). */
  publishConfirmed(topology: BenchTopology, messages: Iterable<OsloMessage>): Promise<number>;
  messageCount(queue: string): Promise<number>;
  consumerCount(queue: string): Promise<number>;
  purge(queue: string): Promise<void>;
  /** Deletes the queue and exchanges and closes the connection. */
  cleanup(topology: BenchTopology): Promise<void>;
};

export async function openBenchBroker(): Promise<BenchBroker> {
  const connection = await amqp.connect(AMQP_URL, { noDelay: true });
  const channel = await connection.createConfirmChannel();
  const probe = <T>(work: (ch: Channel) => Promise<T>) => withThrowawayChannel(connection, work);
  return {
    connection,
    channel,
    async declare(topology) {
      await channel.assertQueue(topology.queue, { durable: true });
      for (const exchange of topology.exchanges) {
        await channel.assertExchange(exchange, OSLO_EXCHANGE_OPTIONS.type, { durable: false, autoDelete: false });
        await channel.bindQueue(topology.queue, exchange, bindingKey("profiler"));
      }
    },
    async publishConfirmed(topology, messages) {
      let count = 0;
      for (const m of messages) {
        const ok = channel.publish(topology.exchangeFor(m.exchange), m.routingKey, Buffer.from(m.body), m.properties);
        count++;
        if (!ok) await new Promise((resolve) => channel.once("drain", resolve));
        // Bounded memory on both sides: wait for the broker now and then.
        if (count % 10_000 === 0) await channel.waitForConfirms();
      }
      await channel.waitForConfirms();
      return count;
    },
    messageCount: (queue) => probe(async (ch) => (await ch.checkQueue(queue)).messageCount),
    consumerCount: (queue) => probe(async (ch) => (await ch.checkQueue(queue)).consumerCount),
    purge: (queue) => probe(async (ch) => void (await ch.purgeQueue(queue))),
    async cleanup(topology) {
      await probe((ch) => ch.deleteQueue(topology.queue)).catch(() => undefined);
      for (const exchange of topology.exchanges) await probe((ch) => ch.deleteExchange(exchange)).catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
