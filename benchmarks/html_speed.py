"""Speed of loading HTML pages against parsing them with lxml alone, in the same run.

Run from the repository root: ``python benchmarks/html_speed.py [--rounds N] [FILE ...]``
(default: every page of ``tests/fixtures/corpus/html``). For each page it times

* ``lxml.html.fromstring`` on the page's bytes (the baseline),
* the HTML reader alone (``read_html`` on the decoded text: parsing, finding the article, its
  lines and cells),
* the whole of ``govinfo_report.load`` on the page's path (reading the file, decoding,
  reading, classifying, the grammar and the typed report),

and prints milliseconds per page, each one's ratio to the baseline and the reports loaded per
second. The target for ``load`` is at most 3x the baseline.

The three are timed on the same inputs in the same run, in interleaved rounds (lxml, reader,
load, lxml, reader, load…) so that a busy machine slows them alike; each figure is the best
round. Every round runs the stage enough times to last about 20 ms.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import lxml.html  # noqa: E402

import govinfo_report as gr  # noqa: E402
from govinfo_report._html import read_html  # noqa: E402

TARGET = 3.0
ROUND_SECONDS = 0.02


def _calls_per_round(stage: Callable[[], object]) -> int:
    """How many calls of ``stage`` last about :data:`ROUND_SECONDS`."""
    once = min(timeit.repeat(stage, number=1, repeat=3))
    return max(1, int(ROUND_SECONDS / max(once, 1e-6)))


def _best(stages: list[Callable[[], object]], rounds: int) -> list[float]:
    """Best time of one call of each stage, in seconds, from interleaved rounds."""
    numbers = [_calls_per_round(stage) for stage in stages]
    best = [float("inf")] * len(stages)
    for _ in range(rounds):
        for index, (stage, number) in enumerate(zip(stages, numbers, strict=True)):
            best[index] = min(best[index], timeit.timeit(stage, number=number) / number)
    return best


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds per stage")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "tests" / "fixtures" / "corpus" / "html").glob("*.html"))
    print(
        f"{'page':10} {'KiB':>5} {'lxml ms':>8} {'reader ms':>10} {'x lxml':>7} "
        f"{'load ms':>8} {'x lxml':>7} {'loads/s':>8}"
    )
    worst_reader = worst_load = 0.0
    total_load = 0.0
    for path in files:
        data = path.read_bytes()
        text = gr.decode(data)
        assert read_html(text) is not None, f"{path} is not read as HTML"

        def baseline(data: bytes = data) -> object:
            return lxml.html.fromstring(data)

        def reader(text: str = text) -> object:
            return read_html(text)

        def load(path: Path = path) -> object:
            return gr.load(path)

        load()  # warm up: grammar, regexes
        base, read, full = _best([baseline, reader, load], args.rounds)
        worst_reader = max(worst_reader, read / base)
        worst_load = max(worst_load, full / base)
        total_load += full
        print(
            f"{path.name:10} {len(data) / 1024:5.0f} {base * 1000:8.2f} {read * 1000:10.2f} "
            f"{read / base:7.2f} {full * 1000:8.2f} {full / base:7.2f} {1 / full:8.0f}"
        )
    verdict = "within" if worst_load <= TARGET else "over"
    print(
        f"worst ratio: reader {worst_reader:.2f}x, load {worst_load:.2f}x ({verdict} the "
        f"{TARGET:.0f}x target); load: {len(files) / total_load:.0f} reports/s over these pages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
