// The collector's last error as its status row shows it ("broker: ...", "queue: ..." or
// "database: ..."): the broker loop (an unreachable broker, or a queue it refuses as we declare
// it) and the batch committer each set their own kinds and clear them on recovery, without
// wiping the other's.
type ErrorKind = "broker" | "queue" | "database";

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
