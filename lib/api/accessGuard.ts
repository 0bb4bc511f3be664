// The access check as the web server runs it: the configuration read once per process, the
// basic users' verifier with its memory of recent successes, and the refusal as a Response.
// proxy.ts runs it before every route but the two upload routes, which run it themselves before
// reading their body (answerGuarded.ts).
import { ConfigError, loadConfig } from "../config";
import { createLogger, type Logger } from "../log";
import { buildRefusal } from "../http/access/buildRefusal";
import { checkAccess } from "../http/access/checkAccess";
import { createUserVerifier } from "../http/access/createUserVerifier";
import type { AccessConfig, AccessRequest } from "../http/access/types";

export type AccessGuard = {
  /** undefined: the request may go on; otherwise the answer to send instead. */
  check(request: AccessRequest): Promise<Response | undefined>;
};

let shared: AccessGuard | undefined;

/** The process's guard, made on first use (so `next build` reads no configuration). */
export function getAccessGuard(): AccessGuard {
  shared ??= createGuardFromEnvironment();
  return shared;
}

function createAccessGuard(access: AccessConfig, log: Logger): AccessGuard {
  const verifyUser = createUserVerifier(access.auth.mode === "basic" ? access.auth.users : []);
  return {
    async check(request) {
      const decision = await checkAccess(request, access, verifyUser);
      if (decision.allow) return undefined;
      // Wrong credentials are worth a line (someone guessing, a sender with an old ingest token);
      // missing ones are every browser's first request.
      if (decision.wrongCredentials || decision.status === 403) {
        log.warn("request refused", {
          method: request.method,
          path: request.pathname.slice(0, 200),
          status: decision.status,
          reason: decision.error.slice(0, 300),
        });
      }
      const refusal = buildRefusal(decision, request.pathname);
      return new Response(refusal.body, { status: refusal.status, headers: refusal.headers });
    },
  };
}

function createGuardFromEnvironment(): AccessGuard {
  try {
    const config = loadConfig();
    return createAccessGuard(config.access, createLogger("web.access", config.logLevel));
  } catch (error) {
    // Fail closed: with a configuration that does not validate, nothing is served (the web
    // server's start, instrumentation.ts, normally stops before this).
    const message = error instanceof ConfigError ? error.message : String(error);
    createLogger("web.access").error("refusing every request: the configuration is invalid", { error: message });
    return {
      check: async () =>
        Response.json(
          { error: "ostrace's configuration is invalid; the server log says why" },
          { status: 500, headers: { "cache-control": "no-store" } },
        ),
    };
  }
}
