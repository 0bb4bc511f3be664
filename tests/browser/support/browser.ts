// Real headless Chromium (Debian's), driven by playwright-core; never a downloaded browser.
// A persistent context is how playwright gives Chromium its own fresh --user-data-dir.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ROOT } from "./nextServer";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");

/** How this machine runs headless Chromium (environment notes): as root, and with no background connections to refuse. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Chromium 156's headless mode preloads the omnibox popup's WebUI (a renderer of its own) for
  // every new window, which a benchmark opens for each first visit: up to ~1 s of CPU inside the
  // timed window on two cores, a cost of the harness that a person's open browser paid once
  // (docs/benchmarks.md §80).
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI,WebUIOmniboxAimPopup",
];

export type TestBrowser = {
  context: BrowserContext;
  /** A new tab at a laptop size (1280x800). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
};

export type LaunchOptions = {
  /** What the browser answers a Basic challenge with, as a person typing into its login prompt would. */
  httpCredentials?: { username: string; password: string };
};

export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "ostrace-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    colorScheme: "light",
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where screenshots and other artifacts go (git-ignored). */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
