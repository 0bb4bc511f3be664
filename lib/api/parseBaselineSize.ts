// ?n= of GET /api/traces/{id}/typical: how many recent traces of the signature make "typical".
const DEFAULT_BASELINE_SIZE = 20;
const MAX_BASELINE_SIZE = 100;

export function parseBaselineSize(params: URLSearchParams): number | { error: string } {
  const value = params.get("n")?.trim();
  if (value === undefined || value === "") return DEFAULT_BASELINE_SIZE;
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > MAX_BASELINE_SIZE) {
    return { error: `n: expected a whole number from 1 to ${MAX_BASELINE_SIZE} (traces to take the typical values from)` };
  }
  return Number(value);
}
