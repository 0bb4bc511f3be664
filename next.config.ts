import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and driver packages stay as runtime requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "amqplib"],
  poweredByHeader: false,
  typedRoutes: false,
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default nextConfig;
