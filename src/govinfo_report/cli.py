"""The ``govinfo-report`` command: parse, validate, render and export reports, print the schema.

Results go to standard output, messages to standard error; a file named ``-`` is standard input.
Exit status: 0 when all went well, 1 when ``validate`` found findings at or above ``--fail-on``,
2 for a usage error or an input that could not be read (``validate`` and ``export`` still go on
with the other files, and show the failure as a row of their output); 141 when standard output
is a pipe that was closed early (``| head``), as for a command stopped by SIGPIPE; 130 when
interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, TypeVar
from urllib.parse import quote

from . import __version__
from ._input import decode, load
from .errors import GovInfoReportError
from .export import (
    LONG_COLUMNS,
    WIDE_COLUMNS,
    ExportRow,
    Failure,
    FileResult,
    MissingDependencyError,
    Task,
    default_jobs,
    expand,
    failure_finding_row,
    finding_row,
    imap_ordered,
    process,
    require,
    write_csv,
    write_jsonl,
    write_parquet,
)
from .findings import Finding, Severity
from .flat import flatten
from .jsonio import dumps, to_dict
from .model import Report
from .parser import parse
from .publish import to_html, to_markdown
from .render import render
from .schema import json_schema_text
from .series import SeriesFinding, series_codes, validate_series_detailed
from .validate import RULES, selector

__all__ = ["INFORMATION_URI", "SARIF_SCHEMA", "build_parser", "main"]

INFORMATION_URI = "https://github.com/govinfo-report/govinfo_report"
"""The project's home page, named in SARIF output."""

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
"""The ``$schema`` of SARIF output (SARIF 2.1.0)."""

_RULES_URI = f"{INFORMATION_URI}/blob/main/docs/rules.md"

_T = TypeVar("_T")


def _fail(message: str) -> int:
    print(f"govinfo-report: {message}", file=sys.stderr)
    return 2


def _read(name: str) -> Report:
    if name == "-":
        return parse(decode(sys.stdin.buffer.read(), source="<stdin>"), source="<stdin>")
    return load(name)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _tasks(names: Iterable[str], **options: Any) -> Iterator[Task]:
    for name in names:
        data = sys.stdin.buffer.read() if name == "-" else None
        yield Task(name, data=data, **options)


def _progress(items: Iterable[_T], total: int) -> Iterable[_T]:
    """``items`` with a progress bar on standard error, when it is a terminal and tqdm is there."""
    if total < 2 or not sys.stderr.isatty():
        return items
    try:
        tqdm = require("tqdm")
    except MissingDependencyError:
        return items
    bar: Iterable[_T] = tqdm.tqdm(items, total=total, file=sys.stderr, unit="file", leave=False)
    return bar


@contextlib.contextmanager
def _results(names: list[str], jobs: int | None, **options: Any) -> Iterator[Iterable[FileResult]]:
    """The results of the files, in order; the worker processes are stopped on leaving."""
    workers = min(jobs or default_jobs(), max(len(names), 1))
    results = imap_ordered(process, _tasks(names, **options), jobs=workers)
    shown = _progress(results, len(names))
    try:
        yield shown
    finally:
        results.close()
        close = getattr(shown, "close", None)
        if shown is not results and close is not None:
            close()


# -- parse ---------------------------------------------------------------------------------------


def _cmd_parse(args: argparse.Namespace) -> int:
    names = expand(args.files)
    status = 0
    for name in names:
        try:
            report = _read(name)
        except (GovInfoReportError, OSError) as error:
            status = _fail(str(error))
            continue
        if args.flat:
            data: object = {"source": report.source, **flatten(report)}
            print(json.dumps(data, ensure_ascii=False, default=_json_default))
        elif len(names) == 1:
            print(dumps(report))
        else:
            print(json.dumps(to_dict(report), ensure_ascii=False))
    return status


# -- validate ------------------------------------------------------------------------------------

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _where(source: str | None, line: int | None, column: int | None) -> str:
    parts = [source or "<report>"]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


