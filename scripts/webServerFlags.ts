// How the web server's Node process is started, wherever it is started: `npm start`,
// `npm run web`, the browser tests and the benchmarks (which read this file from the snapshot
// they serve, so a before/after measures each commit as it shipped).
//
// Both bound what a big export costs in memory (docs/benchmarks.md, "Million-span exports"):
// - --expose-gc: the exports collect their garbage as they go (lib/api/reclaimMemory.ts); the
//   flag only makes global.gc callable and changes no collection of other requests;
// - MALLOC_MMAP_THRESHOLD_: glibc otherwise raises its mmap threshold to the largest block freed
//   (up to 32 MiB), after which an export's big chunks and typed arrays are carved from the arena
//   and its pages are not returned; fixed at 128 KiB, every big block is its own mapping,
//   unmapped when freed. glibc reads it only at process start, hence the environment.
// Not used, though they bound memory too: --heap-growing-percent and small semi-spaces, which
// slow every big compact GET (measured: 30-90% more server CPU at 100k spans).

export const WEB_SERVER_NODE_FLAGS: readonly string[] = ["--expose-gc"];

export const WEB_SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: "131072" };
