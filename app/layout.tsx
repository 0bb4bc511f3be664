import type { Metadata } from "next";
import { AppHeader } from "@/components/AppHeader";

export const metadata: Metadata = {
  title: { default: "ostrace", template: "%s · ostrace" },
  description: "Why was this OpenStack API call slow? OSprofiler traces, collected and drawn.",
  icons: { icon: "/favicon.svg" },
};

// The stylesheet is imported one layout down, by app/(site)/layout.tsx, not here: with the CSS
// inlined (next.config.mjs, inlineCss), Next.js puts the stylesheet of the root layout into every
// page's RSC payload a second time for the global error boundary, which it gives the root
// layout's CSS whatever it imports (41 KB more HTML per page, escaped and gzipped per request;
// docs/benchmarks.md §42). The header below is styled by that same stylesheet: every page is in
// (site).
export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <AppHeader />
        {children}
      </body>
    </html>
  );
}
