// The body of a page that answers with a message instead of its content: a route that found
// nothing (not-found.tsx) or failed (error.tsx). One layout for all of them; each says what
// happened and offers its one way on (back to the trace list, or try again).
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, LINK_CLASS } from "./Button";

type Props = { title: string; testId?: string; role?: "alert"; action: ReactNode; children?: ReactNode };

function MessagePage({ title, testId, role, action, children }: Props) {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6" data-testid={testId} role={role}>
      <h1 className="text-xl font-semibold">{title}</h1>
      {children && <p className="text-sm text-zinc-700 dark:text-zinc-300">{children}</p>}
      {action}
    </main>
  );
}

/** A not-found page: the message, then the way back to the trace list. */
export function NotFoundPage(props: { title: string; testId?: string; children?: ReactNode }) {
  return (
    <MessagePage
      {...props}
      action={
        <p>
          <Link href="/" className={LINK_CLASS}>
            Back to the trace list
          </Link>
        </p>
      }
    />
  );
}

/**
 * A page whose reads failed because the database does not answer (lib/api/readUnlessDatabaseDown):
 * rendered by the server, so its way on is a link that asks for the same address again.
 */
export function DatabaseUnreachablePage({ what, retryHref }: { what: string; retryHref: string }) {
  // The list itself offers no way back to the list.
  const onList = retryHref === "/" || retryHref.startsWith("/?");
  return (
    <MessagePage
      title="The database is unreachable"
      testId="database-unreachable"
      role="alert"
      action={
        <p className="flex gap-4">
          <Link href={retryHref} className={LINK_CLASS} prefetch={false}>
            Try again
          </Link>
          {!onList && (
            <Link href="/" className={LINK_CLASS}>
              Back to the trace list
            </Link>
          )}
        </p>
      }
    >
      ostrace could not read {what}: its database does not answer (DATABASE_URL, or OSTRACE_READ_DATABASE_URL for a replica). Nothing is
      lost by waiting; retry in a moment. The server log has the details.
    </MessagePage>
  );
}

/** An error boundary's page: the message as an alert, then a button that renders the route again. */
export function ErrorPage(props: { title: string; reset: () => void; children: ReactNode }) {
  return (
    <MessagePage title={props.title} role="alert" action={<Button onClick={props.reset}>Try again</Button>}>
      {props.children}
    </MessagePage>
  );
}
