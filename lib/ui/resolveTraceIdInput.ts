// "Compare with…" takes what the trace list's box takes: a whole base_id (in whatever was copied
// around it, or a link), or its first hex digits. A prefix must name one stored trace: the
// compare page needs two whole ids, and guessing among several would compare with the wrong one.
// The trace being viewed is no candidate: a prefix it shares with one other trace names that one,
// and comparing a trace with itself shows nothing.
import { parseTraceIdInput } from "./parseTraceIdInput";

/** How many traces of a prefix are counted; past it the answer says "more than". */
export const PREFIX_MATCHES_COUNTED = 20;

/** The stored base_ids that start with `prefix`, at most `limit` of them. */
export type FindTraceIdsByPrefix = (prefix: string, limit: number) => Promise<readonly string[]>;

export type ResolvedTraceId = { traceId: string } | { problem: string };

/**
 * The base_id `text` names, asking `find` only when it is a prefix; or what is wrong with it.
 * `excluded` (the trace being viewed) is never the answer.
 */
export async function resolveTraceIdInput(text: string, find: FindTraceIdsByPrefix, excluded?: string): Promise<ResolvedTraceId> {
  const parsed = parseTraceIdInput(text);
  if (parsed === null) return { problem: "Paste a base_id (a UUID), its first hex digits, or a link to the trace." };
  const self = excluded?.toLowerCase();
  if ("traceId" in parsed)
    return parsed.traceId === self ? { problem: "That is this trace's base_id: paste another trace's to compare with." } : parsed;
  // One more row than counted, and one more again when the viewed trace may take one of them.
  const asked = await find(parsed.prefix, PREFIX_MATCHES_COUNTED + 1 + (self === undefined ? 0 : 1));
  const found = asked.filter((id) => id.toLowerCase() !== self);
  const quoted = `“${parsed.prefix}”`;
  if (found.length === 1) return { traceId: found[0]! };
  if (found.length === 0)
    return {
      problem:
        found.length < asked.length
          ? `Only this trace's base_id starts with ${quoted}.`
          : `No stored trace's base_id starts with ${quoted}.`,
    };
  const count = found.length > PREFIX_MATCHES_COUNTED ? `More than ${PREFIX_MATCHES_COUNTED}` : String(found.length);
  return { problem: `${count} stored traces' base_ids start with ${quoted}: paste more of its characters to name one.` };
}
