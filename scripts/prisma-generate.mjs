// Generates one Prisma client per provider from the single data model in prisma/schema.prisma.
// Prisma binds a client to one provider, so the PostgreSQL schema is derived here by swapping
// the datasource provider and output path; the models themselves are never duplicated.
// Runs as postinstall. Prisma's CLI tries to download its schema engine even for `generate`,
// which only needs the bundled WASM; pointing the engine variable at /bin/true keeps it offline.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "prisma", "schema.prisma");
const generatedDir = join(root, "lib", "db", "generated");
const postgresSchema = join(generatedDir, "schema.postgresql.prisma");

const model = readFileSync(source, "utf8");
const derived = model
  .replace('output       = "../lib/db/generated/sqlite"', 'output       = "./postgresql"')
  .replace('provider = "sqlite"', 'provider = "postgresql"');
if (derived === model || !derived.includes('"postgresql"') || !derived.includes('"./postgresql"')) {
  throw new Error("prisma-generate: could not derive the PostgreSQL schema; update scripts/prisma-generate.mjs");
}
mkdirSync(generatedDir, { recursive: true });
writeFileSync(postgresSchema, "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" + derived);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const prismaCli = join(root, "node_modules", "prisma", "build", "index.js");
for (const schema of [source, postgresSchema]) {
  execFileSync(process.execPath, [prismaCli, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
}
