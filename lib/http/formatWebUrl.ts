// The address to open ostrace's web server at, as `npm start` and `npm run demo` print it: the
// host it listens on (HOSTNAME), localhost when that is every interface, with PORT.

/** http://<host>:<port>, the host as a browser takes it: localhost for 0.0.0.0 and ::, an IPv6 address in brackets. */
export function formatWebUrl(hostname: string, port: number): string {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  const host = bare === "" || bare === "0.0.0.0" || bare === "::" ? "localhost" : bare.includes(":") ? `[${bare}]` : bare;
  return `http://${host}:${port}`;
}
