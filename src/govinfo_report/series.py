"""Checks across years: one agency's reports side by side.

:func:`validate_series` compares consecutive years of the same agency: the applications carried
into the next year (spec R8: 四、结转下年度继续办理 of year N equals 二、上年结转 of N+1, per
column), the stock of rules and normative documents in force (R9: 现行有效件数 of N equals N-1's
plus 本年制发 minus 本年废止, 2021 format), prose copied from the previous year (内容雷同, with a
similarity figure), and gaps or duplicates in the years. Each finding names the later report's
source in its message and points into it.

Examples:
    >>> from govinfo_report.flat import from_flat
    >>> a = from_flat({"format": "2021", "year": 2022, "agency": "某局",
    ...                "t3.carried_forward.natural_person": 2})
    >>> b = from_flat({"format": "2021", "year": 2023, "agency": "某局",
    ...                "t3.carried_over.natural_person": 1})
    >>> [(f.code, f.printed, f.computed) for f in validate_series([a, b]) if f.code == "X101"]
    [('X101', 1, 2)]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from .findings import Finding, Severity
from .layouts import LAYOUTS
from .model import Paragraph, Report, SubHeading, with_pages

SIMILARITY_THRESHOLD = 0.9
"""Prose at least this similar to the previous year's is reported as copied (内容雷同)."""

_SHINGLE = 5


@attrs.frozen
class SeriesFinding:
    """A finding about one report of a series, with the report it is about.

    Attributes:
        report: The report the finding points into (the later year for comparisons).
        finding: The finding.
    """

    report: Report
    finding: Finding


