"""Speed of parse, validate, render and JSON against a plain-split baseline, in the same run.

Run from the repository root: ``python benchmarks/speed.py [--repeat N]``. The baseline splits the
same report into lines and cells with ``str.split``; each stage prints its time per report, its
ratio to the baseline and reports per second.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import govinfo_report as gr  # noqa: E402


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--file", type=Path, default=ROOT / "src" / "govinfo_report" / "examples" / "seed.txt"
    )
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")
    report = gr.parse(text)
    json_text = gr.dumps(report)
    gr.validate(report)

    def baseline() -> object:
        return [line.split("\t") for line in text.split("\n")]

    stages = {
        "baseline (str.split)": baseline,
        "parse": lambda: gr.parse(text),
        "parse + validate": lambda: gr.validate(gr.parse(text)),
        "render": lambda: gr.render(report),
        "dumps": lambda: gr.dumps(report),
        "loads": lambda: gr.loads(json_text),
        "flatten": lambda: gr.flatten(report),
    }
    base = min(timeit.repeat(baseline, number=args.repeat, repeat=5)) / args.repeat
    print(f"{'stage':22} {'ms/report':>10} {'x baseline':>11} {'reports/s':>10}")
    for name, stage in stages.items():
        per = min(timeit.repeat(stage, number=args.repeat, repeat=5)) / args.repeat
        print(f"{name:22} {per * 1000:10.3f} {per / base:11.1f} {1 / per:10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
