"""Corpus export: reports as rows (wide or long) for CSV, JSON Lines, Parquet and DataFrames.

A *wide* row holds one report: ``source``, ``year``, ``agency``, ``format``, then one column per
flat key of either national format (:data:`KEY_COLUMNS`), then ``error``, which is empty unless
the file could not be read. A *long* row holds one value: ``source``, ``key``, ``value`` and
``raw`` (the cell's text as printed). A file that cannot be read still gives a row, with its
error, so a corpus export never stops at a bad file.

The work on one file is :func:`process`, a pure, top-level function of a picklable :class:`Task`;
:func:`imap_ordered` runs it over many files in worker processes, streaming the results in input
order with a bounded number of tasks in flight, so memory does not grow with the corpus.

Pandas, pyarrow and dask are optional: :func:`to_dataframe`, :func:`write_parquet` and
:func:`to_bag` raise :class:`MissingDependencyError` with a one-line install hint without them.

Examples:
    >>> from importlib.resources import files
    >>> seed = str(files("govinfo_report") / "examples" / "seed.txt")
    >>> row = next(export_rows([seed]))
    >>> row["agency"], row["year"], row["t3.new_received.total"], row["error"]
    ('西工区科学技术局', 2022, 0, None)
    >>> list(row) == list(WIDE_COLUMNS)
    True
"""

from __future__ import annotations

import csv
import glob
import importlib
import json
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, TypeVar

import attrs

from ._input import decode, load
from .errors import GovInfoReportError
from .findings import Finding, Severity
from .flat import FlatValue, flatten
from .jsonio import finding_dict
from .layouts import LAYOUTS, flat_keys
from .model import Cell, Report
from .parser import parse
from .validate import validate

__all__ = [
    "FINDING_COLUMNS",
    "KEY_COLUMNS",
    "LONG_COLUMNS",
    "META_COLUMNS",
    "REPORT_SUFFIXES",
    "WIDE_COLUMNS",
    "Failure",
    "FileResult",
    "MissingDependencyError",
    "Task",
    "default_jobs",
    "expand",
    "export_rows",
    "failure_finding_row",
    "failure_row",
    "file_rows",
    "finding_row",
    "imap_ordered",
    "long_rows",
    "process",
    "require",
    "to_bag",
    "to_dataframe",
    "wide_row",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]

ExportRow = dict[str, FlatValue]
"""A row of an export: column name to value (``int``, ``Decimal``, ``str`` or ``None``)."""

