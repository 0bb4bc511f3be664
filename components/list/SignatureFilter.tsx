// The list filtered to one request signature (a group's link): says so, with a way back.
import Link from "next/link";
import { LINK_CLASS } from "../ui/Button";

export function SignatureFilter({ signature, withoutHref, groupsHref }: { signature: string; withoutHref: string; groupsHref: string }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="signature-filter">
      Request <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono dark:bg-zinc-800">{signature}</code>
      <Link href={withoutHref} className={LINK_CLASS} aria-label="Show every request">
        × all requests
      </Link>
      <Link href={groupsHref} className={LINK_CLASS}>
        ← by request
      </Link>
    </p>
  );
}
