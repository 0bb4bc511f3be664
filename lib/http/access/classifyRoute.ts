// Which access rule a request falls under. Exact paths only: anything else (a trailing slash,
// another case, a path added later) gets the UI's rule, the strictest one.

export type RouteClass = "health" | "metrics" | "ingest" | "import" | "ui";

export function classifyRoute(method: string, pathname: string): RouteClass {
  if (pathname === "/api/health") return "health";
  if (pathname === "/metrics") return "metrics";
  if (method.toUpperCase() === "POST" && pathname === "/api/ingest") return "ingest";
  if (method.toUpperCase() === "POST" && pathname === "/api/traces/import") return "import";
  return "ui";
}

/** Answered in JSON ({"error": ...}) rather than as a page a person reads. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname === "/api" || pathname === "/metrics";
}
