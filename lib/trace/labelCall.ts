// What a call is, in a few words, for sentences and lists that group calls: the function
// without its module ("LibvirtDriver.spawn"), the request with ids folded ("GET
// /v2/images/{id}/file"), the statement's verb and table ("SELECT … FROM instance_extra"), or
// the span's type when it says nothing more.
import { foldPathIds } from "../span/foldPathIds";
import { parseRequestLine } from "../span/rootRequest";
import { DB_SPAN_NAMES } from "./createTraceView";
import { normalizeSql } from "./normalizeSql";
import type { Trace } from "./types";

export function labelCall(trace: Trace, i: number): string {
  const d = trace.detail[i]!;
  const name = trace.strings[trace.name[i]!]!;
  if (d < 0) return name;
  const detail = trace.strings[d]!;
  const isDb = DB_SPAN_NAMES.has(name);
  // A text clipped for the browser: the label made from the whole text, carried beside it.
  const clipped = trace.clippedTexts?.get(detail);
  return (isDb ? clipped?.sqlLabel : clipped?.label) ?? labelDetail(detail, isDb);
}

/** labelCall of a span's name and detail text, for callers that hold the span rather than a Trace (the streamed OTLP export). */
export function labelCallText(name: string, detail: string | null): string {
  return detail === null ? name : labelDetail(detail, DB_SPAN_NAMES.has(name));
}

/** The label of a detail text: a db span's statement (whose shape may be known already), or another span's request or function. */
export function labelDetail(detail: string, isDb: boolean, shape?: string): string {
  if (isDb) return shortenSql(shape ?? normalizeSql(detail));
  const request = parseRequestLine(detail);
  if (request) return `${request.method} ${foldPathIds(request.path)}`;
  return shortenFunction(detail);
}

/** "nova.virt.libvirt.driver.LibvirtDriver.spawn" -> "LibvirtDriver.spawn". */
function shortenFunction(name: string): string {
  const parts = name.split(".");
  return parts.length <= 2 ? name : parts.slice(-2).join(".");
}

const SQL_TABLE = /^(select\b.*?\bfrom|insert\s+into|update|delete\s+from|replace\s+into)\s+([`"\w.]+)/i;

/** A normalized statement -> "SELECT … FROM table" / "INSERT INTO table" / the first words. */
export function shortenSql(statement: string): string {
  const m = SQL_TABLE.exec(statement.slice(0, 4000));
  if (!m) return statement.length > 60 ? `${statement.slice(0, 59)}…` : statement;
  const verb = m[1]!.toLowerCase().startsWith("select") ? "SELECT … FROM" : m[1]!.toUpperCase().replace(/\s+/g, " ");
  return `${verb} ${m[2]!.replace(/[`"]/g, "")}`;
}

/** A service as people name it: "nova-conductor", "glance api", "placement". */
export function labelService(project: string, service: string): string {
  if (service === project || service.startsWith(`${project}-`) || service.startsWith(`${project}_`)) return service;
  return `${project} ${service}`;
}
