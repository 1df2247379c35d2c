#!/usr/bin/env python3
r"""A fuzzing campaign for govinfo_report: mutated corpus reports and random input, in-process.

Every input is derived from ``(seed, index)`` alone, so any input can be generated again. Inputs
are text (given to :func:`govinfo_report.parse`) or bytes (given to :func:`govinfo_report.load`,
which detects the encoding): mutations of every report listed in
``tests/fixtures/corpus/*/index.jsonl`` (lines deleted, duplicated, swapped; tabs and pipes
inserted; cells shifted; look-alike characters; truncation...), random text built from the
corpus's own fragments and from control, CJK and full-width characters, and bytes (encodings,
byte flips, binary signatures, NUL bytes).

For each input the guarantees of the hostile-input issue are checked:

* the result is a :class:`~govinfo_report.Report` or a :class:`~govinfo_report.ParseError`
  (or a subclass) that names the source, line and column — any other exception is a *crash*;
* for a report, ``validate()`` returns a tuple, ``loads(dumps(r)) == r``, ``render()`` returns a
  string and parsing that string raises nothing outside the ParseError family — a failure is an
  *invariant* violation;
* an input that takes longer than ``--timeout-per-input`` seconds is a *hang*.

Inputs run in worker processes (``multiprocessing``; ``--jobs`` of them). Inside a worker a
POSIX interval timer interrupts an input that runs over its time — CPU time of the process
(``ITIMER_PROF``), so that a busy machine does not turn slow inputs into hangs; the parent also
watches each worker by the wall clock and kills and restarts one that stops answering (a loop
that never returns to Python), so a true infinite loop cannot block the campaign. Times reported
per input are CPU seconds. Crashes, invariant violations and hangs are
saved under ``fuzz/crashes/`` (``--out``), one per distinct signature: the raw input and a
Python script that reproduces it, the input as a literal (crashes are first minimised).

Examples::

    python fuzz/fuzz.py --count 2000 --seed 1            # a short campaign (CI)
    python fuzz/fuzz.py --count 100000 --jobs 2          # a long one
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import multiprocessing
import random
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import Literal, TypeVar

import govinfo_report as gr

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "tests" / "fixtures" / "corpus"
CRASHES = HERE / "crashes"
SOURCE = "fuzz-input"
MAX_SIZE = 200_000
"""Upper bound on the size of a generated input, in characters or bytes."""

T = TypeVar("T")
Status = Literal["report", "parse_error", "crash", "invariant", "hang"]
BAD: tuple[Status, ...] = ("crash", "invariant", "hang")

# -- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FuzzInput:
    """One input: text for ``parse`` or bytes for ``load``, and how it was made."""

    index: int
    kind: Literal["text", "bytes"]
    text: str = ""
    data: bytes = b""
    recipe: tuple[str, ...] = ()
    errors: Literal["strict", "replace"] = "strict"

    @property
    def size(self) -> int:
        """Characters of a text input, bytes of a bytes input."""
        return len(self.text) if self.kind == "text" else len(self.data)

    def with_payload(self, payload: str | bytes) -> FuzzInput:
        """The same input with another text or bytes (for minimising)."""
        if isinstance(payload, str):
            return FuzzInput(self.index, "text", payload, b"", self.recipe, self.errors)
        return FuzzInput(self.index, "bytes", "", payload, self.recipe, self.errors)


def load_corpus(root: Path = CORPUS) -> list[tuple[str, str]]:
    """``(name, text)`` of every file listed in ``root/*/index.jsonl``."""
    found: list[tuple[str, str]] = []
    for index_file in sorted(root.glob("*/index.jsonl")):
        for line in index_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            path = index_file.parent / entry["file"]
            found.append(
                (f"{index_file.parent.name}/{entry['file']}", gr.decode(path.read_bytes()))
            )
    if not found:
        raise SystemExit(f"no corpus reports under {root}")
    return found


