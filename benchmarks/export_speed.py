"""Throughput and peak memory of ``govinfo-report export`` over a folder of report files.

Run from the repository root: ``python benchmarks/export_speed.py [--count N] [--jobs N]``.

Writes ``--count`` report files (10,000 by default) into a temporary folder: every corpus
report, then reports generated as in ``corpus_speed.py`` (values drawn with
``random.Random(--seed)``, rendered as canonical text). It then runs the command a user runs,
``python -m govinfo_report export FOLDER -o out.csv --jobs N``, in a fresh process, once per
count of ``--counts`` (the full count and a tenth of it by default), and prints for each: files,
wall seconds, reports per second, the ratio of the time per report to splitting the same texts
into lines and cells with ``str.split`` in this process (the baseline of ``speed.py``), and the
peak resident memory of the export (the largest of its processes). The same peak for ten times
the files shows that memory does not grow with the count. The target: 1,000 reports per second
or more with ``--jobs 2``.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_speed import baseline, corpus_texts, generated_texts  # noqa: E402

TARGET = 1000.0
"""Reports per second the export must reach with ``--jobs 2``."""


def write_files(folder: Path, count: int, seed: int) -> list[str]:
    """Write ``count`` report files into ``folder``; their texts, in file order."""
    texts = corpus_texts()[:count]
    texts.extend(generated_texts(count - len(texts), seed))
    for number, text in enumerate(texts):
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
    return texts


def run_export(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Run the export command in a fresh process: wall seconds and peak RSS in MiB.

    The peak is the largest ``VmHWM`` (the high-water mark of resident memory, which ``exec``
    resets, unlike ``ru_maxrss``) of the command's processes, read every 50 ms while it runs.
    """
    command = [
        sys.executable,
        "-m",
        "govinfo_report",
        "export",
        str(folder),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=_env())
    peak = 0
    while process.poll() is None:
        peak = max(peak, *(_high_water(pid) for pid in _family(process.pid)))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, peak / 1024


def _family(root: int) -> list[int]:
    """``root`` and every process descended from it (from ``/proc``)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    family = [root]
    for pid in family:
        family.extend(child for child, parent in parents.items() if parent == pid)
    return family


def _high_water(pid: int) -> int:
    """A process's peak resident memory in KiB (0 once it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="report files (10000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated reports (0)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for count in sorted({max(1, args.count // 10), args.count}):
            folder = Path(tmp) / f"reports-{count}"
            folder.mkdir()
            texts = write_files(folder, count, args.seed)
            start = time.perf_counter()
            for text in texts:
                baseline(text)
            base = (time.perf_counter() - start) / len(texts)
            out = Path(tmp) / f"out-{count}.csv"
            seconds, peak = run_export(folder, out, args.jobs)
            with out.open(encoding="utf-8", newline="") as file:
                rows = sum(1 for _ in csv.DictReader(file))
            if rows != count:
                print(f"export wrote {rows} rows for {count} files", file=sys.stderr)
                return 2
            results.append((count, seconds, base, peak))

    print(f"{'files':>7} {'seconds':>8} {'reports/s':>10} {'x baseline':>11} {'peak RSS MiB':>13}")
    for count, seconds, base, peak in results:
        per = seconds / count
        print(f"{count:7d} {seconds:8.2f} {count / seconds:10.0f} {per / base:11.1f} {peak:13.1f}")
    rate = results[-1][0] / results[-1][1]
    met = rate >= TARGET
    print(
        f"\n{'ok    ' if met else 'MISSED'} export >= {TARGET:g} reports/s with --jobs {args.jobs}"
    )
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
