import { NotFoundPage } from "@/components/ui/MessagePage";

export default function TraceNotFound() {
  return (
    <NotFoundPage title="Trace not found" testId="trace-not-found">
      No trace with this base_id has reached ostrace. If the request was made just now, its notifications may still be on their way (or were
      dropped: OSprofiler sends with <code>retry=0</code>). Check that the service&apos;s<code> [profiler] hmac_keys</code> include the key
      you passed to <code>--os-profile</code> and that it sends to the RabbitMQ ostrace listens on.
    </NotFoundPage>
  );
}