LOOKALIKES: tuple[tuple[str, str], ...] = (
    ("（", "("),
    ("）", ")"),
    ("(", "（"),
    ("，", ","),
    ("一", "-"),
    ("一", "—"),
    ("、", "."),
    ("、", ","),
    ("：", ":"),
    ("。", "."),
    ("0", "O"),
    ("0", "０"),
    ("1", "l"),
    ("1", "１"),
    ("二", "="),
    ("三", "3"),
    ("—", "-"),
    ("第", "苐"),
    ("条", "條"),
    ("项", "項"),
    ("开", "開"),
    ("计", "計"),
    ("总", "總"),
    (" ", "\u3000"),
    (" ", "\u00a0"),
    ("\t", "    "),
    ("\t", " | "),
    ("\t", "\t\t"),
    ("\n", "\r\n"),
    ("\n", "\r"),
    ("\n", "\u2028"),
    ("\n", "\x85"),
    ("\n", "\x0c"),
    ("\n", "\n\n"),
)
ODD_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1c\x1d\x1e\x1f\x7f\x80\x85\x9f\u00a0\u00ad\u200b\u200c"
    "\u200d\u200e\u202e\u2028\u2029\u3000\ufeff\ufffd\ufffe\uffff\U0001f600\U00020000\ud800\udcff"
    "（）【】〔〕「」『』《》，、。：；！？·…—－～＋＝０１２３４５６７８９ＡＢａｂ｜　"
    "①②③⑩㈠㈡ⅠⅡⅢ²³½¼٣۴߄१০๓"
)
NUMBERS = (
    "0",
    "-1",
    "+17",
    "1.5",
    "1,234",
    "12,34",
    "1e5",
    "0x1F",
    "９",
    "１２",
    "٣",
    "²",
    "½",
    "Ⅲ",
    "99999999999999999999999999999",
    "0.00000000000000000000001",
    "251000元",
    "1个",
    "160.5964万元",
    "-",
    "/",
    "—",
    "无",
    "NaN",
    "Infinity",
    "1" * 400,
    "9" * 5000,
    "1." + "0" * 400,
    "1 " * 2000,
)
BINARY_HEADS = (
    b"\x89PNG\r\n\x1a\n",
    b"PK\x03\x04",
    b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    b"%PDF-1.7\n",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xff\xd8\xff\xe0",
    b"GIF89a",
    b"\x1f\x8b\x08",
    b"{\\rtf1",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff\xfe\x00\x00",
    b"\x00\x00\xfe\xff",
)
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "gbk",
    "gb18030",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "big5",
    "latin-1",
)

Lines = list[str]


def _pick_line(rng: random.Random, lines: Lines, tabbed: bool = False) -> int | None:
    if not lines:
        return None
    if tabbed:
        rows = [i for i, line in enumerate(lines) if "\t" in line]
        if rows:
            return rng.choice(rows)
    return rng.randrange(len(lines))


def _m_delete_line(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines)
    if i is not None:
        del lines[i]
    return "delete-line"


def _m_delete_lines(rng: random.Random, lines: Lines) -> str:
    if lines:
        start = rng.randrange(len(lines))
        del lines[start : start + rng.randint(2, 30)]
    return "delete-lines"


def _m_duplicate_line(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines, tabbed=rng.random() < 0.7)
    if i is not None:
        lines.insert(i, lines[i])
    return "duplicate-line"


def _m_duplicate_block(rng: random.Random, lines: Lines) -> str:
    if lines:
        start = rng.randrange(len(lines))
        block = lines[start : start + rng.randint(2, 40)]
        lines[start:start] = block * rng.randint(1, 3)
    return "duplicate-block"


def _m_swap_lines(rng: random.Random, lines: Lines) -> str:
    if len(lines) >= 2:
        i = rng.randrange(len(lines) - 1)
        j = i + 1 if rng.random() < 0.6 else rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "swap-lines"


def _m_insert_tab(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines, tabbed=rng.random() < 0.8)
    if i is not None:
        line = lines[i]
        at = rng.randint(0, len(line))
        lines[i] = line[:at] + "\t" * rng.randint(1, 3) + line[at:]
    return "insert-tab"


def _m_delete_tab(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines, tabbed=True)
    if i is not None and "\t" in lines[i]:
        line = lines[i]
        tabs = [k for k, char in enumerate(line) if char == "\t"]
        at = rng.choice(tabs)
        lines[i] = line[:at] + line[at + 1 :]
    return "delete-tab"


def _m_shift_cells(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines, tabbed=True)
    if i is not None:
        cells = lines[i].split("\t")
        at = rng.randint(0, len(cells))
        cells[at:at] = [""] * rng.randint(1, 4)
        lines[i] = "\t".join(cells)
    return "shift-cells"


