"""Turns the timed runs into tables: figures per tool side by side, ratios per round, and Berth's targets."""

import statistics
from collections import defaultdict

SCENARIOS = (
    ("cold", "Cold build, 5 images"),
    ("noop", "Rebuild, nothing changed"),
    ("changed", "Rebuild, one small file changed"),
    ("start", "Cluster start until all 8 answer"),
    ("stop", "Stop and removal"),
    ("bare", "Bare start-up (goal skipped)"),
    ("plain", "Maven alone (`validate`, no plugin goal)"),
    ("clean", "Maven with maven-clean-plugin's goal, skipped"),
)

# (scenario, tool, reference, limit, what): the median of per-round ratios tool/reference must stay at or under limit.
RATIO_TARGETS = (
    ("noop", "berth", "dmp", 0.4, "rebuild, nothing changed"),
    ("changed", "berth", "dmp", 0.75, "rebuild after one changed file"),
    ("changed", "berth", "shell", 1.1, "rebuild after one changed file"),
    ("cold", "berth", "shell", 0.9, "cold build"),
    ("start", "berth", "dmp", 0.7, "cluster start until all ready"),
    ("stop", "berth", "dmp", 0.5, "stop and removal"),
)


class Figures:
    """The counted rounds' timings, indexed by tool, scenario and round."""

    def __init__(self, records):
        self.seconds = defaultdict(dict)
        self.rss = defaultdict(dict)
        self.goal = defaultdict(dict)
        self.cpu = defaultdict(dict)
        for record in records:
            key = (record["tool"], record["scenario"])
            self.seconds[key][record["round"]] = record["seconds"]
            self.rss[key][record["round"]] = record["rss_mb"]
            self.cpu[key][record["round"]] = record.get("cpu_s", 0.0)
            if record.get("goal_s") is not None:
                self.goal[key][record["round"]] = record["goal_s"]
        self.tools = list(dict.fromkeys(record["tool"] for record in records))

    def ratio(self, scenario, tool, reference):
        a, b = self.seconds.get((tool, scenario), {}), self.seconds.get((reference, scenario), {})
        return [a[r] / b[r] for r in sorted(a) if r in b and b[r] > 0]

    def own(self, scenario, tool):
        """The tool's time minus its bare start-up in the same round."""
        a, bare = self.seconds.get((tool, scenario), {}), self.seconds.get((tool, "bare"), {})
        return [a[r] - bare[r] for r in sorted(a) if r in bare]


def spread(values, unit="", digits=2):
    if not values:
        return "–"
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"({min(values):.{digits}f}–{max(values):.{digits}f})"
    )


def tables(figures):
    """Markdown tables of the figures; every cell is the median with min–max over the counted rounds."""
    tools = figures.tools
    out = ["### Wall time, seconds: median (min–max)", ""]
    out.append("| Scenario | " + " | ".join(tools) + " |")
    out.append("|---|" + "---|" * len(tools))
    for scenario, title in SCENARIOS:
        cells = [spread(list(figures.seconds.get((tool, scenario), {}).values())) for tool in tools]
        out.append(f"| {title} | " + " | ".join(cells) + " |")
    out += ["", "### CPU time of the tool's processes (user + system), seconds: the tool's own cost under any load", ""]
    out.append("| Scenario | " + " | ".join(tools) + " |")
    out.append("|---|" + "---|" * len(tools))
    for scenario, title in SCENARIOS:
        cells = [spread(list(figures.cpu.get((tool, scenario), {}).values())) for tool in tools]
        out.append(f"| {title} | " + " | ".join(cells) + " |")
    maven = [tool for tool in tools if (tool, "cold") in figures.rss and figures.rss[(tool, "cold")]
             and (tool, "bare") in figures.seconds and tool in ("berth", "dmp")]
    if maven:
        out += ["", "### Peak RSS of the Maven JVM, MB: median (min–max)", ""]
        out.append("| Run | " + " | ".join(maven) + " |")
        out.append("|---|" + "---|" * len(maven))
        for scenario, title in (
            ("cold", "Cold build, big context"),
            ("cold-small", "Cold build, 3 MB context"),
            ("noop", "Rebuild, nothing changed"),
            ("changed", "Rebuild, one file changed"),
            ("start", "Cluster start"),
            ("bare", "Bare start-up"),
        ):
            cells = [spread(list(figures.rss.get((tool, scenario), {}).values()), digits=0) for tool in maven]
            out.append(f"| {title} | " + " | ".join(cells) + " |")
    out += ["", "### Ratios per round: median (min–max)", ""]
    references = [ref for ref in ("dmp", "shell") if ref in tools]
    pairs = [(tool, ref) for tool in tools for ref in references if tool != ref]
    out.append("| Scenario | " + " | ".join(f"{tool} / {ref}" for tool, ref in pairs) + " |")
    out.append("|---|" + "---|" * len(pairs))
    for scenario, title in SCENARIOS[:5]:
        cells = [spread(figures.ratio(scenario, tool, ref), "×") for tool, ref in pairs]
        out.append(f"| {title} | " + " | ".join(cells) + " |")
    own_tools = [tool for tool in ("berth", "dmp") if (tool, "bare") in figures.seconds]
    if own_tools:
        out += ["", "### Plugin's own time (scenario minus bare start-up in the same round), seconds", ""]
        out.append("| Scenario | " + " | ".join(own_tools) + " |")
        out.append("|---|" + "---|" * len(own_tools))
        for scenario, title in SCENARIOS[:5]:
            out.append(f"| {title} | " + " | ".join(spread(figures.own(scenario, t)) for t in own_tools) + " |")
        out += ["", "### The goal alone: from its banner line to BUILD SUCCESS in Maven's log, seconds", ""]
        out.append("| Scenario | " + " | ".join(own_tools) + " |")
        out.append("|---|" + "---|" * len(own_tools))
        for scenario, title in SCENARIOS:
            cells = [spread(list(figures.goal.get((t, scenario), {}).values())) for t in own_tools]
            out.append(f"| {title} | " + " | ".join(cells) + " |")
    return out