def validate_series(
    reports: Iterable[Report],
    *,
    similarity_threshold: float = SIMILARITY_THRESHOLD,
    disable: Collection[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    min_severity: Severity | str = "info",
) -> tuple[Finding, ...]:
    """Check one agency's reports of several years against each other.

    Args:
        reports: The reports, in any order; reports without a year are left out (X100).
        similarity_threshold: The prose similarity (0 to 1) from which copied text is reported.
        disable: Codes whose findings are left out (as :func:`~govinfo_report.validate` takes
            them: the codes of its rules are accepted too).
        severity: New severities by code.
        min_severity: Findings below this severity (after re-grading) are left out.

    Returns:
        The findings, earliest year first. Use :func:`validate_series_detailed` to get the
        report each finding is about.

    Raises:
        ValueError: An unknown code or severity.
    """
    return tuple(
        item.finding
        for item in validate_series_detailed(
            reports,
            similarity_threshold=similarity_threshold,
            disable=disable,
            severity=severity,
            min_severity=min_severity,
        )
    )


def validate_series_detailed(
    reports: Iterable[Report],
    *,
    similarity_threshold: float = SIMILARITY_THRESHOLD,
    disable: Collection[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    min_severity: Severity | str = "info",
) -> tuple[SeriesFinding, ...]:
    """Like :func:`validate_series`, each finding paired with the report it is about.

    Examples:
        >>> from govinfo_report.flat import from_flat
        >>> a = from_flat({"format": "2021", "year": 2022, "t3.carried_forward.total": 2})
        >>> b = from_flat({"format": "2021", "year": 2023, "t3.carried_over.total": 1})
        >>> [(item.report.year, item.finding.code, item.finding.severity)
        ...  for item in validate_series_detailed([a, b], severity={"X101": "error"})]
        [(2023, 'X101', <Severity.ERROR: 'error'>)]
    """
    from .validate import selector  # validate needs series_codes from here: imported late

    keep = selector(disable, severity, min_severity)
    found: list[SeriesFinding] = []
    dated: list[Report] = []
    for report in reports:
        if report.year is None:
            found.append(
                SeriesFinding(
                    report,
                    _finding(
                        "X100",
                        Severity.INFO,
                        None,
                        f"{_name(report)} 未能确定年份，未参与跨年度比对",
                        f"{_name(report)}: no year found; left out of the comparison across years",
                    ),
                )
            )
        else:
            dated.append(report)
    dated.sort(key=lambda r: r.year or 0)
    counts = Counter(r.year for r in dated)
    for year, count in sorted((y, c) for y, c in counts.items() if y is not None and c > 1):
        same = [r for r in dated if r.year == year]
        found.append(
            SeriesFinding(
                same[1],
                _finding(
                    "X105",
                    Severity.WARNING,
                    None,
                    f"{year} 年有 {count} 份报告：{'、'.join(_name(r) for r in same)}",
                    f"{count} reports for {year}: {', '.join(_name(r) for r in same)}",
                ),
            )
        )
    for before, after in itertools.pairwise(dated):
        if before.year is None or after.year is None or before.year == after.year:
            continue
        if after.year - before.year > 1:
            first, last = before.year + 1, after.year - 1
            years = f"{first}" if first == last else f"{first} 至 {last}"
            years_en = f"{first}" if first == last else f"{first} to {last}"
            found.append(
                SeriesFinding(
                    after,
                    _finding(
                        "X104",
                        Severity.INFO,
                        None,
                        f"缺少 {years} 年的报告",
                        f"no report for {years_en}",
                    ),
                )
            )
            continue
        found.extend(SeriesFinding(after, f) for f in _carry_over(before, after))
        found.extend(SeriesFinding(after, f) for f in _stock(before, after))
        found.extend(SeriesFinding(after, f) for f in _copied(before, after, similarity_threshold))
    kept: list[SeriesFinding] = []
    for item in found:
        finding = keep(item.finding, None)
        if finding is None:
            continue
        if item.report.page_starts:
            finding = with_pages((finding,), item.report.page_starts)[0]
        kept.append(SeriesFinding(item.report, finding))
    return tuple(kept)


def _name(report: Report) -> str:
    return report.source or report.title or f"{report.agency or ''}{report.year or ''}"


def _finding(
    code: str,
    severity: Severity,
    key: str | None,
    message: str,
    message_en: str,
    *,
    line: int | None = None,
    printed: int | Decimal | None = None,
    computed: int | Decimal | None = None,
    operands: tuple[str, ...] = (),
) -> Finding:
    return Finding(
        code,
        severity,
        message,
        message_en,
        key=key,
        line=line,
        printed=printed,
        computed=computed,
        operands=operands,
    )


def _carry_over(before: Report, after: Report) -> Iterable[Finding]:
    """R8: what year N carried forward is what year N+1 says it carried over, per column."""
    if before.t3 is None or after.t3 is None:
        return
    forward = before.t3.get("carried_forward")
    over = after.t3.get("carried_over")
    if forward is None or over is None:
        return
    for column, sent, received in zip(
        LAYOUTS["2021"].t3_columns, forward.cells, over.cells, strict=False
    ):
        if not isinstance(sent.number, int) or not isinstance(received.number, int):
            continue
        if sent.number != received.number:
            yield _finding(
                "X101",
                Severity.WARNING,
                f"t3.carried_over.{column.key}",
                f"{after.year} 年“二、上年结转”{column.label}列为 {received.number}，"
                f"而 {before.year} 年“四、结转下年度继续办理”为 {sent.number}，相差 "
                f"{received.number - sent.number}（{_name(before)}）",
                f"{after.year} carried over {received.number} ({column.key}) but {before.year} "
                f"carried forward {sent.number}; difference {received.number - sent.number} "
                f"({_name(before)})",
                line=received.line or over.line,
                printed=received.number,
                computed=sent.number,
                operands=(f"{before.year}:t3.carried_forward.{column.key}",),
            )


def _stock(before: Report, after: Report) -> Iterable[Finding]:
    """R9: in force now = in force last year + issued - repealed (2021 format, both years)."""
    if before.format != "2021" or after.format != "2021":
        return
    if before.t2 is None or after.t2 is None:
        return
    for key in ("rules", "normative_documents"):
        old, new = before.t2.get(key), after.t2.get(key)
        if old is None or new is None or len(old.cells) < 3 or len(new.cells) < 3:
            continue
        previous, issued, repealed, current = (
            old.cells[2].number,
            new.cells[0].number,
            new.cells[1].number,
            new.cells[2].number,
        )
        if not all(isinstance(v, int) for v in (previous, issued, repealed, current)):
            continue
        assert isinstance(previous, int) and isinstance(issued, int)
        assert isinstance(repealed, int) and isinstance(current, int)
        expected = previous + issued - repealed
        if current != expected:
            label = "规章" if key == "rules" else "行政规范性文件"
            yield _finding(
                "X102",
                Severity.WARNING,
                f"t2.{key}.in_force",
                f"{label}现行有效件数 {current} 不等于上年 {previous} + 本年制发 {issued} − "
                f"本年废止 {repealed} = {expected}，相差 {current - expected}",
                f"{key} in force {current} is not last year's {previous} + issued {issued} - "
                f"repealed {repealed} = {expected}; difference {current - expected}",
                line=new.cells[2].line or new.line,
                printed=current,
                computed=expected,
                operands=(
                    f"{before.year}:t2.{key}.in_force",
                    f"t2.{key}.issued",
                    f"t2.{key}.repealed",
                ),
            )


def _prose(report: Report) -> str:
    texts = [b.text for b in report.blocks() if isinstance(b, Paragraph | SubHeading)]
    # Years and counts change every year even in copied text: compare the words around them.
    return "".join(ch for text in texts for ch in text if not ch.isdigit() and not ch.isspace())


def similarity(a: str, b: str) -> float:
    """Share of five-character shingles two texts have in common (Jaccard), 0 to 1.

    Linear in the texts' length, unlike an edit distance.

    Examples:
        >>> similarity("政府信息公开工作取得成效", "政府信息公开工作取得成效")
        1.0
        >>> similarity("甲乙丙丁戊己庚", "子丑寅卯辰巳午")
        0.0
    """
    left = {a[i : i + _SHINGLE] for i in range(max(len(a) - _SHINGLE + 1, 0))}
    right = {b[i : i + _SHINGLE] for i in range(max(len(b) - _SHINGLE + 1, 0))}
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _copied(before: Report, after: Report, threshold: float) -> Iterable[Finding]:
    """内容雷同: the prose is (almost) the previous year's."""
    a, b = _prose(before), _prose(after)
    if len(a) < 50 or len(b) < 50:
        return
    score = similarity(a, b)
    if score >= threshold:
        yield _finding(
            "X103",
            Severity.WARNING,
            None,
            f"{after.year} 年报告正文与 {before.year} 年报告高度雷同（相似度 {score:.0%}，"
            f"{_name(before)}）",
            f"the {after.year} report's prose repeats the {before.year} report's "
            f"(similarity {score:.0%}, {_name(before)})",
        )


def series_codes() -> Sequence[str]:
    """The codes :func:`validate_series` can give.

    Examples:
        >>> series_codes()
        ('X100', 'X101', 'X102', 'X103', 'X104', 'X105')
    """
    return ("X100", "X101", "X102", "X103", "X104", "X105")
