// PostgreSQL text cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"), so a
// notification carrying one in a column would fail its whole batch on every redelivery and
// poison the queue. It is quarantined instead, on SQLite too, so both databases keep the same
// data. Payload JSON is safe: JSON.stringify escapes the character.
import type { Decoded } from "../notification/decodeMessage";
import { describeCall, readError } from "./describeCall";

export function rejectUnstorable(decoded: Decoded): Decoded {
  if (!("traceId" in decoded)) return decoded;
  const columns: [string, string | null | undefined][] = [
    ["name", decoded.name],
    ["project", decoded.project],
    ["service", decoded.service],
    ["info.host", decoded.host],
    ["call detail (SQL, request or function name)", describeCall(decoded.payload)],
    ["info.etype", readError(decoded.payload)?.type],
  ];
  for (const [field, value] of columns) {
    if (value?.includes("\u0000")) return { reason: `${field} contains a NUL character, which the database cannot store` };
  }
  return decoded;
}
