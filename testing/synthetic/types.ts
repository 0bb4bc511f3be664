// Synthetic traffic: synthetic traces -> OSprofiler payloads (what a service's notifier sends)
// -> oslo messages (what arrives on RabbitMQ). Nothing here does I/O; a seed fixes everything.
import type { JsonObject } from "../../lib/notification/types";

/**
 * One OpenStack service process that has OSprofiler's messaging driver loaded: what
 * osprofiler.initializer.init_from_conf() was given, plus the oslo.messaging settings.
 */
export type ServiceProcess = {
  /** OSprofiler's "project": "nova", "neutron", ... */
  project: string;
  /** OSprofiler's "service", as each project names it ("osapi_compute", "neutron-server", "api"...). */
  service: string;
  /** socket.gethostname() of the machine: OSprofiler puts it in every info.host. */
  host: string;
  /** The `host` argument of init_from_conf; oslo.messaging sends it as publisher_id. */
  publisherId: string;
  /** The service's oslo.messaging control_exchange: the RabbitMQ exchange it publishes to. */
  exchange: string;
  /**
   * The request context given to init_from_conf, already reduced to the keys oslo.messaging
   * lets through (_sanitize_context); each key goes out as "_context_<key>". Empty for the
   * services that pass context={} (glance, keystone, placement).
   */
  context: JsonObject;
};

/** The payload dict a service hands to its notifier, keys in OSprofiler's order. */
export type ProfilerPayload = {
  name: string;
  base_id: string;
  trace_id: string;
  parent_id: string;
  timestamp: string;
  info: JsonObject;
  project: string;
  service: string;
};

/** One traced call of a synthetic trace (our "span"; OSprofiler's trace_id is spanId). */
export type SyntheticSpan = {
  spanId: string;
  parentId: string;
  /** "wsgi", "db", "rpc", "compute_api", ... (without -start/-stop). */
  name: string;
  process: ServiceProcess;
  startUs: number;
  stopUs: number;
  /** info of the start notification without "host" (added when the payload is built). */
  startInfo: JsonObject;
  /** info of the stop notification without "host"; null for a plain stop ({"host"} only). */
  stopInfo: JsonObject | null;
  /**
   * True for work that continues on its own after an RPC cast: it starts inside its parent
   * but may end after the parent, and even after the whole API request returned.
   */
  async: boolean;
};

export type ScenarioName = "boot-server" | "list-servers" | "create-volume" | "list-networks" | "issue-token" | "create-stack";

export type SyntheticTrace = {
  /** OSprofiler's base_id. */
  traceId: string;
  scenario: ScenarioName;
  /** When the request reached the first service (the root call starts a little later). */
  startUs: number;
  /** Every span, each after its parent; the first one is the root request. */
  spans: SyntheticSpan[];
  /** Whether a call of this trace raised (some stop carries etype/message). */
  failed: boolean;
};

/** One notification as a service sends it, with what oslo.messaging adds around it. */
export type SyntheticNotification = {
  payload: ProfilerPayload;
  sender: ServiceProcess;
  /** payload.timestamp in microseconds since the epoch. */
  timestampUs: number;
  /** When oslo.messaging stamped the message: its "timestamp", a few microseconds later. */
  sentUs: number;
  /** oslo.messaging's message_id (str(uuid4())) and _unique_id (uuid4().hex). */
  messageId: string;
  uniqueId: string;
};
