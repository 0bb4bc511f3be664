export default function CompareLoading() {
  return (
    <p className="p-6 text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="compare-loading">
      Loading both traces…
    </p>
  );
}
