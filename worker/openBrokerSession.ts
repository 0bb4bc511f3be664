// One connection to RabbitMQ (one node of a cluster: runBrokerLoop.ts picks which): connect, declare the topology (declareTopology.ts: from then on
// notifications sent to the exchanges are kept in our queue, which onBound reports), open the
// consuming channel with the prefetch, start consuming. The session ends when the broker
// closes the channel or the connection, or when the collector closes it; `closed` says why.
import amqp, { type ConsumeMessage } from "amqplib";
import type { Logger } from "../lib/log";
import { declareTopology } from "./declareTopology";
import { deferred } from "./deferred";
import type { BrokerSession, CollectorConfig } from "./types";

const CONNECT_TIMEOUT_MS = 10_000;

export type SessionHandlers = {
  onMessage(session: BrokerSession, message: ConsumeMessage | null): void;
  /** The queue is declared and bound to every exchange (before consuming starts). */
  onBound(): void;
  onClosed(session: BrokerSession): void;
};

export async function openBrokerSession(
  config: CollectorConfig,
  url: string,
  log: Logger,
  handlers: SessionHandlers,
): Promise<BrokerSession> {
  const connection = await amqp.connect(url, {
    clientProperties: { connection_name: `ostrace collector (${config.queue})` },
    timeout: CONNECT_TIMEOUT_MS,
    // Acks are tiny frames: without TCP_NODELAY, Nagle can hold one back until the broker's
    // delayed ACK fires, stalling deliveries once the prefetch window is used up.
    noDelay: true,
  });
  try {
    connection.on("error", (error: Error) => log.debug("connection error", { error: error.message }));
    await declareTopology(connection, config, log);
    handlers.onBound();
    const channel = await connection.createChannel();
    const closed = deferred<string>();
    const session: BrokerSession = {
      url,
      connection,
      channel,
      consumerTag: null,
      open: true,
      openedAt: Date.now(),
      closed: closed.promise,
      async close(reason) {
        if (!session.open) return;
        session.open = false;
        handlers.onClosed(session);
        closed.resolve(reason);
        // The channel first: amqplib multiplexes channels, so a connection.close sent right
        // after an ack can overtake it and the broker would requeue an acked batch.
        await channel.close().catch(() => undefined);
        await connection.close().catch(() => undefined);
      },
    };
    let channelError = "";
    channel.on("error", (error: Error) => (channelError = error.message));
    channel.on("close", () => void session.close(channelError || "the channel closed"));
    connection.on(
      "close",
      (error?: Error) => void session.close(error ? `the connection closed: ${error.message}` : "the connection closed"),
    );
    await channel.prefetch(config.prefetch);
    const { consumerTag } = await channel.consume(config.queue, (message) => handlers.onMessage(session, message), { noAck: false });
    session.consumerTag = consumerTag;
    return session;
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
