import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One command runs every test: pure unit tests next to the code in lib/ and components/, and the
// integration, browser and end-to-end tests in tests/ that use the real RabbitMQ, PostgreSQL,
// SQLite, OSprofiler and Chromium (tests/setup/preflight.ts says what is missing, and how to get it).
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "worker/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
