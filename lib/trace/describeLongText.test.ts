// A long text's description, stored when the text is (span_detail.clip), must let clipTraceTexts
// send exactly what it sends from the whole text: the same compact trace, byte for byte, at the
// display length and at every shorter length a budget may force.
import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { createRandom } from "../../testing/synthetic/createRandom";
import { buildTrace } from "./buildTrace";
import { clipTraceTexts, TRACE_TEXT_LIMITS, type TextLimits } from "./clipTraceTexts";
import { convertTraceToCompact } from "./convertTraceToCompact";
import { normalizeSql } from "./normalizeSql";
import { hashAggregateKey } from "./hashAggregateKey";
import {
  DESCRIBED_HEAD_CHARS,
  describeLongMessage,
  describeLongText,
  parseLongTextDescription,
  type LongTextDescription,
} from "./describeLongText";

const span = (spanId: string, name: string, startUs: number, detail: string | null): Span => ({
  traceId: "t",
  spanId,
  parentId: spanId === "root" ? "t" : "root",
  name,
  project: "nova",
  service: "api",
  host: "h1",
  startUs,
  stopUs: startUs + 10,
  error: null,
  detail,
  startPayload: null,
  stopPayload: null,
});

const EMOJI = "\u{1F600}";
const columns = (n: number) => Array.from({ length: n }, (_, k) => `c${k}`).join(", ");

/** Long details that put the clip's edge, the shape's and the labels' in awkward places. */
function hostileDetails(): string[] {
  const random = createRandom(11);
  const texts = [
    `SELECT ${columns(9000)} FROM a WHERE id IN (${Array.from({ length: 500 }, (_, k) => k).join(", ")})`,
    `SELECT ${columns(9000)} FROM b`,
    // A pair split at the clip's edge, in the text and in its shape.
    `${"x".repeat(DESCRIBED_HEAD_CHARS - 1)}${EMOJI}${"y".repeat(3000)}`,
    `SELECT '${"é".repeat(DESCRIBED_HEAD_CHARS - 9)}${EMOJI}' ${"z".repeat(5000)}`,
    // More units than characters: SQL's substr counts the characters.
    EMOJI.repeat(3000),
    `select ${"\u00e9, ".repeat(2000)} from t`,
    "s".repeat(DESCRIBED_HEAD_CHARS + 1),
    "s".repeat(DESCRIBED_HEAD_CHARS),
    // A request line and a function name, long: labelled as calls.
    `GET /v2.1/servers/${"0123456789abcdef".repeat(600)}/action`,
    `nova.${"module.".repeat(1000)}Manager.build`,
    // A long table name: the statement's label is long too.
    `INSERT INTO ${"t".repeat(6000)} (a) VALUES (1)`,
  ];
  for (let i = 0; i < 20; i++) {
    const pieces = ["SELECT ", "a, ", "'q'", "(1, 2)", " IN ", EMOJI, "\n", "-- c\n", "/* x */", "$$b$$", "0x1f", " ; "];
    let text = "";
    const length = 4001 + random.int(0, 20000);
    while (text.length < length) text += pieces[random.int(0, pieces.length - 1)];
    texts.push(text);
  }
  return texts;
}

/** Each text on a db span and on a non-db one (statement and call), twice: the trace as read whole and as the page reads it. */
function bothForms(texts: string[]): { whole: Span[]; described: Span[]; descriptions: Map<string, LongTextDescription> } {
  const whole: Span[] = [span("root", "wsgi", 0, "GET /")];
  texts.forEach((text, i) => {
    whole.push(span(`d${i}`, "db", 1 + i * 3, text), span(`c${i}`, "compute", 2 + i * 3, text), span(`r${i}`, "db", 3 + i * 3, text));
  });
  const descriptions = new Map<string, LongTextDescription>();
  const described = whole.map((s) => {
    const json = s.detail === null ? null : describeLongText(s.detail);
    if (json === null) return s;
    const standIn = `\udc00 ${s.detail!.length} ${descriptions.size}`;
    // The database hands back at least DESCRIBED_HEAD_CHARS characters, often more units.
    descriptions.set(standIn, parseLongTextDescription(json, s.detail!.slice(0, DESCRIBED_HEAD_CHARS + 500)));
    return { ...s, detail: standIn };
  });
  // The same text twice: the second span of a text must find the first's stand-in.
  const byText = new Map<string, string>();
  return {
    whole,
    described: described.map((s, i) => {
      const text = whole[i]!.detail;
      if (text === null || s.detail === text) return s;
      if (!byText.has(text)) byText.set(text, s.detail!);
      return { ...s, detail: byText.get(text)! };
    }),
    descriptions,
  };
}

const compactJson = (spans: Span[], limits: TextLimits, described?: Map<string, LongTextDescription>) =>
  JSON.stringify(convertTraceToCompact(clipTraceTexts(buildTrace(spans, "t"), limits, described)));

