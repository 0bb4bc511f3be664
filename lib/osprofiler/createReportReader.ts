// An OSprofiler report (what `osprofiler trace show --json` printed) -> the notifications it was
// made from, read as a stream: the text comes in pieces of any size and is never held whole.
// Every node keeps its call's start and stop notification under "meta.raw_payload.<name>-start/
// -stop"; each of those is cut out of the text as it completes and decoded like a collected
// notification (the same input limits, JSON.parse as the fast path, numbers a double would
// change kept as their literals). What is held at once: one raw payload's text and the stack of
// open containers, so a report of any size reads in bounded memory.
//
// The rest of the report (node fields, "info" and "stats" of the whole) is only checked to be
// JSON and walked for its shape: the notifications alone rebuild the trace. The report as a
// whole is held to depth and value-count limits (a report nests three levels per level of
// calls). Pure: text in, notifications and skipped payloads out; the caller stores them.
import { rejectUnstorable } from "../span/rejectUnstorable";
import { checkJsonText, decodePayloadJson } from "../notification/decodeMessage";
import { findJsonStringEnd } from "../notification/findJsonStringEnd";
import type { InputLimits } from "../notification/inputLimits";
import { parseMeasuredJson } from "../notification/parseMeasuredJson";
import type { Notification } from "../notification/types";

/** ~3,300 levels of calls within calls: far more than any OpenStack request, and nothing here recurses. */
export const REPORT_MAX_DEPTH = 10_000;
/** ~40 values per span: a report of 250,000 spans. */
export const REPORT_MAX_ITEMS = 10_000_000;

export type ReportLimits = InputLimits & {
  /** Deepest nesting of the whole report ({} is 1). */
  maxReportDepth: number;
  /** Object members plus array elements in the whole report. */
  maxReportItems: number;
};

/** A raw payload that is not stored: where it was in the report, and why. */
export type SkippedPayload = { path: string; reason: string };

export type ReportItem = Notification | SkippedPayload;

/** Why the report as a whole is refused; `status` is the HTTP status that says so. */
export class ReportError extends Error {
  constructor(
    readonly status: 400 | 413 | 422,
    message: string,
  ) {
    super(message);
  }
}

export type ReportReader = {
  /** The next piece of the report's text; returns the payloads it completed. Throws ReportError. */
  push(text: string): ReportItem[];
  /** The text is complete; returns the last payloads, or throws ReportError if it was not a report with a notification in it. */
  end(): ReportItem[];
  /** The trace's base_id (lower case), once a notification was read. */
  readonly traceId: string | null;
  /** Nodes (spans) that gave at least one notification so far. */
  readonly spans: number;
};

export const EXPECTED_REPORT = "expected an OSprofiler report (the output of `osprofiler trace show --json <base_id>`)";

const NO_RAW_PAYLOADS =
  "The report has no raw payloads: OSprofiler's reports keep each call's start and stop notification under " +
  '"meta.raw_payload.<name>-start/-stop", and only those carry the base_id, the exact timestamps and what each call did. ' +
  "Without them (a report edited or made by another tool) the trace cannot be rebuilt; export it again with `osprofiler trace show --json <base_id>`";

const RAW = "meta.raw_payload.";
/** A string or number outside the raw payloads longer than this is no report's (names, ids, times). */
const MAX_SKELETON_TOKEN = 1 << 20;
/** A raw payload's text is held up to this many times the notification limit (indentation included); a longer one is skipped unread. */
const CAPTURE_SLACK = 16;

const enum Role {
  Report,
  Nodes,
  Node,
  Info,
  Other,
}
const enum Expect {
  Value,
  ValueOrEnd,
  Key,
  KeyOrEnd,
  Colon,
  CommaOrEnd,
  Done,
}

type Frame = {
  array: boolean;
  role: Role;
  /** Where this container is, as the skipped payloads name it: children[0].children[2].info */
  path: string;
  /** Arrays: elements so far. */
  index: number;
  /** Objects: the key whose value comes next. */
  key: string | null;
  /** Nodes: whether an "info" object was seen, and a notification read from it. */
  hasInfo: boolean;
  yielded: boolean;
};

