// glance database calls: showing one image (image, properties, locations, members).
import { columnsOf, SOFT_DELETE, type SqlQuery } from "./sqlText";

const IMAGE_COLUMNS = [
  "created_at",
  "updated_at",
  "deleted_at",
  "deleted",
  "id",
  "name",
  "disk_format",
  "container_format",
  "size",
  "virtual_size",
  "status",
  "visibility",
  "checksum",
  "os_hash_algo",
  "os_hash_value",
  "min_disk",
  "min_ram",
  "owner",
  "protected",
  "os_hidden",
];
const SELECT_IMAGE = `SELECT ${columnsOf("images", IMAGE_COLUMNS)} FROM images WHERE images.id = %(id_1)s`;

export function selectImage(imageId: string): SqlQuery {
  return { statement: SELECT_IMAGE, params: { id_1: imageId } };
}

const SELECT_PROPERTIES =
  `SELECT ${columnsOf("image_properties", [...SOFT_DELETE, "image_id", "name", "value"])} FROM image_properties ` +
  "WHERE %(param_1)s = image_properties.image_id AND image_properties.deleted = false";

export function selectImageProperties(imageId: string): SqlQuery {
  return { statement: SELECT_PROPERTIES, params: { param_1: imageId } };
}

const SELECT_LOCATIONS =
  `SELECT ${columnsOf("image_locations", [...SOFT_DELETE, "image_id", "value", "meta_data", "status"])} FROM image_locations ` +
  "WHERE %(param_1)s = image_locations.image_id";

export function selectImageLocations(imageId: string): SqlQuery {
  return { statement: SELECT_LOCATIONS, params: { param_1: imageId } };
}

const SELECT_MEMBERS =
  `SELECT ${columnsOf("image_members", [...SOFT_DELETE, "image_id", "member", "can_share", "status"])} FROM image_members ` +
  "WHERE image_members.image_id = %(image_id_1)s AND image_members.deleted = false AND image_members.member = %(member_1)s";

export function selectImageMembers(imageId: string, member: string): SqlQuery {
  return { statement: SELECT_MEMBERS, params: { image_id_1: imageId, member_1: member } };
}
