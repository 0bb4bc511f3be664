import Link from "next/link";
import { LINK_CLASS } from "@/components/ui/Button";

export default function CompareNotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" data-testid="compare-not-found">
      <h1 className="text-xl font-semibold">Trace not found</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        One of the two traces (or both) has not reached ostrace, or the address does not hold two base_ids. Pick two traces in the list and
        press &ldquo;Compare&rdquo;, or use &ldquo;Compare with&hellip;&rdquo; on a trace page.
      </p>
      <p>
        <Link href="/" className={LINK_CLASS}>
          Back to the trace list
        </Link>
      </p>
    </main>
  );
}
