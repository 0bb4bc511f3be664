// JavaScript, not TypeScript: `next start` loads this file on every start, and a .ts config makes it
// load Next's native SWC compiler to transpile it, 24 MiB more in the idle web server's RSS
// (docs/benchmarks.md §22).
/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and driver packages stay as runtime requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "amqplib"],
  poweredByHeader: false,
  typedRoutes: false,
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // The stylesheet in the HTML instead of a render-blocking request: the first rows can be painted as
  // soon as the document is parsed, before the scripts arrive and hydrate (issue 14, first rows).
  // An unknown URL's 404 page is app/global-not-found.tsx, which brings its own stylesheet: the root
  // layout carries none, so that the global error boundary's copy of it is not in every page's payload
  // (app/layout.tsx).
  experimental: { inlineCss: true, globalNotFound: true },
};

export default nextConfig;
