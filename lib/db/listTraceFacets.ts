// The distinct services, projects and hosts of all stored traces, for the list's filter
// dropdowns. The summaries' set columns repeat the same few combinations, so DISTINCT over them
// is small, but it still reads every summary: the answer is kept for a few seconds per database.
import type { TraceFacets } from "../trace/traceList";
import { collectFacetValues } from "../ingest/traceSet";
import type { Db } from "./client";

export const TRACE_FACETS_TTL_MS = 10_000;

const cache = new WeakMap<Db, { atMs: number; facets: Promise<TraceFacets> }>();

export function listTraceFacets(db: Db, nowMs = Date.now()): Promise<TraceFacets> {
  const cached = cache.get(db);
  if (cached && nowMs - cached.atMs < TRACE_FACETS_TTL_MS) return cached.facets;
  const facets = readTraceFacets(db);
  cache.set(db, { atMs: nowMs, facets });
  facets.catch(() => {
    if (cache.get(db)?.facets === facets) cache.delete(db);
  });
  return facets;
}

async function readTraceFacets(db: Db): Promise<TraceFacets> {
  const column = async (name: "services" | "projects" | "hosts") => {
    const rows = await db.prisma.$queryRawUnsafe<{ v: string }[]>(`SELECT DISTINCT "${name}" AS "v" FROM "trace"`);
    return collectFacetValues(rows.map((row) => row.v));
  };
  const services = await column("services");
  const projects = await column("projects");
  const hosts = await column("hosts");
  const facets: TraceFacets = { services: services.values, projects: projects.values, hosts: hosts.values };
  if (services.omitted + projects.omitted + hosts.omitted > 0)
    facets.omitted = { services: services.omitted, projects: projects.omitted, hosts: hosts.omitted };
  return facets;
}
