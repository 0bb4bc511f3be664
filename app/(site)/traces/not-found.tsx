import { NotFoundPage } from "@/components/ui/MessagePage";
import { EXAMPLE_UUID } from "@/lib/notification/uuid";

/** A /traces/<id> whose id is malformed (the layout in ./[traceId] says so before any read). */
export default function TraceIdMalformed() {
  return (
    <NotFoundPage title="Not a valid trace id" testId="trace-id-malformed">
      The address does not end in a trace id, so there is no trace to look for. A trace id is OSprofiler&apos;s base_id, a UUID like{" "}
      <code>{EXAMPLE_UUID}</code>: the <code>Trace ID</code> the OpenStack client prints after <code>--os-profile</code>. Check that the
      address was copied whole.
    </NotFoundPage>
  );
}
