"""Findings: what the parser and the validator say about a report, as plain values."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

Number = int | Decimal


class Severity(enum.StrEnum):
    """How much a finding matters.

    ``error``: the report breaks the format or its own arithmetic. ``warning``: probably wrong or
    incomplete. ``info``: worth knowing (for example a rule that could not be assessed).

    Examples:
        >>> Severity("error") > Severity("info")
        True
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@attrs.frozen
class Finding:
    """One thing found in a report.

    Attributes:
        code: Stable code of the rule or parser check (``A101``, ``P103``...).
        severity: How much it matters.
        message: The message in Chinese.
        message_en: The message in English.
        key: Where it points: a flat key (``t3.total.natural_person``), a row key
            (``t3.denied.state_secret``) or a section (``section.5``); ``None`` for the
            whole report.
        line: 1-based source line, when known.
        column: 1-based source column in characters, when known.
        printed: For arithmetic: the value as printed (the total side).
        computed: For arithmetic: the value computed from the other side.
        operands: For arithmetic: the flat keys summed on the computed side.
        page: 1-based page of a PDF, when known (its ``line`` then counts the lines read from
            the PDF, not lines of a text).

    Examples:
        >>> f = Finding("A102", Severity.ERROR, "总计不等于各列之和", "total is not the sum",
        ...             key="t3.total.total", printed=5, computed=4)
        >>> f.difference
        1
    """

    code: str
    severity: Severity
    message: str
    message_en: str
    key: str | None = None
    line: int | None = None
    column: int | None = None
    printed: Number | None = None
    computed: Number | None = None
    operands: tuple[str, ...] = ()
    page: int | None = None

    @property
    def difference(self) -> Number | None:
        """``printed - computed`` where both are known."""
        if self.printed is None or self.computed is None:
            return None
        return self.printed - self.computed

    def located(self, source: str | None) -> str:
        """``source:line:column`` as far as known, for messages, and the page of a PDF.

        Examples:
            >>> Finding("P101", Severity.INFO, "", "", line=3).located("a.txt")
            'a.txt:3'
            >>> Finding("A102", Severity.ERROR, "", "", line=40, column=2, page=3).located("a.pdf")
            'a.pdf:40:2 (第 3 页)'
        """
        parts = [source or "<report>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        return where if self.page is None else f"{where} (第 {self.page} 页)"


@attrs.frozen
class ParserCheck:
    """What a parser or reader finding code means.

    Attributes:
        code: The code (``P101`` ...).
        severity: The severity its findings carry.
        title: A short title in Chinese.
        title_en: The title in English.
        description: What it means and what was done, in English.
    """

    code: str
    severity: Severity
    title: str
    title_en: str
    description: str


PARSER_CHECKS: dict[str, ParserCheck] = {
    check.code: check
    for check in (
        ParserCheck(
            "D101",
            Severity.WARNING,
            "无法解码的字节已替换",
            "undecodable bytes replaced",
            'With load(errors="replace"), bytes that could not be decoded were replaced by '
            "U+FFFD; the message says how many.",
        ),
        ParserCheck(
            "D102",
            Severity.WARNING,
            "乱码",
            "mojibake",
            "The text was UTF-8 once decoded as GBK and saved again: repaired (warning), or read "
            "as it is when it cannot be repaired (error).",
        ),
        ParserCheck(
            "P101",
            Severity.WARNING,
            "格式外的行",
            "row not in the format",
            "A table row whose label the format does not have; it is kept with key None "
            "and its cells as printed.",
        ),
        ParserCheck(
            "P102",
            Severity.WARNING,
            "多出的单元格",
            "extra cells",
            "A row printed more value cells than its table has; the extra ones are named "
            "in the message and left out.",
        ),
        ParserCheck(
            "P103",
            Severity.INFO,
            "缺少的单元格",
            "missing cells",
            "A row printed fewer value cells than its table has; the missing ones, at "
            "the end, are blank.",
        ),
        ParserCheck(
            "P104",
            Severity.WARNING,
            "重复的行",
            "repeated row",
            "A table-三 row printed twice; both are kept.",
        ),
        ParserCheck(
            "P201",
            Severity.INFO,
            "按年份推定格式",
            "format assumed from the year",
            "No table label tells the format; it was taken from the report's year.",
        ),
        ParserCheck(
            "P301",
            Severity.INFO,
            "推断拆分",
            "split inferred",
            "Glued digits were split into cells by the tables' arithmetic, by figures "
            "the 总体情况 prose states for the row, or by a certain relation between its "
            "columns (本年新公开数量 ≤ 对外公开总数量); the message names the printed run, "
            "the cells chosen, the evidence and how many splits were consistent.",
        ),
        ParserCheck(
            "P302",
            Severity.WARNING,
            "无法拆分",
            "split undetermined",
            "Glued digits could not be split with certainty; the row is left out and "
            "the message names its label and the printed run.",
        ),
        ParserCheck(
            "P303",
            Severity.WARNING,
            "空白单元格被省略",
            "blank cells dropped",
            "Cells printed one per line with the blank ones dropped, so the column of a "
            "number cannot be known; the row is left out and the message names its "
            "printed values.",
        ),
        ParserCheck(
            "P304",
            Severity.WARNING,
            "HTML 解析中止",
            "HTML parsing stopped",
            "The HTML parser stopped part-way through the page; what follows was not read.",
        ),
        ParserCheck(
            "P401",
            Severity.INFO,
            "折行数字已合并",
            "wrapped number joined",
            "A number printed over two lines of a PDF table cell was joined, because "
            "the row's arithmetic (R3, R5) confirms it.",
        ),
        ParserCheck(
            "P402",
            Severity.WARNING,
            "疑似折行数字",
            "possibly wrapped number",
            "A PDF cell looks like a number printed over two lines, but the arithmetic "
            "does not confirm it; it is kept as printed.",
        ),
        ParserCheck(
            "P403",
            Severity.WARNING,
            "无文字层的页",
            "page without text",
            "A PDF page has no text layer (a scanned page or an image); it needs OCR "
            "and was not read.",
        ),
    )
}
"""The codes of the parser's and readers' findings, with what they mean."""
