"""What the results were measured on: machine, load and the versions of every tool."""

import os
import platform
import re
import subprocess
import threading


def describe(project_root):
    lines = [
        f"- CPU: {_cpu_model()} × {os.cpu_count()} cores; memory {_memory_gb():.1f} GB; kernel {platform.release()}",
        f"- Docker engine {_out('docker', 'version', '--format', '{{.Server.Version}}')}"
        f" (storage {_out('docker', 'info', '--format', '{{.Driver}}')}), "
        f"Docker CLI {_out('docker', 'version', '--format', '{{.Client.Version}}')}, classic builder for every tool",
        f"- {_out('docker-compose', 'version', '--short') and 'docker-compose ' + _out('docker-compose', 'version', '--short')}",
        f"- {_first_line(_out('mvn', '-B', '-v'))}; {_first_line(_out('java', '-version'))}",
        f"- Python {platform.python_version()}; {_first_line(_out('curl', '--version'))}",
        f"- Berth at commit {_out('git', '-C', str(project_root), 'rev-parse', '--short', 'HEAD')}",
    ]
    return lines


class LoadSampler:
    """Samples the one-minute load average and the engine's running containers while the bench runs."""

    def __init__(self, run_id, period=5.0):
        self.run_id = run_id
        self.period = period
        self.loads = []
        self.containers = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def summary(self):
        if not self.loads:
            return "- Load: not sampled"
        return (
            f"- Load average (1 min) sampled every {self.period:.0f} s during the run: "
            f"mean {sum(self.loads) / len(self.loads):.2f}, max {max(self.loads):.2f} on {os.cpu_count()} cores; "
            f"containers of others running on the engine: up to {max(self.containers, default=0)}"
        )

    def _sample(self):
        while not self._stop.is_set():
            self.loads.append(os.getloadavg()[0])
            labels = _out("docker", "ps", "--format", '{{.Label "bench.run"}}').splitlines()
            self.containers.append(sum(1 for label in labels if label != self.run_id))
            self._stop.wait(self.period)


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb():
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9


def _out(*argv):
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (result.stdout or result.stderr).strip()


def _first_line(text):
    """The first line, without the terminal's colour codes that Maven prints even in batch mode."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text.splitlines()[0]) if text else "unknown"