type Capture = {
  path: string;
  /** Index in `buf` where the payload's text starts, and where scanning goes on. */
  start: number;
  scan: number;
  kind: "container" | "string" | "scalar";
  depth: number;
  inString: boolean;
  /** Whitespace outside strings: indentation, which the notification on the wire did not have. */
  whitespace: number;
  /** Characters scanned and dropped: too long to hold (the payload is skipped). */
  dropped: number;
  discarding: boolean;
};

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const QUOTE_OR_BACKSLASH = /["\\]/g;
const NEEDS_PARSE = /[\x00-\x1f\\]/;

export function createReportReader(limits: ReportLimits): ReportReader {
  let buf = "";
  let pos = 0;
  /** Characters of the text before `buf` starts: positions in error messages count from the file's start. */
  let consumed = 0;
  const stack: Frame[] = [];
  let expect = Expect.Value;
  let rootIsObject = false;
  let childrenIsArray = false;
  let items = 0;
  let rawPayloads = 0;
  let stored = 0;
  let spans = 0;
  let firstProblem: SkippedPayload | null = null;
  let traceId: string | null = null;
  let capture: Capture | null = null;
  let out: ReportItem[] = [];
  /** end() was called: a token at the end of the text is complete. */
  let ending = false;

  const notJson = (what: string) => new ReportError(400, `the file is not JSON (${what}); ${EXPECTED_REPORT}`);
  const at = (i: number) => `at character ${consumed + i + 1}`;
  const tooDeep = () =>
    new ReportError(422, `the file nests objects and arrays deeper than ${limits.maxReportDepth} levels; ${EXPECTED_REPORT}`);
  const countItems = (n: number) => {
    items += n;
    if (items > limits.maxReportItems) {
      throw new ReportError(
        413,
        `the file holds more than ${limits.maxReportItems} values (object members and array elements), the most one import accepts`,
      );
    }
  };
  const skip = (path: string, reason: string) => {
    const skipped = { path, reason };
    firstProblem ??= skipped;
    out.push(skipped);
  };
  const notANode = 'expected a node with an "info" object';

  /** A value starts at `pos` with character `c`: what it is to the report, and whether it is a raw payload to cut out. */
  function enter(c: number): void {
    const parent = stack[stack.length - 1];
    const key = parent && !parent.array ? parent.key! : null;
    const raw = parent?.role === Role.Info && key!.startsWith(RAW);
    const isObject = c === 0x7b,
      isArray = c === 0x5b;
    // A scalar cut at the end of this piece is looked at again, whole, with the next one.
    const scalarEnd = raw || isObject || isArray ? -1 : findScalarEnd(c);
    if (!raw && !isObject && !isArray && scalarEnd < 0) throw NEED_MORE;

    let element = -1;
    if (parent) {
      countItems(1);
      if (parent.array) element = parent.index++;
    }
    if (raw) {
      rawPayloads++;
      capture = {
        path: `${parent.path}["${key}"]`,
        start: pos,
        scan: pos,
        depth: 0,
        inString: false,
        whitespace: 0,
        dropped: 0,
        discarding: false,
        kind: isObject || isArray ? "container" : c === 0x22 ? "string" : "scalar",
      };
      return;
    }
    let role = Role.Other;
    let path = "";
    if (!parent) {
      if (isObject) role = Role.Report;
    } else if (parent.role === Role.Report && key === "children") {
      if (isArray) {
        childrenIsArray = true;
        role = Role.Nodes;
        path = "children";
      }
    } else if (parent.role === Role.Nodes) {
      path = `${parent.path}[${element}]`;
      if (isObject) role = Role.Node;
      else skip(path, notANode);
    } else if (parent.role === Role.Node && key === "info") {
      if (isObject) {
        parent.hasInfo = true;
        role = Role.Info;
        path = `${parent.path}.info`;
      }
    } else if (parent.role === Role.Node && key === "children") {
      path = `${parent.path}.children`;
      if (isArray) role = Role.Nodes;
      else if (!buf.startsWith("null", pos)) skip(path, "expected an array");
    }
    if (isObject || isArray) {
      if (!parent) rootIsObject = isObject;
      stack.push({ array: isArray, role, path, index: 0, key: null, hasInfo: false, yielded: false });
      if (stack.length > limits.maxReportDepth) throw tooDeep();
      pos++;
      expect = isArray ? Expect.ValueOrEnd : Expect.KeyOrEnd;
      return;
    }
    if (c === 0x22) readString(scalarEnd - 1);
    pos = scalarEnd;
    expect = stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
  }

  /** Where the scalar at `pos` ends; -1 when it may go on past the end of what has arrived. */
  function findScalarEnd(c: number): number {
    if (c === 0x22) {
      const end = findJsonStringEnd(buf, pos);
      if (end >= 0) return end + 1;
      if (buf.length - pos > MAX_SKELETON_TOKEN)
        throw new ReportError(
          422,
          `the file has a string of more than ${MAX_SKELETON_TOKEN} characters outside the raw payloads ${at(pos)}; ${EXPECTED_REPORT}`,
        );
      return -1;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = pos;
      if (!NUMBER.test(buf)) throw notJson(`a malformed number ${at(pos)}`);
      if (NUMBER.lastIndex - pos > MAX_SKELETON_TOKEN)
        throw new ReportError(422, `the file has a number of more than ${MAX_SKELETON_TOKEN} characters ${at(pos)}; ${EXPECTED_REPORT}`);
      return NUMBER.lastIndex === buf.length && !ending ? -1 : NUMBER.lastIndex;
    }
    const word = c === 0x74 ? "true" : c === 0x66 ? "false" : c === 0x6e ? "null" : null;
    if (word !== null && buf.startsWith(word, pos)) return pos + word.length;
    if (word !== null && !ending && buf.length - pos < word.length && word.startsWith(buf.slice(pos))) return -1;
    throw notJson(`unexpected ${describeChar(buf, pos)} ${at(pos)}`);
  }

  /** The string token from `pos` to `end` (its closing quote), checked; its value. */
  function readString(end: number): string {
    const raw = buf.slice(pos, end + 1);
    if (!NEEDS_PARSE.test(raw)) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch (error) {
      throw notJson(`${(error as Error).message} ${at(pos)}`);
    }
  }

  function close(c: number): void {
    const frame = stack.pop()!;
    if (frame.array !== (c === 0x5d)) throw notJson(`unexpected ${describeChar(buf, pos)} ${at(pos)}`);
    if (frame.role === Role.Node && !frame.hasInfo) skip(frame.path, notANode);
    pos++;
    expect = stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
  }

  /** Scans the raw payload being cut out; true once it is complete (and decoded). */
  function advanceCapture(): boolean {
    const cap = capture!;
    let i = cap.scan;
    const n = buf.length;
    let end = -1;
    while (i < n) {
      if (cap.inString) {
        QUOTE_OR_BACKSLASH.lastIndex = i;
        const m = QUOTE_OR_BACKSLASH.exec(buf);
        if (m === null) {
          i = n;
          break;
        }
        i = m.index;
        if (buf.charCodeAt(i) === 0x5c) {
          // an escape: the next character is never the closing quote
          if (i + 1 >= n) break;
          i += 2;
          continue;
        }
        cap.inString = false;
        i++;
        if (cap.depth === 0) {
          end = i;
          break;
        }
        continue;
      }
      const c = buf.charCodeAt(i);
      if (c === 0x22) {
        cap.inString = true;
        i++;
      } else if (c === 0x7b || c === 0x5b) {
        if (cap.kind === "scalar") {
          end = i;
          break;
        }
        cap.depth++;
        if (stack.length + cap.depth > limits.maxReportDepth) throw tooDeep();
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        if (cap.depth === 0) {
          end = i;
          break;
        }
        cap.depth--;
        i++;
        if (cap.depth === 0) {
          end = i;
          break;
        }
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        if (cap.depth === 0 && cap.kind === "scalar") {
          end = i;
          break;
        }
        cap.whitespace++;
        i++;
      } else if (c === 0x2c && cap.depth === 0) {
        end = i;
        break;
      } else {
        i++;
      }
    }
    if (end < 0 && ending && cap.kind === "scalar" && !cap.inString) end = n;
    if (end < 0) {
      cap.scan = i;
      const held = i - cap.start + cap.dropped;
      if (!cap.discarding && held > CAPTURE_SLACK * limits.maxNotificationBytes) cap.discarding = true;
      return false;
    }
    const length = end - cap.start + cap.dropped;
    const text = cap.discarding ? null : buf.slice(cap.start, end);
    pos = end;
    capture = null;
    expect = Expect.CommaOrEnd;
    readPayload(cap, text, length);
    return true;
  }

  function readPayload(cap: Capture, text: string | null, length: number): void {
    const max = limits.maxNotificationBytes;
    // Measured as sent: the report's indentation was not part of the notification.
    const bytes = text === null ? length - cap.whitespace : Buffer.byteLength(text, "utf8") - cap.whitespace;
    if (text === null || bytes > max) {
      skip(
        cap.path,
        `payload of ${text === null ? "more than " : ""}${text === null ? max : bytes} bytes exceeds the limit of ${max} bytes (OSTRACE_MAX_NOTIFICATION_BYTES)`,
      );
      return;
    }
    const shape = checkJsonText(text, limits, "payload");
    if ("reason" in shape) {
      skip(cap.path, shape.reason);
      return;
    }
    countItems(shape.items);
    let value: unknown;
    try {
      value = parseMeasuredJson(text, shape);
    } catch (error) {
      throw notJson(`${cap.path}: ${(error as Error).message}`);
    }
    const decoded = rejectUnstorable(decodePayloadJson(value, limits, shape));
    if (!("traceId" in decoded)) {
      skip(cap.path, "reason" in decoded ? decoded.reason : decoded.ignored);
      return;
    }
    if (traceId === null) traceId = decoded.traceId;
    else if (decoded.traceId !== traceId)
      throw new ReportError(422, `the report mixes 2 traces (base_id ${traceId}, ${decoded.traceId}); expected one`);
    stored++;
    const node = stack[stack.length - 2]!;
    if (!node.yielded) {
      node.yielded = true;
      spans++;
    }
    out.push(decoded);
  }

  function run(): void {
    for (;;) {
      if (capture) {
        if (!advanceCapture()) return;
        continue;
      }
      while (pos < buf.length) {
        const c = buf.charCodeAt(pos);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
        pos++;
      }
      if (pos >= buf.length) return;
      const c = buf.charCodeAt(pos);
      if ((expect === Expect.ValueOrEnd && c === 0x5d) || (expect === Expect.KeyOrEnd && c === 0x7d)) {
        close(c);
      } else if (expect === Expect.Value || expect === Expect.ValueOrEnd) {
        enter(c);
      } else if (expect === Expect.Key || expect === Expect.KeyOrEnd) {
        if (c !== 0x22) throw notJson(`expected a key in double quotes, got ${describeChar(buf, pos)} ${at(pos)}`);
        const end = findJsonStringEnd(buf, pos);
        if (end < 0) {
          if (buf.length - pos > MAX_SKELETON_TOKEN)
            throw new ReportError(422, `the file has a key of more than ${MAX_SKELETON_TOKEN} characters ${at(pos)}; ${EXPECTED_REPORT}`);
          return;
        }
        stack[stack.length - 1]!.key = readString(end);
        pos = end + 1;
        expect = Expect.Colon;
      } else if (expect === Expect.Colon) {
        if (c !== 0x3a) throw notJson(`expected ":" after a key, got ${describeChar(buf, pos)} ${at(pos)}`);
        pos++;
        expect = Expect.Value;
      } else if (expect === Expect.CommaOrEnd) {
        const top = stack[stack.length - 1]!;
        if (c === 0x2c) {
          pos++;
          expect = top.array ? Expect.Value : Expect.Key;
        } else if (c === 0x5d || c === 0x7d) {
          close(c);
        } else {
          throw notJson(`expected "," or "${top.array ? "]" : "}"}", got ${describeChar(buf, pos)} ${at(pos)}`);
        }
      } else {
        throw notJson(`unexpected ${describeChar(buf, pos)} after the end of the report ${at(pos)}`);
      }
    }
  }

  /** Runs the scanner over what has arrived; a token cut at the end waits for the next piece. */
  function drain(): ReportItem[] {
    try {
      run();
    } catch (error) {
      if (error !== NEED_MORE) throw error;
    }
    const items = out;
    out = [];
    return items;
  }

  return {
    push(text) {
      // Keep only what is still needed: the payload being cut out, or the token being read.
      const keep = capture ? (capture.discarding ? capture.scan : capture.start) : pos;
      if (capture) {
        if (capture.discarding) capture.dropped += capture.scan - capture.start;
        capture.scan -= keep;
        capture.start = capture.discarding ? capture.scan : capture.start - keep;
      }
      consumed += keep;
      buf = buf.slice(keep) + text;
      pos -= keep;
      return drain();
    },
    end() {
      ending = true;
      const items = drain();
      if (capture || expect !== Expect.Done) throw notJson("it ends before the report does: is it cut short?");
      if (!rootIsObject || !childrenIsArray) {
        const message =
          'not an OSprofiler report: expected a JSON object with a "children" array (the output of `osprofiler trace show --json`)';
        throw new ReportError(422, rawPayloads > 0 ? message : `${message}. ${NO_RAW_PAYLOADS}`);
      }
      if (stored === 0) {
        if (rawPayloads === 0)
          throw new ReportError(
            422,
            `the report holds no OSprofiler notifications (no "meta.raw_payload.*" entries${firstProblem ? `; first problem: ${firstProblem.path}: ${firstProblem.reason}` : ""}). ${NO_RAW_PAYLOADS}`,
          );
        throw new ReportError(
          422,
          `none of the report's payloads can be stored; first problem: ${firstProblem!.path}: ${firstProblem!.reason}`,
        );
      }
      return items;
    },
    get traceId() {
      return traceId;
    },
    get spans() {
      return spans;
    },
  };
}

/** Thrown inside the scanner when a token runs past the end of what has arrived. */
const NEED_MORE = new Error("need more text");

function describeChar(text: string, i: number): string {
  return JSON.stringify(text.slice(i, i + 1));
}
