// The CLI's HTTP calls to an ostrace server, with the failures said the way an operator can act
// on them: which server could not be reached and why, and the server's own error text.
import { describeMissingCredentials } from "../lib/cli/describeMissingCredentials";
import type { ServerTarget } from "../lib/cli/parseCliArgs";

export class CliError extends Error {}

export type ServerClient = {
  url: string;
  /** Resolves only for a 2xx answer; anything else becomes a CliError with the server's reason. */
  request(path: string, init?: RequestInit): Promise<Response>;
};

/** `authorization`: the header OSTRACE_AUTH=token or basic asks for, sent with every request (null: none). */
export function createServerClient({ url, authorization }: ServerTarget): ServerClient {
  return {
    url,
    async request(path, init) {
      const headers = new Headers(init?.headers);
      if (authorization !== null) headers.set("authorization", authorization);
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, { ...init, headers });
      } catch (error) {
        throw new CliError(describeUnreachable(url, error));
      }
      if (!response.ok) {
        const hint = describeMissingCredentials(response.status, authorization !== null);
        throw new CliError(`${await describeFailure(response)}${hint ? `\n${hint}` : ""}`);
      }
      return response;
    },
  };
}

function describeUnreachable(url: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    cause?.code === "ECONNREFUSED"
      ? "connection refused"
      : cause?.code === "ENOTFOUND"
        ? "unknown host"
        : (cause?.code ?? cause?.message ?? (error as Error).message);
  return `cannot reach the ostrace server at ${url} (${why}). Start it (npm start), or point --url or OSTRACE_URL at it.`;
}

async function describeFailure(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  let reason = text.slice(0, 500);
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === "string") reason = body.error;
  } catch {
    // not JSON: a proxy's page, say its start
  }
  return `${response.status} ${response.statusText || "error"} from ${new URL(response.url).pathname}${reason ? `: ${reason}` : ""}`;
}
