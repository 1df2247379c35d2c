"""Throughput of parse + validate over the corpus and over generated reports, and peak memory.

Run from the repository root: ``python benchmarks/corpus_speed.py [--generated N] [--jobs N]``.

The texts are every file of ``tests/fixtures/corpus/*/`` (a file the parser refuses counts: it
was read, and its ``ParseError`` is the answer) and ``--generated`` reports (2,000 by default)
built with :func:`govinfo_report.from_flat` from values drawn with ``random.Random(--seed)`` and
written with :func:`govinfo_report.render`, so every run times the same texts. Each set is
parsed and validated in one process and then in ``--jobs`` worker processes; the table gives
reports per second, the time per report and its ratio to splitting the same texts into lines
and cells with ``str.split`` (the baseline of ``speed.py``).

Peak memory is the peak RSS (``resource.getrusage``) of a fresh process that generates, renders,
parses and validates reports one after the other, for each count of ``--memory`` (1,000 and
10,000 by default): the same peak for ten times the reports shows that memory does not grow with
the count. ``--memory ''`` skips it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import govinfo_report as gr  # noqa: E402
from govinfo_report.layouts import FormatVersion, flat_keys  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
NOT_REPORTS = {"index.jsonl", "README.md"}

_ODD_VALUES: tuple[object, ...] = (
    "",
    "/",
    "—",
    "无",
    "1个",
    "+17",
    "-3",
    "1.5",
    "251000元",
    "1,234",
)
_PROSE = "本机关严格落实政府信息公开条例要求主动公开各类信息依法办理申请持续提升工作质量年度"
_VERSIONS: tuple[FormatVersion, ...] = ("2021", "2019")
_AGENCIES = ("西工区科学技术局", "某市审计局", "平潭综合实验区", "河包镇人民政府", "教育部")


# -- the texts ------------------------------------------------------------------------------------


def corpus_texts() -> list[str]:
    """Every report of the corpus, decoded (as :func:`govinfo_report.load` reads it)."""
    paths = sorted(
        path
        for path in CORPUS.glob("*/*")
        if path.is_file() and path.name not in NOT_REPORTS and not path.name.endswith(".json")
    )
    return [gr.decode(path.read_bytes(), source=str(path)) for path in paths]


def generated_report(rng: random.Random) -> gr.Report:
    """A report of the official layout with values drawn from ``rng``.

    Mostly counts; some cells blank, some text, signs or decimals; some rows absent; prose of
    random length before the tables and in the other sections.
    """
    version = rng.choice(_VERSIONS)
    year = rng.choice((None, 2019, 2020, 2021, 2022, 2023, 2024))
    flat: dict[str, object] = {
        "format": version,
        "year": year,
        "agency": rng.choice(_AGENCIES) if year is not None else None,
    }
    dropped = {key.split(".")[1] for key in flat_keys(version) if rng.random() < 0.05}
    for key in flat_keys(version):
        if key in flat or key.split(".")[1] in dropped:
            continue
        draw = rng.random()
        if draw < 0.80:
            flat[key] = rng.choice((0, 0, rng.randint(0, 50), rng.randint(0, 5000)))
        elif draw < 0.90:
            flat[key] = None
        elif draw < 0.95:
            flat[key] = Decimal(rng.randint(0, 10**6)) / 100
        else:
            flat[key] = rng.choice(_ODD_VALUES)
    report = gr.from_flat(flat)
    sections = []
    for section in report.sections:
        prose = tuple(
            gr.Paragraph("".join(rng.choices(_PROSE, k=rng.randint(20, 200))) + "。")
            for _ in range(rng.randint(0, 4))
        )
        if section.number in (2, 3, 4):
            sections.append(attrs.evolve(section, blocks=prose + section.blocks))
        else:
            sections.append(attrs.evolve(section, blocks=prose or section.blocks))
    return attrs.evolve(report, sections=tuple(sections))


def generated_texts(count: int, seed: int) -> Iterator[str]:
    """``count`` generated reports as canonical text, the same for the same ``seed``."""
    rng = random.Random(seed)
    for _ in range(count):
        yield gr.render(generated_report(rng))


# -- the work -------------------------------------------------------------------------------------


def parse_validate(text: str) -> int:
    """Parse and validate one text: the number of findings, -1 for a text that is no report."""
    try:
        return len(gr.validate(gr.parse(text)))
    except gr.ParseError:
        return -1


def baseline(text: str) -> int:
    """The baseline of ``speed.py``: the text split into lines and cells."""
    return len([line.split("\t") for line in text.split("\n")])


def _run_all(texts: Sequence[str]) -> list[int]:
    return [parse_validate(text) for text in texts]


def best_time(run: Callable[[], object], rounds: int) -> float:
    """Seconds of the fastest of ``rounds`` runs."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def time_set(
    name: str, texts: list[str], jobs: int, rounds: int
) -> list[tuple[str, int, float, float]]:
    """Rows of the table for one set of texts: 1 process, then ``jobs`` processes."""
    base = best_time(lambda: [baseline(text) for text in texts], rounds)
    rows = [(f"{name}, 1 process", len(texts), best_time(lambda: _run_all(texts), rounds), base)]
    if jobs > 1:
        chunk = max(1, len(texts) // (jobs * 8))
        with multiprocessing.Pool(jobs) as pool:
            pool.map(parse_validate, texts[: jobs * 2], chunksize=1)  # warm up every worker
            seconds = best_time(lambda: pool.map(parse_validate, texts, chunksize=chunk), rounds)
        rows.append((f"{name}, {jobs} processes", len(texts), seconds, base))
    return rows


# -- memory ---------------------------------------------------------------------------------------


def peak_rss(count: int, seed: int) -> dict[str, float]:
    """In this process: generate, render, parse and validate ``count`` reports one at a time."""
    findings = 0
    for text in generated_texts(count, seed):
        findings += max(parse_validate(text), 0)
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"count": count, "findings": findings, "peak_rss_mib": kilobytes / 1024}


