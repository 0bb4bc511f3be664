// The answer to a refused request, as plain data (the proxy and the route handlers make the
// Response). API paths and every 403 answer JSON {"error": ...} like the rest of the API; a page
// refused for want of credentials answers text under a Basic challenge, so the browser shows its
// own login prompt and, on Cancel, a sentence a person can read.
import { isApiPath } from "./classifyRoute";
import type { AccessDecision, Challenge } from "./types";

export type Refusal = { status: number; headers: [string, string][]; body: string };

const BASIC = `Basic realm="ostrace", charset="UTF-8"`;
const BEARER = `Bearer realm="ostrace"`;

/**
 * One challenge per answer. Token mode takes both schemes, but two challenges would travel as
 * one comma-joined WWW-Authenticate line, which Chromium reads as a single (Bearer) challenge
 * and then shows no login prompt: pages ask for Basic (a browser's prompt), API paths for Bearer
 * (scripts).
 */
function chooseChallenge(challenge: Challenge, api: boolean): string {
  if (challenge === "bearer-or-basic") return api ? BEARER : BASIC;
  return challenge === "basic" ? BASIC : BEARER;
}

export function buildRefusal(decision: Extract<AccessDecision, { allow: false }>, pathname: string): Refusal {
  const api = isApiPath(pathname);
  const headers: [string, string][] = [["cache-control", "no-store"]];
  if (decision.challenge) headers.push(["www-authenticate", chooseChallenge(decision.challenge, api)]);
  if (api || !decision.challenge) {
    headers.push(["content-type", "application/json"]);
    return { status: decision.status, headers, body: JSON.stringify({ error: decision.error }) };
  }
  headers.push(["content-type", "text/plain; charset=utf-8"]);
  return { status: decision.status, headers, body: `ostrace: ${decision.error}\n` };
}
