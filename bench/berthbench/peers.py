"""Berth's peers on the same fixture: the fabric8 docker-maven-plugin, docker-compose, a plain docker CLI script and
the engine's API floor."""

import json
from pathlib import Path
from xml.sax.saxutils import escape

from .commands import CLASSIC_BUILDER, Command
from .tools import LABEL, Tool

DMP = "io.fabric8:docker-maven-plugin:0.49.0"
HEALTH_INTERVAL = "500ms"


def dmp(fixture, maven, run_id):
    pom = fixture.root / "pom-dmp.xml"
    pom.write_text(_dmp_pom(fixture, run_id))
    return Tool(
        name="dmp",
        build=maven.command(pom, "docker:build"),
        start=maven.command(pom, "docker:start", "-Ddocker.startParallel=true"),
        stop=maven.command(pom, "docker:stop"),
        bare=maven.command(pom, "docker:build", "-Ddocker.skip=true"),
        maven=True,
        prepare=maven.command(pom, "docker:build", "-Ddocker.skip=true", offline=False),
    )


def compose(fixture, run_id):
    path = fixture.root / "compose.yml"
    # JSON is YAML: the file is written with the standard library alone.
    path.write_text(json.dumps(_compose_file(fixture, run_id), indent=2) + "\n")
    base = ("docker-compose", "-f", path.name, "-p", f"{fixture.prefix}-compose")
    env = dict(CLASSIC_BUILDER)
    return Tool(
        name="compose",
        build=Command(base + ("--profile", "build", "build", "--parallel", "-q"), fixture.root, env),
        start=Command(base + ("up", "-d", "--no-build"), fixture.root, env),
        stop=Command(base + ("down",), fixture.root, env),
        bare=Command(base + ("config", "-q"), fixture.root, env),
        maven=False,
    )


def shell(fixture, run_id):
    scripts = fixture.root / "shell"
    scripts.mkdir(exist_ok=True)
    for name, text in (
        ("build.sh", _shell_build(fixture)),
        ("start.sh", _shell_start(fixture, run_id)),
        ("stop.sh", _shell_stop(fixture)),
    ):
        (scripts / name).write_text(text)
        (scripts / name).chmod(0o755)
    env = dict(CLASSIC_BUILDER)
    return Tool(
        name="shell",
        build=Command(("sh", "shell/build.sh"), fixture.root, env),
        start=Command(("sh", "shell/start.sh"), fixture.root, env),
        stop=Command(("sh", "shell/stop.sh"), fixture.root, env),
        bare=None,
        maven=False,
    )


def api(fixture, run_id):
    """The engine's floor for a cluster: floor.py's fewest requests over the socket; it builds nothing of its own."""
    folder = fixture.root / "api"
    folder.mkdir(exist_ok=True)
    plan = {
        "image": fixture.web_image,
        "network": f"{fixture.prefix}-api-net",
        "label": [LABEL, run_id],
        "levels": [
            [{"name": s.name, "container": f"{fixture.prefix}-api-{s.name}", "port": s.host_port} for s in level]
            for level in fixture.levels
        ],
    }
    (folder / "plan.json").write_text(json.dumps(plan, indent=1))
    floor = str(Path(__file__).with_name("floor.py"))
    web = fixture.web_image
    return Tool(
        name="api",
        build=None,
        start=Command(("python3", floor, "start", "api/plan.json"), fixture.root),
        stop=Command(("python3", floor, "stop", "api/plan.json"), fixture.root),
        bare=Command(("python3", floor, "none", "api/plan.json"), fixture.root),
        maven=False,
        images=Command(("docker", "build", "-q", "-t", web, f"docker/builder-{web}"), fixture.root, CLASSIC_BUILDER),
    )


