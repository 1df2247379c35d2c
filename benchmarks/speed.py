"""Speed of parse, validate, render and JSON against a plain-split baseline, in the same run.

Run from the repository root: ``python benchmarks/speed.py [--repeat N] [--profile [STAGE]]``.
The baseline splits the same report into lines and cells with ``str.split``; each stage prints
its time per report (the best of five rounds of ``--repeat`` calls), its ratio to the baseline
and reports per second, then whether the project's targets are met: parse + validate at most 50
times the baseline, render and JSON both ways each under the parse cost. Parsing the same text
again and again would let any cache keyed on a whole row answer from memory, which a corpus of
different reports never does; so parse and validate are also measured over copies of the report
whose table numbers are all multiplied by a factor (``varied``: the sums stay true), one copy
per call, and the target is checked on those too. The parser keeps the grammar's tree of each
report shape (the sequence of line kinds, runs counted once) it has seen; ``new shape`` times a
parse that has to run the grammar, as for the first report of a template. ``--check`` makes a
missed target the exit status. ``--profile`` runs each stage (or the one named) under cProfile
and prints its top functions by own time. ``--cpu`` times with the process's CPU time instead of
the wall clock, which is steadier on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import random
import re
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import govinfo_report as gr  # noqa: E402
from govinfo_report.parser import _parse_shape  # noqa: E402

SEED = ROOT / "src" / "govinfo_report" / "examples" / "seed.txt"
PARSE_VALIDATE_LIMIT = 50.0
"""Parse + validate may take at most this many times the baseline."""


_NUMBER_CELL = re.compile(r"(?<=\t)\d+(?=\t|$)", re.MULTILINE)


def varied(text: str, copies: int, seed: int = 1) -> list[str]:
    """Copies of a tab-separated report with every number cell multiplied by a random factor.

    One factor per copy keeps the tables' sums true, so the copies are as consistent as the
    report (only figures quoted in the prose stop matching), while no row repeats across copies.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(copies):
        factor = rng.randrange(2, 10_000)
        out.append(
            _NUMBER_CELL.sub(lambda match, k=factor: str(int(match.group()) * k), text)  # type: ignore[misc]
        )
    return out


def _parse_new_shape(text: str) -> gr.Report:
    """Parse as if no report of the same shape had been parsed before (the grammar runs)."""
    _parse_shape.cache_clear()
    return gr.parse(text)


def stages(text: str, copies: int = 1000) -> dict[str, Callable[[], object]]:
    """The stages measured, by name, on one report's text."""
    report = gr.parse(text)
    json_text = gr.dumps(report)
    texts = itertools.cycle(varied(text, copies))
    reports = itertools.cycle([gr.parse(other) for other in varied(text, copies, seed=2)])

    def baseline() -> object:
        return [line.split("\t") for line in text.split("\n")]

    return {
        "baseline (str.split)": baseline,
        "parse": lambda: gr.parse(text),
        "validate": lambda: gr.validate(report),
        "parse + validate": lambda: gr.validate(gr.parse(text)),
        "parse, varied": lambda: gr.parse(next(texts)),
        "parse, varied, new shape": lambda: _parse_new_shape(next(texts)),
        "validate, varied": lambda: gr.validate(next(reports)),
        "parse + validate, varied": lambda: gr.validate(gr.parse(next(texts))),
        "render": lambda: gr.render(report),
        "dumps": lambda: gr.dumps(report),
        "loads": lambda: gr.loads(json_text),
        "flatten": lambda: gr.flatten(report),
    }


def measure(stage: Callable[[], object], repeat: int, cpu: bool = False) -> float:
    """Seconds per call: the best of five rounds of ``repeat`` calls (CPU seconds with ``cpu``)."""
    timer = time.process_time if cpu else time.perf_counter
    return min(timeit.repeat(stage, number=repeat, repeat=5, timer=timer)) / repeat


def targets(times: dict[str, float]) -> list[tuple[str, bool]]:
    """Each target of the project, with whether these times meet it."""
    base, parse = times["baseline (str.split)"], times["parse"]
    return [
        (
            f"parse + validate <= {PARSE_VALIDATE_LIMIT:g}x baseline",
            times["parse + validate"] <= PARSE_VALIDATE_LIMIT * base,
        ),
        (
            f"parse + validate, varied <= {PARSE_VALIDATE_LIMIT:g}x baseline",
            times["parse + validate, varied"] <= PARSE_VALIDATE_LIMIT * base,
        ),
        *((f"{name} < parse", times[name] < parse) for name in ("render", "dumps", "loads")),
    ]


def _short_path(filename: str) -> str:
    for marker in ("/site-packages/", "/src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def profile(name: str, stage: Callable[[], object], repeat: int, top: int) -> str:
    """The top functions of ``stage`` by own time, under cProfile, as text."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        stage()
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)  # type: ignore[attr-defined]
    total = sum(item[1][2] for item in rows) or 1.0
    out = io.StringIO()
    out.write(
        f"\n{name}: top {top} functions by own time, per report over {repeat} calls "
        "(cProfile: the profiler inflates times, most for small functions; compare shares)\n"
    )
    out.write(f"{'own %':>6} {'own ms':>8} {'cum ms':>8} {'calls':>8}  function\n")
    for (filename, line, function), (_, calls, own, cumulative, _) in rows[:top]:
        where = f"{_short_path(filename)}:{line}({function})" if line else function
        out.write(
            f"{100 * own / total:6.1f} {1000 * own / repeat:8.3f} "
            f"{1000 * cumulative / repeat:8.3f} {calls / repeat:8.1f}  {where}\n"
        )
    return out.getvalue()


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=200, help="calls per round (default 200)")
    parser.add_argument("--file", type=Path, default=SEED, help="the report (default: the seed)")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="all",
        metavar="STAGE",
        help="profile every stage, or the one named (parse, validate, dumps...)",
    )
    parser.add_argument("--top", type=int, default=15, help="functions listed by --profile")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--cpu", action="store_true", help="time in CPU time, not wall time")
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")
    measured = stages(text)
    if args.profile not in (None, "all") and args.profile not in measured:
        parser.error(f"--profile: no stage {args.profile!r}; stages: {', '.join(measured)}")
    for stage in measured.values():  # warm up: the grammar, the caches
        stage()

    times = {name: measure(stage, args.repeat, args.cpu) for name, stage in measured.items()}
    base = times["baseline (str.split)"]
    print(f"{'stage':26} {'ms/report':>10} {'x baseline':>11} {'reports/s':>10}")
    for name, per in times.items():
        print(f"{name:26} {per * 1000:10.3f} {per / base:11.1f} {1 / per:10.0f}")
    met = targets(times)
    print()
    for label, ok in met:
        print(f"{'ok    ' if ok else 'MISSED'} {label}")

    if args.profile is not None:
        for name, stage in measured.items():
            if args.profile in ("all", name) and not name.startswith("baseline"):
                print(profile(name, stage, args.repeat, args.top), end="")
    return 1 if args.check and not all(ok for _, ok in met) else 0


if __name__ == "__main__":
    sys.exit(main())
