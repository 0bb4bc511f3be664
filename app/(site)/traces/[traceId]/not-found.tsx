import Link from "next/link";
import { LINK_CLASS } from "@/components/ui/Button";

export default function TraceNotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" data-testid="trace-not-found">
      <h1 className="text-xl font-semibold">Trace not found</h1>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        No trace with this base_id has reached ostrace. If the request was made just now, its notifications may still be on their way (or
        were dropped: OSprofiler sends with <code>retry=0</code>). Check that the service&apos;s
        <code> [profiler] hmac_keys</code> include the key you passed to <code>--os-profile</code> and that it sends to the RabbitMQ ostrace
        listens on.
      </p>
      <p>
        <Link href="/" className={LINK_CLASS}>
          Back to the trace list
        </Link>
      </p>
    </main>
  );
}
