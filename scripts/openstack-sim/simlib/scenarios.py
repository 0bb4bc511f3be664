"""What the operator runs. Each scenario is one CLI command, hence one trace."""

from . import databases as d


def boot(client, count):
    """openstack server create --flavor m1.tiny --image cirros --network private [--min-count N] vm"""
    client.login()
    client.call("nova-api", "GET", "/v2.1/flavors/%s" % d.FLAVOR_ID)
    client.call("nova-api", "POST", "/v2.1/servers", {"server": {
        "name": "vm",
        "imageRef": d.IMAGE_ID,
        "flavorRef": d.FLAVOR_ID,
        "networks": [{"uuid": d.NETWORK_ID}],
        "min_count": count,
        "max_count": count,
    }})


def list_servers(client, count):  # count only applies to boot
    """openstack server list --long"""
    client.login()
    client.call("nova-api", "GET", "/v2.1/servers/detail?limit=20")


SCENARIOS = {"boot": boot, "list": list_servers}