def _m_pipes(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines, tabbed=True)
    if i is not None:
        line = lines[i]
        if rng.random() < 0.5:
            lines[i] = "| " + line.replace("\t", " | ") + " |"
        else:
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + "|" + line[at:]
    return "pipes"


def _m_lookalike(rng: random.Random, lines: Lines) -> str:
    old, new = rng.choice(LOOKALIKES)
    text = "\n".join(lines)
    if old not in text:
        return "lookalike-none"
    if rng.random() < 0.3:
        text = text.replace(old, new)
    else:
        spots = [k for k in range(len(text)) if text.startswith(old, k)]
        at = rng.choice(spots)
        text = text[:at] + new + text[at + len(old) :]
    lines[:] = text.split("\n")
    return f"lookalike-{old!r}-{new!r}"


def _m_number(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines, tabbed=True)
    if i is not None:
        cells = lines[i].split("\t")
        k = rng.randrange(len(cells))
        cells[k] = rng.choice(NUMBERS)
        lines[i] = "\t".join(cells)
    return "number"


def _m_odd_chars(rng: random.Random, lines: Lines) -> str:
    i = _pick_line(rng, lines)
    if i is not None:
        line = lines[i]
        at = rng.randint(0, len(line))
        extra = "".join(rng.choice(ODD_CHARS) for _ in range(rng.randint(1, 5)))
        lines[i] = line[:at] + extra + line[at:]
    return "odd-chars"


def _m_truncate(rng: random.Random, lines: Lines) -> str:
    text = "\n".join(lines)
    lines[:] = text[: rng.randint(0, len(text))].split("\n")
    return "truncate"


def _m_splice(rng: random.Random, lines: Lines, others: Sequence[str]) -> str:
    other = rng.choice(others).split("\n")
    start = rng.randrange(len(other))
    block = other[start : start + rng.randint(1, 60)]
    at = rng.randint(0, len(lines))
    lines[at:at] = block
    return "splice"


def _m_strip_tabs(rng: random.Random, lines: Lines) -> str:
    if lines:
        start = rng.randrange(len(lines))
        for k in range(start, min(len(lines), start + rng.randint(1, 20))):
            lines[k] = lines[k].replace("\t", rng.choice(("", " ", "  ", "|")))
    return "strip-tabs"


def _m_big(rng: random.Random, lines: Lines) -> str:
    at = rng.randint(0, len(lines))
    unit = rng.choice(
        ("\t", "0\t", "\t0", "规章", "一、", "（一）", "|", " ", "2022年", "1.", "\t\t1")
    )
    count = rng.randint(100, 20_000 if rng.random() < 0.1 else 2_000)
    if rng.random() < 0.5:
        lines.insert(
            at, rng.choice(("", "规章", "一、本年新收政府信息公开申请数量")) + unit * count
        )
    else:
        lines[at:at] = [rng.choice(lines) if lines else unit for _ in range(min(count, 3000))]
    return f"big-{unit!r}"


def _m_wide_row(rng: random.Random, lines: Lines) -> str:
    """Many empty cells inside a table row (up to 180,000: a row as wide as the size limit)."""
    i = _pick_line(rng, lines, tabbed=True)
    if i is not None:
        cells = lines[i].split("\t")
        at = rng.randint(1, max(1, len(cells) - 1))
        count = rng.randint(100, 180_000 if rng.random() < 0.2 else 5_000)
        cells[at:at] = [""] * count
        lines[i] = "\t".join(cells)
    return "wide-row"


def _m_title(rng: random.Random, lines: Lines) -> str:
    year = rng.choice(("2022", "99999", "0", "２０２２", "1899", "2100", "", "二〇二二"))
    lines.insert(
        rng.randint(0, min(3, len(lines))),
        f"{rng.choice(('某局', '', '*', '（）'))}{year}年政府信息公开工作年度报告",
    )
    return "title"


MUTATIONS: tuple[Callable[[random.Random, Lines], str], ...] = (
    _m_delete_line,
    _m_delete_lines,
    _m_duplicate_line,
    _m_duplicate_block,
    _m_swap_lines,
    _m_insert_tab,
    _m_insert_tab,
    _m_delete_tab,
    _m_delete_tab,
    _m_shift_cells,
    _m_pipes,
    _m_lookalike,
    _m_lookalike,
    _m_number,
    _m_odd_chars,
    _m_truncate,
    _m_strip_tabs,
    _m_big,
    _m_wide_row,
    _m_title,
)


