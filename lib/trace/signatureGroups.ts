// The trace list grouped by request signature: how many traces of each kind of request came
// in a time window and how long they took. Read from the per-trace summaries (lib/db/
// listSignatureGroups.ts), answered by GET /api/traces/signatures, shown by the list page.
export type SignatureGroupsQuery = {
  /** Window on the trace's start, microseconds since the epoch, both ends inclusive. */
  from?: number;
  to?: number;
};

export type SignatureGroup = {
  signature: string;
  count: number;
  /**
   * Durations, nearest rank (the smallest duration at or above that share of the traces); null
   * when none of the group's traces is among those the percentiles were computed over.
   */
  p50Us: number | null;
  p95Us: number | null;
  maxUs: number;
  /**
   * When the API answered (TraceListItem.answeredUs), the same percentiles over the traces whose
   * root answered: for an asynchronous request (server create) the number its caller waited,
   * where the durations above count the work it cast. Null when none of them has answered.
   */
  answeredP50Us: number | null;
  answeredP95Us: number | null;
};

export type SignatureGroupsPage = {
  /** Most traces first, at most MAX_SIGNATURE_GROUPS. */
  groups: SignatureGroup[];
  /**
   * When the percentiles were computed over only the window's most recent traces (SQLite keeps
   * the cost bounded this way), how many; null when over all of them. Counts and maxima are exact.
   */
  percentilesOver: number | null;
};

export const MAX_SIGNATURE_GROUPS = 200;
