// What the access decisions look at: a request reduced to its method, path and headers (a
// fetch Request or Next's NextRequest fits), so they can be decided and tested without a server.

import type { PasswordHash } from "./passwordHash";

type HeaderReader = { get(name: string): string | null };

export type AccessRequest = { method: string; pathname: string; headers: HeaderReader };

export type AuthConfig =
  { mode: "open" } | { mode: "token"; token: string } | { mode: "basic"; users: BasicUser[] } | { mode: "proxy"; userHeader: string };

export type BasicUser = { name: string; hash: PasswordHash };

export type AccessConfig = {
  auth: AuthConfig;
  /** Accepted as `Authorization: Bearer` by POST /api/ingest (then required there) and POST /api/traces/import. */
  ingestToken?: string;
  /** /metrics answers without credentials (a Prometheus that cannot send any). */
  metricsOpen: boolean;
};

/**
 * Let through (with who, when known), or refused with a status, a reason for the client and the
 * challenge to send. `wrongCredentials`: credentials were sent and are not the right ones (the
 * server logs those: someone guessing, or a sender with an old token).
 */
export type AccessDecision =
  { allow: true; user?: string } | { allow: false; status: 401 | 403; error: string; challenge?: Challenge; wrongCredentials?: true };

/** What a 401 asks for: a browser answers "basic" with its own login prompt; "bearer" is for scripts. */
export type Challenge = "basic" | "bearer" | "bearer-or-basic";
