/** `column` copied into a new array of `length` (a plan's columns double while its rows arrive). */
export function growColumn<T extends Float64Array | Int32Array | Uint32Array>(column: T, length: number): T {
  const grown = new (column.constructor as new (n: number) => T)(length);
  grown.set(column);
  return grown;
}

/** Beyond this a hint is not trusted to size columns up front: they grow as rows arrive. */
const MAX_INITIAL_LENGTH = 1 << 22;

/**
 * The first length of a plan's columns from the span count a caller expects. The hint only sizes
 * them (they grow past it), so one that is not a positive whole number, or absurdly large,
 * falls back to a default rather than making columns of no length or a huge allocation.
 */
export function initialColumnLength(expectedSpans: number | undefined, fallback = 1024): number {
  const hint = expectedSpans !== undefined && Number.isSafeInteger(expectedSpans) && expectedSpans > 0 ? expectedSpans : fallback;
  return Math.min(MAX_INITIAL_LENGTH, Math.max(16, hint));
}
