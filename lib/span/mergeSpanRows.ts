// Start and stop arrive in any order, any distance apart, possibly twice. Merging is the one
// rule that makes the stored span independent of arrival: each half is kept from its first
// arrival, and the span's identity (parent, name, project, service, host) comes from the start
// when there is one, as in OSprofiler's report, else from the first stop seen.
import type { Phase } from "../notification/types";
import { compactPayload, deriveNestedFields, derivePayloadFields, expandPayload } from "./payloadRest";
import type { SpanRow } from "./types";

export type MergeResult = {
  row: SpanRow;
  /** Halves that `incoming` added; a half it repeated is a duplicate. */
  added: Phase[];
  duplicates: Phase[];
};

export function mergeSpanRows(existing: SpanRow, incoming: SpanRow): MergeResult {
  const added: Phase[] = [];
  const duplicates: Phase[] = [];
  const takeStart = existing.startUs === null && incoming.startUs !== null;
  const takeStop = existing.stopUs === null && incoming.stopUs !== null;
  if (takeStart) added.push("start");
  else if (incoming.startUs !== null) duplicates.push("start");
  if (takeStop) added.push("stop");
  else if (incoming.stopUs !== null) duplicates.push("stop");
  if (!takeStart && !takeStop) return { row: existing, added, duplicates };

  const identitySource = takeStart ? incoming : existing;
  const startSource = takeStart ? incoming : existing;
  const stopSource = takeStop ? incoming : existing;
  const row: SpanRow = {
    traceId: existing.traceId,
    spanId: existing.spanId,
    parentId: identitySource.parentId,
    name: identitySource.name,
    project: identitySource.project,
    service: identitySource.service,
    host: identitySource.host,
    startUs: startSource.startUs,
    stopUs: stopSource.stopUs,
    errorType: stopSource.errorType,
    detail: startSource.detail,
    startRest: rebase(startSource, identitySource, "start"),
    stopRest: rebase(stopSource, identitySource, "stop"),
  };
  return { row, added, duplicates };
}

/** A half's rest was compacted against its own row's identity; re-express it against `target`. */
function rebase(source: SpanRow, target: SpanRow, phase: Phase): string | null {
  const rest = phase === "start" ? source.startRest : source.stopRest;
  const us = phase === "start" ? source.startUs : source.stopUs;
  if (rest === null || us === null || sameDerivation(source, target, phase)) return rest;
  const payload = expandPayload(rest, derivePayloadFields(source, phase, us), deriveNestedFields(source, phase));
  return compactPayload(payload, derivePayloadFields(target, phase, us), deriveNestedFields(target, phase));
}

/** Same columns for everything a half's rest is compacted against (payloadRest.ts: identity, host, and the detail for a start). */
function sameDerivation(a: SpanRow, b: SpanRow, phase: Phase): boolean {
  return (
    a.parentId === b.parentId &&
    a.name === b.name &&
    a.project === b.project &&
    a.service === b.service &&
    a.host === b.host &&
    (phase === "stop" || a.detail === b.detail)
  );
}
