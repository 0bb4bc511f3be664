import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and driver packages stay as runtime requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "amqplib"],
  poweredByHeader: false,
  typedRoutes: false,
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // The stylesheet in the HTML instead of a render-blocking request: the first rows can be painted as
  // soon as the document is parsed, before the scripts arrive and hydrate (issue 14, first rows).
  experimental: { inlineCss: true },
};

export default nextConfig;