def mutation_name(mutation: Callable[[random.Random, Lines], str]) -> str:
    """``wide-row`` for ``_m_wide_row``."""
    return mutation.__name__.removeprefix("_m_").replace("_", "-")


def mutate_text(
    rng: random.Random,
    text: str,
    others: Sequence[str],
    mutations: Sequence[Callable[[random.Random, Lines], str]] = MUTATIONS,
) -> tuple[str, list[str]]:
    """``text`` with 1 to 8 random mutations, and their names."""
    lines = text.split("\n")
    recipe: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6, 8))):
        if rng.random() < 0.05:
            recipe.append(_m_splice(rng, lines, others))
        else:
            recipe.append(rng.choice(mutations)(rng, lines))
    return "\n".join(lines)[:MAX_SIZE], recipe


def random_text(rng: random.Random, fragments: Sequence[str]) -> str:
    """Lines of corpus fragments, numbers, tabs, pipes and odd characters."""
    lines: list[str] = []
    for _ in range(rng.randint(0, 60)):
        parts: list[str] = []
        for _ in range(rng.randint(0, 12)):
            roll = rng.random()
            if roll < 0.45:
                parts.append(rng.choice(fragments))
            elif roll < 0.7:
                parts.append(rng.choice(NUMBERS[:24]))
            elif roll < 0.85:
                parts.append(rng.choice(("\t", "\t", "|", " ", "", "、", "（", "）")))
            else:
                parts.append("".join(rng.choice(ODD_CHARS) for _ in range(rng.randint(1, 4))))
        sep = rng.choice(("\t", "\t", "", " | ", " "))
        lines.append(sep.join(parts))
    return rng.choice(("\n", "\n", "\r\n", "\r")).join(lines)


def mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """Byte-level damage: flips, insertions, deletions, truncation, binary heads, NULs."""
    buffer = bytearray(data)
    recipe: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        roll = rng.random()
        at = rng.randint(0, len(buffer))
        if roll < 0.25 and buffer:
            at = min(at, len(buffer) - 1)
            buffer[at] ^= 1 << rng.randrange(8)
            recipe.append("flip")
        elif roll < 0.45:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            recipe.append("insert-bytes")
        elif roll < 0.6:
            del buffer[at : at + rng.randint(1, 8)]
            recipe.append("delete-bytes")
        elif roll < 0.75:
            del buffer[at:]
            recipe.append("truncate-bytes")
        elif roll < 0.85:
            buffer[0:0] = rng.choice(BINARY_HEADS)
            recipe.append("binary-head")
        else:
            buffer[at:at] = b"\x00" * rng.randint(1, 4)
            recipe.append("nul")
    return bytes(buffer), recipe


def _fragments(corpus: Sequence[tuple[str, str]]) -> list[str]:
    found: set[str] = set()
    for _, text in corpus:
        for line in text.split("\n")[:400]:
            found.update(part.strip() for part in line.split("\t") if 0 < len(part.strip()) <= 60)
    return sorted(found)


class Generator:
    """Makes input ``index`` of a campaign from the seed and the corpus alone."""

    def __init__(
        self, seed: int, corpus: Sequence[tuple[str, str]], exclude: Sequence[str] = ()
    ) -> None:
        self.seed = seed
        self.corpus = list(corpus)
        self.texts = [text for _, text in corpus]
        self.fragments = _fragments(corpus)
        self.mutations = [m for m in MUTATIONS if mutation_name(m) not in exclude]

    def __call__(self, index: int) -> FuzzInput:
        """Input ``index``: a corpus mutation, random text or bytes."""
        rng = random.Random(f"{self.seed}:{index}")
        roll = rng.random()
        name, base = rng.choice(self.corpus)
        if len(base) > 30_000 and rng.random() < 0.8:  # the whole HTML pages: mostly a window
            start = rng.randrange(len(base))
            base = base[start : start + rng.randint(2_000, 30_000)]
        if roll < 0.55:
            text, recipe = mutate_text(rng, base, self.texts, self.mutations)
            return FuzzInput(index, "text", text, recipe=(name, *recipe))
        if roll < 0.7:
            return FuzzInput(index, "text", random_text(rng, self.fragments), recipe=("random",))
        if roll < 0.92:
            text, recipe = (
                mutate_text(rng, base, self.texts, self.mutations)
                if rng.random() < 0.7
                else (base, [])
            )
            encoding = rng.choice(ENCODINGS)
            data = text.encode(encoding, "replace")
            data, damage = mutate_bytes(rng, data)
            errors: Literal["strict", "replace"] = "replace" if rng.random() < 0.3 else "strict"
            return FuzzInput(
                index,
                "bytes",
                data=data[:MAX_SIZE],
                recipe=(name, *recipe, encoding, *damage),
                errors=errors,
            )
        size = rng.choice((0, 1, 2, 3, 8, 64, 1000))
        data = rng.choice((*BINARY_HEADS, b"")) + bytes(rng.randrange(256) for _ in range(size))
        return FuzzInput(index, "bytes", data=data, recipe=("random-bytes",))


