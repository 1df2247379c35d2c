r"""Text against tables: figures the prose states, compared with the tables (spec R10).

Reports state some of their numbers twice: in 一、总体情况 (``全年共收到政府信息公开申请218件``,
``未接到…申请``, ``1件结转下年度继续办理``, ``行政复议36起、诉讼9起``) and in the tables. The
statistics period (统计期限) names the year again. Each check here reads one kind of statement
and compares it with the table cell it restates; a statement the tables cannot confirm (a blank
cell, a missing table) is not assessed.

Examples:
    >>> from govinfo_report.parser import parse
    >>> text = ("某局2022年政府信息公开工作年度报告\n一、总体情况\n"
    ...         "2022年共收到政府信息公开申请5件。\n三、收到和处理政府信息公开申请情况\n"
    ...         "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4")
    >>> [(f.code, f.printed, f.computed) for f in check_text(parse(text))]
    [('T101', 5, 4)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import regex

from ._text import simplify
from .findings import Finding, Severity
from .model import Paragraph, Report, SubHeading


class Statement(NamedTuple):
    """A figure the prose states: what it is about, the number, where it was printed."""

    key: str
    value: int
    text: str
    line: int | None


_NUMBER = r"(\d{1,7})"
_UNIT = r"\s*(?:件|条|个|份|宗|起|次|例)"
_RECEIVED = (
    regex.compile(
        r"(?:受理|收到|接到|接收)(?:各类|群众|公民|法人)?(?:政府信息公开|依申请公开|信息公开)?"
        r"(?:申请|请求)(?:共|合计|总计)?" + _NUMBER + _UNIT
    ),
    regex.compile(
        r"(?:共|累计|全年)?(?:受理|收到|接到|接收)" + _NUMBER + _UNIT + r"[^，。；\d]{0,10}?申请"
    ),
)
_NONE_RECEIVED = regex.compile(
    r"(?:未|没有|无)(?:收到|接到|受理)(?:过)?[^，。；\d]{0,12}?(?:申请|请求)"
)
_FORWARD = regex.compile(_NUMBER + _UNIT + r"(?:申请)?(?:结转(?:至|到)?下(?:一)?年度|结转下年)")
_REVIEW = regex.compile(r"(?:行政)?复议" + _NUMBER + _UNIT)
_LITIGATION = regex.compile(r"(?:行政)?诉讼" + _NUMBER + _UNIT)
_PERIOD = regex.compile(r"统计期限[^\d]{0,12}((?:19|20)\d{2})")
# Printed words any statement needs, simplified or traditional: a paragraph without one is skipped.
_KEYWORDS = regex.compile(r"申[请請]|[结結][转轉]|[复復覆][议議]|[诉訴][讼訟]")
_RECEIVING = ("受理", "收到", "接到", "接收")
"""The words every pattern of :data:`_RECEIVED` and :data:`_NONE_RECEIVED` holds one of."""
_KEYWORD_PAIRS = re.compile("[申结結复復覆诉訴][请請转轉议議讼訟]")
"""A looser pattern than :data:`_KEYWORDS` that ``re`` scans for several times faster: a
paragraph without a match holds no keyword."""


_FIGURES = (
    (_RECEIVING, (*_RECEIVED, _NONE_RECEIVED), "t3.new_received.total"),
    (("结转",), (_FORWARD,), "t3.carried_forward.total"),
    (("复议",), (_REVIEW,), "t4.review.total"),
    (("诉讼",), (_LITIGATION,), "t4.litigation.total"),
)
"""What each kind of statement says: words one of which it holds, its patterns (a pattern
without a group states none: 0) and the table cell it restates."""


def statements(report: Report) -> Iterator[Statement]:
    r"""The figures the report's prose states, in document order.

    Examples:
        >>> from govinfo_report.parser import parse
        >>> r = parse("某局2022年年度报告\n一、总体情况\n本年度未接到政府信息公开申请。")
        >>> list(statements(r))
        [Statement(key='t3.new_received.total', value=0, text='未接到政府信息公开申请', line=3)]
    """
    for block in report.blocks():
        if not isinstance(block, (Paragraph, SubHeading)):
            continue
        if not _KEYWORD_PAIRS.search(block.text) or not _KEYWORDS.search(block.text):
            continue
        text = simplify(block.text)
        for words, patterns, key in _FIGURES:
            if not any(word in text for word in words):
                continue  # each pattern needs one of its words: a cheap test skips most scans
            for pattern in patterns:
                for match in pattern.finditer(text):
                    value = int(match.group(1)) if pattern.groups else 0
                    yield Statement(key, value, block.text[match.start() : match.end()], block.line)


def _table_value(report: Report, key: str) -> int | None:
    if key == "t4.litigation.total":
        direct, after = (
            _table_value(report, f"t4.{b}.total")
            for b in ("litigation_direct", "litigation_after_review")
        )
        return None if direct is None or after is None else direct + after
    table, row_key, column = key.split(".")
    node = report.t3 if table == "t3" else report.t4
    if node is None:
        return None
    row = node.get(row_key)
    if row is None:
        return None
    index = 6 if table == "t3" else 4
    if column != "total" or len(row.cells) <= index:
        return None
    value = row.cells[index].number
    return value if isinstance(value, int) else None


_WHAT = {
    "t3.new_received.total": ("T101", "本年新收申请总计", "applications received (total)"),
    "t3.carried_forward.total": ("T102", "结转下年度继续办理总计", "applications carried forward"),
    "t4.review.total": ("T103", "行政复议总计", "administrative reviews (total)"),
    "t4.litigation.total": ("T103", "行政诉讼总计", "lawsuits (total)"),
}


def check_text(report: Report) -> Iterator[Finding]:
    """Findings where the prose and the tables disagree, and where the years disagree."""
    seen: set[tuple[str, int]] = set()
    for statement in statements(report):
        table = _table_value(report, statement.key)
        if table is None or (statement.key, statement.value) in seen:
            continue
        seen.add((statement.key, statement.value))
        if statement.value == table:
            continue
        if statement.key == "t3.new_received.total":
            # "收到…申请N件" often counts what was carried over from last year too.
            carried = _table_value(report, "t3.carried_over.total")
            if carried is not None and statement.value == table + carried:
                continue
        code, label, label_en = _WHAT[statement.key]
        yield Finding(
            code,
            Severity.WARNING,
            f"正文“{statement.text}”与表格不符：{label}为 {table}，正文为 {statement.value}",
            f"the text “{statement.text}” disagrees with the tables: {label_en} is {table}, "
            f"the text says {statement.value}",
            key=statement.key
            if statement.key != "t4.litigation.total"
            else "t4.litigation_direct.total",
            line=statement.line,
            printed=statement.value,
            computed=table,
        )
    yield from _years(report)


def _years(report: Report) -> Iterator[Finding]:
    """T104: the statistics period names the report's year."""
    if report.year is None:
        return
    for block in report.blocks():
        if not isinstance(block, Paragraph) or "期限" not in block.text:
            continue
        match = _PERIOD.search(simplify(block.text))
        if match is not None and int(match.group(1)) != report.year:
            yield Finding(
                "T104",
                Severity.WARNING,
                f"统计期限的年份 {match.group(1)} 与报告年份 {report.year} 不一致",
                f"the statistics period's year {match.group(1)} is not the report's year "
                f"{report.year}",
                key="year",
                line=block.line,
                printed=int(match.group(1)),
                computed=report.year,
            )
            return


_last: tuple[Report, tuple[Finding, ...]] | None = None


def _findings_of(report: Report) -> tuple[Finding, ...]:
    """:func:`check_text` once per report, shared by the four rules that read it."""
    global _last
    last = _last
    if last is not None and last[0] is report:
        return last[1]
    found = tuple(check_text(report))
    _last = (report, found)
    return found


def check_code(code: str) -> Callable[[Report, object], Iterable[Finding]]:
    r"""The check of one code, ``(report, layout) -> findings``, for the rule registry.

    Examples:
        >>> from govinfo_report.parser import parse
        >>> report = parse("某局2022年年度报告\n一、总体情况\n统计期限自2021年1月1日起。")
        >>> [f.code for f in check_code("T104")(report, None)]
        ['T104']
    """

    def check(report: Report, layout: object) -> Iterable[Finding]:
        del layout
        return [finding for finding in _findings_of(report) if finding.code == code]

    return check
