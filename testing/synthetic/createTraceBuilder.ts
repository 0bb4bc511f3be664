// Builds one synthetic trace the way OSprofiler itself does: a stack of open calls, where each
// start's parent is the call on top (in the same process, or the caller whose trace headers
// arrived over HTTP/RPC). Time is a cursor in microseconds: starts and stops move it forward, so
// children always nest inside their parents. fork() runs work that an RPC cast left behind:
// it starts inside the caller but runs on its own clock and may outlive it (and the request).
import type { Random } from "./createRandom";
import type { JsonObject } from "../../lib/notification/types";
import type { ServiceProcess, SyntheticSpan } from "./types";

export type TraceBuilder = {
  readonly traceId: string;
  readonly random: Random;
  readonly spans: SyntheticSpan[];
  /** The time cursor, microseconds since the epoch. */
  now(): number;
  /** Moves the cursor forward: time spent in the current call outside traced children. */
  elapse(us: number): void;
  /** Opens a call (profiler.start) in `process`, after a short interpreter gap. */
  start(process: ServiceProcess, name: string, info: JsonObject): SyntheticSpan;
  /** Closes the innermost open call (profiler.stop); `info` carries etype/message or a result. */
  stop(info?: JsonObject | null): SyntheticSpan;
  /** The innermost open call. */
  current(): SyntheticSpan;
  depth(): number;
  /** Runs `work` starting `delayUs` from now on a separate clock, then returns to this moment. */
  fork(delayUs: number, work: () => void): void;
  /** The latest stop so far: where the whole trace ends. */
  lastStopUs(): number;
};

/** Interpreter time between two traced calls of one thread: a few tens of microseconds. */
const GAP_MEDIAN_US = 60;

export function createTraceBuilder(random: Random, traceId: string, startUs: number): TraceBuilder {
  const spans: SyntheticSpan[] = [];
  const stack: SyntheticSpan[] = [];
  let cursor = startUs;
  let lastStop = startUs;
  // Stack depth at which the innermost fork began; -1 outside forks. Calls started right at
  // that depth are the forked work itself: they are the ones allowed to outlive their parent.
  let forkBase = -1;

  const builder: TraceBuilder = {
    traceId,
    random,
    spans,
    now: () => cursor,
    elapse: (us) => {
      cursor += Math.max(0, Math.round(us));
    },
    start: (process, name, info) => {
      cursor += Math.round(random.logNormal(GAP_MEDIAN_US, 0.6, 8, 2_000));
      const parent = stack[stack.length - 1];
      const span: SyntheticSpan = {
        spanId: random.uuid(),
        parentId: parent ? parent.spanId : traceId,
        name,
        process,
        startUs: cursor,
        stopUs: cursor,
        startInfo: info,
        stopInfo: null,
        async: stack.length === forkBase,
      };
      spans.push(span);
      stack.push(span);
      return span;
    },
    stop: (info = null) => {
      if (stack.length <= Math.max(0, forkBase)) throw new Error("stop() without a matching start() in this fork");
      const span = stack.pop()!;
      cursor += Math.round(random.logNormal(GAP_MEDIAN_US / 2, 0.5, 4, 1_000));
      span.stopUs = cursor;
      span.stopInfo = info;
      if (cursor > lastStop) lastStop = cursor;
      return span;
    },
    current: () => {
      const top = stack[stack.length - 1];
      if (!top) throw new Error("no call is open");
      return top;
    },
    depth: () => stack.length,
    fork: (delayUs, work) => {
      const savedCursor = cursor,
        savedBase = forkBase;
      cursor += Math.max(0, Math.round(delayUs));
      forkBase = stack.length;
      work();
      if (stack.length !== forkBase) throw new Error("a fork must close every call it opened");
      cursor = savedCursor;
      forkBase = savedBase;
    },
    lastStopUs: () => lastStop,
  };
  return builder;
}
