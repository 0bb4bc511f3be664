// The access decision for one request, in this order:
// 1. a cross-site browser write is refused (403), in every mode (findCrossSiteWrite.ts);
// 2. GET /api/health is open (load balancers), /metrics too with OSTRACE_METRICS_OPEN=1;
// 3. POST /api/ingest: with OSTRACE_INGEST_TOKEN set, that bearer token and nothing else, even
//    in open mode; without it, the UI's rule;
// 4. POST /api/traces/import: the ingest token as a bearer token, or the UI's credentials (the
//    import form on the list page);
// 5. everything else: the UI's rule (OSTRACE_AUTH).
import { classifyRoute } from "./classifyRoute";
import { findCrossSiteWrite } from "./findCrossSiteWrite";
import { parseAuthorization } from "./parseAuthorization";
import { safeEqual } from "./safeEqual";
import type { AccessConfig, AccessDecision, AccessRequest, AuthConfig } from "./types";
import type { UserVerifier } from "./createUserVerifier";

const MAX_USER_CHARS = 256;

type Refusal = Extract<AccessDecision, { allow: false }>;

export async function checkAccess(request: AccessRequest, access: AccessConfig, verifyUser: UserVerifier): Promise<AccessDecision> {
  const crossSite = findCrossSiteWrite(request);
  if (crossSite) return { allow: false, status: 403, error: crossSite };

  const route = classifyRoute(request.method, request.pathname);
  if (route === "health") return { allow: true };
  if (route === "metrics" && access.metricsOpen) return { allow: true };
  const presented = parseAuthorization(request.headers.get("authorization"));
  const ingestToken = access.ingestToken;
  const hasIngestToken = ingestToken !== undefined && presented.kind === "bearer" && safeEqual(presented.token, ingestToken);
  if (route === "ingest" && ingestToken !== undefined) {
    if (hasIngestToken) return { allow: true };
    const refusal = { allow: false, status: 401, challenge: "bearer" } as const;
    if (presented.kind === "none") return { ...refusal, error: "POST /api/ingest needs Authorization: Bearer <OSTRACE_INGEST_TOKEN>" };
    return {
      ...refusal,
      error: "POST /api/ingest needs Authorization: Bearer <OSTRACE_INGEST_TOKEN>; the credentials sent are not it",
      wrongCredentials: true,
    };
  }
  if (route === "import" && hasIngestToken) return { allow: true };
  const decision = await checkUiAccess(request, access.auth, presented, verifyUser);
  // The ingest token sent to browse (a script given the wrong secret): say what it opens rather
  // than "invalid credentials", which reads as a mistyped token.
  if (!decision.allow && decision.status === 401 && hasIngestToken) {
    return {
      allow: false,
      status: 401,
      challenge: decision.challenge,
      error:
        "the ingest token (OSTRACE_INGEST_TOKEN) opens only POST /api/ingest and POST /api/traces/import; " +
        "this needs the credentials of OSTRACE_AUTH",
    };
  }
  return decision;
}

async function checkUiAccess(
  request: AccessRequest,
  auth: AuthConfig,
  presented: ReturnType<typeof parseAuthorization>,
  verifyUser: UserVerifier,
): Promise<AccessDecision> {
  switch (auth.mode) {
    case "open":
      return { allow: true };
    case "proxy": {
      const user = request.headers.get(auth.userHeader)?.trim();
      if (user && user.length <= MAX_USER_CHARS) return { allow: true, user };
      // Not 401: no credentials sent to ostrace itself would help; the request did not come
      // through the reverse proxy that authenticates.
      return {
        allow: false,
        status: 403,
        error: `ostrace takes its users from a reverse proxy, and this request has no ${auth.userHeader} header: reach ostrace through that proxy`,
      };
    }
    case "token": {
      // The token as a bearer token (scripts) or as the password of HTTP Basic, any user name
      // (a browser's own login prompt).
      const refuse = (error: string): Refusal => ({ allow: false, status: 401, error, challenge: "bearer-or-basic" });
      if (presented.kind === "none")
        return refuse("authentication required: send Authorization: Bearer <OSTRACE_TOKEN>, or the token as the password of HTTP Basic");
      if (presented.kind === "malformed") return refuse(presented.reason);
      const token = presented.kind === "bearer" ? presented.token : presented.password;
      if (safeEqual(token, auth.token)) return { allow: true };
      return { ...refuse("invalid credentials"), wrongCredentials: true };
    }
    case "basic": {
      const refuse = (error: string): Refusal => ({ allow: false, status: 401, error, challenge: "basic" });
      if (presented.kind === "none") return refuse("authentication required: sign in with a user of OSTRACE_USERS (HTTP Basic)");
      if (presented.kind === "malformed") return refuse(presented.reason);
      if (presented.kind === "bearer") return refuse("this server takes HTTP Basic users (OSTRACE_AUTH=basic), not bearer tokens");
      if (presented.user.length <= MAX_USER_CHARS && (await verifyUser(presented.user, presented.password)))
        return { allow: true, user: presented.user };
      return { ...refuse("invalid credentials"), wrongCredentials: true };
    }
  }
}
