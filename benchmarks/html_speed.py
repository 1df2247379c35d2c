"""Speed of loading HTML pages against parsing them with lxml alone, in the same run.

Run from the repository root: ``python benchmarks/html_speed.py [--repeat N] [FILE ...]``
(default: every page of ``tests/fixtures/corpus/html``). For each page it times

* ``lxml.html.fromstring`` on the page's bytes (the baseline),
* the HTML reader alone (``read_html``: parsing, finding the article, lines and cells),
* the full pipeline: ``govinfo_report.load`` (decoding, reading, classifying, the grammar and
  the typed report); while the reader is not registered in ``_readers.READERS``, the same steps
  called one by one (``decode``, ``read_html``, ``parse_lines``),

and prints milliseconds per page and each one's ratio to the baseline. The target for the full
pipeline is at most 3x the baseline.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import lxml.html  # noqa: E402

import govinfo_report as gr  # noqa: E402
from govinfo_report._html import read_html  # noqa: E402
from govinfo_report._readers import READERS  # noqa: E402
from govinfo_report.parser import parse_lines  # noqa: E402

TARGET = 3.0


def _best(stage: object, repeat: int) -> float:
    """Best time of one call, in seconds."""
    return min(timeit.repeat(stage, number=repeat, repeat=5)) / repeat  # type: ignore[arg-type]


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "tests" / "fixtures" / "corpus" / "html").glob("*.html"))
    registered = "html" in READERS
    if not registered:
        print("the HTML reader is not registered: the full pipeline is run step by step")
    print(
        f"{'page':10} {'KiB':>6} {'lxml ms':>8} {'reader ms':>10} {'x lxml':>7} "
        f"{'load ms':>8} {'x lxml':>7}"
    )
    worst = 0.0
    for path in files:
        data = path.read_bytes()
        text = gr.decode(data)

        def baseline(data: bytes = data) -> object:
            return lxml.html.fromstring(data)

        def reader(text: str = text) -> object:
            return read_html(text)

        def pipeline(path: Path = path) -> object:
            if registered:
                return gr.load(path)
            result = read_html(gr.decode(path.read_bytes()))
            assert result is not None
            return parse_lines(*result, source=str(path))

        pipeline()  # warm up: grammar, regexes

        base = _best(baseline, args.repeat)
        read = _best(reader, args.repeat)
        full = _best(pipeline, args.repeat)
        worst = max(worst, full / base)
        print(
            f"{path.name:10} {len(data) / 1024:6.0f} {base * 1000:8.2f} {read * 1000:10.2f} "
            f"{read / base:7.1f} {full * 1000:8.2f} {full / base:7.1f}"
        )
    verdict = "within" if worst <= TARGET else "over"
    print(f"worst full-pipeline ratio {worst:.1f}x ({verdict} the {TARGET:.0f}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
