// Every page of the site: its one stylesheet. Imported here rather than in the root layout, so
// that the global error boundary (whose CSS Next.js takes from the root layout) carries no copy of
// it in each page's payload (app/layout.tsx says why; docs/benchmarks.md §42).
import "../globals.css";

export default function SiteLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return children;
}
