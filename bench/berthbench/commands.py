"""Commands the bench times, and how Maven is invoked: offline, on a bench-local repository, batch mode."""

import os
from dataclasses import dataclass, field
from pathlib import Path

# Every tool builds with the engine's classic builder, so that all of them share one kind of layer cache.
CLASSIC_BUILDER = {"DOCKER_BUILDKIT": "0", "COMPOSE_DOCKER_CLI_BUILD": "0"}


@dataclass(frozen=True)
class Command:
    argv: tuple
    cwd: Path
    env: dict = field(default_factory=dict)

    def shell_text(self):
        """The command as a reader would type it, for the results file."""
        env = " ".join(f"{key}={value}" for key, value in sorted(self.env.items()))
        return (env + " " if env else "") + " ".join(str(arg) for arg in self.argv)

    def environment(self):
        return {**os.environ, **self.env}


@dataclass(frozen=True)
class Maven:
    """Runs Maven on the bench-local repository, which fills itself from ~/.m2 first and Maven Central second."""

    repository: Path
    settings: Path

    @staticmethod
    def create(work):
        repository = work / "m2"
        repository.mkdir(parents=True, exist_ok=True)
        settings = work / "settings.xml"
        settings.write_text(_settings(Path.home() / ".m2" / "repository"))
        return Maven(repository, settings)

    @staticmethod
    def stamp_log_lines(project):
        """Makes Maven print the time of day on every log line in project, so a goal's own time can be read."""
        (project / ".mvn").mkdir(exist_ok=True)
        (project / ".mvn" / "jvm.config").write_text(
            "-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS\n"
        )

    def command(self, pom, *goals, offline=True):
        argv = ["mvn", "-B", "-s", str(self.settings), f"-Dmaven.repo.local={self.repository}", "-f", pom.name]
        if offline:
            argv.insert(1, "-o")
        return Command(tuple(argv + list(goals)), pom.parent, dict(CLASSIC_BUILDER))


def _settings(home_repository):
    url = home_repository.as_uri()
    repository = f"<id>home</id><url>{url}</url><releases><enabled>true</enabled></releases>" \
                 "<snapshots><enabled>true</enabled></snapshots>"
    return f"""<settings>
  <profiles>
    <profile>
      <id>home-first</id>
      <repositories><repository>{repository}</repository></repositories>
      <pluginRepositories><pluginRepository>{repository}</pluginRepository></pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>home-first</activeProfile></activeProfiles>
</settings>
"""
