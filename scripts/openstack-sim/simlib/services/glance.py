"""glance-api: image metadata and image download.

Showing an image checks its locations through the stores: the swift copy is
missing, so SwiftStore.get_size raises glance_store.exceptions.NotFound (the
one failing call of a boot trace; its stop carries etype/message) and glance
falls back to the file store, so the request still succeeds.
"""

import time

import sqlalchemy as sa
from osprofiler import profiler

from .. import databases as d
from ..auth import protected
from ..http import Router, json_response
from ..profiling import pretend_module


@pretend_module("glance_store.exceptions", "NotFound")
class StoreNotFound(Exception):
    pass


@profiler.trace_cls("driver")
@pretend_module("glance_store._drivers.swift.store", "Store")
class SwiftStore:
    def get_size(self, location):
        time.sleep(0.004)  # a HEAD to swift that comes back 404
        raise StoreNotFound("Image %s not found in swift container glance" % location.rsplit("/", 1)[-1])


@profiler.trace_cls("driver")
@pretend_module("glance_store._drivers.filesystem", "Store")
class FilesystemStore:
    def get_size(self, location):
        return 21430272

    def get(self, location, offset=0, chunk_size=65536):
        time.sleep(0.012)  # open + first read of the image file
        return 21430272


STORES = {"swift+config": SwiftStore(), "file": FilesystemStore()}


def create_app(runtime):
    engine = runtime.engine

    def load_image(connection, image_id):
        return connection.execute(sa.select(d.images).where(d.images.c.id == image_id)).first()

    def locations(connection, image_id):
        return connection.execute(
            sa.select(d.image_locations.c.value).where(
                d.image_locations.c.image_id == image_id, d.image_locations.c.status == "active"
            ).order_by(d.image_locations.c.id)
        ).scalars().all()

    def show_image(request, token, image_id):
        with engine.begin() as connection:
            image = load_image(connection, image_id)
            if image is None:
                return json_response(404, {"message": "No image found with ID %s" % image_id})
            properties = connection.execute(
                sa.select(d.image_properties.c.name, d.image_properties.c.value).where(d.image_properties.c.image_id == image_id)
            ).fetchall()
            urls = locations(connection, image_id)
        size = None
        for url in urls:
            try:
                size = STORES[url.split("://", 1)[0]].get_size(url)
                break
            except StoreNotFound:
                continue  # glance logs "Failed to get image size" and tries the next location
        body = {"id": image.id, "name": image.name, "status": image.status, "size": size, "disk_format": image.disk_format}
        body.update({name: value for name, value in properties})
        return json_response(200, body)

    def download_image(request, token, image_id):
        with engine.begin() as connection:
            image = load_image(connection, image_id)
            urls = [url for url in locations(connection, image_id) if url.startswith("file://")]
        if image is None or not urls:
            return json_response(404, {"message": "No image found with ID %s" % image_id})
        size = STORES["file"].get(urls[0])
        return json_response(200, {"id": image_id, "bytes": size})

    router = Router()
    router.add("GET", "/v2/images/(?P<image_id>[^/]+)", protected(runtime, show_image))
    router.add("GET", "/v2/images/(?P<image_id>[^/]+)/file", protected(runtime, download_image))
    return router
