"""The ``govinfo-report`` command: parse, validate and render reports from the shell.

Results go to standard output, messages to standard error. Exit status: 0 when all went well,
1 when ``validate`` found findings at or above ``--fail-on``, 2 for a usage error or an input
that could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from . import __version__
from ._input import decode, load
from .errors import GovInfoReportError
from .findings import Finding, Severity
from .flat import flatten
from .jsonio import dumps, to_dict
from .model import Report
from .parser import parse
from .render import render
from .validate import validate


def _read(name: str) -> Report:
    if name == "-":
        return parse(decode(sys.stdin.buffer.read(), source="<stdin>"), source="<stdin>")
    return load(name)


def _expand(names: Sequence[str]) -> Iterator[str]:
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*.txt")) if p.is_file())
        else:
            yield name


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _cmd_parse(args: argparse.Namespace) -> int:
    names = list(_expand(args.files))
    status = 0
    for name in names:
        try:
            report = _read(name)
        except (GovInfoReportError, OSError) as error:
            print(f"govinfo-report: {error}", file=sys.stderr)
            status = 2
            continue
        if args.flat:
            data: object = {"source": report.source, **flatten(report)}
            print(json.dumps(data, ensure_ascii=False, default=_json_default))
        elif len(names) == 1:
            print(dumps(report))
        else:
            print(json.dumps(to_dict(report), ensure_ascii=False))
    return status


def _finding_text(finding: Finding, source: str | None) -> str:
    text = f"{finding.located(source)}: {finding.severity} {finding.code} {finding.message}"
    if finding.printed is not None and finding.computed is not None:
        text += f" [印刷 {finding.printed} ≠ 计算 {finding.computed}，差 {finding.difference}]"
    return text


def _cmd_validate(args: argparse.Namespace) -> int:
    fail_on = Severity(args.fail_on)
    counts = {severity: 0 for severity in Severity}
    status = 0
    reports = 0
    failed = 0
    for name in _expand(args.files):
        try:
            report = _read(name)
        except (GovInfoReportError, OSError) as error:
            print(f"govinfo-report: {error}", file=sys.stderr)
            failed += 1
            status = 2
            continue
        reports += 1
        findings = validate(report, min_severity=args.min_severity)
        for finding in findings:
            counts[finding.severity] += 1
            if finding.severity >= fail_on and status == 0:
                status = 1
            if args.format == "json":
                row = {
                    "source": report.source,
                    "code": finding.code,
                    "severity": str(finding.severity),
                    "message": finding.message,
                    "message_en": finding.message_en,
                    "key": finding.key,
                    "line": finding.line,
                    "column": finding.column,
                    "printed": finding.printed,
                    "computed": finding.computed,
                    "difference": finding.difference,
                }
                print(json.dumps(row, ensure_ascii=False, default=_json_default))
            else:
                print(_finding_text(finding, report.source))
    summary = (
        f"{reports} report(s), {counts[Severity.ERROR]} error(s), "
        f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info, "
        f"{failed} unreadable"
    )
    print(summary, file=sys.stderr if args.format == "json" else sys.stdout)
    return status


def _cmd_render(args: argparse.Namespace) -> int:
    try:
        report = _read(args.file)
    except (GovInfoReportError, OSError) as error:
        print(f"govinfo-report: {error}", file=sys.stderr)
        return 2
    if args.to == "json":
        print(dumps(report))
    else:
        sys.stdout.write(render(report, labels=args.labels))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line's argument parser."""
    parser = argparse.ArgumentParser(
        prog="govinfo-report",
        description="Parse, validate and render 政府信息公开工作年度报告.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("parse", help="parse reports to JSON (JSON Lines for several)")
    p.add_argument("files", nargs="+", help="report files or folders; - for standard input")
    p.add_argument("--flat", action="store_true", help="flat keys instead of the tree")
    p.set_defaults(run=_cmd_parse)

    v = commands.add_parser("validate", help="check reports against the format's rules")
    v.add_argument("files", nargs="+", help="report files or folders; - for standard input")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.add_argument(
        "--fail-on",
        choices=[str(s) for s in Severity],
        default="error",
        help="exit 1 when a finding of this severity or above is found",
    )
    v.add_argument(
        "--min-severity",
        choices=[str(s) for s in Severity],
        default="info",
        help="show findings of this severity and above",
    )
    v.set_defaults(run=_cmd_validate)

    r = commands.add_parser("render", help="write a report in canonical form")
    r.add_argument("file", help="a report file; - for standard input")
    r.add_argument("--to", choices=("text", "json"), default="text")
    r.add_argument("--labels", choices=("printed", "official"), default="printed")
    r.set_defaults(run=_cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
