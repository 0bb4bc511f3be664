// The address `next start` listens on, read from its command line: `-H host`, `--hostname host`
// or `--hostname=host`; without one, Next listens on every interface (it does not read HOSTNAME).
const ALL_INTERFACES = "0.0.0.0";

export function readNextListenHost(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if ((arg === "-H" || arg === "--hostname") && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (arg.startsWith("--hostname=")) return arg.slice("--hostname=".length);
  }
  return ALL_INTERFACES;
}
