/** Bytes as people read sizes of files: "12.3 MB" (10^6 bytes, as file managers and npm say). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb >= 100 ? Math.round(mb) : mb >= 10 ? mb.toFixed(1) : mb.toFixed(2)} MB`;
}
