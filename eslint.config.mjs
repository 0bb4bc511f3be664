import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (ARCHITECTURE.md), bottom to top. Each folder may import only what its entry lists;
// `import/no-restricted-paths` resolves every import (relative or "@/"), so how a path is
// written does not matter. Tests next to the code follow their folder's layer, and may also
// use testing/ (data generators) and tests/ (support); the product never does.
const DOMAIN = ["lib/notification", "lib/span", "lib/trace", "lib/osprofiler", "lib/otlp"];
// Base utilities any layer above the domain may use. lib/config.ts reads the input limits'
// defaults from lib/notification/inputLimits.ts, the redaction settings' parser from
// lib/notification/redactionSettings.ts and the access settings' parser from lib/http/access,
// and nothing else of the project.
const BASE = ["lib/config.ts", "lib/log.ts", "lib/http"];
const LAYERS = [
  // The pure domain, one way: notification <- span <- trace <- osprofiler, otlp (the two export
  // formats, side by side). No I/O, no React.
  { folder: "lib/notification", may: [] },
  { folder: "lib/span", may: ["lib/notification"] },
  { folder: "lib/trace", may: ["lib/notification", "lib/span"] },
  { folder: "lib/osprofiler", may: ["lib/notification", "lib/span", "lib/trace"] },
  { folder: "lib/otlp", may: ["lib/notification", "lib/span", "lib/trace"] },
  // Ingest plans what storage does; storage (the only place that talks to the database) uses the plan.
  { folder: "lib/ingest", may: [...DOMAIN, ...BASE] },
  { folder: "lib/db", may: [...DOMAIN, ...BASE, "lib/ingest"] },
  // The HTTP layer: handlers, query strings, responses, ETags.
  { folder: "lib/api", may: [...DOMAIN, ...BASE, "lib/ingest", "lib/db"] },
  // Pure helpers for components (formatting, view state, geometry): never storage.
  { folder: "lib/ui", may: [...DOMAIN, ...BASE, "lib/api"] },
  // Pure helpers for the CLI (arguments, tables, the offline report's HTML), as lib/ui is for components.
  { folder: "lib/cli", may: [...DOMAIN, ...BASE, "lib/api", "lib/ui"] },
  { folder: "lib/http", may: [] },
  { folder: "lib/log.ts", may: ["lib/config.ts"] },
  // The access settings are read (and validated) with the others; their parser is pure.
  {
    folder: "lib/config.ts",
    may: [
      "lib/notification/inputLimits.ts",
      "lib/notification/redactionSettings.ts",
      "lib/http/access/readAccessConfig.ts",
      "lib/http/access/types.ts",
    ],
  },
  // The top: processes, routes and pages, client components.
  { folder: "worker", may: [...DOMAIN, ...BASE, "lib/ingest", "lib/db"] },
  { folder: "components", may: [...DOMAIN, ...BASE, "lib/api", "lib/ui", "lib/cli"] },
  // The CLI talks to a server over HTTP: never to the database or the broker.
  { folder: "cli", may: [...DOMAIN, ...BASE, "lib/api", "lib/ui", "lib/cli"] },
  { folder: "app", may: ["lib", "components"] },
];
/** Every module of the project a layer could import. */
const MODULES = [
  ...DOMAIN,
  "lib/ingest",
  "lib/db",
  "lib/api",
  "lib/ui",
  "lib/cli",
  ...BASE,
  "worker",
  "components",
  "app",
  "cli",
  "bin",
  "scripts",
  "bench",
  "testing",
  "tests",
];
const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx"];

