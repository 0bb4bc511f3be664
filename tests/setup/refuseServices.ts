// Setup of the "unit" test project (vitest.config.ts): unit tests must run on a machine with
// no service at all, so a connection to the PostgreSQL or RabbitMQ the other tests use is
// refused here with a message saying where such a test belongs, instead of quietly passing on a
// developer's machine and failing on the next one.
import net from "node:net";

const SERVICES = new Map<number, string>([
  [Number(new URL(process.env.TEST_PG_ADMIN_URL ?? "postgresql://root@127.0.0.1:5432/postgres").port || 5432), "PostgreSQL"],
  [Number(new URL(process.env.TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672").port || 5672), "RabbitMQ"],
]);

type Connect = ((this: net.Socket, ...args: unknown[]) => net.Socket) & { refusesServices?: true };
const connect = net.Socket.prototype.connect as unknown as Connect;

/** Socket#connect(port, host), (options) or, from net.connect, ([options, callback]). */
function portOf(args: unknown[]): number | null {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === "number" || typeof first === "string") return Number(first);
  if (first && typeof first === "object" && "port" in first) return Number((first as { port: unknown }).port);
  return null;
}

const refusing: Connect = function (this: net.Socket, ...args: unknown[]) {
  const service = SERVICES.get(portOf(args) ?? -1);
  if (service) {
    throw new Error(
      `this test uses ${service}, so it is not a unit test: move it to tests/, or list it in SERVICE_TESTS_NEXT_TO_CODE in vitest.config.ts`,
    );
  }
  return connect.apply(this, args);
};
refusing.refusesServices = true;
// Unit test files share their worker process (isolate: false), so this runs once per file: patch once.
if (!connect.refusesServices) (net.Socket.prototype as unknown as { connect: Connect }).connect = refusing;
