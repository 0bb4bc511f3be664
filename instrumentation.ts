// Next.js calls register() once when the web server starts (`next start`, also under `npm start`).
// The work is in instrumentation-node.ts, imported only on Node.js so the edge bundle never sees it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { checkWebServerStart } = await import("./instrumentation-node");
    checkWebServerStart();
  }
}
