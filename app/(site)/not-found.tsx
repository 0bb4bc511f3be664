import Link from "next/link";
import { connection } from "next/server";
import { LINK_CLASS } from "@/components/ui/Button";

export default async function NotFound() {
  // Rendered per request, never prerendered: a page's scripts run only with this request's
  // Content-Security-Policy nonce (proxy.ts), which a page built ahead of time cannot carry.
  await connection();
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p>
        <Link href="/" className={LINK_CLASS}>
          Back to the trace list
        </Link>
      </p>
    </main>
  );
}
