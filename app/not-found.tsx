import Link from "next/link";
import { LINK_CLASS } from "@/components/ui/Button";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p><Link href="/" className={LINK_CLASS}>Back to the trace list</Link></p>
    </main>
  );
}
