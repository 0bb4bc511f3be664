// For the routes proxy.ts does not run before (POST /api/ingest, POST /api/traces/import): the
// access check, then the route, then the API's security headers. They stay out of the proxy
// because Next.js buffers the whole body of every request the proxy sees, before the proxy even
// answers, and cuts it at experimental.proxyClientMaxBodySize (10 MB by default): an import of
// up to 128 MB would arrive cut, and every refused upload would still be read into memory. Here
// a refused request is answered from its headers, before a byte of its body is read.
import { getAccessGuard } from "./accessGuard";
import { buildSecurityHeaders } from "../http/access/buildSecurityHeaders";

export async function answerGuarded(request: Request, route: () => Promise<Response>): Promise<Response> {
  const refusal = await getAccessGuard().check({
    method: request.method,
    pathname: new URL(request.url).pathname,
    headers: request.headers,
  });
  const response = refusal ?? (await route());
  for (const [name, value] of Object.entries(buildSecurityHeaders({ kind: "api" }))) response.headers.set(name, value);
  return response;
}
