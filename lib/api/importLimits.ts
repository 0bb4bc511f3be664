// What one POST /api/traces/import accepts: shared by the handler and the import form, which
// says so before uploading in vain.

/** As sent: a bigger report is sent compressed (reports shrink about tenfold with gzip). */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;
/** The report's JSON after decompression: bounds the time one import takes, not memory (it streams). */
export const IMPORT_MAX_REPORT_BYTES = 1024 * 1024 * 1024;

/** "512 MB"; limits below 1 MB (tests) in bytes. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${bytes} bytes`;
}

/** The 413 answer for an upload over `maxBytes`, with the way forward. */
export function describeUploadTooLarge(maxBytes: number): string {
  return `the upload is larger than ${formatMegabytes(maxBytes)}, the most one import accepts as sent: compress the report with gzip (\`gzip report.json\`; reports shrink about tenfold) and import the .gz file`;
}
