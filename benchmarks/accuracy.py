"""Accuracy over the corpus: how many truth cells the parser reads right, per folder and rendering.

Run from the repository root: ``python benchmarks/accuracy.py [--corpus DIR] [--wrong]``.
Prints, per folder and per rendering: reports, crashes (exceptions other than ParseError),
parse errors, cells right / cells in truth, reports with every cell right; ``--wrong`` lists the
wrong cells.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import govinfo_report as gr  # noqa: E402
from tests.test_seed import same_value, truth_flat  # noqa: E402


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "corpus")
    parser.add_argument("--wrong", action="store_true", help="list every wrong cell")
    args = parser.parse_args()
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    wrong_cells: list[str] = []
    for index_file in sorted(args.corpus.glob("*/index.jsonl")):
        folder = index_file.parent
        for line in index_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            truth = truth_flat(
                json.loads((folder / f"{entry['id']}.truth.json").read_text("utf-8"))
            )
            row = stats[(folder.name, entry["rendering"])]
            row[0] += 1
            row[4] += len(truth)
            try:
                flat = gr.flatten(gr.load(folder / entry["file"]))
            except gr.ParseError:
                row[2] += 1
                flat = {}
            except Exception as error:
                row[1] += 1
                wrong_cells.append(f"{folder.name}/{entry['id']}: CRASH {error!r}")
                flat = {}
            right = 0
            for key, value in truth.items():
                if same_value(flat.get(key), value):
                    right += 1
                else:
                    wrong_cells.append(
                        f"{folder.name}/{entry['id']} {key}: got {flat.get(key)!r}, truth {value!r}"
                    )
            row[3] += right
            row[5] += right == len(truth)
    print(
        f"{'folder':8} {'rendering':20} {'reports':>7} {'crashes':>7} {'perr':>5} "
        f"{'cells right/truth':>20} {'all right':>9}"
    )
    total = [0, 0, 0, 0, 0, 0]
    for (folder, rendering), row in sorted(stats.items()):
        total = [a + b for a, b in zip(total, row, strict=True)]
        print(
            f"{folder:8} {rendering:20} {row[0]:7} {row[1]:7} {row[2]:5} "
            f"{row[3]:>9}/{row[4]:<10} {row[5]:9}"
        )
    share = total[3] / total[4] * 100 if total[4] else 100.0
    print(
        f"{'all':29} {total[0]:7} {total[1]:7} {total[2]:5} {total[3]:>9}/{total[4]:<10} "
        f"{total[5]:9}  ({share:.2f}% of truth cells right)"
    )
    if args.wrong:
        print("\n".join(wrong_cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