Form = Literal["wide", "long", "none"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def _merge(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    """``first`` in order, each key only ``second`` has placed before the next shared key.

    Examples:
        >>> _merge(["a", "b", "d"], ["x", "b", "y", "d", "z"])
        ('a', 'x', 'b', 'y', 'd', 'z')
    """
    in_first = set(first)
    position = {key: index for index, key in enumerate(second)}
    out: list[str] = []
    done = 0
    for key in first:
        if key in position:
            out.extend(k for k in second[done : position[key]] if k not in in_first)
            done = max(done, position[key] + 1)
        out.append(key)
    out.extend(k for k in second[done:] if k not in in_first)
    return tuple(out)


META_COLUMNS: tuple[str, ...] = ("source", "year", "agency", "format")
"""The wide form's first columns."""

KEY_COLUMNS: tuple[str, ...] = _merge(flat_keys("2021"), flat_keys("2019"))
"""The flat keys of both national formats, in one stable order.

The 2021 format's keys in its table order; each key only the 2019 format has comes just before
the next key the two formats share. So the 2019 table-二 keys follow the 2021 ones, and the 2019
row ``t3.other.*`` follows the 2021 rows ``t3.other.overdue_correction.*``, ``…overdue_fee.*`` and
``…other.*``, before ``t3.total.*``. Table 四 is the same in both formats and comes last.
"""

WIDE_COLUMNS: tuple[str, ...] = (*META_COLUMNS, *KEY_COLUMNS, "error")
"""The columns of the wide form, in order: metadata, flat keys, ``error``."""

LONG_COLUMNS: tuple[str, ...] = ("source", "key", "value", "raw")
"""The columns of the long form, in order."""

FINDING_COLUMNS: tuple[str, ...] = (
    "source",
    "code",
    "severity",
    "message",
    "message_en",
    "key",
    "line",
    "column",
    "page",
    "printed",
    "computed",
    "difference",
    "error",
)
"""The keys of a findings row (``validate --format json``, ``export --findings``)."""

REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".htm", ".html")
"""The file name endings taken from a folder (case-insensitive)."""

_HINTS = {
    "pyarrow": ("Parquet", "parquet"),
    "pandas": ("DataFrames", "dataframe"),
    "dask": ("Dask", "dask"),
    "tqdm": ("a progress bar", "progress"),
}


class MissingDependencyError(GovInfoReportError, ImportError):
    """An optional dependency is not installed; the message is a one-line install hint."""


def require(module: str) -> Any:
    """Import an optional dependency, or raise with a one-line install hint.

    Args:
        module: ``pyarrow``, ``pandas``, ``dask`` or ``tqdm`` (or a submodule of one).

    Returns:
        The module.

    Raises:
        MissingDependencyError: It is not installed.

    Examples:
        >>> require("json").__name__
        'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.split(".")[0]
        what, extra = _HINTS.get(top, (top, top))
        raise MissingDependencyError(
            f'{what} needs {top}: pip install "govinfo_report[{extra}]"'
        ) from error


# -- finding the files -----------------------------------------------------------------------------


def _is_pattern(name: str) -> bool:
    return any(char in name for char in "*?[")


def _folder(path: Path) -> list[str]:
    found = (p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
    return [str(p) for p in sorted(found)]


def expand(names: Iterable[str]) -> list[str]:
    """The report files that file names, folders and glob patterns stand for, in a stable order.

    A folder stands for every file below it ending in one of :data:`REPORT_SUFFIXES`, sorted by
    path; a pattern (``corpus/*/*.txt``, ``**`` for any depth) for the files it matches, sorted.
    A file name, ``-`` (standard input) and a pattern that matches nothing are kept as they are,
    so that reading them fails with an error of its own.

    Examples:
        >>> from importlib.resources import files
        >>> folder = files("govinfo_report") / "examples"
        >>> [Path(name).name for name in expand([str(folder), "-"])]
        ['seed.txt', '-']
    """
    out: list[str] = []
    for name in names:
        path = Path(name)
        if name == "-":
            out.append(name)
        elif path.is_dir():
            out.extend(_folder(path))
        elif _is_pattern(name) and not path.exists():
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                out.append(name)
            for match in matches:
                out.extend(_folder(Path(match)) if Path(match).is_dir() else [match])
        else:
            out.append(name)
    return out


# -- one file ------------------------------------------------------------------------------------


@attrs.frozen
class Failure:
    """A file that could not be read as a report.

    Attributes:
        source: The file name (``<stdin>`` for standard input).
        message: One line: where (``source:line:column``) and why.
        reason: Why, without the location.
        line: 1-based line, when known.
        column: 1-based column in characters, when known.
    """

    source: str
    message: str
    reason: str
    line: int | None = None
    column: int | None = None


@attrs.frozen
class Task:
    """What to do with one file: picklable, for worker processes.

    Attributes:
        path: The file name, or ``-`` for standard input: the caller reads it and passes its
            bytes in ``data`` (``-`` without ``data`` is empty input).
        form: The rows to make: ``wide`` (one per report), ``long`` (one per value) or ``none``.
        findings: Whether to validate the report.
        min_severity: With ``findings``, leave out findings below this severity.
        data: The file's bytes, when they were read already (standard input).
        disable: With ``findings``, the codes whose findings are left out.
        severity: With ``findings``, new severities by code: ``(code, severity)`` pairs.
        keep_report: Whether to return the report too (to compare reports across years).
    """

    path: str
    form: Form = "wide"
    findings: bool = False
    min_severity: str = "info"
    data: bytes | None = attrs.field(default=None, repr=False)
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    keep_report: bool = False


@attrs.frozen
class FileResult:
    """What :func:`process` made of one file.

    Attributes:
        source: The file name (``<stdin>`` for standard input).
        rows: The export rows: one wide row, the long rows, or none.
        findings: The findings, when asked for.
        failure: Why the file could not be read, or ``None``.
        report: The report, when asked for (``Task.keep_report``).
    """

    source: str
    rows: tuple[ExportRow, ...] = ()
    findings: tuple[Finding, ...] = ()
    failure: Failure | None = None
    report: Report | None = None


def _read(task: Task, source: str) -> Report:
    if task.data is not None or task.path == "-":
        data = task.data or b""
        return parse(decode(data, source=source), source=source)
    return load(task.path)


def _failure(source: str, error: Exception) -> Failure:
    if isinstance(error, GovInfoReportError):
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        reason = getattr(error, "reason", message)
        line = getattr(error, "line", None)
        column = getattr(error, "column", None)
        return Failure(source, message, reason, line, column)
    if isinstance(error, OSError):
        reason = f"无法读取文件 (cannot read the file): {error.strerror or error}"
        return Failure(source, f"{source}: {reason}", reason)
    reason = f"内部错误 (internal error): {type(error).__name__}: {error}"
    return Failure(source, f"{source}: {reason}", reason)


def process(task: Task) -> FileResult:
    """Read one file and make its rows and findings; never raises for a bad file.

    Top-level and pure (it reads the file and returns values), so it runs in worker processes.

    Args:
        task: The file and what to make of it.

    Returns:
        The rows and findings, or the failure and the rows that stand for it.

    Examples:
        >>> result = process(Task("no such file.txt"))
        >>> result.failure.message
        'no such file.txt: 无法读取文件 (cannot read the file): No such file or directory'
        >>> result.rows[0]["error"] == result.failure.message
        True
    """
    source = "<stdin>" if task.path == "-" else task.path
    try:
        report = _read(task, source)
    except Exception as error:  # a bad file becomes a row, whatever went wrong
        failure = _failure(source, error)
        rows: tuple[ExportRow, ...] = ()
        if task.form != "none":
            rows = (failure_row(failure, long=task.form == "long"),)
        return FileResult(source, rows, failure=failure)
    if task.form == "wide":
        rows = (wide_row(report),)
    elif task.form == "long":
        rows = tuple(long_rows(report))
    else:
        rows = ()
    findings: tuple[Finding, ...] = ()
    if task.findings:
        findings = validate(
            report,
            disable=task.disable,
            severity=dict(task.severity),
            min_severity=task.min_severity,
        )
    kept = report if task.keep_report else None
    return FileResult(report.source or source, rows, findings, report=kept)


def file_rows(path: str, *, long: bool = False) -> list[ExportRow]:
    """The export rows of one file: one wide row, or its long rows; a failure is a row too.

    Top-level and pure, for ``map`` over a corpus (``dask.bag``, ``multiprocessing``...).

    Examples:
        >>> from importlib.resources import files
        >>> seed = str(files("govinfo_report") / "examples" / "seed.txt")
        >>> [row["format"] for row in file_rows(seed)]
        ['2021']
        >>> [row["value"] for row in file_rows(seed, long=True)][:3]
        [2022, '西工区科学技术局', '2021']
    """
    return list(process(Task(path, "long" if long else "wide")).rows)


# -- rows of a report ----------------------------------------------------------------------------


def _cells(report: Report) -> Iterator[tuple[str, Cell]]:
    """Every table cell with its flat key, in the order of :func:`~govinfo_report.flatten`."""
    layout = LAYOUTS.get(report.format)
    if layout is None:
        return
    t2 = report.t2
    if t2 is not None:
        for block in layout.t2_blocks:
            for spec in block.rows:
                row = t2.get(spec.key)
                if row is None:
                    continue
                names: tuple[str, ...]
                if len(block.columns) == 1:
                    names = (f"t2.{spec.key}",)
                else:
                    names = tuple(f"t2.{spec.key}.{column.key}" for column in block.columns)
                yield from zip(names, row.cells, strict=False)
    grids = (
        ("t3", report.t3, layout.t3_rows, layout.t3_columns),
        ("t4", report.t4, layout.t4_blocks, layout.t4_columns),
    )
    for table, found, specs, columns in grids:
        if found is None:
            continue
        for spec in specs:
            row = found.get(spec.key)
            if row is None:
                continue
            keys = tuple(f"{table}.{spec.key}.{column.key}" for column in columns)
            yield from zip(keys, row.cells, strict=False)


def wide_row(report: Report) -> ExportRow:
    """A report as one wide row: every column of :data:`WIDE_COLUMNS`, ``None`` where absent.

    Examples:
        >>> from govinfo_report.flat import from_flat
        >>> row = wide_row(from_flat({"format": "2019", "year": 2019, "t3.other.total": 4}))
        >>> row["t3.other.total"], row["t3.total.total"], row["source"], row["error"]
        (4, None, None, None)
    """
    flat = flatten(report)
    row: ExportRow = dict.fromkeys(WIDE_COLUMNS)
    row["source"] = report.source
    row.update((key, value) for key, value in flat.items() if key in row)
    return row


def long_rows(report: Report) -> Iterator[ExportRow]:
    """A report as long rows: ``year``, ``agency``, ``format``, then one row per table cell.

    ``value`` is the value read from the cell and ``raw`` its text as printed; the metadata rows
    have no ``raw``.

    Examples:
        >>> from govinfo_report.flat import from_flat
        >>> rows = list(long_rows(from_flat({"format": "2021", "t4.review.total": "—"})))
        >>> [(row["key"], row["value"], row["raw"]) for row in rows][2:4]
        [('format', '2021', None), ('t4.review.upheld', None, '')]
        >>> rows[-1]["key"], rows[-1]["value"], rows[-1]["raw"]
        ('t4.review.total', None, '—')
    """
    source = report.source
    for key, value in (("year", report.year), ("agency", report.agency), ("format", report.format)):
        yield {"source": source, "key": key, "value": value, "raw": None}
    for key, cell in _cells(report):
        yield {"source": source, "key": key, "value": cell.value, "raw": cell.raw}


def failure_row(failure: Failure, *, long: bool = False) -> ExportRow:
    """The row that stands for a file that could not be read.

    Wide: ``source`` and ``error``, every other column ``None``. Long: ``key`` is ``error`` and
    ``value`` the message.

    Examples:
        >>> failure = Failure("a.txt", "a.txt:1:1: 输入为空", "输入为空")
        >>> failure_row(failure, long=True)
        {'source': 'a.txt', 'key': 'error', 'value': 'a.txt:1:1: 输入为空', 'raw': None}
        >>> row = failure_row(failure)
        >>> row["source"], row["error"], row["t3.total.total"]
        ('a.txt', 'a.txt:1:1: 输入为空', None)
    """
    if long:
        return {"source": failure.source, "key": "error", "value": failure.message, "raw": None}
    row: ExportRow = dict.fromkeys(WIDE_COLUMNS)
    row["source"] = failure.source
    row["error"] = failure.message
    return row


def finding_row(source: str | None, finding: Finding) -> dict[str, Any]:
    """A finding as a JSON-ready row with the keys of :data:`FINDING_COLUMNS`.

    Decimals are written as strings, so that no digit is lost.

    Examples:
        >>> finding = Finding("A102", Severity.ERROR, "不等", "unequal", printed=Decimal("1.5"))
        >>> row = finding_row("a.txt", finding)
        >>> row["code"], row["severity"], row["printed"], row["error"]
        ('A102', 'error', '1.5', None)
    """
    data = finding_dict(finding)
    row = {column: data.get(column) for column in FINDING_COLUMNS}
    row["source"] = source
    return row


def failure_finding_row(failure: Failure) -> dict[str, Any]:
    """A file that could not be read, as a findings row: ``error`` holds the message.

    Examples:
        >>> row = failure_finding_row(Failure("a.txt", "a.txt: 坏 (bad)", "坏 (bad)"))
        >>> row["severity"], row["code"], row["error"]
        ('error', None, 'a.txt: 坏 (bad)')
    """
    row: dict[str, Any] = dict.fromkeys(FINDING_COLUMNS)
    row.update(
        source=failure.source,
        severity=str(Severity.ERROR),
        message=failure.reason,
        line=failure.line,
        column=failure.column,
        error=failure.message,
    )
    return row


# -- many files ----------------------------------------------------------------------------------


def default_jobs() -> int:
    """The number of worker processes by default: the CPUs this process may run on.

    Examples:
        >>> default_jobs() >= 1
        True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _ignore_interrupts() -> None:
    """Worker set-up: Ctrl-C is for the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def imap_ordered(
    function: Callable[[_T], _R],
    items: Iterable[_T],
    *,
    jobs: int = 1,
    window: int | None = None,
) -> Generator[_R, None, None]:
    """``map(function, items)`` in worker processes, results in input order as they come.

    At most ``window`` tasks (by default four per worker) are in flight, so memory does not grow
    with the number of items. With ``jobs`` 1 everything runs in this process. ``function`` and
    the items must be picklable (a top-level function such as :func:`process`). Closing the
    generator early (or an exception in the caller) cancels the tasks not started and stops the
    workers; the workers ignore Ctrl-C, which the caller handles.

    Examples:
        >>> list(imap_ordered(abs, [-2, 1, -3], jobs=2))
        [2, 1, 3]
    """
    if jobs <= 1:
        yield from map(function, items)
        return
    limit = window if window is not None else 4 * jobs
    pending: deque[Future[_R]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def export_rows(
    paths: Iterable[str | os.PathLike[str]],
    *,
    long: bool = False,
    jobs: int = 1,
) -> Iterator[ExportRow]:
    """The export rows of report files, streamed in input order; a failure is a row too.

    Args:
        paths: Report files, folders and glob patterns, as for :func:`expand`.
        long: Long rows (:data:`LONG_COLUMNS`) instead of one wide row per report.
        jobs: Worker processes; 1 reads in this process.

    Yields:
        Rows with the keys of :data:`WIDE_COLUMNS` (or :data:`LONG_COLUMNS`), in that order.

    Examples:
        >>> from importlib.resources import files
        >>> folder = str(files("govinfo_report") / "examples")
        >>> [(Path(row["source"]).name, row["error"]) for row in export_rows([folder])]
        [('seed.txt', None)]
        >>> rows = list(export_rows(["missing.txt"]))
        >>> rows[0]["source"], rows[0]["error"] is not None
        ('missing.txt', True)
    """
    form: Form = "long" if long else "wide"
    tasks = (Task(name, form) for name in expand(os.fspath(path) for path in paths))
    for result in imap_ordered(process, tasks, jobs=jobs):
        yield from result.rows


# -- writers -------------------------------------------------------------------------------------


def _text(value: FlatValue) -> str:
    return "" if value is None else str(value)


def _json_value(value: FlatValue) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def write_csv(rows: Iterable[ExportRow], file: IO[str], columns: Sequence[str]) -> int:
    r"""Write rows as CSV with a header; ``None`` is an empty field. Returns the number of rows.

    Open the file with ``newline=""``.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> write_csv([{"a": 1, "b": None}], out, ["a", "b"])
        1
        >>> out.getvalue()
        'a,b\r\n1,\r\n'
    """
    writer = csv.writer(file)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_text(row.get(column)) for column in columns])
        count += 1
    return count


def write_jsonl(rows: Iterable[ExportRow], file: IO[str]) -> int:
    r"""Write rows as JSON Lines, Decimals as strings. Returns the number of rows.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> write_jsonl([{"key": "t2.fees", "value": Decimal("1.50")}], out)
        1
        >>> out.getvalue()
        '{"key": "t2.fees", "value": "1.50"}\n'
    """
    count = 0
    for row in rows:
        data = {key: _json_value(value) for key, value in row.items()}
        file.write(json.dumps(data, ensure_ascii=False) + "\n")
        count += 1
    return count


def _batches(rows: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(
    rows: Iterable[ExportRow],
    path: str | os.PathLike[str],
    columns: Sequence[str],
    *,
    batch_size: int = 1024,
) -> int:
    """Write rows to a Parquet file, in batches. Returns the number of rows.

    ``year`` is a 64-bit integer column; every other column is text, as in the CSV (a cell
    printed as text, such as ``1个``, is kept). Needs the ``parquet`` extra (pyarrow).

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    pa = require("pyarrow")
    pq = require("pyarrow.parquet")
    schema = pa.schema(
        [(column, pa.int64() if column == "year" else pa.string()) for column in columns]
    )
    count = 0
    with pq.ParquetWriter(os.fspath(path), schema) as writer:
        for batch in _batches(rows, batch_size):
            data = {
                column: [
                    row.get(column)
                    if column == "year" or row.get(column) is None
                    else _text(row.get(column))
                    for row in batch
                ]
                for column in columns
            }
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            count += len(batch)
    return count


# -- DataFrames and Dask -------------------------------------------------------------------------


def to_dataframe(reports: Iterable[Report | str | os.PathLike[str]], *, long: bool = False) -> Any:
    """Reports (or report files) as a pandas DataFrame with the export's columns, in order.

    Values are kept as the model has them (``int``, ``Decimal``, text, ``None``) in columns of
    ``object`` dtype, so that nothing printed is lost; ``pandas.to_numeric(..., errors="coerce")``
    gives numbers. A file that cannot be read is a row with its ``error``. Needs the ``dataframe``
    extra (pandas).

    Args:
        reports: Reports, or paths of report files.
        long: One row per value (:data:`LONG_COLUMNS`) instead of one per report.

    Returns:
        A ``pandas.DataFrame`` with the columns of :data:`WIDE_COLUMNS` (or :data:`LONG_COLUMNS`).

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    pd = require("pandas")
    rows: list[ExportRow] = []
    for item in reports:
        if isinstance(item, Report):
            rows.extend(long_rows(item) if long else (wide_row(item),))
        else:
            rows.extend(file_rows(os.fspath(item), long=long))
    columns = LONG_COLUMNS if long else WIDE_COLUMNS
    return pd.DataFrame(
        [[row.get(column) for column in columns] for row in rows],
        columns=list(columns),
        dtype=object,
    )


def _wide_rows(path: str) -> list[ExportRow]:
    return file_rows(path)


def _long_rows(path: str) -> list[ExportRow]:
    return file_rows(path, long=True)


def to_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    long: bool = False,
    npartitions: int | None = None,
) -> Any:
    """The export rows of report files as a ``dask.bag.Bag``, for a Dask cluster.

    ``to_bag(paths).compute()`` equals ``list(export_rows(paths))``, on any scheduler. Needs the
    ``dask`` extra.

    Args:
        paths: Report files, folders and glob patterns, as for :func:`expand`.
        long: Long rows instead of one wide row per report.
        npartitions: Partitions of the bag; by default Dask's choice.

    Returns:
        A bag of rows (dicts with the keys of :data:`WIDE_COLUMNS` or :data:`LONG_COLUMNS`).

    Raises:
        MissingDependencyError: dask is not installed.
    """
    bag = require("dask.bag")
    names = expand(os.fspath(path) for path in paths)
    options = {} if npartitions is None else {"npartitions": npartitions}
    return bag.from_sequence(names, **options).map(_long_rows if long else _wide_rows).flatten()
