// What to say when RabbitMQ refuses our queue declaration with 406 PRECONDITION_FAILED: the
// queue exists with another type, durability or arguments, and RabbitMQ never changes an
// existing queue to match. That is no outage but a configuration to fix, so the message names
// the queue, the setting that differs (read from the broker's reply: "inequivalent arg 'x' for
// queue 'q' in vhost 'v': received A but current is B") and the ways out: the setting that
// matches the queue (OSTRACE_QUEUE_TYPE), another OSTRACE_QUEUE name, or deleting the queue.
import type { QueueType } from "../lib/config";

/** The broker refused our queue as declared: fixed by the operator, not by waiting. */
export class QueueConflictError extends Error {
  override name = "QueueConflictError";
}

const INEQUIVALENT = /inequivalent arg '([^']+)' for queue '[^']*' in vhost '[^']*': received (.+?) but current is (.+?)"?$/;

export function describeQueueConflict(queue: string, queueType: QueueType, brokerMessage: string): string {
  const ours = queueType === "quorum" ? "quorum" : "classic";
  const remove = `delete it (rabbitmqctl delete_queue ${queue}; the messages waiting in it are lost) so ostrace declares it anew`;
  const rename = `or set OSTRACE_QUEUE to another name (docs/deployment.md)`;
  const found = INEQUIVALENT.exec(brokerMessage);
  if (!found)
    return `queue ${queue} exists with settings other than ostrace declares (durable, ${ours}): ${remove}, ${rename}. RabbitMQ said: ${brokerMessage}`;
  const [, argument, , currentText] = found as unknown as [string, string, string, string];
  // A queue declared without a type is classic, as every release before OSTRACE_QUEUE_TYPE declared it.
  const current = readValue(currentText) ?? (argument === "x-queue-type" ? "classic" : null);
  if (argument === "x-queue-type" && (current === "classic" || current === "quorum") && current !== ours) {
    return (
      `queue ${queue} exists as a ${current} queue but OSTRACE_QUEUE_TYPE=${ours}, and RabbitMQ cannot change a queue's type: ` +
      `set OSTRACE_QUEUE_TYPE=${current}, or give the new queue a new OSTRACE_QUEUE name (both queues then get every notification, ` +
      `stored once) and delete ${queue} once it is empty (docs/deployment.md, "Moving an existing classic queue to a quorum queue")`
    );
  }
  if (argument === "x-queue-type" && current !== ours) {
    return `queue ${queue} exists as a ${current} queue, and ostrace consumes a classic or quorum one (OSTRACE_QUEUE_TYPE): ${remove}, ${rename}`;
  }
  if (argument === "durable") {
    return `queue ${queue} exists but is not durable, and ostrace's queue must be (it keeps notifications across restarts): ${remove}, ${rename}`;
  }
  const shown = current === null ? `without ${argument}` : `with ${argument}=${current}`;
  if (argument === "x-queue-type") {
    const declared = ours === "quorum" ? "x-queue-type=quorum" : "without x-queue-type";
    return `queue ${queue} exists ${shown}, but ostrace declares it ${declared}, and RabbitMQ refuses a declaration that differs: ${remove}, ${rename}`;
  }
  return (
    `queue ${queue} exists ${shown}, which ostrace does not declare, and RabbitMQ refuses a declaration that differs: ` +
    `${remove}, ${rename}. A policy (rabbitmqctl set_policy) sets such limits without touching the declaration`
  );
}

/** "none", "'true'", "the value 'quorum' of type 'longstr'" -> null, "true", "quorum". */
function readValue(text: string): string | null {
  if (text === "none") return null;
  const quoted = /^(?:the value )?'([^']*)'/.exec(text);
  return quoted ? quoted[1]! : text;
}