def _finding_text(finding: Finding, source: str | None) -> str:
    text = f"{finding.located(source)}: {finding.severity} {finding.code} {finding.message}"
    if finding.printed is not None and finding.computed is not None:
        text += f" [印刷 {finding.printed} ≠ 计算 {finding.computed}，差 {finding.difference}]"
    return text


class _Output:
    """Where ``validate`` writes its findings, in one of the formats."""

    def finding(self, source: str, finding: Finding) -> None:
        raise NotImplementedError

    def failure(self, failure: Failure) -> None:
        raise NotImplementedError

    def close(self, summary: str, successful: bool) -> None:
        print(summary, file=sys.stderr)


class _TextOutput(_Output):
    def finding(self, source: str, finding: Finding) -> None:
        print(_finding_text(finding, source))

    def failure(self, failure: Failure) -> None:
        where = _where(failure.source, failure.line, failure.column)
        print(f"{where}: unreadable {failure.reason}")

    def close(self, summary: str, successful: bool) -> None:
        print(summary)


class _JsonOutput(_Output):
    def finding(self, source: str, finding: Finding) -> None:
        print(json.dumps(finding_row(source, finding), ensure_ascii=False))

    def failure(self, failure: Failure) -> None:
        print(json.dumps(failure_finding_row(failure), ensure_ascii=False))


def _artifact(source: str) -> dict[str, Any]:
    """A SARIF artifactLocation: relative to the working folder where possible."""
    if source == "<stdin>":
        return {"description": {"text": "standard input"}}
    path = Path(os.path.abspath(source))
    try:
        relative = path.relative_to(Path(os.path.abspath(os.curdir)))
    except ValueError:
        return {"uri": path.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def _location(source: str, line: int | None, column: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact(source)}
    if line is not None and line >= 1:
        region = {"startLine": line}
        if column is not None and column >= 1:
            region["startColumn"] = column
        physical["region"] = region
    return {"physicalLocation": physical}


def _rule_descriptor(code: str, severity: Severity) -> dict[str, Any]:
    rule = RULES.get(code)
    if rule is not None:
        return {
            "id": rule.code,
            "shortDescription": {"text": f"{rule.title} ({rule.title_en})"},
            "fullDescription": {"text": rule.description},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
            "helpUri": _RULES_URI,
        }
    if code.startswith("P"):
        short = "解析时发现的问题 (parser finding)"
        full = (
            "Something the parser found damaged or uncertain while reading the report, such as "
            "a row the format does not have or a row with more or fewer cells than its table; "
            "the result's message says what."
        )
    elif code in series_codes():
        short = "跨年度比对 (check across years)"
        full = (
            "A comparison of one agency's reports of consecutive years (validate --series): "
            "carried-over applications, documents in force, copied prose, missing or repeated "
            "years; the result's message says what."
        )
    else:
        short = "发现的问题 (finding)"
        full = "A finding of a check this version does not describe; the message says what."
    return {
        "id": code,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": _LEVELS[severity]},
    }


class _SarifOutput(_Output):
    """SARIF 2.1.0, one run; results are written as they come, the tool and its rules last."""

    def __init__(self, file: IO[str]) -> None:
        self.file = file
        self.rules = [_rule_descriptor(code, rule.severity) for code, rule in RULES.items()]
        self.index = {code: number for number, code in enumerate(RULES)}
        self.notifications: list[dict[str, Any]] = []
        self.first = True
        head = json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0"})
        self.file.write(head[:-1] + ', "runs": [{"results": [')

    def _write(self, data: dict[str, Any]) -> None:
        self.file.write(("\n" if self.first else ",\n") + json.dumps(data, ensure_ascii=False))
        self.first = False

    def finding(self, source: str, finding: Finding) -> None:
        if finding.code not in self.index:
            self.index[finding.code] = len(self.rules)
            self.rules.append(_rule_descriptor(finding.code, finding.severity))
        properties = {
            key: value
            for key, value in finding_row(source, finding).items()
            if key in ("key", "page", "printed", "computed", "difference") and value is not None
        }
        if finding.operands:
            properties["operands"] = list(finding.operands)
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": self.index[finding.code],
            "level": _LEVELS[finding.severity],
            "message": {"text": f"{finding.message} ({finding.message_en})"},
            "locations": [_location(source, finding.line, finding.column)],
        }
        if properties:
            result["properties"] = properties
        self._write(result)

    def failure(self, failure: Failure) -> None:
        self.notifications.append(
            {
                "level": "error",
                "message": {"text": failure.reason},
                "locations": [_location(failure.source, failure.line, failure.column)],
            }
        )

    def close(self, summary: str, successful: bool) -> None:
        driver = {
            "name": "govinfo-report",
            "version": __version__,
            "informationUri": INFORMATION_URI,
            "rules": self.rules,
        }
        invocation: dict[str, Any] = {"executionSuccessful": successful}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        tail = {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        }
        text = json.dumps(tail, ensure_ascii=False)
        self.file.write("\n], " + text[1:-1] + "}]}\n")
        super().close(summary, successful)


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """The codes of ``--disable`` options, each a code or codes separated by commas."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _levels(values: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """The ``CODE=LEVEL`` pairs of ``--severity`` options."""
    pairs = []
    for value in values:
        code, sign, level = value.partition("=")
        if not sign or not code.strip() or not level.strip():
            raise ValueError(f"--severity 应写作 CODE=LEVEL (expected CODE=LEVEL): {value!r}")
        pairs.append((code.strip(), level.strip()))
    return tuple(pairs)


def _series(
    reports: Sequence[Report],
    disable: tuple[str, ...],
    severity: tuple[tuple[str, str], ...],
    min_severity: str,
) -> Iterator[SeriesFinding]:
    """The series checks of each agency's reports (those naming no agency, together)."""
    by_agency: dict[str | None, list[Report]] = {}
    for report in reports:
        by_agency.setdefault(report.agency, []).append(report)
    for group in by_agency.values():
        yield from validate_series_detailed(
            group, disable=disable, severity=dict(severity), min_severity=min_severity
        )


