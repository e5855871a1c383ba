"""Generates the benchmark's fixtures: five builder directories FROM scratch and an eight-service cluster."""

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

BUSYBOX = Path("/bin/busybox")

# The label makes the first layer, and so the build cache of every later step, this image's own: the engine is
# shared, and other images built FROM scratch with the same busybox would otherwise make a cold build warm.
BASE = """FROM scratch
LABEL bench.image={image}
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
"""

# The HTTP server of every service. busybox httpd as PID 1 would ignore SIGTERM, so a shell runs it and traps it.
SERVE = """#!/bin/sh
httpd -f -p 80 -h /www &
server=$!
trap 'kill $server; exit 0' TERM INT
wait $server
"""

# Services by dependency level: every service depends on the listed ones; the longest chain is
# db <- auth <- orders <- gateway (three hops, four levels).
SERVICES = {
    "db": [],
    "cache": [],
    "auth": ["db"],
    "store": ["db", "cache"],
    "orders": ["auth", "store"],
    "search": ["store"],
    "gateway": ["orders", "search"],
    "admin": ["orders"],
}


BUILDERS = ("big", "many", "web", "tools", "conf")


@dataclass(frozen=True)
class Sizes:
    """How big the generated contexts are: the big builder's megabytes and the many-files builder's count."""

    big_mb: float
    files: int


@dataclass(frozen=True)
class Service:
    name: str
    depends_on: tuple
    level: int
    host_port: int


@dataclass(frozen=True)
class Fixture:
    """One generated project: its root, the prefix of every name it uses, its builders and its cluster."""

    root: Path
    prefix: str
    builders: tuple
    services: tuple
    changed_file: Path

    @staticmethod
    def named(prefix):
        """The fixture of an earlier run, as far as its names go: enough to find and remove its images."""
        return Fixture(Path("."), prefix, BUILDERS, (), Path("."))

    def image(self, builder):
        return f"{self.prefix}-{builder}"

    def builder_dir(self, builder):
        return self.root / "docker" / f"builder-{self.image(builder)}"

    @property
    def web_image(self):
        return self.image("web")

    @property
    def levels(self):
        top = max(service.level for service in self.services)
        return [[s for s in self.services if s.level == level] for level in range(top + 1)]

    @property
    def images(self):
        return [self.image(builder) for builder in self.builders]

    def change_small_file(self):
        """Rewrites one small file of the big context, so the next build must send it again."""
        self.changed_file.write_text(os.urandom(8).hex() + "\n")


def generate(root, prefix, sizes):
    """Writes a fresh fixture project under root; every image and container name starts with prefix."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    fixture = Fixture(
        root=root,
        prefix=prefix,
        builders=BUILDERS,
        services=_services(),
        changed_file=root / "docker" / f"builder-{prefix}-big" / "app" / "version.txt",
    )
    _big(fixture.builder_dir("big"), sizes.big_mb)
    _many(fixture.builder_dir("many"), sizes.files)
    _web(fixture.builder_dir("web"))
    _small(fixture.builder_dir("tools"), "tools", 20)
    _small(fixture.builder_dir("conf"), "conf", 5)
    return fixture


def _services():
    levels = {}
    for name, deps in SERVICES.items():
        levels[name] = 1 + max((levels[dep] for dep in deps), default=-1)
    ports = _free_ports(len(SERVICES))
    return tuple(Service(name, tuple(deps), levels[name], port) for (name, deps), port in zip(SERVICES.items(), ports))


def _free_ports(count):
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _builder(directory, dockerfile_tail):
    directory.mkdir(parents=True)
    shutil.copy2(BUSYBOX, directory / "busybox")
    image = directory.name.removeprefix("builder-")
    (directory / "Dockerfile").write_text(BASE.format(image=image) + dockerfile_tail)


def _big(directory, megabytes):
    """A context of about `megabytes` MB of incompressible blobs, and one small file that the bench changes."""
    _builder(directory, "COPY blobs/ /blobs/\nCOPY app/ /app/\n")
    blobs = directory / "blobs"
    blobs.mkdir()
    remaining = int(megabytes * 1024 * 1024)
    index = 0
    while remaining > 0:
        size = min(remaining, 10 * 1024 * 1024)
        (blobs / f"blob-{index:03d}.bin").write_bytes(os.urandom(size))
        remaining -= size
        index += 1
    (directory / "app").mkdir()
    (directory / "app" / "version.txt").write_text("0\n")


def _many(directory, count):
    """A context of `count` small files, a hundred to a directory."""
    _builder(directory, "COPY files/ /files/\n")
    for index in range(count):
        sub = directory / "files" / f"d{index // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{index:05d}.txt").write_text(f"file {index}\n" + os.urandom(64).hex() + "\n")


def _web(directory):
    _builder(directory, "COPY serve.sh /serve.sh\nCOPY www/ /www/\nEXPOSE 80\nCMD [\"/bin/sh\", \"/serve.sh\"]\n")
    (directory / "serve.sh").write_text(SERVE)
    (directory / "serve.sh").chmod(0o755)
    (directory / "www").mkdir()
    (directory / "www" / "index.html").write_text("<html><body>ok</body></html>\n")


def _small(directory, name, count):
    _builder(directory, f"COPY etc/ /etc/{name}/\nRUN [\"/bin/sh\", \"-c\", \"ls /etc/{name} > /{name}.list\"]\n")
    (directory / "etc").mkdir()
    for index in range(count):
        (directory / "etc" / f"{name}-{index}.conf").write_text(f"{name}.key{index} = value {index}\n")
