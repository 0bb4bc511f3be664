// An OSprofiler report -> the Graphviz DOT text `osprofiler trace show --dot` prints (it builds a
// graphviz.Digraph in cmd/commands.py): one node per span, labelled "<service>:<name> - <ms> ms",
// plus "METHOD path.." for wsgi spans and the function's last name part for rpc and driver spans;
// the report's own "total" node on top; nodes numbered in pre-order, each edge written after the
// child's subtree. Text from the wire is escaped so it cannot break out of a label.
import { isJsonObject } from "../notification/isJsonObject";
import type { Json, JsonObject } from "../notification/types";

type ReportNode = { info: JsonObject; children: ReportNode[] };

export function convertOsprofilerReportToDot(report: { info: object; children: ReportNode[] }): string {
  const lines = ["digraph {"];
  let next = 0;
  const create = (info: JsonObject): number => {
    const id = next++;
    lines.push(`\t${id} [label="${labelDotNode(info)}"]`);
    return id;
  };
  const stack: { node: ReportNode; id: number; child: number }[] = [
    { node: report as ReportNode, id: create(report.info as JsonObject), child: 0 },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const child = frame.node.children[frame.child++];
    if (child) {
      stack.push({ node: child, id: create(child.info), child: 0 });
      continue;
    }
    stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) lines.push(`\t${parent.id} -> ${frame.id}`);
  }
  return lines.join("\n") + "\n}\n";
}

/** A node's label: "<service>:<name> - <ms> ms", and the wsgi request or the rpc/driver function. */
export function labelDotNode(info: JsonObject): string {
  const name = typeof info.name === "string" ? info.name : "";
  const taken = Number(info.finished ?? 0) - Number(info.started ?? 0);
  const service = typeof info.service === "string" ? `${escape(info.service)}:` : "";
  let text = `${service}${escape(name)} - ${Math.trunc(taken)} ms`;
  if (name === "wsgi") {
    const request = at(at(info["meta.raw_payload.wsgi-start"], "info"), "request");
    const method = request?.method,
      path = request?.path;
    if (typeof method === "string" && typeof path === "string")
      text += `\\n${escape(method)} ${escape(Array.from(path).slice(0, 30).join(""))}..`;
  } else if (name === "rpc" || name === "driver") {
    const fn = at(at(info[`meta.raw_payload.${name}-start`], "info"), "function")?.name;
    if (typeof fn === "string") text += `\\n${escape(fn.split(".").pop()!)}`;
  }
  return text;
}

function at(value: Json | undefined, key: string): JsonObject | null {
  const child = isJsonObject(value) ? value[key] : undefined;
  return isJsonObject(child) ? child : null;
}

function escape(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, "\\n");
}
