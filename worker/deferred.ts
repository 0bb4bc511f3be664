/** A promise with its resolve function outside (Promise.withResolvers arrived in Node 22; we run on Node 20). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
