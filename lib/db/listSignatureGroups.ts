// The trace list grouped by request signature over a time window, from table `trace` only
// (index on signature, start_us). PostgreSQL computes exact percentiles (percentile_disc, the
// nearest rank); SQLite has no percentile aggregate, so it ranks with window functions over
// the window's most recent PERCENTILE_SAMPLE traces, which bounds the sort whatever the window.
import { MAX_SIGNATURE_GROUPS, type SignatureGroup, type SignatureGroupsPage, type SignatureGroupsQuery } from "../trace/signatureGroups";
import type { Db } from "./client";
import { toNumber } from "./sql";

const PERCENTILE_SAMPLE = 50_000;

type Big = number | bigint | string;

export async function listSignatureGroups(db: Db, query: SignatureGroupsQuery): Promise<SignatureGroupsPage> {
  const { prisma, dialect } = db;
  const args: unknown[] = [];
  const arg = (value: unknown) => {
    args.push(value);
    return dialect === "sqlite" ? "?" : `$${args.length}`;
  };
  const where = [`"signature" IS NOT NULL`];
  if (query.from !== undefined) where.push(`"start_us" >= ${arg(query.from)}`);
  if (query.to !== undefined) where.push(`"start_us" <= ${arg(query.to)}`);
  const filter = where.join(" AND ");
  const num = (v: Big) => toNumber(typeof v === "string" ? BigInt(v) : v);

  if (dialect === "postgresql") {
    // percentile_disc skips NULLs: the answered percentiles are over the traces that answered.
    const percentiles = (column: string, name: string) =>
      `percentile_disc(0.5) WITHIN GROUP (ORDER BY "${column}") AS ${name}50, percentile_disc(0.95) WITHIN GROUP (ORDER BY "${column}") AS ${name}95`;
    const rows = await prisma.$queryRawUnsafe<
      { signature: string; n: Big; max_us: Big; p50: Big; p95: Big; a50: Big | null; a95: Big | null }[]
    >(
      `SELECT "signature", count(*) AS n, max("duration_us") AS max_us, ${percentiles("duration_us", "p")}, ${percentiles("answered_us", "a")} ` +
        `FROM "trace" WHERE ${filter} GROUP BY "signature" ORDER BY n DESC, "signature" LIMIT ${MAX_SIGNATURE_GROUPS}`,
      ...args,
    );
    const numOrNull = (v: Big | null) => (v === null ? null : num(v));
    return {
      groups: rows.map((r) => ({
        signature: r.signature,
        count: num(r.n),
        p50Us: num(r.p50),
        p95Us: num(r.p95),
        maxUs: num(r.max_us),
        answeredP50Us: numOrNull(r.a50),
        answeredP95Us: numOrNull(r.a95),
      })),
      percentilesOver: null,
    };
  }

  const counted = await prisma.$queryRawUnsafe<{ signature: string; n: Big; max_us: Big }[]>(
    `SELECT "signature", count(*) AS n, max("duration_us") AS max_us FROM "trace" WHERE ${filter} ` +
      `GROUP BY "signature" ORDER BY n DESC, "signature" LIMIT ${MAX_SIGNATURE_GROUPS}`,
    ...args,
  );
  const [{ total }] = (await prisma.$queryRawUnsafe<{ total: Big }[]>(
    `SELECT count(*) AS total FROM "trace" WHERE ${filter}`,
    ...args,
  )) as [{ total: Big }];
  // The nearest ranks of each signature's durations ("d") and, over the traces that answered,
  // of their answer times ("a"), in one pass over the sample.
  const rank = (what: string, column: string) =>
    `SELECT '${what}' AS what, "signature", n, rn, us FROM (SELECT "signature", "${column}" AS us, ` +
    `row_number() OVER (PARTITION BY "signature" ORDER BY "${column}") AS rn, count(*) OVER (PARTITION BY "signature") AS n ` +
    `FROM "recent" WHERE "${column}" IS NOT NULL) WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 95 + 99) / 100`;
  const ranked = await prisma.$queryRawUnsafe<{ what: "d" | "a"; signature: string; n: Big; rn: Big; us: Big }[]>(
    `WITH "recent" AS (SELECT "signature", "duration_us", "answered_us" FROM "trace" WHERE ${filter} ORDER BY "start_us" DESC LIMIT ${PERCENTILE_SAMPLE}) ` +
      `${rank("d", "duration_us")} UNION ALL ${rank("a", "answered_us")}`,
    ...args,
  );
  type Percentiles = { p50: number | null; p95: number | null };
  const percentiles = new Map<string, Percentiles>();
  for (const r of ranked) {
    const n = num(r.n);
    const rn = num(r.rn);
    const key = `${r.what}\t${r.signature}`;
    const entry = percentiles.get(key) ?? { p50: null, p95: null };
    if (rn === Math.floor((n * 50 + 99) / 100)) entry.p50 = num(r.us);
    if (rn === Math.floor((n * 95 + 99) / 100)) entry.p95 = num(r.us);
    percentiles.set(key, entry);
  }
  const groups: SignatureGroup[] = counted.map((r) => {
    const d = percentiles.get(`d\t${r.signature}`);
    const a = percentiles.get(`a\t${r.signature}`);
    return {
      signature: r.signature,
      count: num(r.n),
      p50Us: d?.p50 ?? null,
      p95Us: d?.p95 ?? null,
      maxUs: num(r.max_us),
      answeredP50Us: a?.p50 ?? null,
      answeredP95Us: a?.p95 ?? null,
    };
  });
  return { groups, percentilesOver: num(total) > PERCENTILE_SAMPLE ? PERCENTILE_SAMPLE : null };
}
