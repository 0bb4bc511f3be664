import { NotFoundPage } from "@/components/ui/MessagePage";

export default function CompareNotFound() {
  return (
    <NotFoundPage title="Trace not found" testId="compare-not-found">
      One of the two traces (or both) has not reached ostrace, or the address does not hold two base_ids. Pick two traces in the list and
      press &ldquo;Compare&rdquo;, or use &ldquo;Compare with&hellip;&rdquo; on a trace page.
    </NotFoundPage>
  );
}
