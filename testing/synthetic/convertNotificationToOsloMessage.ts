// Notification -> the AMQP message oslo.messaging publishes for it, field for field:
// Notifier._notify builds {message_id, publisher_id, event_type, priority, payload, timestamp};
// the AMQP driver adds _unique_id and the sanitized context as _context_* keys; kombu sends it
// as JSON to the service's control_exchange with routing key "<topic>.<priority>".
//
// Which body: OSprofiler creates its Notifier with driver="messaging", oslo.messaging's
// MessagingDriver, which sends message format 1.0: the message itself, with NO envelope.
// Services that emit their own notifications use "messagingv2", which wraps the message in
// {"oslo.version": "2.0", "oslo.message": "<JSON text>"}. Both are offered; the default is what
// OSprofiler really sends.
import { formatTimestamp } from "./formatTimestamp";
import type { Json, JsonObject } from "../../lib/notification/types";
import { formatPythonJson, formatPythonString } from "./formatPythonJson";
import type { SyntheticNotification } from "./types";

export type OsloDriver = "messaging" | "messagingv2";

export type OsloMessage = {
  /** The service's control_exchange: a topic exchange oslo.messaging declares non-durable. */
  exchange: string;
  /** "<topic>.<priority>": OSprofiler's topic is "profiler", its priority INFO. */
  routingKey: string;
  /** JSON text as kombu writes it (Python's json.dumps defaults); publish its UTF-8 bytes. */
  body: string;
  /** AMQP basic properties kombu sets, named as amqplib's publish() options take them. */
  properties: { contentType: "application/json"; contentEncoding: "utf-8"; deliveryMode: 2; priority: 0; headers: Record<string, never> };
};

/** How oslo.messaging declares the exchange it publishes to (amqp_durable_queues=False, no auto-delete). */
export const OSLO_EXCHANGE_OPTIONS = { type: "topic", durable: false, autoDelete: false } as const;

/** OSprofiler's notification topic; oslo.messaging also declares a queue of this name + ".info". */
const PROFILER_TOPIC = "profiler";

const PROPERTIES: OsloMessage["properties"] = Object.freeze({
  contentType: "application/json",
  contentEncoding: "utf-8",
  deliveryMode: 2,
  priority: 0,
  headers: Object.freeze({}),
}) as OsloMessage["properties"];

export function convertNotificationToOsloMessage(n: SyntheticNotification, driver: OsloDriver = "messaging"): OsloMessage {
  const message = formatOsloMessage(n);
  return {
    exchange: n.sender.exchange,
    routingKey: `${PROFILER_TOPIC}.info`,
    // The message text is printable ASCII only (ensure_ascii), where JSON.stringify escapes
    // exactly as Python does: just " and \.
    body: driver === "messaging" ? message : `{"oslo.version": "2.0", "oslo.message": ${JSON.stringify(message)}}`,
    properties: PROPERTIES,
  };
}

/** The message dict as JSON text, keys in the order oslo.messaging inserts them. */
function formatOsloMessage(n: SyntheticNotification): string {
  return (
    `{"message_id": "${n.messageId}", "publisher_id": ${formatPythonString(n.sender.publisherId)}, ` +
    `"event_type": ${formatPythonString(`profiler.${n.payload.service}`)}, "priority": "INFO", ` +
    `"payload": ${formatPythonJson(n.payload as unknown as Json)}, "timestamp": "${formatOsloTimestamp(n.sentUs)}", ` +
    `"_unique_id": "${n.uniqueId}"${formatContext(n.sender.context)}}`
  );
}

// A process sends the same context with every message: its text is made once (contexts are
// not changed after the deployment is made; createDeployment freezes them).
const contexts = new WeakMap<JsonObject, string>();

function formatContext(context: JsonObject): string {
  let text = contexts.get(context);
  if (text === undefined) {
    text = "";
    for (const key in context) text += `, ${formatPythonString(`_context_${key}`)}: ${formatPythonJson(context[key]!)}`;
    contexts.set(context, text);
  }
  return text;
}

/** str(datetime): "YYYY-MM-DD HH:MM:SS.ffffff", and no fraction at all when it is zero. */
function formatOsloTimestamp(us: number): string {
  const text = formatTimestamp(us).replace("T", " ");
  return text.endsWith(".000000") ? text.slice(0, -7) : text;
}
