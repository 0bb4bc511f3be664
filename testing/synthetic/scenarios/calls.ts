// The traced calls OpenStack services make, with the info OSprofiler attaches to each:
//   wsgi   osprofiler.web.WsgiMiddleware       {"request": {"path", "query", "method", "scheme"}}
//   db     osprofiler.sqlalchemy               {"db": {"statement", "params"}}; errors via handle_error
//   others @profiler.trace / trace_cls          {"function": {"name", "args", "kwargs"}} (str() of them)
// and realistic durations around each (network hops, interpreter time, slow queries).
import type { Random } from "../createRandom";
import type { TraceBuilder } from "../createTraceBuilder";
import type { Deployment, ServiceKey } from "../deployment";
import * as keystoneSql from "../sql/keystone";
import type { SqlQuery } from "../sql/sqlText";
import type { ServiceProcess } from "../types";

/** An exception as the stop of the call that raised it reports it. */
export type Raised = { etype: string; message: string };

export type Calls = ReturnType<typeof createCalls>;

/**
 * `lean`: a small trace of a requested size; optional calls (a token validation on a cache
 * miss) would change its size by half, so they are left out.
 */
export function createCalls(b: TraceBuilder, deployment: Deployment, lean = false) {
  const random: Random = b.random;

  const pick = (key: ServiceKey, host?: string): ServiceProcess => {
    const all = deployment.processes.get(key);
    if (!all || all.length === 0) throw new Error(`no process runs ${key}`);
    return (host && all.find((p) => p.host === host)) || random.pick(all);
  };

  /** A database round trip: a few hundred microseconds, sometimes a slow one. */
  const queryUs = () => (random.chance(0.01) ? random.between(40_000, 400_000) : random.logNormal(380, 0.75, 70, 30_000));

  const db = (process: ServiceProcess, query: SqlQuery, raised?: Raised & { chained?: string }) => {
    b.start(process, "db", { db: { statement: query.statement, params: query.params } });
    b.elapse(queryUs());
    // osprofiler.sqlalchemy.handle_error: etype/message of the DBAPI error plus both exception texts.
    b.stop(
      raised
        ? {
            etype: raised.etype,
            message: raised.message,
            db: { original_exception: raised.message, chained_exception: raised.chained ?? "None" },
          }
        : null,
    );
  };

  /** A deadlock that oslo.db's retry decorator absorbs: the failed statement, a back-off, the retry. */
  const dbDeadlockRetried = (process: ServiceProcess, query: SqlQuery) => {
    const message = "(1213, 'Deadlock found when trying to get lock; try restarting transaction')";
    db(process, query, { etype: "pymysql.err.OperationalError", message, chained: `(pymysql.err.OperationalError) ${message}` });
    b.elapse(random.between(100_000, 600_000));
    db(process, query);
  };

  /** A method traced by @profiler.trace / trace_cls: its name and str() of its arguments. */
  const traced = (
    process: ServiceProcess,
    name: string,
    fn: { name: string; args: string; kwargs: string },
    work?: () => void,
    raised?: Raised | null,
  ) => {
    b.start(process, name, { function: { name: fn.name, args: fn.args, kwargs: fn.kwargs } });
    b.elapse(random.logNormal(250, 0.8, 20, 20_000));
    work?.();
    b.elapse(random.logNormal(150, 0.8, 10, 10_000));
    b.stop(raised ?? null);
  };

  /**
   * An HTTP request to another service carrying the X-Trace-Info/X-Trace-HMAC headers: the
   * callee's WsgiMiddleware opens a "wsgi" call whose parent is the caller's current call.
   */
  const wsgi = (process: ServiceProcess, method: string, path: string, query: string, work?: () => void, raised?: Raised | null) => {
    b.elapse(random.logNormal(900, 0.5, 250, 20_000)); // client, load balancer, uwsgi queue
    b.start(process, "wsgi", { request: { path, query, method, scheme: "http" } });
    b.elapse(random.logNormal(1_200, 0.5, 200, 30_000)); // paste pipeline, policy checks
    work?.();
    b.elapse(random.logNormal(700, 0.6, 80, 40_000)); // view building, JSON encoding
    b.stop(raised ?? null);
    b.elapse(random.logNormal(500, 0.5, 100, 10_000));
  };

  /** The RPC client method (traced "rpc" in the caller) and, over the bus, the server's method. */
  const rpcCall = (
    caller: ServiceProcess,
    client: string,
    callee: ServiceProcess,
    server: string,
    kwargs: string,
    work: () => void,
    raised?: { server?: Raised; client?: Raised },
  ) => {
    traced(
      caller,
      "rpc",
      { name: client, args: args(client, true), kwargs },
      () => {
        b.elapse(random.logNormal(2_000, 0.5, 400, 50_000)); // publish, broker, consumer pick-up
        traced(callee, "rpc", { name: server, args: args(server, true), kwargs }, work, raised?.server);
        b.elapse(random.logNormal(1_500, 0.5, 300, 50_000)); // reply queue
      },
      raised?.client,
    );
  };

  /** An RPC cast: the client returns at once; the server's work runs on in its own time. */
  const rpcCast = (
    caller: ServiceProcess,
    client: string,
    callee: ServiceProcess,
    server: string,
    kwargs: string,
    work: () => void,
    raised?: Raised,
  ) => {
    traced(caller, "rpc", { name: client, args: args(client, true), kwargs }, () => {
      b.fork(random.logNormal(4_000, 0.6, 600, 200_000), () =>
        traced(callee, "rpc", { name: server, args: args(server, true), kwargs }, work, raised),
      );
    });
  };

  /**
   * keystonemiddleware's auth_token validating the caller's token with keystone, on a cache
   * miss: a GET /v3/auth/tokens nested in the service's own wsgi call.
   */
  const maybeValidateToken = (userId: string, projectId: string, roleIds: readonly string[]) => {
    if (!random.chance(0.3) || lean) return;
    const keystone = pick("keystone/public");
    wsgi(keystone, "GET", "/v3/auth/tokens", "", () => {
      db(keystone, keystoneSql.selectRevocationEvents());
      db(keystone, keystoneSql.selectUser(userId));
      db(keystone, keystoneSql.selectProject(projectId));
      db(keystone, keystoneSql.selectAssignments([userId], projectId));
      db(keystone, keystoneSql.selectRoles(roleIds));
    });
  };

  /** Python's repr of an object: "<module.Class object at 0x7f...>". */
  const objectRepr = (qualifiedClass: string) => `<${qualifiedClass} object at 0x7f${hex(9)}0>`; // 16-byte aligned
  const hex = (digits: number) => {
    let text = "";
    while (text.length < digits) text += random.uint32().toString(16).padStart(8, "0");
    return text.slice(0, digits);
  };

  /** str(args) of a bound method call: (self, context) as Python prints them. */
  const args = (qualifiedMethod: string, withContext: boolean, ...more: string[]) => {
    const owner = qualifiedMethod.slice(0, qualifiedMethod.lastIndexOf("."));
    const project = qualifiedMethod.slice(0, qualifiedMethod.indexOf("."));
    const items = [objectRepr(owner), ...(withContext ? [objectRepr(`${project}.context.RequestContext`)] : []), ...more];
    return `(${items.join(", ")})`;
  };

  return { b, random, pick, db, dbDeadlockRetried, traced, wsgi, rpcCall, rpcCast, maybeValidateToken, objectRepr, args, hex };
}

/** Python's repr of a str: single-quoted. */
export function q(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** str(kwargs) for a method call: values are already Python reprs (see q()). */
export function kwargsRepr(kwargs: Record<string, string>): string {
  return `{${Object.entries(kwargs)
    .map(([key, value]) => `'${key}': ${value}`)
    .join(", ")}}`;
}
