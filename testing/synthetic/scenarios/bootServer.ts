// POST /v2.1/servers: the classic OSprofiler trace. nova-api validates flavor, image (glance) and
// networks (neutron), records build requests, then casts to nova-conductor and answers 202. The
// rest runs after the response: conductor asks nova-scheduler (which asks placement), creates
// the instances and casts to nova-compute, whose spawned greenthread (nova.utils.spawn_n carries
// the profiler along) creates the port in neutron and has libvirt spawn the guest.
// units = instances booted by this one request (min_count).
import { SERVICE } from "../deployment";
import * as glanceSql from "../sql/glance";
import * as neutronSql from "../sql/neutron";
import * as novaSql from "../sql/nova";
import * as placementSql from "../sql/placement";
import { kwargsRepr, q, type Raised } from "./calls";
import type { Scenario, ScenarioInput } from "./scenario";

type Failure = "no-valid-host" | "no-ip-address" | "spawn-failed" | "db-deadlock";

export const bootServer: Scenario = {
  name: "boot-server",
  request: "POST /v2.1/servers",
  unit: "instances (min_count)",
  spansAtOneUnit: 72,
  spansPerUnit: 43.2,
  naturalUnits: (random) => (random.chance(0.85) ? 1 : random.int(2, 5)),
  build,
};

