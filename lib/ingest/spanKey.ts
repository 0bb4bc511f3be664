/** The identity of a stored span; a space never occurs in the validated UUIDs. */
export function spanKey(traceId: string, spanId: string): string {
  return `${traceId} ${spanId}`;
}