# -- running one input ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one input did."""

    index: int
    status: Status
    elapsed: float
    error_type: str = ""
    message: str = ""
    where: str = ""
    trace: str = ""

    @property
    def signature(self) -> str:
        """What tells two problems apart: status, exception type and where it was raised."""
        if self.status == "hang":
            return f"hang:{self.index}"
        if self.status == "invariant":
            return f"invariant:{self.message.split(':')[0]}"
        return f"{self.status}:{self.error_type}:{self.where}"


class Hang(BaseException):
    """Raised by the interval timer in an input that ran over its time (not an Exception)."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise Hang


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# The timer counts the process's CPU time (ITIMER_PROF), not the wall clock: an input is a hang
# for the work it does, not because other programs share the machine.
_TIMER = getattr(signal, "ITIMER_PROF", 0)
_SIGNAL = getattr(signal, "SIGPROF", 0)


def check(inp: FuzzInput) -> tuple[Status, str]:
    """Run one input and check the guarantees; raises what the library raises unexpectedly.

    Returns:
        ``("report" | "parse_error", "")``, or ``("invariant", what broke)``.
    """
    try:
        if inp.kind == "text":
            report = gr.parse(inp.text, source=SOURCE)
        else:
            report = gr.load(io.BytesIO(inp.data), source=SOURCE, errors=inp.errors)
    except gr.ParseError as error:
        if error.source != SOURCE:
            return "invariant", f"ParseError without its source: {error.reason}"
        located = error.line is not None and error.column is not None
        if not located and not isinstance(error, gr.InputTooLargeError):
            return "invariant", f"ParseError without line and column: {type(error).__name__}"
        return "parse_error", ""
    if not isinstance(report, gr.Report):
        return "invariant", f"parse returned {type(report).__name__}"
    if not isinstance(gr.validate(report), tuple):
        return "invariant", "validate did not return a tuple"
    if gr.loads(gr.dumps(report)) != report:
        return "invariant", "JSON round trip: loads(dumps(r)) != r"
    text = gr.render(report)
    if not isinstance(text, str):
        return "invariant", "render did not return a string"
    with contextlib.suppress(gr.ParseError):
        gr.parse(text)
    gr.flatten(report)
    return "report", ""


def _innermost(tb: traceback.StackSummary) -> str:
    """The innermost frame inside the package (else the innermost frame), as ``file:line``."""
    frames = [frame for frame in tb if "govinfo_report" in frame.filename] or list(tb)
    if not frames:
        return "?"
    frame = frames[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


def run_one(inp: FuzzInput, timeout: float, alarm: bool) -> Outcome:
    """Run one input under the time limit (interval timer when ``alarm``)."""
    start = time.process_time()
    try:
        if alarm:
            signal.setitimer(_TIMER, timeout)
        try:
            status, message = check(inp)
        finally:
            if alarm:
                signal.setitimer(_TIMER, 0)
    except Hang:
        return Outcome(inp.index, "hang", time.process_time() - start, "Hang", "interrupted")
    except Exception as error:
        elapsed = time.process_time() - start
        summary = traceback.extract_tb(error.__traceback__)
        return Outcome(
            inp.index,
            "crash",
            elapsed,
            type(error).__name__,
            str(error)[:500],
            _innermost(summary),
            "".join(traceback.format_exception(error))[-4000:],
        )
    elapsed = time.process_time() - start
    if elapsed > timeout:
        return Outcome(inp.index, "hang", elapsed, "Hang", "over time")
    return Outcome(inp.index, status, elapsed, "", message)


# -- workers ---------------------------------------------------------------------------------


def _worker(
    conn: Connection, generate: Callable[[int], FuzzInput], indexes: range, timeout: float
) -> None:
    alarm = _can_alarm()
    if alarm:
        signal.signal(_SIGNAL, _on_alarm)
    for index in indexes:
        conn.send(run_one(generate(index), timeout, alarm))
    conn.send(None)
    conn.close()


@dataclass
class _Slot:
    indexes: range
    position: int = 0
    process: multiprocessing.process.BaseProcess | None = None
    conn: Connection | None = None
    last: float = 0.0

    @property
    def done(self) -> bool:
        return self.position >= len(self.indexes)


def _start(slot: _Slot, generate: Callable[[int], FuzzInput], timeout: float) -> None:
    # fork where there is one: the worker shares the generator (and its corpus) for free.
    context = (
        multiprocessing.get_context("fork")
        if "fork" in multiprocessing.get_all_start_methods()
        else multiprocessing.get_context("spawn")
    )
    parent, child = context.Pipe(duplex=False)
    rest = slot.indexes[slot.position :]
    process = context.Process(target=_worker, args=(child, generate, rest, timeout), daemon=True)
    process.start()
    child.close()
    slot.process, slot.conn, slot.last = process, parent, time.monotonic()


def _stop(slot: _Slot) -> None:
    if slot.process is not None:
        slot.process.kill()
        slot.process.join(5)
    if slot.conn is not None:
        slot.conn.close()
    slot.process, slot.conn = None, None


def run_inputs(
    generate: Callable[[int], FuzzInput],
    count: int,
    timeout: float,
    jobs: int = 1,
    isolate: bool = True,
    grace: float | None = None,
) -> Iterator[Outcome]:
    """Outcomes of inputs ``0 .. count-1``, from ``jobs`` worker processes (or in-process).

    A worker that sends nothing for ``timeout + grace`` seconds (by default ``grace`` is 15 s:
    its own timer fires first unless it is stuck outside Python) is killed, the input it was
    running counted as a hang, and a new worker carries on with the next input.
    """
    if not isolate:
        alarm = _can_alarm()
        previous = signal.signal(_SIGNAL, _on_alarm) if alarm else None
        try:
            for index in range(count):
                yield run_one(generate(index), timeout, alarm)
        finally:
            if alarm:
                signal.signal(_SIGNAL, previous)
        return
    limit = timeout + (15.0 if grace is None else grace)
    slots = [_Slot(range(k, count, jobs)) for k in range(max(1, jobs))]
    for slot in slots:
        if not slot.done:
            _start(slot, generate, timeout)
    try:
        while any(slot.conn is not None for slot in slots):
            live = [slot for slot in slots if slot.conn is not None]
            ready = wait([slot.conn for slot in live if slot.conn is not None], timeout=1.0)
            now = time.monotonic()
            for slot in live:
                if slot.conn is None or slot.conn not in ready:
                    continue
                message: object
                try:
                    message = slot.conn.recv()
                except (EOFError, OSError):
                    message = "died"
                if message is None:
                    _stop(slot)
                    continue
                if isinstance(message, Outcome):
                    slot.position += 1
                    slot.last = now
                    yield message
                    continue
                # The worker died without a word (killed, out of memory): the input in flight.
                if slot.done:
                    _stop(slot)
                    continue
                index = slot.indexes[slot.position]
                yield Outcome(index, "crash", now - slot.last, "WorkerDied", "worker process died")
                slot.position += 1
                _stop(slot)
                if not slot.done:
                    _start(slot, generate, timeout)
            for slot in slots:
                if slot.conn is not None and now - slot.last > limit:
                    index = slot.indexes[slot.position]
                    yield Outcome(index, "hang", now - slot.last, "Hang", "worker killed")
                    slot.position += 1
                    _stop(slot)
                    if not slot.done:
                        _start(slot, generate, timeout)
    finally:
        for slot in slots:
            _stop(slot)


# -- minimising and saving -------------------------------------------------------------------


def _ddmin(
    parts: list[T],
    build: Callable[[list[T]], FuzzInput],
    keep: Callable[[FuzzInput], bool],
    deadline: float,
) -> list[T]:
    """Drop chunks of ``parts`` (halving the chunk size) while the input keeps its problem."""
    chunk = max(1, len(parts) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        start = 0
        while start < len(parts) and time.monotonic() < deadline:
            trial = parts[:start] + parts[start + chunk :]
            if trial and keep(build(trial)):
                parts = trial
            else:
                start += chunk
        chunk //= 2
    return parts


def minimise(inp: FuzzInput, signature: str, timeout: float, budget: float = 30.0) -> FuzzInput:
    """A smaller input with the same problem signature (lines, then characters or bytes)."""
    deadline = time.monotonic() + budget
    alarm = _can_alarm()
    previous = signal.signal(_SIGNAL, _on_alarm) if alarm else None

    def keep(candidate: FuzzInput) -> bool:
        return run_one(candidate, timeout, alarm).signature == signature

    try:
        if inp.kind == "text":
            lines = _ddmin(
                inp.text.split("\n"), lambda p: inp.with_payload("\n".join(p)), keep, deadline
            )
            chars = _ddmin(
                list("\n".join(lines)), lambda p: inp.with_payload("".join(p)), keep, deadline
            )
            return inp.with_payload("".join(chars))
        rows = _ddmin(
            inp.data.split(b"\n"), lambda p: inp.with_payload(b"\n".join(p)), keep, deadline
        )
        single = [bytes([b]) for b in b"\n".join(rows)]
        data = _ddmin(single, lambda p: inp.with_payload(b"".join(p)), keep, deadline)
        return inp.with_payload(b"".join(data))
    finally:
        if alarm:
            signal.signal(_SIGNAL, previous)


def save(inp: FuzzInput, outcome: Outcome, out: Path) -> Path:
    """Save the raw input and a reproducing script; returns the script's path."""
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(outcome.signature.encode()).hexdigest()[:10]
    stem = f"{outcome.status}-{digest}"
    payload = inp.text.encode("utf-8", "surrogatepass") if inp.kind == "text" else inp.data
    (out / f"{stem}.input").write_bytes(payload)
    if inp.kind == "text":
        call = f"gr.parse(DATA, source={SOURCE!r})"
    else:
        call = f"gr.load(io.BytesIO(DATA), source={SOURCE!r}, errors={inp.errors!r})"
    comment = "\n".join(
        f"# {line}"
        for line in (
            f"{outcome.status}: {outcome.error_type} {outcome.message}".strip(),
            f"where: {outcome.where}",
            f"input #{inp.index}, recipe: {' '.join(inp.recipe)}",
            f"elapsed: {outcome.elapsed:.3f} s",
            "",
            *outcome.trace.splitlines(),
        )
    )
    script = out / f"{stem}.py"
    literal = repr(inp.text if inp.kind == "text" else inp.data)
    script.write_text(
        f'"""Reproducer saved by fuzz/fuzz.py."""\n\n{comment}\n\nimport io  # noqa: F401\n\n'
        f"import govinfo_report as gr\n\nDATA = {literal}\n\nreport = {call}\nprint(report)\n",
        encoding="utf-8",
    )
    return script