function build({ calls, tenant, units, fail }: ScenarioInput): void {
  const { b, random, pick, db, traced, wsgi } = calls;
  const failure: Failure | null = fail ? random.pick(["no-valid-host", "no-ip-address", "spawn-failed", "db-deadlock"] as const) : null;
  const api = pick(SERVICE.novaApi);
  const conductor = pick(SERVICE.novaConductor);
  const scheduler = pick(SERVICE.novaScheduler);
  const requestId = `req-${random.uuid()}`;
  const reservationId = `r-${calls.hex(8)}`;
  const name = `${random.pick(["web", "db", "ci", "worker", "k8s-node", "build"])}-${calls.hex(4)}`;
  const instances = Array.from({ length: units }, (_, i) => ({
    uuid: random.uuid(),
    index: i,
    name: units > 1 ? `${name}-${i + 1}` : name,
    compute: pick(SERVICE.novaCompute),
  }));
  const uuids = instances.map((instance) => instance.uuid);

  wsgi(api, "POST", "/v2.1/servers", "", () => {
    calls.maybeValidateToken(tenant.userId, tenant.projectId, tenant.roleIds);
    const createKwargs = kwargsRepr({
      display_name: q(name),
      min_count: String(units),
      max_count: String(units),
      key_name: q("ops-key"),
      requested_networks: `NetworkRequestList(objects=[NetworkRequest(${tenant.networkId})])`,
      availability_zone: "None",
    });
    traced(
      api,
      "compute_api",
      {
        name: "nova.compute.api.API.create",
        args: calls.args(
          "nova.compute.api.API.create",
          true,
          "Flavor(created_at=2023-01-09T12:00:00Z,flavorid='3',id=7,memory_mb=4096,name='m1.medium',root_gb=40,vcpus=2)",
          q(tenant.imageId),
        ),
        kwargs: createKwargs,
      },
      () => {
        db(api, novaSql.selectFlavor("3"));
        const glance = pick(SERVICE.glance);
        wsgi(glance, "GET", `/v2/images/${tenant.imageId}`, "", () => {
          db(glance, glanceSql.selectImage(tenant.imageId));
          db(glance, glanceSql.selectImageProperties(tenant.imageId));
          db(glance, glanceSql.selectImageLocations(tenant.imageId));
          db(glance, glanceSql.selectImageMembers(tenant.imageId, tenant.projectId));
        });
        traced(
          api,
          "neutron_api",
          {
            name: "nova.network.neutron.API.validate_networks",
            args: calls.args(
              "nova.network.neutron.API.validate_networks",
              true,
              `NetworkRequestList(objects=[NetworkRequest(${tenant.networkId})])`,
            ),
            kwargs: kwargsRepr({ num_instances: String(units) }),
          },
          () => {
            const neutron = pick(SERVICE.neutron);
            wsgi(neutron, "GET", "/v2.0/networks", `id=${tenant.networkId}`, () => {
              db(neutron, neutronSql.listNetworks([tenant.projectId], 1));
              db(neutron, neutronSql.selectSubnets(tenant.networkId));
              db(neutron, neutronSql.selectSegments(tenant.networkId));
            });
            const neutron2 = pick(SERVICE.neutron);
            wsgi(neutron2, "GET", "/v2.0/ports", `tenant_id=${tenant.projectId}&fields=id`, () =>
              db(neutron2, neutronSql.countPorts(tenant.projectId)),
            );
          },
        );
        db(api, novaSql.selectQuotas(tenant.projectId));
        db(api, novaSql.countInstances(tenant.projectId));
        for (const instance of instances) {
          db(api, novaSql.insertBuildRequest(instance.uuid, tenant.projectId, b.now()));
          db(api, novaSql.insertRequestSpec(instance.uuid, b.now()));
          db(api, novaSql.insertInstanceMapping(instance.uuid, tenant.projectId, tenant.userId, b.now()));
        }
        calls.rpcCast(
          api,
          "nova.conductor.rpcapi.ComputeTaskAPI.schedule_and_build_instances",
          conductor,
          "nova.conductor.manager.ComputeTaskManager.schedule_and_build_instances",
          kwargsRepr({
            build_requests: `[${uuids.length} BuildRequest]`,
            request_specs: `[${uuids.length} RequestSpec]`,
            image: "{...}",
            admin_password: "'***'",
            injected_files: "[]",
            requested_networks: "NetworkRequestList",
            block_device_mapping: "[BlockDeviceMapping]",
            tags: "[]",
          }),
          () => conduct(),
        );
      },
    );
  });

  function conduct(): void {
    const noHost = failure === "no-valid-host";
    const noHostError: Raised = {
      etype: "nova.exception.NoValidHost",
      message: "No valid host was found. There are not enough hosts available.",
    };
    calls.rpcCall(
      conductor,
      "nova.scheduler.rpcapi.SchedulerAPI.select_destinations",
      scheduler,
      "nova.scheduler.manager.SchedulerManager.select_destinations",
      kwargsRepr({
        instance_uuids: `[${uuids.slice(0, 3).map(q).join(", ")}${uuids.length > 3 ? ", ..." : ""}]`,
        return_objects: "True",
        return_alternates: "True",
      }),
      () => schedule(noHost),
      noHost
        ? {
            server: noHostError,
            client: {
              etype: "nova.exception_Remote.NoValidHost_Remote",
              message: `${noHostError.message}\nTraceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/oslo_messaging/rpc/server.py", line 244, in inner\n    return func(*args, **kwargs)\n`,
            },
          }
        : undefined,
    );
    db(conductor, novaSql.selectCellMappings());
    if (noHost) {
      for (const instance of instances)
        db(
          conductor,
          novaSql.updateInstanceState(instance.uuid, { vm: "error", task: null, power: 0, expected: "scheduling" }, "", b.now()),
        );
      return;
    }
    instances.forEach((instance, i) => {
      db(
        conductor,
        novaSql.insertInstance({
          uuid: instance.uuid,
          projectId: tenant.projectId,
          userId: tenant.userId,
          imageId: tenant.imageId,
          name: instance.name,
          index: instance.index,
          reservationId,
          us: b.now(),
        }),
      );
      if (failure === "db-deadlock" && i === 0) calls.dbDeadlockRetried(conductor, novaSql.insertInstanceExtra(instance.uuid, b.now()));
      else db(conductor, novaSql.insertInstanceExtra(instance.uuid, b.now()));
      db(conductor, novaSql.insertInstanceAction(instance.uuid, requestId, tenant.projectId, tenant.userId, b.now()));
      db(conductor, novaSql.insertBlockDeviceMapping(instance.uuid, tenant.imageId, random.uuid(), b.now()));
      db(conductor, novaSql.updateInstanceMapping(10_000 + i, b.now()));
      calls.rpcCast(
        conductor,
        "nova.compute.rpcapi.ComputeAPI.build_and_run_instance",
        instance.compute,
        "nova.compute.manager.ComputeManager.build_and_run_instance",
        kwargsRepr({
          instance: `Instance(uuid=${instance.uuid},vm_state='building',task_state='scheduling')`,
          host: q(instance.compute.host),
          image: "{...}",
          request_spec: "RequestSpec",
          filter_properties: "{...}",
          admin_password: "'***'",
          injected_files: "[]",
          requested_networks: "NetworkRequestList",
          security_groups: "['default']",
          block_device_mapping: "BlockDeviceMappingList",
          node: q(`${instance.compute.host}.cloud.internal`),
          limits: "{...}",
          host_list: "[Selection]",
          accel_uuids: "[]",
        }),
        () => buildOnCompute(instance, i === 0 ? failure : null),
      );
    });
  }

  function schedule(noHost: boolean): void {
    const placement = pick(SERVICE.placement);
    wsgi(
      placement,
      "GET",
      "/allocation_candidates",
      "limit=1000&resources=DISK_GB%3A40%2CMEMORY_MB%3A4096%2CVCPU%3A2&root_required=%21COMPUTE_STATUS_DISABLED",
      () => {
        db(placement, placementSql.selectProvidersWithCapacity(0, 2));
        db(placement, placementSql.selectProvidersWithCapacity(1, 4096));
        db(placement, placementSql.selectProvidersWithCapacity(2, 40));
        if (!noHost)
          db(placement, placementSql.selectProviderSummaries(instances.map((instance) => 1 + Number(instance.compute.host.slice(8)))));
      },
    );
    if (noHost) return;
    for (const instance of instances) db(scheduler, novaSql.selectComputeNode(instance.compute.host));
    for (const instance of instances) {
      const providerId = 1 + Number(instance.compute.host.slice(8));
      const placement2 = pick(SERVICE.placement);
      wsgi(placement2, "PUT", `/allocations/${instance.uuid}`, "", () => {
        db(placement2, placementSql.selectConsumer(instance.uuid));
        db(placement2, placementSql.insertConsumer(instance.uuid, b.now()));
        for (const [resourceClass, used] of [
          [0, 2],
          [1, 4096],
          [2, 40],
        ] as const)
          db(placement2, placementSql.insertAllocation(providerId, instance.uuid, resourceClass, used, b.now()));
        db(placement2, placementSql.bumpProviderGeneration(providerId, random.int(10, 9000), b.now()));
      });
    }
  }

  function buildOnCompute(instance: (typeof instances)[number], failure: Failure | null): void {
    const compute = instance.compute;
    db(compute, novaSql.selectInstance(instance.uuid));
    // build_and_run_instance returns as soon as it has spawned the build greenthread.
    b.fork(random.between(200, 2_000), () => {
      const actionEventId = random.int(100_000, 999_999);
      db(compute, novaSql.insertInstanceActionEvent("compute__do_build_and_run_instance", 50_000 + instance.index, compute.host, b.now()));
      db(compute, novaSql.selectBlockDeviceMappings(instance.uuid));
      db(
        compute,
        novaSql.updateInstanceState(
          instance.uuid,
          { vm: "building", task: "networking", power: 0, expected: "scheduling" },
          compute.host,
          b.now(),
        ),
      );
      const portId = random.uuid();
      const mac = `fa:16:3e:${calls.hex(2)}:${calls.hex(2)}:${calls.hex(2)}`;
      const ip = `10.0.${random.int(0, 255)}.${random.int(2, 254)}`;
      const noIp = failure === "no-ip-address";
      traced(
        compute,
        "neutron_api",
        {
          name: "nova.network.neutron.API.allocate_for_instance",
          args: calls.args("nova.network.neutron.API.allocate_for_instance", true, `Instance(uuid=${instance.uuid})`),
          kwargs: kwargsRepr({
            requested_networks: "NetworkRequestList",
            security_groups: "['default']",
            bind_host_id: q(compute.host),
            resource_provider_mapping: "None",
            network_arqs: "{}",
          }),
        },
        () => createPort(portId, mac, ip, noIp),
        noIp
          ? {
              etype: "neutronclient.common.exceptions.IpAddressGenerationFailureClient",
              message: `No more IP addresses available on network ${tenant.networkId}.\nNeutron server returns request_ids: ['req-${random.uuid()}']`,
            }
          : null,
      );
      if (noIp) {
        db(
          compute,
          novaSql.updateInstanceState(instance.uuid, { vm: "error", task: null, power: 0, expected: "networking" }, compute.host, b.now()),
        );
        db(compute, novaSql.updateInstanceActionEvent(actionEventId, "Error", b.now()));
        return;
      }
      db(compute, novaSql.updateInfoCache(instance.uuid, portId, mac, ip, b.now()));
      db(
        compute,
        novaSql.updateInstanceState(
          instance.uuid,
          { vm: "building", task: "spawning", power: 0, expected: "block_device_mapping" },
          compute.host,
          b.now(),
        ),
      );
      const spawnFailed = failure === "spawn-failed";
      traced(
        compute,
        "driver",
        {
          name: "nova.virt.libvirt.driver.LibvirtDriver.spawn",
          args: calls.args("nova.virt.libvirt.driver.LibvirtDriver.spawn", true, `Instance(uuid=${instance.uuid})`, "ImageMeta"),
          kwargs: kwargsRepr({
            injected_files: "[]",
            admin_password: "'***'",
            allocations: "{...}",
            network_info: `NetworkInfo([VIF({'id': '${portId}', 'address': '${mac}'})])`,
            block_device_info: "{...}",
            power_on: "True",
            accel_info: "[]",
          }),
        },
        () => spawn(portId, mac, spawnFailed),
        spawnFailed
          ? {
              etype: "libvirt.libvirtError",
              message:
                "internal error: qemu unexpectedly closed the monitor: 2024-05-01T10:11:12.123456Z qemu-system-x86_64: cannot set up guest memory 'pc.ram': Cannot allocate memory",
            }
          : null,
      );
      const final = spawnFailed
        ? { vm: "error", task: null, power: 0, expected: "spawning" }
        : { vm: "active", task: null, power: 1, expected: "spawning" };
      db(compute, novaSql.updateInstanceState(instance.uuid, final, compute.host, b.now()));
      db(compute, novaSql.updateInstanceActionEvent(actionEventId, spawnFailed ? "Error" : "Success", b.now()));
    });
  }

  function createPort(portId: string, mac: string, ip: string, noIp: boolean): void {
    const neutron = pick(SERVICE.neutron);
    wsgi(neutron, "POST", "/v2.0/ports", "", () => {
      db(neutron, neutronSql.selectDefaultSecurityGroup(tenant.projectId));
      db(neutron, neutronSql.insertStandardAttribute("ports", b.now()));
      db(
        neutron,
        neutronSql.insertPort({
          projectId: tenant.projectId,
          portId,
          networkId: tenant.networkId,
          mac,
          deviceId: "",
          standardAttrId: random.int(1_000, 900_000),
        }),
      );
      db(neutron, neutronSql.selectSubnets(tenant.networkId));
      db(neutron, neutronSql.selectIpamSubnet(tenant.subnetId));
      if (noIp) return; // IpAddressGenerationFailure: neutron answers 409
      db(neutron, neutronSql.insertIpamAllocation(ip, tenant.subnetId));
      db(neutron, neutronSql.insertIpAllocation(portId, ip, tenant.subnetId, tenant.networkId));
      db(neutron, neutronSql.insertSecurityGroupBinding(portId, random.uuid()));
      db(neutron, neutronSql.insertPortBinding(portId, ""));
    });
    if (noIp) return;
    const neutron2 = pick(SERVICE.neutron);
    wsgi(neutron2, "PUT", `/v2.0/ports/${portId}`, "", () => {
      db(neutron2, neutronSql.updatePortBinding(portId, "compute"));
      db(neutron2, neutronSql.insertProvisioningBlock(random.int(1_000, 900_000), "L2"));
    });
  }

  function spawn(portId: string, mac: string, fails: boolean): void {
    if (random.chance(0.4)) {
      // Image not cached on this compute yet: download it from glance.
      const glance = pick(SERVICE.glance);
      wsgi(glance, "GET", `/v2/images/${tenant.imageId}/file`, "", () => {
        db(glance, glanceSql.selectImage(tenant.imageId));
        db(glance, glanceSql.selectImageLocations(tenant.imageId));
        b.elapse(random.between(2_000_000, 12_000_000));
      });
    }
    b.elapse(random.between(300_000, 2_500_000)); // qemu-img create, config drive
    if (fails) return;
    traced(
      pickCompute(),
      "vif_driver",
      {
        name: "nova.virt.libvirt.vif.LibvirtGenericVIFDriver.plug",
        args: calls.args(
          "nova.virt.libvirt.vif.LibvirtGenericVIFDriver.plug",
          false,
          `Instance(uuid=...)`,
          `VIF({'id': '${portId}', 'address': '${mac}', 'type': 'ovs'})`,
        ),
        kwargs: "{}",
      },
      () => b.elapse(random.between(20_000, 200_000)),
    );
    b.elapse(random.between(800_000, 6_000_000)); // define the domain, wait for network-vif-plugged
  }

  function pickCompute() {
    return b.current().process;
  }
}
