// What `npm start` and the web server say at start about access: ostrace open to a network
// (no login, bound beyond localhost), or trusting a proxy's user header that anyone reaching
// the port directly could send.
import type { AccessConfig } from "./types";

export function describeAccessWarnings(access: AccessConfig, listenHost: string, port: number): string[] {
  if (isLoopback(listenHost)) return [];
  const where = `${listenHost.includes(":") ? `[${listenHost}]` : listenHost}:${port}`;
  const warnings: string[] = [];
  if (access.auth.mode === "open") {
    warnings.push(
      `no authentication (OSTRACE_AUTH=open) while listening on ${where}: anyone who reaches this port can read every trace ` +
        `(SQL, URLs, arguments)${access.ingestToken ? "" : ", send notifications"} and import traces. ` +
        "Set OSTRACE_AUTH=token, basic or proxy (README, Access), or HOSTNAME=127.0.0.1 behind a reverse proxy that authenticates.",
    );
  }
  if (access.auth.mode === "proxy") {
    warnings.push(
      `OSTRACE_AUTH=proxy trusts the ${access.auth.userHeader} header, and ostrace listens on ${where}: ` +
        "anyone who reaches this port without going through the proxy can send that header. Set HOSTNAME=127.0.0.1 (or firewall the port) so only the proxy reaches it.",
    );
  }
  return warnings;
}

/** Reachable from this machine only: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return bare === "localhost" || bare === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * HOSTNAME says where the web server listens (README, Configuration), but `next start` reads
 * only its -H argument: `npm start` and `npm run web` pass HOSTNAME as -H; a unit that runs
 * `next start` itself without -H listens on every interface whatever HOSTNAME says. Said at
 * start, since an operator who set HOSTNAME=127.0.0.1 believes the port private.
 */
export function describeIgnoredHostname(hostnameSetting: string | undefined, listenHost: string): string | null {
  const wanted = hostnameSetting?.trim();
  if (!wanted || wanted === listenHost) return null;
  return (
    `HOSTNAME=${wanted} is set, but this web server listens on ${listenHost}: next start does not read HOSTNAME. ` +
    `Start it with npm run web (which passes HOSTNAME on), or add -H ${wanted} to its command line.`
  );
}