# -- the campaign ----------------------------------------------------------------------------


@dataclass
class Problem:
    """A distinct problem: its first outcome, how often it was seen and its reproducer."""

    outcome: Outcome
    count: int = 1
    saved: Path | None = None
    minimal: FuzzInput | None = None


@dataclass
class CampaignResult:
    """The figures of a campaign."""

    tried: int = 0
    reports: int = 0
    parse_errors: int = 0
    crashes: int = 0
    invariants: int = 0
    hangs: int = 0
    slowest: Outcome | None = None
    slowest_recipe: tuple[str, ...] = ()
    slowest_size: int = 0
    elapsed: float = 0.0
    problems: dict[str, Problem] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when there was no crash, no invariant violation and no hang."""
        return not (self.crashes or self.invariants or self.hangs)

    def summary(self) -> str:
        """The figures as text."""
        lines = [
            f"inputs tried: {self.tried} ({self.reports} reports, {self.parse_errors} parse "
            f"errors) in {self.elapsed:.1f} s ({self.tried / max(self.elapsed, 1e-9):.0f}/s)",
            f"crashes: {self.crashes}",
            f"invariant violations: {self.invariants}",
            f"hangs: {self.hangs}",
        ]
        for signature, problem in sorted(self.problems.items()):
            outcome = problem.outcome
            lines.append(
                f"  {signature} x{problem.count}: {outcome.error_type} {outcome.message[:160]}"
                + (f" -> {problem.saved}" if problem.saved else "")
            )
        if self.slowest is not None:
            lines.append(
                f"slowest input: #{self.slowest.index} {self.slowest.elapsed:.3f} s CPU "
                f"({self.slowest_size} chars/bytes; {' '.join(self.slowest_recipe)[:200]})"
            )
        return "\n".join(lines)


def run_campaign(
    count: int = 100_000,
    seed: int = 0,
    timeout: float = 2.0,
    *,
    jobs: int = 1,
    isolate: bool = True,
    out: Path | None = CRASHES,
    corpus: Sequence[tuple[str, str]] | None = None,
    minimise_budget: float = 30.0,
    grace: float | None = None,
    progress: Callable[[CampaignResult], None] | None = None,
    generate: Callable[[int], FuzzInput] | None = None,
    exclude: Sequence[str] = (),
) -> CampaignResult:
    """Run ``count`` inputs and gather the figures; save problems under ``out`` (if given).

    See :func:`run_inputs` for ``jobs``, ``isolate`` and ``grace``; each distinct crash is
    minimised for up to ``minimise_budget`` seconds before it is saved. ``generate`` replaces
    the generator made from ``seed`` and ``corpus`` (input ``index`` from the index alone);
    ``exclude`` names mutations it leaves out (``wide-row``...).
    """
    if generate is None:
        generate = Generator(seed, corpus if corpus is not None else load_corpus(), exclude)
    result = CampaignResult()
    start = time.perf_counter()
    for outcome in run_inputs(generate, count, timeout, jobs, isolate, grace):
        result.tried += 1
        if outcome.status == "report":
            result.reports += 1
        elif outcome.status == "parse_error":
            result.parse_errors += 1
        elif outcome.status == "crash":
            result.crashes += 1
        elif outcome.status == "invariant":
            result.invariants += 1
        else:
            result.hangs += 1
        if result.slowest is None or outcome.elapsed > result.slowest.elapsed:
            result.slowest = outcome
        if outcome.status in BAD:
            known = result.problems.get(outcome.signature)
            if known is None:
                result.problems[outcome.signature] = Problem(outcome)
            else:
                known.count += 1
        if progress is not None and result.tried % 1000 == 0:
            result.elapsed = time.perf_counter() - start
            progress(result)
    result.elapsed = time.perf_counter() - start
    if result.slowest is not None:
        slowest = generate(result.slowest.index)
        result.slowest_recipe, result.slowest_size = slowest.recipe, slowest.size
    hangs_saved = 0
    for problem in result.problems.values():
        if problem.outcome.status == "hang":
            hangs_saved += 1
            if hangs_saved > 20:  # each hang is its own problem: keep the first twenty
                continue
        inp = generate(problem.outcome.index)
        if problem.outcome.status in ("crash", "invariant") and minimise_budget > 0:
            inp = minimise(inp, problem.outcome.signature, timeout, minimise_budget)
        problem.minimal = inp
        if out is not None:
            problem.saved = save(inp, problem.outcome, out)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; exit status 1 when a crash, invariant violation or hang was found."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=100_000, help="inputs to try (100000)")
    parser.add_argument("--seed", type=int, default=0, help="campaign seed (0)")
    parser.add_argument(
        "--timeout-per-input", type=float, default=2.0, help="seconds before an input is a hang"
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1)")
    parser.add_argument(
        "--no-isolate", action="store_true", help="run in this process (interval timer only)"
    )
    parser.add_argument("--out", type=Path, default=CRASHES, help="where to save reproducers")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    parser.add_argument(
        "--minimise-budget", type=float, default=30.0, help="seconds to minimise each crash"
    )
    names = ", ".join(dict.fromkeys(mutation_name(m) for m in MUTATIONS))
    parser.add_argument(
        "--exclude", action="append", default=[], help=f"leave a mutation out ({names})"
    )
    args = parser.parse_args(argv)

    def progress(result: CampaignResult) -> None:
        print(
            f"[{result.elapsed:7.1f} s] {result.tried} tried, {result.crashes} crashes, "
            f"{result.invariants} invariant violations, {result.hangs} hangs",
            file=sys.stderr,
            flush=True,
        )

    result = run_campaign(
        args.count,
        args.seed,
        args.timeout_per_input,
        jobs=args.jobs,
        isolate=not args.no_isolate,
        out=args.out,
        corpus=load_corpus(args.corpus),
        minimise_budget=args.minimise_budget,
        progress=progress,
        exclude=args.exclude,
    )
    print(result.summary())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
