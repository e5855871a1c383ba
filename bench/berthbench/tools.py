"""The tools under test share one shape: a build, a cluster start, a cluster stop and a bare start-up."""

from dataclasses import dataclass
from typing import Optional

from .commands import Command

LABEL = "bench.run"


@dataclass(frozen=True)
class Tool:
    """What the bench runs for one tool on one fixture. `maven` marks tools whose JVM's peak RSS is reported."""

    name: str
    build: Optional[Command]
    start: Command
    stop: Command
    bare: Optional[Command]
    maven: bool
    # The command that fetches what the tool needs before the offline, timed runs.
    prepare: Optional[Command] = None
    # For a tool without a build: the untimed command that makes the images its cluster needs.
    images: Optional[Command] = None
    # Maven on the tool's POM running no goal of any plugin: Maven's own start-up, which no Maven plugin avoids.
    plain: Optional[Command] = None
    # Maven on the tool's POM running a goal of a small standard plugin, skipped: what loading a plugin's goal costs.
    other_plugin: Optional[Command] = None
