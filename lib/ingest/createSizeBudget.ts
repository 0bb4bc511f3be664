// How many spans retention deletes to keep the database under OSTRACE_DB_MAX_MB. Over the limit,
// the spans the database may hold become a budget: what it holds now, scaled by 90% of the
// limit over the measured size. The budget is only tightened again when the database has grown
// past the size it was set at, because PostgreSQL does not shrink after a DELETE (the space is
// reused by later rows): measuring the same size again must not delete again. Once the size is
// under 90% of the limit (SQLite counts freed pages as free) the budget is lifted.

export type SizeBudget = {
  /** Spans to delete, oldest traces first, after a measurement. */
  excessSpans(measured: { sizeBytes: number; spans: number }): number;
};

const TARGET_SHARE = 0.9;

export function createSizeBudget(maxBytes: number): SizeBudget {
  let budget: { spans: number; atSizeBytes: number } | null = null;
  return {
    excessSpans({ sizeBytes, spans }) {
      if (maxBytes <= 0) return 0;
      if (sizeBytes > maxBytes && (budget === null || sizeBytes > budget.atSizeBytes)) {
        budget = { spans: Math.floor((spans * TARGET_SHARE * maxBytes) / sizeBytes), atSizeBytes: sizeBytes };
      } else if (budget !== null && sizeBytes <= maxBytes * TARGET_SHARE) {
        budget = null;
      }
      return budget === null ? 0 : Math.max(0, spans - budget.spans);
    },
  };
}
