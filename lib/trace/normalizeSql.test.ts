import { describe, expect, it } from "vitest";
import { normalizeSql } from "./normalizeSql";

describe("normalizeSql", () => {
  it("folds literals, whitespace, case and a trailing semicolon", () => {
    const shape = "select * from instances where id = ? and name = ?";
    expect(normalizeSql("SELECT * FROM instances WHERE id = 1 AND name = 'vm-1'")).toBe(shape);
    expect(normalizeSql("select *\n\tfrom   instances where id=42 and name='it''s'  ;")).toBe(shape);
    expect(normalizeSql("SELECT * FROM instances WHERE id = -7 AND name = E'a\\'b'")).toBe(shape);
    expect(normalizeSql("SELECT * FROM instances WHERE id = 1.5e-3 AND name = N'x'")).toBe(shape);
  });

  it("folds every placeholder style", () => {
    for (const sql of [
      "UPDATE t SET a = ? WHERE b = ?",
      "UPDATE t SET a = %s WHERE b = %s",
      "UPDATE t SET a = %(a)s WHERE b = %(b_1)s",
      "UPDATE t SET a = :a WHERE b = :b_1",
      "UPDATE t SET a = $1 WHERE b = $2",
      "UPDATE t SET a = 0x1F WHERE b = X'00ff'",
      // SQLAlchemy's UPDATE ... SET and PyMySQL/psycopg parameters: no space after "="
      "UPDATE t SET a=%(a)s WHERE b=%(b_1)s",
      "UPDATE t SET a=%s WHERE b=%s",
      "UPDATE t SET a=:a WHERE b=:b_1",
    ]) {
      expect(normalizeSql(sql)).toBe("update t set a = ? where b = ?");
    }
  });

  it("folds IN-lists and VALUES lists of any length", () => {
    expect(normalizeSql("SELECT a FROM t WHERE id IN (1, 2, 3)")).toBe("select a from t where id in (…)");
    expect(normalizeSql("SELECT a FROM t WHERE id IN (?)")).toBe("select a from t where id in (…)");
    expect(normalizeSql("SELECT a FROM t WHERE id IN ('x','y')")).toBe("select a from t where id in (…)");
    expect(normalizeSql("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')")).toBe("insert into t(a, b) values (…)");
    expect(normalizeSql("INSERT INTO t (a, b) VALUES (?, ?)")).toBe("insert into t(a, b) values (…)");
  });

  it("keeps identifiers, quoted identifiers, casts, operators and function calls", () => {
    expect(normalizeSql('SELECT "Instances"."UUID", count(*), t1.col_2::text FROM "Instances" JOIN t1 ON t1.x <= "Instances".y - 1')).toBe(
      'select "Instances"."UUID", count(*), t1.col_2::text from "Instances" join t1 on t1.x <= "Instances".y - ?',
    );
    expect(normalizeSql("SELECT `a` FROM `t` WHERE b <> 2")).toBe("select `a` from `t` where b <> ?");
  });

  it("drops comments and keeps quotes inside strings from ending them early", () => {
    expect(normalizeSql("SELECT a -- the a column\nFROM t /* hint: 'x' */ WHERE b = 'it''s -- not a comment'")).toBe(
      "select a from t where b = ?",
    );
    expect(normalizeSql("SELECT $$ a 'b' $$, $tag$x$tag$ FROM t")).toBe("select ?, ? from t");
  });

  it("copes with unterminated input", () => {
    expect(normalizeSql("SELECT 'abc")).toBe("select ?");
    expect(normalizeSql("SELECT /* abc")).toBe("select");
    expect(normalizeSql("")).toBe("");
  });

  it("groups the statements SQLAlchemy generates for OpenStack services, value by value", () => {
    // nova on MySQL (pymysql paramstyle), the same query for two instances:
    const nova = (uuid: string) =>
      "SELECT instances.created_at AS instances_created_at, instances.uuid AS instances_uuid \nFROM instances \n" +
      `WHERE instances.deleted = %(deleted_1)s AND instances.uuid = '${uuid}' \n LIMIT %(param_1)s`;
    expect(normalizeSql(nova("3f1c"))).toBe(normalizeSql(nova("9a2b")));
    expect(normalizeSql(nova("3f1c"))).toBe(
      "select instances.created_at as instances_created_at, instances.uuid as instances_uuid from instances where instances.deleted = ? and instances.uuid = ? limit ?",
    );
    // neutron on PostgreSQL (psycopg2), an expanded IN of any length:
    const ports = (n: number) =>
      `SELECT ports.id FROM ports WHERE ports.network_id IN (${Array.from({ length: n }, (_, i) => `%(network_id_1_${i + 1})s`).join(", ")})`;
    expect(normalizeSql(ports(1))).toBe(normalizeSql(ports(40)));
    // keystone on SQLite (qmark), a multi-row insert:
    expect(normalizeSql("INSERT INTO revocation_event (domain_id, issued_before) VALUES (?, ?), (?, ?)")).toBe(
      normalizeSql("insert into revocation_event (domain_id, issued_before) values (?, ?)"),
    );
  });

  it("keeps statements of different shapes apart", () => {
    const shapes = new Set(
      [
        "SELECT a FROM t WHERE b = 1",
        "SELECT a FROM t WHERE c = 1",
        "SELECT a FROM t WHERE b = 1 AND c = 2",
        "SELECT a FROM t WHERE b IN (1, 2)",
        "SELECT a FROM t WHERE b IS NULL",
        "SELECT a FROM u WHERE b = 1",
        "UPDATE t SET b = 1",
      ].map(normalizeSql),
    );
    expect(shapes.size).toBe(7);
  });
});
