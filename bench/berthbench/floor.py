"""The engine's floor for a cluster's start and stop: the fewest requests, straight over the engine's socket, made
as early as the dependency order allows. No tool that keeps that order can ask the engine for less.

    python3 floor.py start|stop|none PLAN.json

PLAN names the image, the network, the run's label and the services by level, each with its host port. Start:
creates the network, each level's containers while the level before starts, starts a level's containers at once and
waits until each answers HTTP. Stop: stops the levels in reverse order, going on to the next level when the engine's
events say the level's processes died, removes each container after its stop, then the network. None: reads the
plan and ends, the floor's own start-up.
"""

import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse
import urllib.request

SOCKET = "/var/run/docker.sock"


class _Connection(http.client.HTTPConnection):
    def __init__(self):
        super().__init__("localhost", timeout=120)

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(SOCKET)


def _request(method, path, body=None):
    connection = _Connection()
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 400 and response.status != 404:
        raise SystemExit(f"{method} {path}: HTTP {response.status} {data.decode(errors='replace')}")
    return data


def _each(action, items):
    """Runs action on every item at once; returns when all are done."""
    threads = [threading.Thread(target=action, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _filters(**values):
    return urllib.parse.quote(json.dumps(values))


def start(plan):
    network, label = plan["network"], plan["label"]
    _request("POST", "/networks/create", {"Name": network, "Labels": {label[0]: label[1]}})

    def create(service):
        config = {
            "Image": plan["image"],
            "Labels": {label[0]: label[1]},
            "ExposedPorts": {"80/tcp": {}},
            "HostConfig": {
                "NetworkMode": network,
                "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": str(service["port"])}]},
            },
            "NetworkingConfig": {"EndpointsConfig": {network: {"Aliases": [service["name"]]}}},
        }
        _request("POST", "/containers/create?name=" + service["container"], config)

    def launch(service):
        _request("POST", f"/containers/{service['container']}/start")
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{service['port']}/", timeout=1) as answer:
                    answer.read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"service {service['name']} did not answer on port {service['port']}")
                time.sleep(0.005)

    levels = plan["levels"]
    _each(create, levels[0])
    for index, level in enumerate(levels):
        ahead = threading.Thread(target=_each, args=(create, levels[index + 1] if index + 1 < len(levels) else []))
        ahead.start()
        _each(launch, level)
        ahead.join()


def stop(plan):
    label = plan["label"]
    died = set()
    changed = threading.Condition()
    events = _Connection()
    events.request("GET", "/events?filters=" + _filters(type=["container"], label=[f"{label[0]}={label[1]}"]))
    stream = events.getresponse()

    def follow():
        for line in stream:
            event = json.loads(line)
            if event.get("Action") in ("die", "died"):
                with changed:
                    died.add(event["Actor"]["Attributes"].get("name"))
                    changed.notify_all()

    threading.Thread(target=follow, daemon=True).start()

    def stop_and_remove(service):
        _request("POST", f"/containers/{service['container']}/stop?t=10")
        with changed:
            died.add(service["container"])
            changed.notify_all()
        _request("DELETE", f"/containers/{service['container']}?force=1&v=1")

    removals = []
    for level in reversed(plan["levels"]):
        for service in level:
            thread = threading.Thread(target=stop_and_remove, args=(service,))
            thread.start()
            removals.append(thread)
        with changed:
            changed.wait_for(lambda: all(service["container"] in died for service in level))
    for thread in removals:
        thread.join()
    # The event stream is left open: closing it would wait for its reader, which waits for the next event. It ends
    # with this process.
    _request("DELETE", f"/networks/{plan['network']}")


def main():
    action, plan_file = sys.argv[1], sys.argv[2]
    with open(plan_file) as text:
        plan = json.load(text)
    {"start": start, "stop": stop, "none": lambda ignored: None}[action](plan)


if __name__ == "__main__":
    main()
