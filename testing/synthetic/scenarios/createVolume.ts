// POST /v3/{project_id}/volumes: cinder-api reserves quota and records the volume, casts to
// cinder-scheduler and answers 202; the scheduler picks a backend and casts to cinder-volume,
// whose (traced) driver creates the RBD image, after the response. units = volumes created
// (more than one: a group created from a source group, one driver call per volume).
import { SERVICE } from "../deployment";
import * as cinderSql from "../sql/cinder";
import * as glanceSql from "../sql/glance";
import { kwargsRepr, q } from "./calls";
import type { Scenario, ScenarioInput } from "./scenario";

export const createVolume: Scenario = {
  name: "create-volume",
  request: "POST /v3/{project_id}/volumes",
  unit: "volumes",
  spansAtOneUnit: 22,
  spansPerUnit: 9,
  naturalUnits: () => 1,
  build,
};

function build({ calls, tenant, units, fail }: ScenarioInput): void {
  const { b, random, pick, db, traced, wsgi } = calls;
  const api = pick(SERVICE.cinderApi);
  const scheduler = pick(SERVICE.cinderScheduler);
  const volume = pick(SERVICE.cinderVolume);
  const typeId = random.uuid();
  const fromImage = units === 1 && random.chance(0.4);
  const volumes = Array.from({ length: units }, () => ({ id: random.uuid(), size: random.pick([10, 20, 50, 100, 500]) }));
  const failAt = fail ? units - 1 : -1; // the backend fills up on the last volume
  const path = units === 1 ? `/v3/${tenant.projectId}/volumes` : `/v3/${tenant.projectId}/groups/action`;

  wsgi(api, "POST", path, "", () => {
    calls.maybeValidateToken(tenant.userId, tenant.projectId, tenant.roleIds);
    traced(
      api,
      "volume_api",
      {
        name: units === 1 ? "cinder.volume.api.API.create" : "cinder.group.api.API.create_from_src",
        args: calls.args("cinder.volume.api.API.create", true, String(volumes[0]!.size), q(`vol-${calls.hex(6)}`), "''"),
        kwargs: kwargsRepr({
          volume_type: `VolumeType(id=${typeId},name='ceph-ssd')`,
          availability_zone: "None",
          image_id: fromImage ? q(tenant.imageId) : "None",
          multiattach: "False",
        }),
      },
      () => {
        db(api, cinderSql.selectVolumeType("ceph-ssd"));
        db(api, cinderSql.selectExtraSpecs(typeId));
        if (fromImage) {
          const glance = pick(SERVICE.glance);
          wsgi(glance, "GET", `/v2/images/${tenant.imageId}`, "", () => {
            db(glance, glanceSql.selectImage(tenant.imageId));
            db(glance, glanceSql.selectImageLocations(tenant.imageId));
          });
        }
        db(api, cinderSql.selectQuotaUsagesForUpdate(tenant.projectId));
        const reservations = volumes.flatMap(() => [random.uuid(), random.uuid()]);
        reservations.forEach((uuid, i) =>
          db(
            api,
            cinderSql.insertReservation(
              uuid,
              300 + (i % 2),
              tenant.projectId,
              i % 2 ? "gigabytes" : "volumes",
              i % 2 ? volumes[i >> 1]!.size : 1,
              b.now(),
            ),
          ),
        );
        for (const v of volumes)
          db(
            api,
            cinderSql.insertVolume({
              id: v.id,
              userId: tenant.userId,
              projectId: tenant.projectId,
              size: v.size,
              typeId,
              name: `vol-${calls.hex(6)}`,
              us: b.now(),
            }),
          );
        for (const uuid of reservations) db(api, cinderSql.commitReservation(uuid, b.now()));
        calls.rpcCast(
          api,
          "cinder.scheduler.rpcapi.SchedulerAPI.create_volume",
          scheduler,
          "cinder.scheduler.manager.SchedulerManager.create_volume",
          kwargsRepr({
            volume: `Volume(id=${volumes[0]!.id})`,
            snapshot_id: "None",
            image_id: fromImage ? q(tenant.imageId) : "None",
            request_spec: "RequestSpec",
            filter_properties: "{}",
            backup_id: "None",
          }),
          () => {
            db(scheduler, cinderSql.selectVolumeServices());
            for (const v of volumes) db(scheduler, cinderSql.updateVolume(v.id, "creating", `${volume.publisherId}#ceph-ssd`, b.now()));
            calls.rpcCast(
              scheduler,
              "cinder.volume.rpcapi.VolumeAPI.create_volume",
              volume,
              "cinder.volume.manager.VolumeManager.create_volume",
              kwargsRepr({
                volume: `Volume(id=${volumes[0]!.id})`,
                request_spec: "RequestSpec",
                filter_properties: "{}",
                allow_reschedule: "True",
              }),
              () => createOnBackend(),
              failAt >= 0 ? backendError() : undefined,
            );
          },
        );
      },
    );
  });

  function createOnBackend(): void {
    volumes.forEach((v, i) => {
      if (failAt >= 0 && i > failAt) return;
      db(volume, cinderSql.updateVolume(v.id, "creating", volume.publisherId, b.now()));
      const method = fromImage ? "clone_image" : "create_volume";
      traced(
        volume,
        "driver",
        {
          name: `cinder.volume.drivers.rbd.RBDDriver.${method}`,
          args: calls.args(`cinder.volume.drivers.rbd.RBDDriver.${method}`, false, `Volume(id=${v.id},size=${v.size})`),
          kwargs: "{}",
        },
        () => {
          b.elapse(fromImage ? random.between(3_000_000, 25_000_000) : random.logNormal(600_000, 0.6, 80_000, 8_000_000));
        },
        i === failAt ? backendError() : null,
      );
      if (i === failAt) {
        db(volume, cinderSql.updateVolume(v.id, "error", volume.publisherId, b.now()));
        return;
      }
      db(volume, cinderSql.updateVolume(v.id, "available", volume.publisherId, b.now()));
    });
  }

  function backendError() {
    return {
      etype: "cinder.exception.VolumeBackendAPIException",
      message:
        "Bad or unexpected response from the storage volume backend API: error creating image: [errno 28] RADOS out of space (error creating image)",
    };
  }
}
