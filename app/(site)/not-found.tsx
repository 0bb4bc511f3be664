import { connection } from "next/server";
import { NotFoundPage } from "@/components/ui/MessagePage";

export default async function NotFound() {
  // Rendered per request, never prerendered: a page's scripts run only with this request's
  // Content-Security-Policy nonce (proxy.ts), which a page built ahead of time cannot carry.
  await connection();
  return <NotFoundPage title="Page not found" />;
}
