// The collector's last error as its status row shows it ("broker: ..." or "database: ..."):
// the broker loop and the batch committer each set their own kind and clear it on recovery,
// without wiping the other's.
type ErrorKind = "broker" | "database";

export type LastError = {
  get(): string | null;
  set(kind: ErrorKind, message: string): void;
  clear(kind: ErrorKind): void;
};

export function createLastError(): LastError {
  let value: string | null = null;
  return {
    get: () => value,
    set: (kind, message) => void (value = `${kind}: ${message}`),
    clear: (kind) => void (value?.startsWith(`${kind}:`) && (value = null)),
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
