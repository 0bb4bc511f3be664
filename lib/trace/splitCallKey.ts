// A call's aggregate key, "service\tname" (lib/ingest/planTraceAggregates.ts writes it), read back.
export function splitCallKey(key: string): { service: string; name: string } {
  const tab = key.indexOf("\t");
  return { service: key.slice(0, tab), name: key.slice(tab + 1) };
}
