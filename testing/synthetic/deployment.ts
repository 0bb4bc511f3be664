// The cloud the synthetic traffic comes from: three controllers, a rack of computes, storage
// nodes. Project/service/host/exchange values are the ones each OpenStack project passes to
// osprofiler.initializer.init_from_conf and oslo.messaging, quirks included:
//   nova     service = binary or, for the API under WSGI, the paste app name "osapi_compute";
//            host = CONF.host; context = admin context
//   cinder   the API's WSGIService name "osapi_volume"; cinder-volume's host is "host@backend"
//   neutron  "neutron-server"; glance service "api" and host = bind_host (an IP), context {};
//   keystone service = the WSGI app name ("public"), host left at its default "0.0.0.0";
//   placement service "placement" with host "??" (literally), no control_exchange of its own.
import { createRandom } from "./createRandom";
import type { ServiceProcess } from "./types";
import type { JsonObject } from "../../lib/notification/types";

export type Deployment = {
  controllers: readonly string[];
  computes: readonly string[];
  storage: readonly string[];
  /** Every process of one service (one per host it runs on), by "<project>/<service>". */
  processes: ReadonlyMap<string, readonly ServiceProcess[]>;
  /** The cloud's users and projects: the same few keep coming back, as in a real cloud. */
  tenants: readonly Tenant[];
};

/** A keystone user in a project, with what its requests touch. */
export type Tenant = {
  projectId: string;
  userId: string;
  userName: string;
  roleIds: readonly string[];
  imageId: string;
  networkId: string;
  subnetId: string;
};

const CONTROLLERS = ["controller-0", "controller-1", "controller-2"] as const;
const COMPUTE_COUNT = 24;
const STORAGE = ["storage-0", "storage-1", "storage-2"] as const;

/** "<project>/<service>" keys of every service the scenarios use. */
export const SERVICE = {
  novaApi: "nova/osapi_compute",
  novaConductor: "nova/nova-conductor",
  novaScheduler: "nova/nova-scheduler",
  novaCompute: "nova/nova-compute",
  neutron: "neutron/neutron-server",
  glance: "glance/api",
  keystone: "keystone/public",
  placement: "placement/placement",
  cinderApi: "cinder/osapi_volume",
  cinderScheduler: "cinder/cinder-scheduler",
  cinderVolume: "cinder/cinder-volume",
  heatApi: "heat/heat-api",
  heatEngine: "heat/heat-engine",
} as const;

export type ServiceKey = (typeof SERVICE)[keyof typeof SERVICE];

/** The same cloud every time: the deployment is part of the data, not of the seed. */
export function createDeployment(): Deployment {
  const random = createRandom("ostrace synthetic deployment");
  const computes = Array.from({ length: COMPUTE_COUNT }, (_, i) => `compute-${i}`);
  const ip = (host: string) => `10.20.0.${11 + CONTROLLERS.indexOf(host as (typeof CONTROLLERS)[number])}`;

  // oslo.context's admin context as RequestContext.to_dict() gives it, after oslo.messaging's
  // _sanitize_context; the request id is fixed per process (made once at service start).
  const adminContext = (): JsonObject => ({
    user: null,
    project_id: null,
    system_scope: null,
    domain: null,
    user_domain: null,
    project_domain: null,
    is_admin: true,
    request_id: `req-${random.uuid()}`,
    global_request_id: null,
    roles: [],
    user_id: null,
    user_name: null,
    project_name: null,
  });

  const processes = new Map<string, ServiceProcess[]>();
  const add = (key: ServiceKey, exchange: string, hosts: readonly string[], publisher: (host: string) => string, withContext: boolean) => {
    const [project, service] = key.split("/") as [string, string];
    processes.set(
      key,
      hosts.map((host) => ({
        project,
        service,
        host,
        publisherId: publisher(host),
        exchange,
        context: Object.freeze(withContext ? adminContext() : {}),
      })),
    );
  };
  const same = (host: string) => host;
  add(SERVICE.novaApi, "nova", CONTROLLERS, same, true);
  add(SERVICE.novaConductor, "nova", CONTROLLERS, same, true);
  add(SERVICE.novaScheduler, "nova", CONTROLLERS, same, true);
  add(SERVICE.novaCompute, "nova", computes, same, true);
  add(SERVICE.neutron, "neutron", CONTROLLERS, same, true);
  add(SERVICE.glance, "glance", CONTROLLERS, ip, false);
  add(SERVICE.keystone, "keystone", CONTROLLERS, () => "0.0.0.0", false);
  add(SERVICE.placement, "openstack", CONTROLLERS, () => "??", false);
  add(SERVICE.cinderApi, "cinder", CONTROLLERS, same, true);
  add(SERVICE.cinderScheduler, "cinder", CONTROLLERS, same, true);
  add(SERVICE.cinderVolume, "cinder", STORAGE, (host) => `${host}@ceph`, true);
  add(SERVICE.heatApi, "heat", CONTROLLERS, same, true);
  add(SERVICE.heatEngine, "heat", CONTROLLERS, same, true);
  const roles = Array.from({ length: 4 }, () => random.hex32());
  const tenants = Array.from({ length: 16 }, (_, i): Tenant => ({
    projectId: random.hex32(),
    userId: random.hex32(),
    userName: ["ops", "ci-runner", "alice", "bob", "svc-backup", "carol"][i % 6]!,
    roleIds: roles.slice(0, 1 + (i % roles.length)),
    imageId: random.uuid(),
    networkId: random.uuid(),
    subnetId: random.uuid(),
  }));
  return { controllers: CONTROLLERS, computes, storage: STORAGE, processes, tenants };
}
