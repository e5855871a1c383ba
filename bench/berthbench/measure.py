"""Times commands (wall clock and peak RSS), waits for HTTP services and removes what a bench run created."""

import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Optional


class BenchFailure(Exception):
    """A tool failed or left something behind: the bench stops, since its figures would mean nothing."""


@dataclass(frozen=True)
class Timing:
    seconds: float
    rss_mb: float
    # For Maven: from the goal's first log line to BUILD SUCCESS, by Maven's own timestamps; None otherwise.
    goal_seconds: Optional[float] = None
    # User and system CPU time of the command and its descendants: what the tool itself cost, whatever the load.
    cpu_seconds: float = 0.0


# Maven's log lines carry a time of day when the project's .mvn/jvm.config asks for it (see commands.Maven).
STAMPED = re.compile(rb"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) \[INFO\] (.*)$")


def run(command, log, timeout):
    """Runs command with its output in log; returns its wall time and the peak RSS of its largest process."""
    with open(log, "ab") as out:
        out.write(f"\n$ {command.shell_text()}  (in {command.cwd})\n".encode())
        out.flush()
        offset = out.tell()
        started = time.perf_counter()
        process = subprocess.Popen(
            command.argv,
            cwd=command.cwd,
            env=command.environment(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, _kill_group, (process.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            # Terminated or interrupted: the command goes too, so the clean-up after it sees all it created.
            _kill_group(process.pid)
            os.wait4(process.pid, 0)
            raise
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchFailure(
            f"`{command.shell_text()}` in {command.cwd} exited with {process.returncode} after {elapsed:.1f} s; "
            f"its output is in {log}:\n{_tail(log)}"
        )
    # ru_maxrss is in kilobytes on Linux, for the child or the largest of its descendants.
    cpu = usage.ru_utime + usage.ru_stime
    return Timing(elapsed, usage.ru_maxrss / 1024, _goal_seconds(log, offset), cpu)


def _goal_seconds(log, offset):
    """The time between the goal's banner line (`--- plugin:version:goal`) and BUILD SUCCESS in Maven's output."""
    with open(log, "rb") as f:
        f.seek(offset)
        begun = ended = None
        for line in f:
            match = STAMPED.match(line.rstrip(b"\n"))
            if not match:
                continue
            h, m, sec, ms, text = match.groups()
            at = int(h) * 3600 + int(m) * 60 + int(sec) + int(ms) / 1000
            if text.startswith(b"--- ") and begun is None:
                begun = at
            elif text.startswith(b"BUILD SUCCESS"):
                ended = at
    if begun is None or ended is None:
        return None
    return (ended - begun) % 86400


def await_http(ports, deadline_seconds):
    """Polls http://127.0.0.1:PORT/ of every port until each has answered 200; fails naming the silent ports."""
    deadline = time.monotonic() + deadline_seconds
    waiting = set(ports)
    while waiting:
        waiting = {port for port in waiting if not _answers(port)}
        if waiting and time.monotonic() > deadline:
            raise BenchFailure(f"no HTTP 200 within {deadline_seconds} s on 127.0.0.1 ports {sorted(waiting)}")
        if waiting:
            time.sleep(0.02)


def docker(*args):
    result = subprocess.run(("docker",) + args, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchFailure(f"docker {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.split()


def leftovers(run_id, prefix):
    """Containers and networks of this bench run that still exist."""
    containers = docker("ps", "-aq", "--filter", f"label=bench.run={run_id}")
    networks = docker("network", "ls", "-q", "--filter", f"name={prefix}")
    return containers, networks


def remove_containers_and_networks(run_id, prefix):
    containers, networks = leftovers(run_id, prefix)
    if containers:
        docker("rm", "-f", "-v", *containers)
    if networks:
        docker("network", "rm", *networks)


def remove_images(fixture):
    """Removes the fixture's images with every intermediate image its builds cached, so the next build is cold."""
    tagged = set(docker("images", "-q", "--filter", f"reference={fixture.prefix}-*"))
    if tagged:
        docker("rmi", "-f", *sorted(tagged))
    # The engine keeps some intermediate images of a removed image; a child must go before its parent.
    cached = _cached(fixture)
    while cached:
        # A build step the engine could not run leaves its container behind, holding the layer it started from.
        for layer in cached:
            stuck = docker("ps", "-aq", "--filter", f"ancestor={layer}", "--filter", "status=created")
            if stuck:
                docker("rm", *stuck)
        removed = {layer for layer in sorted(cached) if _try_rmi(layer)}
        if not removed:
            raise BenchFailure(f"cannot remove the cached images {sorted(cached)} of {fixture.prefix}")
        cached = _cached(fixture)


def _cached(fixture):
    # One query per image: the engine combines several label filters with AND.
    return {
        layer
        for image in fixture.images
        for layer in docker("images", "-a", "-q", "--filter", f"label=bench.image={image}")
    }


def _try_rmi(image):
    return subprocess.run(("docker", "rmi", image), capture_output=True).returncode == 0


def _answers(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _tail(log, lines=20):
    with open(log, "rb") as f:
        return b"".join(f.readlines()[-lines:]).decode(errors="replace")
