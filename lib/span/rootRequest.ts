// Which of a trace's top-level spans names it: one rule for the trace list (kept current at
// ingest, lib/ingest/mergeTraceSummaries.ts) and the trace page (lib/trace/summarizeTrace.ts).
// One client command is often several requests in one trace: `openstack --os-profile KEY
// server create` asks keystone for a token, looks up the flavor and image with GETs, then POSTs
// the server. So a request that changes something outranks a read, a read outranks the token
// request, and any request outranks a span that is not one; among equals, the earliest wins,
// then the smaller span id. The rank only improves as a span's halves arrive (its earliest time
// can only move earlier, and a request line comes with the start and never goes away), so the
// list can keep the best candidate incrementally and still agree with the page.
import type { RequestLine } from "./describeCall";

export type RootCandidate = {
  /** The span's request, or null when it is not an HTTP request (see parseRequestLine). */
  request: RequestLine | null;
  /** The span's earliest known timestamp. */
  earliestUs: number;
  spanId: string;
};

/** 0: a request that changes something, 1: a read, 2: a keystone token request, 3: not a request. */
export function rankRequest(request: RequestLine | null): number {
  if (!request) return 3;
  if (/\/auth\/tokens\/?(\?|$)/.test(request.path)) return 2;
  return ["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase()) ? 1 : 0;
}

/** Negative when `a` names the trace rather than `b`. */
export function compareRootCandidates(a: RootCandidate, b: RootCandidate): number {
  const tier = rankRequest(a.request) - rankRequest(b.request);
  if (tier !== 0) return tier;
  if (a.earliestUs !== b.earliestUs) return a.earliestUs - b.earliestUs;
  return a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
}

const REQUEST_LINE = /^([A-Za-z]+) (\/(?!\*)[\s\S]*)$/;

/**
 * The request of a span whose detail is a request line ("POST /v2.1/servers?x=1", as
 * describeCall writes a wsgi span's; the path is the sender's and may hold anything), else
 * null: SQL and function names never start with a word followed by an absolute path (a
 * statement may start with a word and a comment, "SELECT /*", which is not a path).
 */
export function parseRequestLine(detail: string | null): RequestLine | null {
  const m = detail === null ? null : REQUEST_LINE.exec(detail);
  return m ? { method: m[1]!, path: m[2]! } : null;
}
