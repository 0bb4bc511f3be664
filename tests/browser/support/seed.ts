// Test data through the real ingest path: realistic OSprofiler notifications (testing/synthetic) as
// oslo.messaging bodies, POSTed to the server's /api/ingest.
import { randomUUID } from "node:crypto";
import { envelopeV2, profilerPayload } from "@/tests/support/amqp";
import { convertNotificationToOsloMessage, generateProfilerNotifications, type TrafficOptions } from "@/testing/synthetic";

export type IngestSummary = { received: number; stored: number; duplicates: number; quarantined: number; ignored: number };

/** POSTs JSON bodies (notifications) in chunks; throws unless every one was stored or a duplicate. */
export async function postNotifications(baseUrl: string, bodies: unknown[], chunk = 2000): Promise<IngestSummary> {
  const total: IngestSummary = { received: 0, stored: 0, duplicates: 0, quarantined: 0, ignored: 0 };
  for (let at = 0; at < bodies.length; at += chunk) {
    const response = await fetch(`${baseUrl}/api/ingest`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(bodies.slice(at, at + chunk)),
    });
    const result = (await response.json()) as IngestSummary & {
      error?: string;
      results?: { index: number; status: string; reason?: string }[];
    };
    if (!response.ok) throw new Error(`POST /api/ingest: ${response.status} ${result.error}`);
    if (result.quarantined > 0)
      throw new Error(
        `POST /api/ingest quarantined: ${JSON.stringify(result.results?.filter((r) => r.status === "quarantined").slice(0, 3))}`,
      );
    for (const key of Object.keys(total) as (keyof IngestSummary)[]) total[key] += result[key];
  }
  return total;
}

/** Synthetic traffic as the bodies OSprofiler's messaging driver publishes; returns the trace ids in order of appearance. */
export async function seedSyntheticTraces(baseUrl: string, options: TrafficOptions): Promise<string[]> {
  const bodies: unknown[] = [];
  const traceIds: string[] = [];
  for (const n of generateProfilerNotifications(options)) {
    if (!traceIds.includes(n.payload.base_id)) traceIds.push(n.payload.base_id);
    bodies.push(JSON.parse(convertNotificationToOsloMessage(n).body));
  }
  await postNotifications(baseUrl, bodies);
  return traceIds;
}

/**
 * One nova-compute trace of an rpc span over `steps` driver calls one after another
 * (nova.virt.libvirt.driver.step_00, step_01, ...: 800 µs each, 1 ms apart), from `t0Us`.
 */
export async function seedDriverSteps(baseUrl: string, traceId: string, steps: number, t0Us: number): Promise<void> {
  const root = randomUUID();
  const span = { traceId, project: "nova", service: "nova-compute" };
  const rpc = { ...span, spanId: root, parentId: traceId, name: "rpc" };
  const bodies = [profilerPayload({ ...rpc, phase: "start", us: t0Us, info: { function: { name: "build_and_run_instance" } } })];
  for (let i = 0; i < steps; i++) {
    const driver = { ...span, spanId: randomUUID(), parentId: root, name: "driver" };
    const info = { function: { name: `nova.virt.libvirt.driver.step_${String(i).padStart(2, "0")}` } };
    bodies.push(profilerPayload({ ...driver, phase: "start", us: t0Us + 100 + i * 1000, info }));
    bodies.push(profilerPayload({ ...driver, phase: "stop", us: t0Us + 900 + i * 1000 }));
  }
  bodies.push(profilerPayload({ ...rpc, phase: "stop", us: t0Us + steps * 1000 + 500 }));
  await postNotifications(
    baseUrl,
    bodies.map((p) => JSON.parse(envelopeV2(p)) as unknown),
  );
}