def _selection(args: argparse.Namespace) -> dict[str, Any]:
    """The task options of ``--min-severity``, ``--disable`` and ``--severity``, checked.

    Raises:
        ValueError: An unknown code or severity.
    """
    disable = _codes(args.disable)
    severity = _levels(args.severity)
    selector(disable, dict(severity), args.min_severity)  # the codes and levels are known
    return {"min_severity": args.min_severity, "disable": disable, "severity": severity}


def _add_selection(command: argparse.ArgumentParser, min_severity_help: str) -> None:
    """The options choosing and re-grading findings: ``--min-severity``, ``--disable``..."""
    command.add_argument(
        "--min-severity",
        choices=[str(s) for s in Severity],
        default="info",
        help=min_severity_help,
    )
    command.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CODE[,CODE...]",
        help="leave out the findings of these codes (rules, parser and series checks)",
    )
    command.add_argument(
        "--severity",
        action="append",
        default=[],
        metavar="CODE=LEVEL",
        help="report a code's findings at another severity (info, warning, error)",
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    fail_on = Severity(args.fail_on)
    try:
        selection = _selection(args)
    except ValueError as error:
        return _fail(str(error))
    names = expand(args.files)
    outputs = {"text": _TextOutput, "json": _JsonOutput}
    output = _SarifOutput(sys.stdout) if args.format == "sarif" else outputs[args.format]()
    counts = dict.fromkeys(Severity, 0)
    reports = failed = 0
    worst: Severity | None = None
    kept: list[Report] = []
    options = {"form": "none", "findings": True, "keep_report": args.series, **selection}

    def show(source: str, finding: Finding) -> None:
        nonlocal worst
        counts[finding.severity] += 1
        worst = finding.severity if worst is None else max(worst, finding.severity)
        output.finding(source, finding)

    with _results(names, args.jobs, **options) as results:
        for result in results:
            if result.failure is not None:
                failed += 1
                output.failure(result.failure)
                continue
            reports += 1
            if result.report is not None:
                kept.append(result.report)
            for finding in result.findings:
                show(result.source, finding)
    for item in _series(kept, **selection):
        show(item.report.source or "<report>", item.finding)
    summary = (
        f"{reports} report(s), {counts[Severity.ERROR]} error(s), "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info, "
        f"{failed} unreadable"
    )
    output.close(summary, successful=failed == 0)
    if failed:
        return 2
    return 1 if worst is not None and worst >= fail_on else 0


# -- render --------------------------------------------------------------------------------------


def _cmd_render(args: argparse.Namespace) -> int:
    try:
        report = _read(args.file)
    except (GovInfoReportError, OSError) as error:
        return _fail(str(error))
    if args.to == "json":
        print(dumps(report))
    elif args.to == "html":
        sys.stdout.write(to_html(report))
    elif args.to == "markdown":
        sys.stdout.write(to_markdown(report))
    else:
        sys.stdout.write(render(report, labels=args.labels))
    return 0


# -- export --------------------------------------------------------------------------------------

_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def _export_format(args: argparse.Namespace) -> str | None:
    if args.format is not None:
        return str(args.format)
    if args.output == "-":
        return "csv"
    return _SUFFIXES.get(Path(args.output).suffix.lower())


class _Stats:
    def __init__(self) -> None:
        self.reports = 0
        self.failed = 0
        self.findings = 0


def _export_rows(
    results: Iterable[FileResult], stats: _Stats, findings: IO[str] | None
) -> Iterator[ExportRow]:
    """The rows of the results, counting them and writing their findings on the way."""
    for result in results:
        if result.failure is not None:
            stats.failed += 1
            if findings is not None:
                findings.write(json.dumps(failure_finding_row(result.failure), ensure_ascii=False))
                findings.write("\n")
        else:
            stats.reports += 1
            for finding in result.findings:
                stats.findings += 1
                if findings is not None:
                    row = finding_row(result.source, finding)
                    findings.write(json.dumps(row, ensure_ascii=False) + "\n")
        yield from result.rows


def _write_rows(rows: Iterable[ExportRow], kind: str, args: argparse.Namespace) -> int:
    columns = LONG_COLUMNS if args.long else WIDE_COLUMNS
    if kind == "parquet":
        return write_parquet(rows, args.output, columns)
    if args.output == "-":
        return _write_text(rows, kind, sys.stdout, columns, args.bom)
    with open(args.output, "w", encoding="utf-8", newline="") as file:
        return _write_text(rows, kind, file, columns, args.bom)


def _write_text(
    rows: Iterable[ExportRow], kind: str, file: IO[str], columns: Sequence[str], bom: bool
) -> int:
    if kind == "jsonl":
        return write_jsonl(rows, file)
    if bom:
        file.write("\ufeff")
    return write_csv(rows, file, columns)


def _cmd_export(args: argparse.Namespace) -> int:
    try:
        selection = _selection(args)
    except ValueError as error:
        return _fail(str(error))
    kind = _export_format(args)
    if kind is None:
        return _fail(f"cannot tell the format of {args.output!r}: use --format csv|jsonl|parquet")
    if kind == "parquet":
        if args.output == "-":
            return _fail("Parquet output needs a file: -o FILE.parquet")
        try:
            require("pyarrow.parquet")
        except MissingDependencyError as error:
            return _fail(str(error))
    names = expand(args.files)
    if not names:
        print("govinfo-report: no report files found", file=sys.stderr)
    form = "long" if args.long else "wide"
    stats = _Stats()
    options = {"form": form, "findings": args.findings is not None, **selection}
    try:
        with contextlib.ExitStack() as stack:
            findings: IO[str] | None = None
            if args.findings is not None:
                findings = stack.enter_context(open(args.findings, "w", encoding="utf-8"))
            results = stack.enter_context(_results(names, args.jobs, **options))
            written = _write_rows(_export_rows(results, stats, findings), kind, args)
    except BrokenPipeError:
        raise
    except OSError as error:
        return _fail(str(error))
    target = "standard output" if args.output == "-" else args.output
    summary = f"{stats.reports} report(s), {stats.failed} unreadable, {written} row(s) to {target}"
    if args.findings is not None:
        summary += f", {stats.findings} finding(s) to {args.findings}"
    print(summary, file=sys.stderr)
    return 2 if stats.failed else 0


# -- schema --------------------------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text())
    return 0


# -- the parser ----------------------------------------------------------------------------------


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line's argument parser.

    Examples:
        >>> args = build_parser().parse_args(["export", "corpus/", "-o", "out.csv", "--jobs", "2"])
        >>> args.command, args.files, args.output, args.jobs, args.long
        ('export', ['corpus/'], 'out.csv', 2, False)
    """
    parser = argparse.ArgumentParser(
        prog="govinfo-report",
        description="Parse, validate, render and export 政府信息公开工作年度报告.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    files_help = "report files, folders or glob patterns; - for standard input"
    jobs_help = "worker processes (default: the number of CPUs)"

    p = commands.add_parser("parse", help="parse reports to JSON (JSON Lines for several)")
    p.add_argument("files", nargs="+", help=files_help)
    p.add_argument("--flat", action="store_true", help="flat keys instead of the tree")
    p.set_defaults(run=_cmd_parse)

    v = commands.add_parser("validate", help="check reports against the format's rules")
    v.add_argument("files", nargs="+", help=files_help)
    v.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    v.add_argument(
        "--fail-on",
        choices=[str(s) for s in Severity],
        default="error",
        help="exit 1 when a finding of this severity or above is found (default: error)",
    )
    _add_selection(v, "show findings of this severity and above")
    v.add_argument(
        "--series",
        action="store_true",
        help="also compare each agency's reports across years (X100-X105)",
    )
    v.add_argument("--jobs", "-j", type=_jobs, default=None, help=jobs_help)
    v.set_defaults(run=_cmd_validate)

    r = commands.add_parser("render", help="write a report in canonical form")
    r.add_argument("file", help="a report file; - for standard input")
    r.add_argument(
        "--to",
        choices=("text", "json", "html", "markdown"),
        default="text",
        help="canonical text (the default), JSON, a publishable HTML page, or Markdown",
    )
    r.add_argument("--labels", choices=("printed", "official"), default="printed")
    r.set_defaults(run=_cmd_render)

    e = commands.add_parser("export", help="export reports as CSV, JSON Lines or Parquet")
    e.add_argument("files", nargs="+", help=files_help)
    e.add_argument(
        "-o",
        "--output",
        default="-",
        help="output file, its format from its ending (.csv, .jsonl, .parquet); "
        "- for standard output (the default)",
    )
    e.add_argument(
        "--format", choices=("csv", "jsonl", "parquet"), default=None, help="output format"
    )
    e.add_argument(
        "--long", action="store_true", help="one row per value (source, key, value, raw)"
    )
    e.add_argument(
        "--bom",
        action="store_true",
        help="begin a CSV with a UTF-8 byte-order mark, for spreadsheet programs",
    )
    e.add_argument("--findings", metavar="FILE", help="also write the findings, as JSON Lines")
    _add_selection(e, "with --findings, write findings of this severity and above")
    e.add_argument("--jobs", "-j", type=_jobs, default=None, help=jobs_help)
    e.set_defaults(run=_cmd_export)

    s = commands.add_parser("schema", help="print the JSON Schema of the JSON form")
    s.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples:
        >>> main(["--version"])
        govinfo-report 0.1.0
        0
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit:  # --help, --version, or a usage error (status 2)
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        return 2
    try:
        status: int = args.run(args)
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as on SIGPIPE
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:  # Ctrl-C: the worker processes are stopped with the pool
        print("govinfo-report: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
