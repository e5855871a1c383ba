"""Berth on the bench's fixture: its plugin jar, installed into the bench-local repository, and its POM."""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import measure
from .commands import Command
from .tools import LABEL, Tool

GOALS = ("build-images", "start-cluster", "stop-cluster")
MISSING = "no Berth plugin jar with the goals " + ", ".join(GOALS) + " under target/ (run `mvn package` first)"


@dataclass(frozen=True)
class Plugin:
    jar: Path
    group: str
    artifact: str
    version: str


def locate(path):
    """The plugin jar at path (a jar, or a directory holding one) when it has all of Berth's goals."""
    jars = [path] if path.suffix == ".jar" else sorted(path.glob("berth-maven-plugin-*.jar"))
    for jar in jars:
        if jar.name.endswith(("-sources.jar", "-javadoc.jar")) or not jar.is_file():
            continue
        with zipfile.ZipFile(jar) as archive:
            try:
                descriptor = archive.read("META-INF/maven/plugin.xml").decode()
            except KeyError:
                continue
        goals = set(re.findall(r"<goal>([^<]+)</goal>", descriptor))
        if set(GOALS) <= goals:
            return Plugin(jar, _element(descriptor, "groupId"), _element(descriptor, "artifactId"),
                          _element(descriptor, "version"))
    return None


def install(plugin, maven, log):
    """Installs the jar into the bench-local repository, with the POM the build installs: the jar carries the
    plugin's dependencies and that POM names none."""
    project = plugin.jar.parent.parent
    reduced = project / "dependency-reduced-pom.xml"
    pom = reduced if reduced.is_file() else project / "pom.xml"
    argv = ("mvn", "-B", "-s", str(maven.settings), f"-Dmaven.repo.local={maven.repository}", "install:install-file",
            f"-Dfile={plugin.jar}", f"-DpomFile={pom}")
    measure.run(Command(argv, maven.repository), log, timeout=600)


def tool(fixture, maven, run_id, plugin):
    pom = fixture.root / "pom-berth.xml"
    pom.write_text(_pom(fixture, run_id, plugin))
    return Tool(
        name="berth",
        build=maven.command(pom, "berth:build-images"),
        start=maven.command(pom, "berth:start-cluster"),
        stop=maven.command(pom, "berth:stop-cluster"),
        bare=maven.command(pom, "berth:build-images", "-Dberth.skip=true"),
        maven=True,
        prepare=maven.command(
            pom, "berth:start-cluster", "-Dberth.skip=true", "clean", "-Dmaven.clean.skip=true", offline=False),
        plain=maven.command(pom, "validate"),
        other_plugin=maven.command(pom, "clean", "-Dmaven.clean.skip=true"),
    )


def _pom(fixture, run_id, plugin):
    services = []
    for service in fixture.services:
        depends = "".join(
            f"<dependsOn><service>{dep}</service><condition>ready</condition></dependsOn>" for dep in service.depends_on
        )
        services.append(
            f"""<service>
              <name>{service.name}</name>
              <image>{fixture.web_image}</image>
              <ports><port><container>80</container><host>{service.host_port}</host></port></ports>
              <labels><{LABEL}>{escape(run_id)}</{LABEL}></labels>
              {depends}
              <readiness><http><port>80</port><path>/</path><status>200</status></http></readiness>
            </service>"""
        )
    joined = "\n            ".join(services)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>{fixture.prefix}-berth</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>{plugin.group}</groupId>
        <artifactId>{plugin.artifact}</artifactId>
        <version>{plugin.version}</version>
        <configuration>
          <cluster>
            <name>{fixture.prefix}</name>
            <services>
            {joined}
            </services>
          </cluster>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def _element(xml, name):
    match = re.search(f"<{name}>([^<]+)</{name}>", xml)
    return match.group(1) if match else ""