describe("describeLongText", () => {
  it("describes only a text too long to send whole", () => {
    expect(describeLongText("s".repeat(DESCRIBED_HEAD_CHARS))).toBeNull();
    expect(describeLongText("SELECT 1")).toBeNull();
    expect(describeLongText("s".repeat(DESCRIBED_HEAD_CHARS + 1))).not.toBeNull();
    // Clipping may never ask for more of a text than is described.
    expect(TRACE_TEXT_LIMITS.displayChars).toBeLessThanOrEqual(DESCRIBED_HEAD_CHARS);
  });

  it("takes a shape the caller worked out already instead of normalizing the text again", () => {
    const text = `SELECT * FROM instances WHERE uuid IN (${Array.from({ length: 900 }, (_, k) => `'${k}'`).join(", ")})`;
    expect(describeLongText(text, normalizeSql(text))).toBe(describeLongText(text));
    // The shape given is the shape stored (no second normalizeSql behind it).
    const given = parseLongTextDescription(describeLongText(text, "SELECT given")!, text);
    expect(given.shape).toEqual({ head: "SELECT given", length: 12, hash: hashAggregateKey("SELECT given") });
    expect(given.text.hash).toBe(hashAggregateKey(text));
  });

  it("lets clipTraceTexts send the same compact trace as from the whole texts, at the display length", () => {
    const { whole, described, descriptions } = bothForms(hostileDetails());
    expect(descriptions.size).toBeGreaterThan(20);
    const expected = compactJson(whole, TRACE_TEXT_LIMITS);
    expect(compactJson(described, TRACE_TEXT_LIMITS, descriptions)).toBe(expected);
    // Not vacuous: the stand-ins are not what is sent.
    expect(expected).not.toContain("\udc00");
    expect(compactJson(described, TRACE_TEXT_LIMITS)).not.toBe(expected);
  });

  it("and at every shorter length a budget forces, down to the least", () => {
    const { whole, described, descriptions } = bothForms(hostileDetails());
    for (const budgetChars of [1, 50_000, 200_000, 400_000, 600_000]) {
      const limits = { ...TRACE_TEXT_LIMITS, budgetChars };
      expect(compactJson(described, limits, descriptions), `budget ${budgetChars}`).toBe(compactJson(whole, limits));
    }
  });

  it("keeps a statement's shape and labels when the same text is also an exception message (read whole, not described)", () => {
    const text = `SELECT ${columns(900)} FROM t WHERE id = 1`;
    const json = describeLongText(text)!;
    const failed = (s: Span): Span => ({ ...s, error: { type: "Boom", message: text } });
    const whole = [span("root", "wsgi", 0, null), span("d", "db", 1, text), failed(span("r", "rpc", 2, null))];
    const described = [whole[0]!, { ...whole[1]!, detail: "\udc00 stand-in" }, whole[2]!];
    const descriptions = new Map([["\udc00 stand-in", parseLongTextDescription(json, text.slice(0, DESCRIBED_HEAD_CHARS))]]);
    // Each clipped string's entry: [string index, length, shape, sqlLabel, label].
    const entries = (json: string) => {
      const compact = JSON.parse(json) as { strings: string[]; clipped: [number, ...unknown[]][] };
      return compact.clipped.map(([s, ...rest]) => [compact.strings[s], ...rest]);
    };
    const [statement] = entries(compactJson(whole, TRACE_TEXT_LIMITS));
    expect(statement![2]).not.toBeNull();
    // The message is the same string as the statement's clipped text: it may come twice, each time as the statement.
    for (const entry of entries(compactJson(described, TRACE_TEXT_LIMITS, descriptions))) expect(entry).toEqual(statement);
  });

  it("describes an exception message by its length and hash alone, and clips it as from the whole, at any budget", () => {
    expect(describeLongMessage("m".repeat(DESCRIBED_HEAD_CHARS))).toBeNull();
    const messages = hostileDetails();
    const json = describeLongMessage(messages[0]!)!;
    expect(JSON.parse(json)).toEqual([messages[0]!.length, hashAggregateKey(messages[0]!)]);
    const failed = (s: Span, message: string): Span => ({ ...s, error: { type: "Boom", message } });
    // Each message on two spans.
    const whole = [span("root", "wsgi", 0, null)];
    messages.forEach((m, i) =>
      whole.push(failed(span(`a${i}`, "rpc", 2 + i * 2, null), m), failed(span(`b${i}`, "rpc", 3 + i * 2, null), m)),
    );
    const descriptions = new Map<string, LongTextDescription>();
    const described = whole.map((s) => {
      const message = s.error?.message ?? null;
      const stored = message === null ? null : describeLongMessage(message);
      if (stored === null) return s;
      const standIn = `\udc00 message ${messages.indexOf(message!)}`;
      descriptions.set(standIn, parseLongTextDescription(stored, message!.slice(0, DESCRIBED_HEAD_CHARS + 500)));
      return { ...s, error: { type: "Boom", message: standIn } };
    });
    expect(descriptions.size).toBeGreaterThan(20);
    expect(descriptions.get("\udc00 message 0")!.shape).toBeNull();
    for (const budgetChars of [TRACE_TEXT_LIMITS.budgetChars, 1, 100_000, 400_000]) {
      const limits = { ...TRACE_TEXT_LIMITS, budgetChars };
      expect(compactJson(described, limits, descriptions), `budget ${budgetChars}`).toBe(compactJson(whole, limits));
    }
    // Such a description never stands in for a detail: it has no shape or labels to clip.
    const asDetail = [whole[0]!, span("d", "db", 1, "\udc00 message 1")];
    expect(() => compactJson(asDetail, TRACE_TEXT_LIMITS, descriptions)).toThrow(/described as a message alone/);
  });

  it("refuses a display length longer than what is described", () => {
    const { described, descriptions } = bothForms(hostileDetails().slice(0, 2));
    expect(() => compactJson(described, { ...TRACE_TEXT_LIMITS, displayChars: DESCRIBED_HEAD_CHARS + 1 }, descriptions)).toThrow(
      /cannot be clipped/,
    );
  });
});
