// Builds the offline report's viewer at run time from this checkout's own sources: the trace
// page's components bundled by esbuild into one script (React in production mode), and the
// web UI's stylesheet compiled by Tailwind the way `next build` compiles it. Both are cached
// under node_modules/.cache, keyed by the sources' modification times, so only the first
// report after a change pays for the build.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const ENTRY = join(ROOT, "components", "report", "offlineReportEntry.tsx");
const CSS = join(ROOT, "app", "globals.css");
const INPUTS = ["components", "lib", "app/globals.css", "package-lock.json", "cli/report/bundleOfflineViewer.ts"];
const CACHE = join(ROOT, "node_modules", ".cache", "ostrace-report");

export type OfflineViewer = { script: string; css: string };

function inputsKey(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return void hash.update(`${path} ${stat.mtimeMs} ${stat.size}\n`);
    for (const entry of readdirSync(path).sort()) if (entry !== "generated" && !/\.test\.tsx?$/.test(entry)) visit(join(path, entry));
  };
  for (const input of INPUTS) if (existsSync(join(ROOT, input))) visit(join(ROOT, input));
  return hash.digest("hex").slice(0, 16);
}

async function bundleScript(): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    jsx: "automatic",
    tsconfig: join(ROOT, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

async function compileCss(): Promise<string> {
  const [{ default: postcss }, { default: tailwind }] = await Promise.all([import("postcss"), import("@tailwindcss/postcss")]);
  const result = await postcss([tailwind({ base: ROOT, optimize: { minify: true } })]).process(readFileSync(CSS, "utf8"), { from: CSS });
  return result.css;
}

export async function bundleOfflineViewer(): Promise<OfflineViewer> {
  const key = inputsKey();
  const scriptFile = join(CACHE, `${key}.js`),
    cssFile = join(CACHE, `${key}.css`);
  try {
    return { script: readFileSync(scriptFile, "utf8"), css: readFileSync(cssFile, "utf8") };
  } catch {
    // not built yet for these sources (or another run is replacing the cache right now)
  }
  const [script, css] = await Promise.all([bundleScript(), compileCss()]);
  // Only the current build is kept.
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(scriptFile, script);
  writeFileSync(cssFile, css);
  return { script, css };
}
