"""The bench driver: generates fixtures, runs every tool through every scenario round by round, writes the results."""

import argparse
import dataclasses
import json
import os
import secrets
import shutil
import signal
import sys
import time
from pathlib import Path

from . import berth, fixtures, jfr, machine, measure, peers, report
from .commands import Maven
from .measure import BenchFailure

PROJECT = Path(__file__).resolve().parents[2]
WORK = PROJECT / "bench" / "work"
ALL_TOOLS = ("berth", "dmp", "compose", "shell", "api")


def parse(argv):
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny fixtures, one round, no warm-up: a quick check")
    parser.add_argument("--rounds", type=int, default=5, help="counted rounds (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up rounds not counted (default 1)")
    parser.add_argument("--big-mb", type=float, default=300, help="size of the big context in MB (default 300)")
    parser.add_argument("--files", type=int, default=2000, help="files in the many-files context (default 2000)")
    parser.add_argument("--tools", default=None, help="comma-separated subset of " + ",".join(ALL_TOOLS))
    parser.add_argument("--plugin-jar", type=Path, default=None, help="Berth's plugin jar (default: target/)")
    parser.add_argument("--out", type=Path, default=None, help="results file (default bench/RESULTS.md)")
    parser.add_argument("--jfr", action="store_true", help="record a flight recording of every Berth run (logs/jfr)")
    parser.add_argument("--budget", type=float, default=None, help="minutes: start no round that would end later")
    parser.add_argument("--keep", action="store_true", help="keep the generated fixtures and logs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.rounds, args.warmup, args.big_mb, args.files = 1, 0, 1, 50
    return args


def main(argv=None):
    # A terminated bench still runs its clean-up (the finally blocks) before it exits.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(f"bench terminated by signal {signum}"))
    try:
        _bench(parse(argv if argv is not None else sys.argv[1:]))
    except BenchFailure as failure:
        print(f"bench failed: {failure}", file=sys.stderr)
        sys.exit(1)


def _bench(args):
    run_id = secrets.token_hex(3)
    prefix = f"bench{run_id}"
    run_dir = WORK / f"{'smoke' if args.smoke else 'full'}-{run_id}"
    out = args.out or (WORK / "smoke-RESULTS.md" if args.smoke else PROJECT / "bench" / "RESULTS.md")
    maven = Maven.create(WORK)
    _sweep_dead_runs()
    run_dir.mkdir(parents=True)
    (run_dir / "pid").write_text(str(os.getpid()))
    plugin = berth.locate(args.plugin_jar or PROJECT / "target")
    names = _chosen_tools(args.tools, plugin)

    sizes = fixtures.Sizes(args.big_mb, args.files)
    fixture = fixtures.generate(run_dir / "project", prefix, sizes)
    small = None
    if not args.smoke and ({"berth", "dmp"} & set(names)):
        small = fixtures.generate(run_dir / "project-3mb", prefix + "s", fixtures.Sizes(3, args.files))
    for project in (fixture, small):
        if project:
            Maven.stamp_log_lines(project.root)
    tools = _tools(names, fixture, maven, run_id, plugin)
    small_tools = _tools([n for n in names if n in ("berth", "dmp")], small, maven, run_id, plugin) if small else {}
    logs = run_dir / "logs"
    logs.mkdir(parents=True)
    if args.jfr and "berth" in tools:
        tools["berth"] = _recorded(tools["berth"], jfr.recording_option(logs / "jfr"))
    timeout = 300 if args.smoke else 1200
    print(f"bench {run_id}: tools {', '.join(names)}; big context {args.big_mb:g} MB, {args.files} small files; "
          f"{args.warmup} warm-up + {args.rounds} counted rounds; logs in {logs}", flush=True)

    records = []
    started = time.time()
    try:
        with machine.LoadSampler(run_id) as load:
            if plugin:
                berth.install(plugin, maven, logs / "install.log")
            for tool in list(tools.values()) + list(small_tools.values()):
                if tool.prepare:
                    measure.run(tool.prepare, logs / "prepare.log", timeout=600)
            for round_index in range(args.warmup + args.rounds):
                counted = round_index - args.warmup
                round_started = time.time()
                order = names[round_index % len(names):] + names[: round_index % len(names)]
                for name in order:
                    for record in _round(tools[name], small_tools.get(name), fixture, small, logs, timeout, run_id):
                        record.update(round=counted, tool=name)
                        print(f"  round {counted if counted >= 0 else 'warm-up'} {name:8} {record['scenario']:10} "
                              f"{record['seconds']:7.2f} s  {record['rss_mb']:6.0f} MB", flush=True)
                        if counted >= 0:
                            records.append(record)
                (run_dir / "records.json").write_text(json.dumps(records, indent=1))
                took = time.time() - round_started
                if args.budget and time.time() + took > started + args.budget * 60:
                    print(f"stopping after round {counted}: another round of about {took / 60:.1f} min would pass "
                          f"the budget of {args.budget:g} min", flush=True)
                    break
    finally:
        for f in (fixture, small):
            if f:
                measure.remove_containers_and_networks(run_id, f.prefix)
                measure.remove_images(f)
        (run_dir / "pid").unlink()

    text = _results(args, names, tools, fixture, load, records, time.time() - started)
    out.write_text(text + _kept_analysis(out))
    print("\n" + text)
    print(f"results written to {out}")
    if args.smoke and not args.keep:
        shutil.rmtree(run_dir)
    elif not args.keep:
        for generated in ("project", "project-3mb"):
            shutil.rmtree(run_dir / generated, ignore_errors=True)


def _sweep_dead_runs():
    """Removes what earlier runs in this work folder left on the engine when they were killed before their clean-up."""
    for pid_file in WORK.glob("*-*/pid"):
        try:
            os.kill(int(pid_file.read_text()), 0)
            continue
        except (ProcessLookupError, ValueError):
            pass
        except PermissionError:
            continue
        run_id = pid_file.parent.name.rsplit("-", 1)[1]
        for prefix in (f"bench{run_id}", f"bench{run_id}s"):
            measure.remove_containers_and_networks(run_id, prefix)
            measure.remove_images(fixtures.Fixture.named(prefix))
        print(f"removed what the killed bench run {run_id} left behind", flush=True)
        pid_file.unlink()


ANALYSIS = "\n## Where the time goes"


def _kept_analysis(results):
    """The hand-written analysis at the end of an earlier results file, which a new run keeps."""
    if not results.exists():
        return ""
    text = results.read_text()
    return text[text.index(ANALYSIS):] if ANALYSIS in text else ""


def _chosen_tools(requested, plugin):
    if requested:
        names = [name.strip() for name in requested.split(",") if name.strip()]
        unknown = [name for name in names if name not in ALL_TOOLS]
        if unknown:
            raise SystemExit(f"unknown tools {unknown}: choose among {', '.join(ALL_TOOLS)}")
        if "berth" in names and not plugin:
            raise SystemExit(berth.MISSING)
        return names
    if not plugin:
        print(f"Berth is left out: {berth.MISSING}", flush=True)
        return [name for name in ALL_TOOLS if name != "berth"]
    return list(ALL_TOOLS)


def _tools(names, fixture, maven, run_id, plugin):
    makers = {
        "berth": lambda: berth.tool(fixture, maven, run_id, plugin),
        "dmp": lambda: peers.dmp(fixture, maven, run_id),
        "compose": lambda: peers.compose(fixture, run_id),
        "shell": lambda: peers.shell(fixture, run_id),
        "api": lambda: peers.api(fixture, run_id),
    }
    return {name: makers[name]() for name in names}


def _recorded(tool, option):
    def with_recording(command):
        return dataclasses.replace(command, env={**command.env, "MAVEN_OPTS": option}) if command else None

    return dataclasses.replace(
        tool, **{name: with_recording(getattr(tool, name)) for name in ("build", "start", "stop", "bare")}
    )


def _round(tool, small_tool, fixture, small, logs, timeout, run_id):
    """One tool through every scenario on a clean engine; yields one record per timed command."""
    log = logs / f"{tool.name}.log"
    measure.remove_images(fixture)
    if tool.build:
        yield _record("cold", measure.run(tool.build, log, timeout))
        yield _record("noop", measure.run(tool.build, log, timeout))
        fixture.change_small_file()
        yield _record("changed", measure.run(tool.build, log, timeout))
    else:
        measure.run(tool.images, log, timeout)

    began = time.perf_counter()
    timing = measure.run(tool.start, log, timeout)
    measure.await_http([service.host_port for service in fixture.services], deadline_seconds=120)
    yield _record("start", dataclasses.replace(timing, seconds=time.perf_counter() - began))
    yield _record("stop", measure.run(tool.stop, log, timeout))
    _check_nothing_left(tool, fixture, run_id)

    if tool.bare:
        yield _record("bare", measure.run(tool.bare, log, timeout))
    if tool.plain:
        yield _record("plain", measure.run(tool.plain, log, timeout))
    if tool.other_plugin:
        yield _record("clean", measure.run(tool.other_plugin, log, timeout))
    if small_tool:
        measure.remove_images(small)
        yield _record("cold-small", measure.run(small_tool.build, log, timeout))
        measure.remove_images(small)


def _check_nothing_left(tool, fixture, run_id):
    containers, networks = measure.leftovers(run_id, fixture.prefix)
    if containers or networks:
        raise BenchFailure(f"{tool.name} stop left containers {containers} and networks {networks} behind")


def _record(scenario, timing):
    return {
        "scenario": scenario,
        "seconds": timing.seconds,
        "rss_mb": timing.rss_mb,
        "goal_s": timing.goal_seconds,
        "cpu_s": timing.cpu_seconds,
    }


def _results(args, names, tools, fixture, load, records, elapsed):
    figures = report.Figures(records)
    lines = [
        "# Berth benchmark results",
        "",
        f"Generated by `bench/run{' --smoke' if args.smoke else ''}` in {elapsed / 60:.1f} min: "
        f"{args.warmup} warm-up and {len({r['round'] for r in records})} counted rounds (of {args.rounds} asked), "
        "tools interleaved in a rotating order each round. "
        f"Fixtures: 5 builders FROM scratch with static busybox (a {args.big_mb:g} MB context, "
        f"{args.files} small files, three small ones), and 8 HTTP services in 4 dependency levels.",
        "",
        "## Machine",
        "",
        *machine.describe(PROJECT),
        load.summary(),
        "",
        "## Figures",
        "",
        *report.tables(figures),
    ]
    target_rows = report.targets(figures)
    if target_rows:
        lines += ["", "## Berth's targets (median of per-round ratios)", "", *target_rows]
    reach_rows = report.reach(figures)
    if reach_rows:
        lines += ["", "### How close a Maven plugin can come on this engine", "",
                  "`api` is the engine's floor as a client of its API: `bench/berthbench/floor.py` makes the fewest "
                  "requests straight over the socket, as early as the dependency order allows (containers created a "
                  "level ahead, a level's starts at once, the next level of a stop at the engine's die events). The "
                  "engine's work in a round is the faster of the API floor less its own process start-up (its bare "
                  "start-up) and the shell floor. A Maven plugin pays that work plus Maven's start-up and the "
                  "loading of its goal. The last three columns add the engine's work to three start-ups, each "
                  "measured in the same round on Berth's POM: Maven running no plugin goal (`validate`, row \"Maven "
                  "alone\" above), which no Maven plugin can go below; Maven running a small standard plugin's goal, "
                  "skipped (`clean -Dmaven.clean.skip=true`); and Berth's own goal, skipped (its bare start-up). A "
                  "target below the first cannot be met by any Maven plugin on this machine, whatever it does; one "
                  "below the second or third, not by a plugin whose goal loads no faster than that.", "",
                  *reach_rows]
    lines += ["", "## Commands", ""]
    for name in names:
        tool = tools[name]
        lines.append(f"- {name}:")
        for scenario in ("build", "start", "stop", "bare", "plain", "other_plugin"):
            command = getattr(tool, scenario)
            if command:
                text = command.shell_text().replace(str(PROJECT) + "/", "")
                lines.append(f"  - {scenario}: `{text}` (in `{command.cwd.relative_to(PROJECT)}`)")
    return "\n".join(lines) + "\n"
