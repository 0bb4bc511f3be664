// What `npm run demo` (scripts/demo.ts) sends: a handful of realistic OpenStack requests, each a
// seeded synthetic trace, with the label the demo prints beside its link.
import { generateProfilerNotifications, type ScenarioName, type SyntheticNotification } from "./synthetic";

type DemoRequest = { label: string; scenario: ScenarioName; spanCount?: number; fails?: boolean };

const DEMO_REQUESTS: DemoRequest[] = [
  {
    label: "boot a dozen VMs at once (big: hundreds of spans across nova, neutron, glance, placement)",
    scenario: "boot-server",
    spanCount: 520,
  },
  // The failure is the seed's pick among the scenario's (bootServer.ts): for this seed a deadlock
  // on the conductor's INSERT INTO instance_extra, retried, the boot going on; the label says that
  // (it read "fails to schedule" over a 3.6 s spawn, found by qa29), demoTraces.test.ts holds it to it.
  { label: "boot a VM through a database deadlock (an INSERT retried)", scenario: "boot-server", fails: true },
  { label: "list servers (N+1 DB queries)", scenario: "list-servers", spanCount: 160 },
  { label: "create a volume", scenario: "create-volume" },
  { label: "list networks", scenario: "list-networks" },
  { label: "issue a token", scenario: "issue-token" },
  { label: "create a Heat stack (deep nesting)", scenario: "create-stack", spanCount: 300 },
];

export type DemoTrace = { label: string; traceId: string; notifications: SyntheticNotification[] };

/** The demo's traces, the newest `now` (µs since the epoch) less 37 s. */
export function generateDemoTraces(now: number): DemoTrace[] {
  return DEMO_REQUESTS.map((request, i) => {
    const notifications = [
      ...generateProfilerNotifications({
        seed: `ostrace-demo-${i}`,
        scenario: request.scenario,
        spanCount: request.spanCount,
        traces: 1,
        errorRate: request.fails ? 1 : 0,
        // Spread over the last few minutes, so the list looks lived-in; the big one (the first)
        // newest, so it is the list's first row.
        start: now - (i + 1) * 37_000_000,
      }),
    ];
    return { label: request.label, traceId: notifications[0]!.payload.base_id, notifications };
  });
}
