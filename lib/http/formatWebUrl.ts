// The address to open ostrace's web server at, as `npm start` and `npm run demo` print it: the
// host it listens on (HOSTNAME), localhost when that is every interface, with PORT.

/**
 * http://<host>:<port>, the host as a browser takes it: localhost for 0.0.0.0 and ::, an IPv6
 * address in brackets. A link-local address's zone id (fe80::1%eth0, as HOSTNAME gives it to
 * the server's listen) has its `%` written `%25` inside the brackets, as RFC 6874 has it: a bare
 * `%` there would start a broken percent-escape.
 */
export function formatWebUrl(hostname: string, port: number): string {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  if (bare === "" || bare === "0.0.0.0" || bare === "::") return `http://localhost:${port}`;
  if (!bare.includes(":")) return `http://${bare}:${port}`;
  const zoneAt = bare.indexOf("%");
  if (zoneAt < 0) return `http://[${bare}]:${port}`;
  // Every character of the zone is escaped as it stands: HOSTNAME is what the server listens on,
  // where `%25eth0` would name a zone "25eth0" (and a Windows zone may well be 25).
  const zone = bare.slice(zoneAt + 1);
  return `http://[${bare.slice(0, zoneAt)}%25${encodeURIComponent(zone)}]:${port}`;
}
