// A TCP proxy between a process under test and a real service, able to hold back what the
// client sends: a worker whose requests to RabbitMQ are held waits, with its event loop free,
// at a known point (e.g. its drain waiting for the broker to confirm the consumer's cancel).
import { createConnection, createServer, type Socket } from "node:net";

export type TcpProxy = {
  port: number;
  /** From now on, keep what clients send instead of forwarding it. */
  hold(): void;
  /** Forward what was held, and everything from now on. */
  release(): void;
  close(): Promise<void>;
};

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let holding = false;
  const links: { client: Socket; target: Socket; held: Buffer[] }[] = [];
  const server = createServer((client) => {
    const target = createConnection(targetPort, targetHost);
    const link = { client, target, held: [] as Buffer[] };
    links.push(link);
    client.on("data", (chunk: Buffer) => (holding ? link.held.push(chunk) : target.write(chunk)));
    target.pipe(client);
    const end = () => {
      client.destroy();
      target.destroy();
    };
    client.on("close", end).on("error", end);
    target.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    hold: () => void (holding = true),
    release() {
      holding = false;
      for (const link of links) for (const chunk of link.held.splice(0)) link.target.write(chunk);
    },
    async close() {
      for (const { client, target } of links) {
        client.destroy();
        target.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
