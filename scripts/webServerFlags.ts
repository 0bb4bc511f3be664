// How the web server's Node process is started, wherever it is started: `npm start`,
// `npm run web`, the browser tests and the benchmarks (which read this file from the snapshot
// they serve, so a before/after measures each commit as it shipped).
//
// The flags bound what one big request costs in memory; measured on a 1M-span trace's exports
// (docs/benchmarks.md, "Million-span exports"), where Node's defaults for a 23.5 GiB machine let
// a streamed export grow the server by ~350 MiB of garbage and freed-but-kept blocks:
// - --max-semi-space-size=2: the young generation is collected in 2 MiB semi-spaces instead of
//   growing to 16 MiB, so the short-lived strings of a streamed export die young;
// - --heap-growing-percent=30: the old generation grows 1.3x its live size between full
//   collections instead of up to 4x;
// - MALLOC_MMAP_THRESHOLD_: glibc otherwise raises its mmap threshold to the largest block freed
//   (up to 32 MiB), after which big typed arrays are carved from the arena and their pages never
//   returned; fixed at 128 KiB, every big block is its own mapping, unmapped when freed. glibc
//   reads it only at process start, hence an environment variable and not a flag.
// No old-space cap: the compact GET of a big trace needs its heap.

export const WEB_SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=2", "--heap-growing-percent=30"];

export const WEB_SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: "131072" };