/** The zones that keep `folder` to its layer; `extra` are allowed besides (testing/ and tests/ for tests). */
function layerZones({ folder, may }, extra) {
  const allowed = [folder, ...may, ...extra];
  const rule = `${folder} may import only ${may.length ? may.join(", ") : "itself"}${extra.length ? ` (its tests also ${extra.join(", ")})` : ""}`;
  const message = `breaks the layering (ARCHITECTURE.md, eslint.config.mjs): ${rule}.`;
  const target = folder.endsWith(".ts") ? `./${folder}` : `./${folder}/**`;
  const zones = [];
  for (const dir of MODULES) {
    if (allowed.some((a) => dir === a || dir.startsWith(`${a}/`))) continue;
    // Files allowed inside a forbidden module (lib/notification/inputLimits.ts for lib/config.ts).
    const except = allowed.filter((a) => a.startsWith(`${dir}/`)).map((a) => `./${a.slice(dir.length + 1)}`);
    const onTop = ["testing", "tests", "scripts", "bench"].includes(dir)
      ? `breaks the layering (ARCHITECTURE.md, eslint.config.mjs): the product never imports ${dir}/ (test and demo data, test support, scripts, benchmarks).`
      : message;
    zones.push({ target, from: `./${dir}`, ...(except.length ? { except } : {}), message: onTop });
  }
  return zones;
}

/** Packages a layer must not import, with the rule each breaks. */
const PURE = [
  { group: ["react", "react-dom", "next", "next/*"], message: "lib/ is framework-free" },
  {
    group: ["node:*", "fs", "path", "child_process", "net", "http", "https", "os", "crypto", "amqplib"],
    message: "the domain and the helpers around it do no I/O and run in the browser too",
  },
];
/** lib/otlp hashes ids and lib/cli parses arguments with node:crypto and node:util: computation, not I/O. */
const NO_IO = {
  group: [
    "node:fs",
    "node:fs/*",
    "fs",
    "node:net",
    "net",
    "node:http",
    "http",
    "node:https",
    "https",
    "node:child_process",
    "child_process",
    "amqplib",
  ],
  message: "the domain and the helpers around it do no I/O",
};
const NO_DATABASE = {
  group: ["@prisma/*", "**/db/generated/**", "better-sqlite3", "pg"],
  message: "only lib/db talks to the database (Prisma and the drivers)",
};
const NO_REACT = { group: ["react", "react-dom", "next", "next/*"], message: "lib/ and worker/ are framework-free" };
const NO_BROKER = { group: ["amqplib"], message: "only worker/ talks to RabbitMQ" };
const PACKAGES = {
  "lib/notification": [...PURE, NO_DATABASE],
  "lib/span": [...PURE, NO_DATABASE],
  "lib/trace": [...PURE, NO_DATABASE],
  "lib/osprofiler": [...PURE, NO_DATABASE],
  "lib/otlp": [PURE[0], NO_IO, NO_DATABASE],
  "lib/cli": [PURE[0], NO_IO, NO_DATABASE],
  "lib/ingest": [...PURE, NO_DATABASE],
  "lib/ui": [...PURE, NO_DATABASE],
  "lib/api": [NO_REACT, NO_DATABASE, NO_BROKER],
  // Password hashes and constant-time comparisons: node:crypto is computation, not I/O.
  "lib/http": [PURE[0], NO_IO, NO_DATABASE],
  "lib/log.ts": [NO_REACT, NO_DATABASE, NO_BROKER],
  "lib/config.ts": [NO_REACT, NO_DATABASE, NO_BROKER],
  "lib/db": [NO_REACT, NO_BROKER],
  worker: [NO_REACT, NO_DATABASE],
  components: [NO_DATABASE, NO_BROKER],
  cli: [NO_DATABASE, NO_BROKER],
  app: [NO_DATABASE, NO_BROKER],
};

const isFolder = (folder) => !folder.endsWith(".ts");

const layering = LAYERS.flatMap((layer) => [
  {
    files: isFolder(layer.folder) ? [`${layer.folder}/**/*.ts`, `${layer.folder}/**/*.tsx`] : [layer.folder],
    ignores: TEST_FILES,
    rules: {
      "import/no-restricted-paths": ["error", { zones: layerZones(layer, []) }],
      "no-restricted-imports": ["error", { patterns: PACKAGES[layer.folder] }],
    },
  },
  ...(isFolder(layer.folder)
    ? [
        {
          files: TEST_FILES.map((f) => `${layer.folder}/${f}`),
          rules: { "import/no-restricted-paths": ["error", { zones: layerZones(layer, ["testing", "tests"]) }] },
        },
      ]
    : []),
]);

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
  ...layering,
]);
