/** `column` copied into a new array of `length` (a plan's columns double while its rows arrive). */
export function growColumn<T extends Float64Array | Int32Array>(column: T, length: number): T {
  const grown = new (column.constructor as new (n: number) => T)(length);
  grown.set(column);
  return grown;
}
