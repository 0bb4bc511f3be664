import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "lib/db/generated/**", "test-artifacts/**", "tmp/**", "bench/results/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // lib/ is the pure domain shared by worker and web: no React, and only lib/db talks to Prisma.
    files: ["lib/**/*.ts"],
    ignores: ["lib/db/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["react", "react-dom", "next", "next/*"], message: "lib/ is framework-free" },
          { group: ["@prisma/*", "**/db/generated/**", "better-sqlite3", "pg"], message: "only lib/db talks to the database" },
        ],
      }],
    },
  },
]);