def _dmp_pom(fixture, run_id):
    images = []
    for builder in fixture.builders:
        if builder != "web":
            context = f"${{project.basedir}}/docker/builder-{fixture.image(builder)}"
            images.append(
                f"<image><name>{fixture.image(builder)}</name><alias>{builder}</alias>"
                f"<build><contextDir>{context}</contextDir></build><run><skip>true</skip></run></image>"
            )
    for index, service in enumerate(fixture.services):
        build = ""
        if index == 0:
            build = f"<build><contextDir>${{project.basedir}}/docker/builder-{fixture.web_image}</contextDir></build>"
        depends = "".join(f"<container>{dep}</container>" for dep in service.depends_on)
        images.append(
            f"""<image><name>{fixture.web_image}</name><alias>{service.name}</alias>{build}
          <run>
            <containerNamePattern>{fixture.prefix}-dmp-%a</containerNamePattern>
            <ports><port>127.0.0.1:{service.host_port}:80</port></ports>
            <network><mode>custom</mode><name>{fixture.prefix}-dmp</name><alias>{service.name}</alias></network>
            <dependsOn>{depends}</dependsOn>
            <labels><{LABEL}>{escape(run_id)}</{LABEL}></labels>
            <wait><http><url>http://127.0.0.1:{service.host_port}/</url></http><time>60000</time></wait>
          </run>
        </image>"""
        )
    joined = "\n        ".join(images)
    group, artifact, version = DMP.split(":")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>{fixture.prefix}-dmp</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>{group}</groupId>
        <artifactId>{artifact}</artifactId>
        <version>{version}</version>
        <configuration>
          <autoCreateCustomNetworks>true</autoCreateCustomNetworks>
          <imagePullPolicy>Never</imagePullPolicy>
          <images>
        {joined}
          </images>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def _compose_file(fixture, run_id):
    services = {}
    for builder in fixture.builders:
        services[f"build-{builder}"] = {
            "image": fixture.image(builder),
            "build": {"context": f"docker/builder-{fixture.image(builder)}"},
            "profiles": ["build"],
        }
    for service in fixture.services:
        definition = {
            "image": fixture.web_image,
            "ports": [f"127.0.0.1:{service.host_port}:80"],
            "labels": {LABEL: run_id},
            "healthcheck": {
                "test": ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"],
                "interval": HEALTH_INTERVAL,
                "timeout": "2s",
                "retries": 120,
            },
        }
        if service.depends_on:
            definition["depends_on"] = {dep: {"condition": "service_healthy"} for dep in service.depends_on}
        services[service.name] = definition
    return {"services": services}


def _shell_build(fixture):
    lines = ["#!/bin/sh", "# Builds every image one after the other with the docker CLI.", "set -e"]
    for builder in fixture.builders:
        image = fixture.image(builder)
        lines.append(f"docker build -q -t {image} docker/builder-{image} >/dev/null")
    return "\n".join(lines) + "\n"


def _shell_start(fixture, run_id):
    lines = [
        "#!/bin/sh",
        "# Starts the cluster level by level: the services of a level in parallel, then waits until each answers.",
        "set -e",
        f"docker network create --label {LABEL}={run_id} {fixture.prefix}-net >/dev/null",
        "run() {",
        f"  docker run -d --name {fixture.prefix}-sh-$1 --network {fixture.prefix}-net --network-alias $1 \\",
        f"    --label {LABEL}={run_id} -p 127.0.0.1:$2:80 {fixture.web_image} >/dev/null",
        "}",
        "ready() {",
        "  tries=0",
        "  until curl -fsS -o /dev/null --max-time 1 http://127.0.0.1:$2/ 2>/dev/null; do",
        "    tries=$((tries + 1))",
        '    if [ $tries -ge 1200 ]; then echo "service $1 did not answer on port $2" >&2; return 1; fi',
        "    sleep 0.05",
        "  done",
        "}",
    ]
    for level in fixture.levels:
        for step in ("run", "ready"):
            pids = []
            for index, service in enumerate(level):
                lines.append(f"{step} {service.name} {service.host_port} & p{index}=$!")
                pids.append(f"p{index}")
            lines.extend(f"wait ${pid}" for pid in pids)
    return "\n".join(lines) + "\n"


def _shell_stop(fixture):
    lines = ["#!/bin/sh", "# Stops the cluster in reverse dependency order, then removes containers and network.", "set -e"]
    names = []
    for level in reversed(fixture.levels):
        level_names = [f"{fixture.prefix}-sh-{service.name}" for service in level]
        lines.append("docker stop " + " ".join(level_names) + " >/dev/null")
        names.extend(level_names)
    lines.append("docker rm " + " ".join(names) + " >/dev/null")
    lines.append(f"docker network rm {fixture.prefix}-net >/dev/null")
    return "\n".join(lines) + "\n"
