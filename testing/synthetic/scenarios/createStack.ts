// POST /v1/{tenant_id}/stacks on heat-api for a template whose resource is itself a stack
// (OS::Heat::Stack), nested again and again: each level is an RPC from heat-engine to
// heat-engine, so the trace is a deep chain. Heat caps nesting at max_nested_stack_depth (5 by
// default); beyond that this is the deep-chain shape for UI benchmarks. units = nesting levels.
// Asynchronous as the real one: heat-engine's create_stack stores the stack, starts its
// creation in a thread of its own (thread_group_mgr.start_with_lock: Stack.create, traced) and
// returns, so heat-api answers 201 within milliseconds while the creation (the nested levels)
// goes on after it. Only a template that fails validation at the top fails the request itself.
// Built with explicit start/stop loops (no recursion), so 100k spans deep is fine.
import { SERVICE } from "../deployment";
import * as heatSql from "../sql/heat";
import { kwargsRepr, q, type Raised } from "./calls";
import type { Scenario, ScenarioInput } from "./scenario";
import type { ServiceProcess } from "../types";

export const createStack: Scenario = {
  name: "create-stack",
  request: "POST /v1/{tenant_id}/stacks",
  unit: "nesting levels",
  spansAtOneUnit: 10,
  spansPerUnit: 9,
  naturalUnits: (random) => random.int(1, 4),
  build,
};

function build({ calls, tenant, units, fail }: ScenarioInput): void {
  const { b, random, pick, db } = calls;
  const api = pick(SERVICE.heatApi);
  const levels: { engine: ServiceProcess; stackId: string; engineId: string }[] = [];
  const rootStackId = random.uuid();
  const stackName = `${random.pick(["k8s", "lamp", "ha-db", "ci"])}-${calls.hex(4)}`;
  // The innermost stack fails validation; the error travels back up every RPC hop.
  const origin: Raised = {
    etype: "heat.common.exception.StackValidationFailed",
    message:
      "Property error: resources.server.properties.flavor: Error validating value 'm1.huge': The Flavor ID (m1.huge) could not be found.",
  };
  const remote: Raised = { etype: "heat.common.exception_Remote.StackValidationFailed_Remote", message: origin.message };

  /** The RPC call that creates the stack of `level` (opened: the client's span, then the engine's), and the rows it stores. */
  const callCreate = (level: number) => {
    const caller = level === 0 ? api : levels[level - 1]!.engine;
    const engine = pick(SERVICE.heatEngine);
    const stackId = level === 0 ? rootStackId : random.uuid();
    const engineId = random.uuid();
    levels.push({ engine, stackId, engineId });
    const name = level === 0 ? stackName : `${stackName}-tier-${calls.hex(12)}`;
    const kwargs = kwargsRepr({
      stack_name: q(name),
      template: "{...}",
      params: "{}",
      files: "{}",
      args: "{'timeout_mins': 60}",
      environment_files: "None",
      nested_depth: String(level),
      user_creds_id: level ? "42" : "None",
      stack_user_project_id: "None",
      parent_resource_name: level ? q("tier") : "None",
    });
    b.start(caller, "rpc", {
      function: {
        name: "heat.rpc.client.EngineClient.create_stack",
        args: calls.args("heat.rpc.client.EngineClient.create_stack", true),
        kwargs,
      },
    });
    b.elapse(random.logNormal(2_000, 0.5, 400, 50_000));
    b.start(engine, "rpc", {
      function: {
        name: "heat.engine.service.EngineService.create_stack",
        args: calls.args("heat.engine.service.EngineService.create_stack", true),
        kwargs,
      },
    });
    db(engine, heatSql.insertRawTemplate(b.now()));
    db(
      engine,
      heatSql.insertStack({
        id: stackId,
        name,
        templateId: random.int(1, 900_000),
        tenant: tenant.projectId,
        ownerId: level ? levels[level - 1]!.stackId : null,
        depth: level,
        us: b.now(),
      }),
    );
  };
  /** The creation of the stack of `level` after it is stored: its lock, and the resource holding the next level. */
  const lockAndNest = (level: number) => {
    const { engine, stackId, engineId } = levels[level]!;
    db(engine, heatSql.insertStackLock(stackId, engineId, b.now()));
    if (level < units - 1) db(engine, heatSql.insertResource(random.uuid(), "tier", stackId, rootStackId, b.now()));
    b.elapse(random.logNormal(3_000, 0.6, 300, 100_000));
  };
  /** The end of the creation of `level`: its resource and event when it succeeded, and the lock released. */
  const complete = (level: number) => {
    const { engine, stackId, engineId } = levels[level]!;
    const child = level < units - 1 ? levels[level + 1]!.stackId : null;
    if (!fail) {
      db(engine, heatSql.updateResource(random.int(1, 900_000), "COMPLETE", child, engineId, b.now()));
      db(engine, heatSql.insertEvent(stackId, random.uuid(), "CREATE_COMPLETE", child, b.now()));
    }
    db(engine, heatSql.deleteStackLock(stackId, engineId));
  };

  b.elapse(random.logNormal(900, 0.5, 250, 20_000));
  b.start(api, "wsgi", { request: { path: `/v1/${tenant.projectId}/stacks`, query: "", method: "POST", scheme: "http" } });
  b.elapse(random.logNormal(1_500, 0.5, 200, 30_000));
  callCreate(0);
  if (fail && units === 1) {
    // The top template fails validation before anything is started: the request itself fails.
    lockAndNest(0);
    complete(0);
    b.stop(origin);
    b.elapse(random.logNormal(1_500, 0.5, 300, 50_000));
    b.stop(remote);
    b.elapse(random.logNormal(700, 0.6, 80, 40_000));
    b.stop(); // heat-api turns the error into a 400 response
    return;
  }
  const engine0 = levels[0]!.engine;
  b.fork(random.logNormal(300, 0.5, 50, 5_000), () => {
    b.start(engine0, "Stack.create", {
      function: { name: "heat.engine.stack.Stack.create", args: calls.args("heat.engine.stack.Stack.create", false), kwargs: "{}" },
    });
    lockAndNest(0);
    for (let level = 1; level < units; level++) {
      callCreate(level);
      lockAndNest(level);
    }
    for (let level = units - 1; level >= 1; level--) {
      complete(level);
      b.stop(fail ? (level === units - 1 ? origin : remote) : null);
      b.elapse(random.logNormal(1_500, 0.5, 300, 50_000));
      b.stop(fail ? remote : null);
    }
    complete(0);
    b.stop(fail ? remote : null); // the stack goes CREATE_FAILED; nobody waits for it
  });
  // create_stack returns the new stack's identity as soon as its creation is started.
  b.elapse(random.logNormal(400, 0.5, 80, 10_000));
  b.stop();
  b.elapse(random.logNormal(1_000, 0.5, 200, 30_000));
  b.stop();
  b.elapse(random.logNormal(700, 0.6, 80, 40_000));
  b.stop(); // 201 Created
}
