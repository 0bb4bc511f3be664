// A trace's findings as the trace page's server sends them to the browser: JSON in ASCII
// (lib/api/escapeJsonToAscii.ts says why), read back as they were.
import { escapeJsonToAscii } from "../api/escapeJsonToAscii";
import type { TraceFinding } from "../trace";

export function writeFindingsJson(findings: readonly TraceFinding[]): string {
  return escapeJsonToAscii(JSON.stringify(findings));
}

export function readFindingsJson(json: string): TraceFinding[] {
  return JSON.parse(json) as TraceFinding[];
}
