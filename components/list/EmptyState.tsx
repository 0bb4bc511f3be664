// What a new user sees before any trace arrived: how to point OpenStack services at ostrace,
// where it listens, how to trigger a trace, and how to load demo traces.
import { redactUrl, type Config } from "@/lib/config";

export function EmptyState({ config }: { config: Pick<Config, "amqpUrl" | "exchanges" | "topics" | "queue"> }) {
  const keys = config.topics.map((t) => `${t}.*`).join(", ");
  return (
    <section
      aria-labelledby="empty-title"
      className="space-y-4 rounded border border-dashed border-zinc-300 p-5 text-sm leading-6 dark:border-zinc-700"
      data-testid="empty-state"
    >
      <h2 id="empty-title" className="text-lg font-semibold">
        No traces yet
      </h2>
      <p>
        ostrace collects the notifications OpenStack services send with OSprofiler and draws each request as a timeline. Three steps to your
        first trace:
      </p>
      <ol className="list-decimal space-y-4 pl-5">
        <li>
          <p>
            Enable OSprofiler in each service you want to see (nova.conf, neutron.conf, glance-api.conf, cinder.conf, keystone.conf, …) and
            restart it:
          </p>
          <pre className="mt-1 overflow-x-auto rounded bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">{`[profiler]
enabled = true
hmac_keys = SECRET_KEY
connection_string = messaging://
trace_sqlalchemy = true`}</pre>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            <code>messaging://</code> sends over the service&apos;s own oslo.messaging notification transport, so the services must use the
            RabbitMQ ostrace reads. <code>hmac_keys</code> is a shared secret: only requests signed with it are traced.
            <code> trace_sqlalchemy</code> adds every SQL statement (useful, and it multiplies the volume).
          </p>
        </li>
        <li>
          <p>ostrace listens on:</p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-zinc-500">broker</dt>
            <dd className="font-mono">{redactUrl(config.amqpUrl)}</dd>
            <dt className="text-zinc-500">exchanges</dt>
            <dd className="font-mono">
              {config.exchanges.join(", ")}{" "}
              <span className="font-sans text-zinc-500">(each service&apos;s control_exchange; set OSTRACE_EXCHANGES for others)</span>
            </dd>
            <dt className="text-zinc-500">routing keys</dt>
            <dd className="font-mono">{keys}</dd>
            <dt className="text-zinc-500">queue</dt>
            <dd className="font-mono">
              {config.queue}{" "}
              <span className="font-sans text-zinc-500">
                (ostrace&apos;s own; do not share it with <code>osprofiler trace show</code>)
              </span>
            </dd>
          </dl>
        </li>
        <li>
          <p>Trace a request and open it here (paste the printed Trace ID above):</p>
          <pre className="mt-1 overflow-x-auto rounded bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
            openstack --os-profile SECRET_KEY server list
          </pre>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Profile single requests like this one: profiling every request overloads the services and the collector.
          </p>
        </li>
      </ol>
      <div className="rounded bg-sky-50 p-3 dark:bg-sky-950/40">
        <p>No OpenStack at hand? Load realistic demo traces (a VM boot across nova, glance, neutron, placement, …):</p>
        <pre className="mt-1 font-mono text-xs">npm run demo</pre>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          Senders without a broker can POST notifications as JSON to <code>/api/ingest</code>; a report from
          <code> osprofiler trace show --json</code> can be imported below.
        </p>
      </div>
    </section>
  );
}
