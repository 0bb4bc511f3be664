// Any URL no route matches (experimental.globalNotFound, next.config.mjs). Next.js renders this
// page instead of the root layout's tree, so it brings the stylesheet itself: the root layout
// carries none (app/layout.tsx says why), and the site's pages get it from app/(site)/layout.tsx.
import type { Metadata } from "next";
import "./globals.css";
import RootLayout, { metadata as siteMetadata } from "./layout";
import NotFound from "./(site)/not-found";

/** The root layout's (this page is not rendered inside it, so does not inherit it). */
export const metadata: Metadata = siteMetadata;

export default function GlobalNotFound() {
  return (
    <RootLayout>
      <NotFound />
    </RootLayout>
  );
}
