"""Summarises a Java Flight Recording of one Maven run: where the CPU went, and where threads waited, by method."""

import json
import subprocess
import sys
from collections import Counter, defaultdict

WAITS = ("jdk.ThreadPark", "jdk.ThreadSleep", "jdk.SocketRead", "jdk.JavaMonitorWait", "jdk.FileRead")


def recording_option(directory):
    """The MAVEN_OPTS value that makes the JVM record a profile into directory, one file per run."""
    directory.mkdir(parents=True, exist_ok=True)
    return f"-XX:StartFlightRecording=filename={directory},settings=profile"


def summarise(path, focus="io.github.berth", top=20):
    samples = _events(path, "jdk.ExecutionSample")
    lines = [f"## {path}", "", f"{len(samples)} CPU samples (about 20 ms apart per running thread)", ""]
    own, inclusive = Counter(), Counter()
    for event in samples:
        frames = _frames(event)
        if frames:
            own[frames[0]] += 1
        for frame in dict.fromkeys(frames):
            inclusive[frame] += 1
    lines.append("CPU, by method on top of the stack:")
    lines += [f"  {count:5d}  {frame}" for frame, count in own.most_common(top)]
    lines.append(f"CPU, by {focus} method anywhere on the stack:")
    lines += [f"  {count:5d}  {frame}" for frame, count in inclusive.most_common() if frame.startswith(focus)][:top]
    waits = defaultdict(float)
    for kind in WAITS:
        for event in _events(path, kind):
            frames = _frames(event)
            where = next((f for f in frames if f.startswith(focus)), frames[0] if frames else "?")
            waits[f"{kind.removeprefix('jdk.')} in {where}"] += _seconds(event["values"].get("duration", "PT0S"))
    lines.append("Waiting (parks, sleeps, socket and file reads over 10 ms), seconds, by first project frame:")
    lines += [f"  {secs:7.2f}  {where}" for where, secs in sorted(waits.items(), key=lambda w: -w[1])[:top]]
    return "\n".join(lines)


def _events(path, kind):
    out = subprocess.run(("jfr", "print", "--json", "--events", kind, str(path)), capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"jfr print failed on {path}: {out.stderr.strip()}")
    return json.loads(out.stdout)["recording"]["events"]


def _frames(event):
    stack = event["values"].get("stackTrace") or {}
    return [
        f"{frame['method']['type']['name'].replace('/', '.')}.{frame['method']['name']}"
        for frame in stack.get("frames", [])
        if frame and frame.get("method")
    ]


def _seconds(duration):
    # ISO-8601 durations as jfr prints them: PT0.012S, PT1M2.5S
    text = duration.removeprefix("PT")
    minutes = 0.0
    if "M" in text:
        m, text = text.split("M", 1)
        minutes = float(m)
    return minutes * 60 + (float(text.removesuffix("S")) if text.removesuffix("S") else 0.0)


if __name__ == "__main__":
    for recording in sys.argv[1:]:
        print(summarise(recording))
        print()
