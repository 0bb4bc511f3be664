// Next.js's proxy (formerly middleware), run before every route: refuses what access control
// refuses (lib/http/access/checkAccess.ts: cross-site writes, missing or wrong credentials) and
// puts the security headers on every answer, with a fresh nonce in the page's
// Content-Security-Policy. Next.js reads that nonce from the policy on the request and sets it on
// its own scripts, which only works for pages rendered per request (all of ostrace's are). A page
// that reads traces is preceded by a probe of the database (lib/api/readOutage.ts): while it does
// not answer, the page answers 503 with Retry-After, and renders its own "database unreachable"
// message, as its reads fail, under that status.
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getAccessGuard } from "@/lib/api/accessGuard";
import { buildSecurityHeaders } from "@/lib/http/access/buildSecurityHeaders";
import { readDatabaseDown, readsTraces } from "@/lib/api/readOutage";
import { probeReadDatabase } from "@/lib/db/probeReadDatabase";
import { isApiPath } from "@/lib/http/access/classifyRoute";

export async function proxy(request: NextRequest): Promise<Response> {
  const pathname = request.nextUrl.pathname;
  const kind = isApiPath(pathname) ? "api" : "page";
  const security = buildSecurityHeaders({
    kind,
    nonce: kind === "page" ? randomBytes(16).toString("base64") : undefined,
    development: process.env.NODE_ENV === "development",
  });
  const refusal = await getAccessGuard().check({ method: request.method, pathname, headers: request.headers });
  let response: Response;
  if (refusal) {
    response = refusal;
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", security["content-security-policy"]!);
    const unavailable = readsTraces(pathname) && (await readDatabaseDown(probeReadDatabase));
    response = NextResponse.next({ request: { headers: forwarded }, ...(unavailable ? { status: 503 } : {}) });
    if (unavailable) response.headers.set("retry-after", "10");
  }
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the two upload routes, which check access themselves before reading their
  // body (lib/api/answerGuarded.ts says why).
  matcher: ["/((?!api/ingest$|api/traces/import$).*)"],
};
