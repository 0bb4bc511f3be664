// The security headers of every response. Pages get a Content-Security-Policy whose scripts
// must carry this request's nonce: Next.js reads the nonce from the policy the proxy puts on the
// request and sets it on its own scripts, and 'strict-dynamic' lets those load the chunks they
// import. So no injected <script> runs, even if some text from the wire ever escaped into the
// HTML. API answers (JSON, text, downloads) are never documents to run anything in: 'none'.

export type SecurityHeaderOptions = {
  /** A page (HTML, navigations, Next's RSC requests) or an API answer. */
  kind: "page" | "api";
  /** Fresh per request, base64; required for pages. */
  nonce?: string;
  /** `next dev`: React rebuilds server error stacks with eval in development only. */
  development?: boolean;
};

const COMMON: Record<string, string> = {
  "x-content-type-options": "nosniff",
  // same-origin rather than no-referrer: under no-referrer browsers send "Origin: null" with
  // same-origin form posts, which the CSRF check (findCrossSiteWrite.ts) would refuse.
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  "cross-origin-opener-policy": "same-origin",
  // Another site's page may not embed ostrace's answers (a trace's JSON as a <script> or <img>).
  "cross-origin-resource-policy": "same-origin",
};

export function buildSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return { "content-security-policy": buildContentSecurityPolicy(options), ...COMMON };
}

export function buildContentSecurityPolicy({ kind, nonce, development = false }: SecurityHeaderOptions): string {
  if (kind === "api") return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  if (!nonce || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error("a page's Content-Security-Policy needs a base64 nonce");
  return [
    "default-src 'self'",
    // 'self' is for browsers without 'strict-dynamic' (CSP 2); current ones ignore it next to a nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // The timeline positions and colors thousands of bars, rows and markers with style
    // attributes (React's style prop); attributes cannot carry a nonce, so inline styles are
    // allowed. Styles cannot run code; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // No upgrade-insecure-requests: ostrace is often reached over plain http on an internal
    // address, where upgrading its own requests to https would break every page.
  ].join("; ");
}
