// The offline report's HTML: nothing loads from anywhere (no network, no CDN), and the page
// works under a strict Content-Security-Policy that it carries itself: no inline handlers,
// no eval, the one script and the one stylesheet allowed by their SHA-256, the data in
// non-executable JSON blocks (escapeInlineJson), connect-src 'none' so nothing is fetched.
import { createHash } from "node:crypto";
import { escapeInlineJson } from "./escapeInlineJson";
import { REPORT_BLOCK } from "./offlineReport";

export type OfflineReportParts = {
  title: string;
  /** The bundled viewer (an IIFE) and its stylesheet. */
  script: string;
  css: string;
  /** JSON texts of the data blocks. */
  meta: string;
  trace: string;
  details: string;
};

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Builds the file's text; throws if the script or stylesheet could end its element early. */
export function buildOfflineReportHtml(parts: OfflineReportParts): string {
  if (/<\/script|<!--/i.test(parts.script)) throw new Error("the bundled viewer contains </script or <!--: it cannot be inlined");
  if (/<\/style/i.test(parts.css)) throw new Error("the stylesheet contains </style: it cannot be inlined");
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(parts.script)}`,
    // Inline style attributes are set by React through the CSSOM, which CSP does not govern.
    `style-src ${sha256(parts.css)}`,
    "img-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const block = (id: string, json: string) => `<script type="application/json" id="${id}">${escapeInlineJson(json)}</script>`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtmlText(parts.title)}</title>`,
    `<style>${parts.css}</style>`,
    "</head>",
    '<body class="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">',
    '<div id="ostrace-report"><noscript><p class="p-6 text-sm">This report needs JavaScript.</p></noscript></div>',
    block(REPORT_BLOCK.meta, parts.meta),
    block(REPORT_BLOCK.trace, parts.trace),
    block(REPORT_BLOCK.details, parts.details),
    `<script>${parts.script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
