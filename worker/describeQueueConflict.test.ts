import { describe, expect, it } from "vitest";
import { describeQueueConflict } from "./describeQueueConflict";

// The broker's replies, as amqplib reports them (RabbitMQ 3.10, captured against 127.0.0.1:5672).
const reply = (detail: string) =>
  `Operation failed: QueueDeclare; 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg ${detail}"`;
const Q = "ostrace.profiler";

describe("describeQueueConflict", () => {
  it("names the type the queue has and the setting that matches it", () => {
    const quorumQueue = reply(
      `'x-queue-type' for queue '${Q}' in vhost '/': received none but current is the value 'quorum' of type 'longstr'`,
    );
    const message = describeQueueConflict(Q, "classic", quorumQueue);
    expect(message).toMatch(/^queue ostrace.profiler exists as a quorum queue but OSTRACE_QUEUE_TYPE=classic, /);
    expect(message).toContain("set OSTRACE_QUEUE_TYPE=quorum");
    expect(message).toContain("give the new queue a new OSTRACE_QUEUE name");
    const classicQueue = reply(
      `'x-queue-type' for queue '${Q}' in vhost '/': received the value 'quorum' of type 'longstr' but current is none`,
    );
    // No type on the queue: a classic one, as every release before OSTRACE_QUEUE_TYPE declared it.
    expect(describeQueueConflict(Q, "quorum", classicQueue)).toContain("exists as a classic queue but OSTRACE_QUEUE_TYPE=quorum");
  });

  it("says a stream queue cannot be ostrace's, without offering a setting that does not exist", () => {
    const stream = reply(`'x-queue-type' for queue '${Q}' in vhost '/': received none but current is the value 'stream' of type 'longstr'`);
    const message = describeQueueConflict(Q, "classic", stream);
    expect(message).toMatch(/^queue ostrace.profiler exists as a stream queue, and ostrace consumes a classic or quorum one/);
    expect(message).toContain("rabbitmqctl delete_queue ostrace.profiler");
    expect(message).not.toContain("OSTRACE_QUEUE_TYPE=stream");
  });

  it("names a durability or an argument ostrace does not declare, and how to get rid of it", () => {
    const transient = reply(`'durable' for queue '${Q}' in vhost '/': received 'true' but current is 'false'`);
    expect(describeQueueConflict(Q, "classic", transient)).toMatch(/^queue ostrace.profiler exists but is not durable, .*delete_queue/);
    const ttl = reply(`'x-message-ttl' for queue '${Q}' in vhost '/': received none but current is the value '1000' of type 'short'`);
    const message = describeQueueConflict(Q, "classic", ttl);
    expect(message).toMatch(/^queue ostrace.profiler exists with x-message-ttl=1000, which ostrace does not declare/);
    expect(message).toContain("OSTRACE_QUEUE to another name");
    expect(message).toContain("rabbitmqctl set_policy");
  });

  it("still names the queue and the ways out for a reply it cannot read, quoting it", () => {
    const message = describeQueueConflict(Q, "quorum", "PRECONDITION_FAILED - something new");
    expect(message).toMatch(/^queue ostrace.profiler exists with settings other than ostrace declares \(durable, quorum\)/);
    expect(message).toContain("RabbitMQ said: PRECONDITION_FAILED - something new");
  });
});
