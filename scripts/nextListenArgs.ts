// Where `next start` listens, for `npm start` and `npm run web` alike: the validated PORT and
// HOSTNAME of lib/config.ts (HOSTNAME defaults to 0.0.0.0 there), as -p and -H, since
// `next start` reads PORT but not HOSTNAME. A -p or -H the operator gives on the command line
// wins (`npm run web -- -H ::1`); readNextListenHost reads the first -H, so ours is left out.
import type { Config } from "../lib/config";

export function nextListenArgs(config: Pick<Config, "hostname" | "port">, given: readonly string[] = []): string[] {
  const names = (short: string, long: string) => given.some((arg) => arg === short || arg === long || arg.startsWith(`${long}=`));
  return [...(names("-p", "--port") ? [] : ["-p", String(config.port)]), ...(names("-H", "--hostname") ? [] : ["-H", config.hostname])];
}
