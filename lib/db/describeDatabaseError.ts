// What a database failure says, in one line (/api/status, /api/health, the collector, migrate, the demo): Prisma's messages start with an
// empty line and end with the driver's reason ("Can't reach database server at ..."), the line kept.
export function describeDatabaseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").map((line) => line.trim());
  return lines.filter((line) => line !== "").at(-1) ?? "";
}
