// The API's answers: JSON with the right status, errors as {error} with a message for the
// client, and every unexpected failure as a bare 500 whose details go to the log only.
import type { Logger } from "../log";
import type { ApiError } from "./types";

export function jsonError(status: number, error: string, headers?: HeadersInit): Response {
  return Response.json({ error } satisfies ApiError, { status, headers });
}

/**
 * Runs a route body; a throw becomes 500 {"error": "internal error"} and one log line with the
 * error (its message, not its stack) and the request line.
 */
export async function answerSafely(request: Request, log: Logger, body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    log.error("request failed", { method: request.method, url: redactQuery(request.url), error });
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
