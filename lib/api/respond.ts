// The API's answers: JSON with the right status, errors as {error} with a message for the
// client, and every unexpected failure as a bare 500 whose details go to the log only, or a 503
// when the database does not answer (README: 503 is the database-down answer).
import type { Logger } from "../log";
import type { ApiError } from "./types";

export function jsonError(status: number, error: string, headers?: HeadersInit): Response {
  return Response.json({ error } satisfies ApiError, { status, headers });
}

/** Whether the database answers now; loaded on a failure only, so this module stays free of the database client. */
const probeDatabase = async (): Promise<boolean> => (await import("../db/probeReadDatabase")).probeReadDatabase();

/**
 * Runs a route body; a throw becomes one log line with the error (its message, not its stack) and
 * the request line, and 503 {"error": "the database is unavailable..."} when the database does not
 * answer a probe, else 500 {"error": "internal error"}.
 */
export async function answerSafely(
  request: Request,
  log: Logger,
  body: () => Promise<Response>,
  databaseAnswers: () => Promise<boolean> = probeDatabase,
): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    log.error("request failed", { method: request.method, url: redactQuery(request.url), error });
    if (!(await databaseAnswers().catch(() => false))) return jsonError(503, "the database is unavailable; retry later");
    return jsonError(500, "internal error");
  }
}

function redactQuery(url: string): string {
  try {
    const { pathname, search } = new URL(url);
    return search.length > 200 ? `${pathname}${search.slice(0, 200)}...` : `${pathname}${search}`;
  } catch {
    return url.slice(0, 200);
  }
}
