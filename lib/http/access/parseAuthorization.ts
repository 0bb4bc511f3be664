// What a client presented in its Authorization header: a bearer token (the CLI, scripts,
// Prometheus, OSprofiler senders) or HTTP Basic credentials (a browser's own login prompt).

export type PresentedCredentials =
  | { kind: "none" }
  | { kind: "bearer"; token: string }
  | { kind: "basic"; user: string; password: string }
  | { kind: "malformed"; reason: string };

const MAX_HEADER_CHARS = 4096;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function parseAuthorization(header: string | null): PresentedCredentials {
  if (header === null || header.trim() === "") return { kind: "none" };
  if (header.length > MAX_HEADER_CHARS)
    return { kind: "malformed", reason: `the Authorization header is longer than ${MAX_HEADER_CHARS} characters` };
  const match = /^\s*([A-Za-z]+) +(\S+)\s*$/.exec(header);
  const scheme = match?.[1]?.toLowerCase();
  const value = match?.[2] ?? "";
  if (scheme === "bearer") return { kind: "bearer", token: value };
  if (scheme === "basic") {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return { kind: "malformed", reason: "the Basic credentials are not base64" };
    let decoded: string;
    try {
      decoded = utf8.decode(Buffer.from(value, "base64"));
    } catch {
      return { kind: "malformed", reason: "the Basic credentials are not UTF-8" };
    }
    const colon = decoded.indexOf(":");
    if (colon < 0) return { kind: "malformed", reason: "the Basic credentials have no ':' between user and password" };
    return { kind: "basic", user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return { kind: "malformed", reason: "expected Authorization: Bearer <token> or Basic <base64 of user:password>" };
}
