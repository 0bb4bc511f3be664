// CSRF: a write (any method but GET, HEAD, OPTIONS) that a browser sends on behalf of another
// site is refused, whatever the authentication mode, open included. Browsers say where a request
// comes from and pages cannot forge it: Sec-Fetch-Site (sent by current browsers to https and
// localhost origins) and Origin (sent with every cross-origin request and every POST).
// Clients that are not browsers (curl, the CLI, OSprofiler and oslo HTTP senders) send neither
// and are let through; their access is the authentication's business.
//
// Cross-origin counts, not only cross-site: another service on the same host and another port
// is "same-site" but must not post here either.
import type { AccessRequest } from "./types";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const SHOWN_CHARS = 200;

/** Why the request is refused as a cross-site write, or undefined when it may go on. */
export function findCrossSiteWrite(request: AccessRequest): string | undefined {
  const method = request.method.toUpperCase();
  if (READS.has(method)) return undefined;
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site) {
    // "none": the user did it (typed URL, bookmark), no page involved.
    if (site === "same-origin" || site === "none") return undefined;
    return `${method} refused: the browser says it comes from another ${site === "same-site" ? "origin" : "site"} (Sec-Fetch-Site: ${shown(site)}); writes are accepted from ostrace's own pages and from clients that are not browsers`;
  }
  const origin = request.headers.get("origin");
  if (origin === null) return undefined;
  if (isOwnOrigin(origin, request)) return undefined;
  return `${method} refused: the browser says it comes from another origin (Origin: ${shown(origin)}); writes are accepted from ostrace's own pages and from clients that are not browsers`;
}

/**
 * The Origin names this server: its host and port equal the Host header, or X-Forwarded-Host
 * set by a reverse proxy that rewrote Host. A page cannot set X-Forwarded-Host on a cross-origin
 * request without a CORS preflight, which ostrace never grants. The scheme is not compared: a
 * proxy that ends TLS forwards http to ostrace while the browser says https.
 */
function isOwnOrigin(origin: string, request: AccessRequest): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file: page, a redirect) is never ours
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const hosts = [request.headers.get("host"), request.headers.get("x-forwarded-host")?.split(",")[0]];
  return hosts.some((host) => host !== null && host !== undefined && normalizeHost(host, url.protocol) === url.host);
}

/** As URL.host writes it: lower case, the scheme's default port left out. */
function normalizeHost(host: string, protocol: string): string {
  const lower = host.trim().toLowerCase();
  const defaultPort = protocol === "https:" ? ":443" : ":80";
  return lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
}

function shown(text: string): string {
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}