def targets(figures):
    """Berth's targets, each with its measured median and whether it is met; empty when Berth did not run."""
    if "berth" not in figures.tools:
        return []
    rows = []
    for scenario, tool, reference, limit, what in RATIO_TARGETS:
        rows.append(_row(f"{what}: {tool} / {reference} ≤ {limit}×", figures.ratio(scenario, tool, reference), limit))
    rows.append(_row("rebuild, nothing changed: Berth's own time ≤ 0.3 s", figures.own("noop", "berth"), 0.3))
    start_own = [o / s for o, s in zip(figures.own("start", "berth"), _values(figures.seconds, "shell", "start"))]
    rows.append(_row("cluster start: Berth's own time / shell floor ≤ 1.0×", start_own, 1.0))
    berth_rss = _values(figures.rss, "berth", "cold")
    if "dmp" in figures.tools:
        dmp_rss = _values(figures.rss, "dmp", "cold")
        diff = [b - d for b, d in zip(berth_rss, dmp_rss)]
        rows.append(_row("peak RSS, big context: Berth − DMP ≤ 0 MB", diff, 0.0))
    small = _values(figures.rss, "berth", "cold-small")
    rows.append(_row("peak RSS: big context − 3 MB context ≤ 32 MB", [b - s for b, s in zip(berth_rss, small)], 32))
    out = ["| Target | Measured: median (min–max) | Met |", "|---|---|---|"]
    for title, values, met in rows:
        out.append(f"| {title} | {spread(values)} | {met} |")
    return out


def reach(figures):
    """For the cluster targets against DMP: how close a Maven plugin can come here. Such a plugin pays Maven's
    start-up, the loading of its goal, and the engine's work: the faster of the two floors in each round, the API
    floor less its own process start-up or the shell's. Three bounds, from the least a plugin can pay up: Maven running
    no plugin goal, Maven running a skipped goal of maven-clean-plugin, and Berth's own goal skipped. Empty unless
    Berth, DMP, the shell and the API floor all ran."""
    if not {"berth", "dmp", "shell", "api"} <= set(figures.tools):
        return []
    out = [
        "| Scenario | Target | berth / dmp | api / dmp | shell / dmp | (Maven alone + the engine's work) / dmp"
        " | (Maven with clean's goal skipped + the engine's work) / dmp"
        " | (Berth's goal skipped + the engine's work) / dmp |",
        "|---|---|---|---|---|---|---|---|",
    ]
    floor_start_up = figures.seconds.get(("api", "bare"), {})
    start_ups = [figures.seconds.get(("berth", scenario), {}) for scenario in ("plain", "clean", "bare")]
    for scenario, tool, reference, limit, _ in RATIO_TARGETS:
        if scenario not in ("start", "stop") or reference != "dmp":
            continue
        api, shell = figures.seconds.get(("api", scenario), {}), figures.seconds.get(("shell", scenario), {})
        dmp = figures.seconds.get(("dmp", scenario), {})
        rounds = [r for r in sorted(dmp) if r in api and r in shell and r in floor_start_up and dmp[r] > 0]
        engine_work = {r: min(api[r] - floor_start_up[r], shell[r]) for r in rounds}
        cells = [
            spread(figures.ratio(scenario, tool, reference), "×"),
            spread(figures.ratio(scenario, "api", "dmp"), "×"),
            spread(figures.ratio(scenario, "shell", "dmp"), "×"),
        ]
        for start_up in start_ups:
            cells.append(spread([(start_up[r] + engine_work[r]) / dmp[r] for r in rounds if r in start_up], "×"))
        out.append(f"| {dict(SCENARIOS)[scenario]} | ≤ {limit}× | " + " | ".join(cells) + " |")
    return out


def _values(table, tool, scenario):
    rounds = table.get((tool, scenario), {})
    return [rounds[r] for r in sorted(rounds)]


def _row(title, values, limit):
    if not values:
        return title, values, "not measured"
    return title, values, "yes" if statistics.median(values) <= limit else "**no**"
