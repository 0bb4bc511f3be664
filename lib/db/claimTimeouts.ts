// A detached table's claim (dropSpanPartition.ts) is a transaction open while its slices run,
// idle between its statements, for as long as a big day's slices take: a server's timeouts would
// end it, and its lock, mid-way. PostgreSQL 17 added transaction_timeout, which counts a whole
// transaction; before 17 the setting does not exist and SET fails, ending the transaction.

/** PostgreSQL's server_version_num of the first release with transaction_timeout (17.0). */
const TRANSACTION_TIMEOUT_SINCE = 170_000;

/** The SET LOCAL statements that keep the claim's transaction open on a server of `serverVersionNum`. */
export function claimTimeoutStatements(serverVersionNum: number): string[] {
  const statements = [`SET LOCAL idle_in_transaction_session_timeout = 0`];
  if (serverVersionNum >= TRANSACTION_TIMEOUT_SINCE) statements.push(`SET LOCAL transaction_timeout = 0`);
  return statements;
}
