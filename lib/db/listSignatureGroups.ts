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
    const rows = await prisma.$queryRawUnsafe<{ signature: string; n: Big; max_us: Big; p50: Big; p95: Big }[]>(
      `SELECT "signature", count(*) AS n, max("duration_us") AS max_us, ` +
        `percentile_disc(0.5) WITHIN GROUP (ORDER BY "duration_us") AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY "duration_us") AS p95 ` +
        `FROM "trace" WHERE ${filter} GROUP BY "signature" ORDER BY n DESC, "signature" LIMIT ${MAX_SIGNATURE_GROUPS}`,
      ...args,
    );
    return {
      groups: rows.map((r) => ({ signature: r.signature, count: num(r.n), p50Us: num(r.p50), p95Us: num(r.p95), maxUs: num(r.max_us) })),
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
  const ranked = await prisma.$queryRawUnsafe<{ signature: string; n: Big; rn: Big; duration_us: Big }[]>(
    `WITH "recent" AS (SELECT "signature", "duration_us" FROM "trace" WHERE ${filter} ORDER BY "start_us" DESC LIMIT ${PERCENTILE_SAMPLE}), ` +
      `"ranked" AS (SELECT "signature", "duration_us", row_number() OVER (PARTITION BY "signature" ORDER BY "duration_us") AS rn, ` +
      `count(*) OVER (PARTITION BY "signature") AS n FROM "recent") ` +
      `SELECT "signature", n, rn, "duration_us" FROM "ranked" WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 95 + 99) / 100`,
    ...args,
  );
  const percentiles = new Map<string, { p50: number; p95: number }>();
  for (const r of ranked) {
    const n = num(r.n);
    const rn = num(r.rn);
    const entry = percentiles.get(r.signature) ?? { p50: 0, p95: 0 };
    if (rn === Math.floor((n * 50 + 99) / 100)) entry.p50 = num(r.duration_us);
    if (rn === Math.floor((n * 95 + 99) / 100)) entry.p95 = num(r.duration_us);
    percentiles.set(r.signature, entry);
  }
  const groups: SignatureGroup[] = counted.map((r) => {
    const p = percentiles.get(r.signature);
    return { signature: r.signature, count: num(r.n), p50Us: p?.p50 ?? null, p95Us: p?.p95 ?? null, maxUs: num(r.max_us) };
  });
  return { groups, percentilesOver: num(total) > PERCENTILE_SAMPLE ? PERCENTILE_SAMPLE : null };
}
