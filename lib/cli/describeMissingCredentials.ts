// The CLI's word on a 401 it got without sending credentials: the server's reason names the
// server's variables (OSTRACE_TOKEN, OSTRACE_USERS), not how the CLI is given them, so the
// operator learns here where the CLI looks (README, Command line).

export function describeMissingCredentials(status: number, sentCredentials: boolean): string | null {
  if (status !== 401 || sentCredentials) return null;
  return (
    "the CLI sent no credentials: set OSTRACE_TOKEN (OSTRACE_AUTH=token), or put user:password in --url or " +
    "OSTRACE_URL (http://alice:PASSWORD@host:3000, for basic; any user with the token as password in token mode)"
  );
}
