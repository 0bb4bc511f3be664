// The body of every "not found" answer (an unknown URL, a trace or a comparison that has not
// arrived): one layout and one way back to the trace list, whichever route could not answer.
import Link from "next/link";
import type { ReactNode } from "react";
import { LINK_CLASS } from "./Button";

type Props = { title: string; testId?: string; children?: ReactNode };

export function NotFoundPage({ title, testId, children }: Props) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" data-testid={testId}>
      <h1 className="text-xl font-semibold">{title}</h1>
      {children && <p className="text-sm text-zinc-700 dark:text-zinc-300">{children}</p>}
      <p>
        <Link href="/" className={LINK_CLASS}>
          Back to the trace list
        </Link>
      </p>
    </main>
  );
}
