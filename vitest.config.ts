import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects. "unit": the tests next to the code in lib/, testing/, components/, worker/, scripts/,
// which need no service (an embedded SQLite file or /usr/bin/python3's json module is fine);
// `npm run test:unit` runs them alone, in seconds. "services": the tests that use the real
// RabbitMQ, PostgreSQL, OSprofiler or Chromium, i.e. everything in tests/ and the few tests next
// to the code listed below; tests/setup/preflight.ts checks first that all of those are there
// and says what is missing and how to get it. `npm test` (what CI runs) runs both.
const NEXT_TO_CODE = [
  "lib/**/*.test.ts",
  "testing/**/*.test.ts",
  "components/**/*.test.{ts,tsx}",
  "worker/**/*.test.ts",
  "scripts/**/*.test.ts",
];
/** Tests next to the code that need a service: PostgreSQL (both dialects), or the real oslo.messaging and OSprofiler. */
const SERVICE_TESTS_NEXT_TO_CODE = [
  "lib/db/directPostgres.test.ts",
  "lib/db/migrate.test.ts",
  "lib/db/spanDetail.test.ts",
  "lib/db/takeKeyLocks.test.ts",
  "testing/synthetic/osloReference.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: NEXT_TO_CODE,
          exclude: SERVICE_TESTS_NEXT_TO_CODE,
          // Files share their worker's module cache (measured on 2 busy cores: 74 -> 44 s wall,
          // 73 -> 54 s CPU), so a unit test must not rely on module state another file may have
          // left; these modules are pure, and the tests pass either way.
          isolate: false,
          // A test that reaches for PostgreSQL or RabbitMQ fails here, naming where it belongs.
          setupFiles: ["tests/setup/refuseServices.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "services",
          include: ["tests/**/*.test.ts", ...SERVICE_TESTS_NEXT_TO_CODE],
          globalSetup: ["tests/setup/preflight.ts"],
        },
      },
    ],
  },
});