def peak_rss_in_fresh_process(count: int, seed: int) -> dict[str, float]:
    """:func:`peak_rss` in a new interpreter, so that its peak is that of ``count`` reports."""
    done = subprocess.run(
        [sys.executable, __file__, "--_peak-rss", str(count), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


# -- main -----------------------------------------------------------------------------------------


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generated", type=int, default=2000, help="generated reports (2000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated reports (0)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each set; the best counts")
    parser.add_argument(
        "--memory",
        default="1000,10000",
        help="report counts whose peak RSS is measured, comma-separated ('' to skip)",
    )
    parser.add_argument("--_peak-rss", type=int, dest="peak_rss", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_rss is not None:
        print(json.dumps(peak_rss(args.peak_rss, args.seed)))
        return 0

    corpus = corpus_texts()
    generated = list(generated_texts(args.generated, args.seed))
    refused = sum(1 for text in corpus if parse_validate(text) < 0)
    print(
        f"corpus: {len(corpus)} files ({refused} refused with ParseError), "
        f"{sum(map(len, corpus)) / 1e6:.1f} M characters"
    )
    print(
        f"generated: {len(generated)} reports (random.Random({args.seed})), "
        f"{sum(map(len, generated)) / 1e6:.1f} M characters"
    )
    print()
    print(f"{'texts, processes':28} {'reports':>8} {'reports/s':>10} {'ms/report':>10}", end="")
    print(f" {'x baseline':>11}")
    for name, texts in (("corpus", corpus), ("generated", generated)):
        for label, count, seconds, base in time_set(name, texts, args.jobs, args.rounds):
            print(
                f"{label:28} {count:8d} {count / seconds:10.0f} {1000 * seconds / count:10.3f} "
                f"{seconds / base:11.1f}"
            )

    counts = [int(part) for part in args.memory.split(",") if part.strip()]
    if counts:
        print()
        print("peak RSS of a fresh process generating, parsing and validating reports one by one:")
        first: float | None = None
        for count in counts:
            result = peak_rss_in_fresh_process(count, args.seed)
            peak = result["peak_rss_mib"]
            growth = "" if first is None else f" ({100 * (peak - first) / first:+.1f}%)"
            first = peak if first is None else first
            print(f"{count:8d} reports: {peak:7.1f} MiB{growth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
