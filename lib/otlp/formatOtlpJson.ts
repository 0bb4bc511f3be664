// OpenTelemetry spans -> the OTLP/JSON text of an ExportTraceServiceRequest, written by
// OpenTelemetry's own serializer (@opentelemetry/otlp-transformer): resourceSpans grouped by
// resource and scope, ids as hex, times as decimal strings of nanoseconds, enums as integers,
// attributes as typed AnyValues. What Jaeger's JSON upload and Tempo's /v1/traces read.
// (The streamed export writes its spans with writeOtlpSpanJson, checked against this.)
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { OtlpReadableSpan } from "./convertSpansToOtlp";

export function formatOtlpJson(spans: OtlpReadableSpan[]): string {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error("OTLP JSON serializer returned nothing");
  return new TextDecoder().decode(bytes);
}
