"""The typed, immutable document tree of a report.

Every node is a frozen attrs class holding tuples, never lists. Text is kept as printed; a cell
keeps its raw text beside the value read from it. Source positions (``line``, ``column``) and the
source name are carried on the nodes but take no part in equality, so a report equals its
re-parsed canonical rendering.

Examples:
    >>> cell = Cell("12")
    >>> cell.value, cell.raw
    (12, '12')
    >>> Cell("").value is None, Cell("/").value is None
    (True, True)
    >>> Cell("9116.36", "amount").value
    Decimal('9116.36')
    >>> Cell("251000元", "amount").value
    '251000元'
"""

from __future__ import annotations

import bisect
import datetime
import functools
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TypeAlias, cast

import attrs
import regex

from .findings import Finding
from .layouts import NULL_MARKERS, FormatVersion, ValueKind

CellValue: TypeAlias = int | Decimal | str | None
"""A cell's value: an ``int``, a ``Decimal`` (amounts), ``None`` (nothing printed) or the text."""

_COUNT = regex.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_SIGNED = regex.compile(r"^-?\d+$")
_AMOUNT = regex.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


MAX_DIGITS = 24
"""Numbers printed with more digits than this are kept as text (Python refuses to convert
some very long ones, and no report prints them)."""


def read_value(raw: str, kind: ValueKind = "count") -> CellValue:
    """Read the value of a cell printed as ``raw`` in a column of ``kind``.

    Blank, ``/``, ``-``, ``—`` and ``无`` give ``None``: nothing was printed, which is not 0.
    A count is a non-negative integer, a signed change may carry a minus sign (``-8``), an amount is
    a ``Decimal``. Anything else is kept as its text (``"+17"``, ``"251000元"``, ``"1个"``), and so
    is a number of more than :data:`MAX_DIGITS` digits, which no report prints.

    Examples:
        >>> read_value("0"), read_value("—"), read_value("1,234")
        (0, None, 1234)
        >>> read_value("-8", "signed"), read_value("+17", "signed"), read_value("-8")
        (-8, '+17', '-8')
        >>> read_value("0.0000", "amount")
        Decimal('0.0000')
        >>> read_value("9" * 40)[:3]
        '999'
    """
    text = raw.strip()
    if text in NULL_MARKERS:
        return None
    if len(text) > MAX_DIGITS and sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        return text
    if kind == "count":
        if text.isdigit() and text.isascii():  # the common case, as the pattern would read it
            return int(text)
        if _COUNT.match(text):
            return int(text.replace(",", ""))
    elif kind == "signed":
        if _SIGNED.match(text):
            return int(text)
    elif _AMOUNT.match(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            return text
    return text


_VALUES: dict[str, dict[str, CellValue]] = {"count": {}, "signed": {}, "amount": {}}
""":func:`read_value`'s values remembered by kind and raw text: reports print the same few numbers
again and again, and the values (``int``, ``Decimal``, ``str``, ``None``) are immutable. Only
texts of at most :data:`_VALUE_TEXT_KEPT` characters are kept, at most :data:`_VALUES_KEPT` of
each kind (the first ones seen: ``0``, ``1``... come early); a dictionary is looked up faster
than a least-recently-used cache."""
_VALUES_KEPT = 4096
_VALUE_TEXT_KEPT = 32
_MISSING = object()


def _read(raw: str, kind: ValueKind) -> CellValue:
    values = _VALUES.get(kind)
    if values is None:  # not a kind of the layouts
        return read_value(raw, kind)
    value = values.get(raw, _MISSING)
    if value is _MISSING:
        value = read_value(raw, kind)
        if len(raw) <= _VALUE_TEXT_KEPT and len(values) < _VALUES_KEPT:
            values[raw] = value
    return cast(CellValue, value)


def _value_of(cell: Cell) -> CellValue:
    return _read(cell.raw, cell.kind)


@attrs.frozen
class Cell:
    """A table cell.

    Attributes:
        raw: The cell's text exactly as printed (white space around it removed).
        kind: How the cell is read, from its column in the layout.
        value: The value read from ``raw`` (see :func:`read_value`).
        line: 1-based source line, if known (not compared). For a PDF, the line's index among
            the lines read (text lines and table rows, in reading order).
        column: 1-based source column in characters, if known (not compared). For a PDF or a
            Word table, the cell's column in its table's grid.
        page: 1-based page of a PDF the cell was printed on, if known (not compared).
    """

    raw: str
    kind: ValueKind = "count"
    value: CellValue = attrs.field(
        init=False, eq=False, default=attrs.Factory(_value_of, takes_self=True)
    )
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)
    column: int | None = attrs.field(default=None, eq=False, kw_only=True)
    page: int | None = attrs.field(default=None, eq=False, kw_only=True)

    @property
    def is_blank(self) -> bool:
        """True where nothing was printed (blank, ``/``, ``-``, ``—``, ``无``)."""
        return self.value is None

    @property
    def number(self) -> int | Decimal | None:
        """The value when it is a number, else ``None``."""
        return self.value if isinstance(self.value, (int, Decimal)) else None


_SET_CELL = tuple(
    getattr(Cell, name).__set__ for name in ("raw", "kind", "value", "line", "column", "page")
)
_NEW = object.__new__


def new_cell(
    raw: str,
    kind: ValueKind = "count",
    line: int | None = None,
    column: int | None = None,
    page: int | None = None,
) -> Cell:
    """``Cell(raw, kind, line=line, column=column, page=page)``, made faster.

    The parser makes a cell for every value of a report; this sets the slots directly instead
    of going through the frozen class's ``__init__`` (which checks nothing more), for the same
    cell.

    Examples:
        >>> new_cell("12", line=3, column=5) == Cell("12", line=3, column=5)
        True
        >>> new_cell("12").value
        12
    """
    cell: Cell = _NEW(Cell)
    set_raw, set_kind, set_value, set_line, set_column, set_page = _SET_CELL
    set_raw(cell, raw)
    set_kind(cell, kind)
    set_value(cell, _read(raw, kind))
    set_line(cell, line)
    set_column(cell, column)
    set_page(cell, page)
    return cell


def new_cells(
    raws: Iterable[str],
    kinds: Iterable[ValueKind],
    lines: Iterable[int | None],
    columns: Iterable[int | None],
    page: int | None = None,
) -> list[Cell]:
    """:func:`new_cell` for each raw text, kind, line and column, zipped (the shortest ends it).

    Examples:
        >>> new_cells(["1", ""], ["count"] * 3, [4, 4], [2, 5])
        [Cell(raw='1', kind='count', value=1, line=4, column=2, page=None), \
Cell(raw='', kind='count', value=None, line=4, column=5, page=None)]
    """
    set_raw, set_kind, set_value, set_line, set_column, set_page = _SET_CELL
    new, cell_class, known, missing = _NEW, Cell, _VALUES, _MISSING
    out: list[Cell] = []
    append = out.append
    for raw, kind, line, column in zip(raws, kinds, lines, columns, strict=False):
        cell = new(cell_class)
        set_raw(cell, raw)
        set_kind(cell, kind)
        values = known.get(kind)  # _read(raw, kind), without the call
        value = missing if values is None else values.get(raw, missing)
        if value is missing:
            value = _read(raw, kind)
        set_value(cell, value)
        set_line(cell, line)
        set_column(cell, column)
        set_page(cell, page)
        append(cell)
    return out


@attrs.frozen
class Row:
    """A data row of a table.

    Attributes:
        key: The row's key in the layout (``rules``, ``denied.state_secret``...), or ``None`` for a
            row the format does not have (kept, and flagged by the validator).
        label: The row's own label as printed.
        cells: The value cells, in column order.
        groups: Group labels printed on the same line before the label (merged cells such as
            ``（三）不予公开``), as printed.
        line: 1-based source line, if known (not compared).
    """

    key: str | None
    label: str
    cells: tuple[Cell, ...]
    groups: tuple[str, ...] = ()
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)

    @property
    def values(self) -> tuple[CellValue, ...]:
        """The cells' values."""
        return tuple(cell.value for cell in self.cells)


_SET_ROW = tuple(getattr(Row, name).__set__ for name in ("key", "label", "cells", "groups", "line"))


def new_row(
    key: str | None,
    label: str,
    cells: tuple[Cell, ...],
    groups: tuple[str, ...] = (),
    line: int | None = None,
) -> Row:
    """``Row(key, label, cells, groups, line=line)``, made faster (as :func:`new_cell`).

    Examples:
        >>> new_row("rules", "规章", (Cell("1"),), line=4) == Row("rules", "规章", (Cell("1"),))
        True
    """
    row: Row = _NEW(Row)
    set_key, set_label, set_cells, set_groups, set_line = _SET_ROW
    set_key(row, key)
    set_label(row, label)
    set_cells(row, cells)
    set_groups(row, groups)
    set_line(row, line)
    return row


@attrs.frozen
class T2Block:
    """A block of table 二 (主动公开政府信息情况), one item of Article 20.

    Attributes:
        key: ``item1``, ``item5``, ``item6``, ``item8`` or ``item9``; ``None`` if not recognised.
        caption: The caption as printed (``第二十条第（一）项``); empty when none was printed.
        header: The header row's labels as printed, ``信息内容`` first; empty when none was printed.
        rows: The data rows.
        line: 1-based source line of the block's first line (not compared).
    """

    key: str | None
    caption: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)


@attrs.frozen
class ProactiveTable:
    """Table 二: 主动公开政府信息情况 (proactive disclosure), as blocks."""

    blocks: tuple[T2Block, ...]
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)

    def rows(self) -> Iterator[Row]:
        """Every data row, block by block."""
        for block in self.blocks:
            yield from block.rows

    def get(self, key: str) -> Row | None:
        """The row with this key, or ``None``."""
        for block in self.blocks:
            for row in block.rows:
                if row.key == key:
                    return row
        return None


@attrs.frozen
class RequestTable:
    """Table 三: 收到和处理政府信息公开申请情况 (requests), rows by the seven applicant columns."""

    rows: tuple[Row, ...]
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)

    def get(self, key: str) -> Row | None:
        """The row with this key, or ``None``."""
        for row in self.rows:
            if row.key == key:
                return row
        return None


@attrs.frozen
class LitigationTable:
    """Table 四: 行政复议、行政诉讼 (review and litigation), three blocks of five cells."""

    blocks: tuple[Row, ...]
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)

    def get(self, key: str) -> Row | None:
        """The block with this key, or ``None``."""
        for row in self.blocks:
            if row.key == key:
                return row
        return None


@attrs.frozen
class OtherTable:
    """Rows of cells that belong to no table of the format, kept as printed."""

    rows: tuple[tuple[str, ...], ...]
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)


@attrs.frozen
class Paragraph:
    """A paragraph of prose, verbatim (``**bold**`` markers and all)."""

    text: str
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)


@attrs.frozen
class SubHeading:
    """A sub-heading line such as ``（一）主动公开``, verbatim."""

    text: str
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)


Table: TypeAlias = ProactiveTable | RequestTable | LitigationTable | OtherTable
Block: TypeAlias = (
    Paragraph | SubHeading | ProactiveTable | RequestTable | LitigationTable | OtherTable
)


@attrs.frozen
class Section:
    """A numbered section (``一、总体情况`` ...).

    Attributes:
        heading: The heading line as printed.
        number: The standard section it was matched to (1 to 6), or ``None``.
        blocks: Paragraphs, sub-headings and tables, in document order.
        line: 1-based source line of the heading (not compared).
    """

    heading: str
    number: int | None
    blocks: tuple[Block, ...]
    line: int | None = attrs.field(default=None, eq=False, kw_only=True)

    @property
    def title(self) -> str:
        """The heading without its numeral, as printed (``总体情况``).

        Examples:
            >>> Section("一、 總體情況", 1, ()).title
            '總體情況'
        """
        return str(_HEADING_NUMERAL.sub("", self.heading, count=1)).strip()


_HEADING_NUMERAL = regex.compile(
    r"^\s*[一二三四五六七八九十]+(?:\([a-zA-Z\u00c0-\u024f]{1,8}\))?\s*[、.．,，]\s*"
)


PageStarts: TypeAlias = tuple[tuple[int, int], ...]
"""Where each page's lines start: ``(first line number, page)`` pairs, in order."""


def page_starts_of(lines: Iterable[tuple[int, int | None]]) -> PageStarts:
    """The :data:`PageStarts` of ``(line number, page)`` pairs in reading order.

    Examples:
        >>> page_starts_of([(1, 1), (2, 1), (3, 2), (4, None), (5, 4)])
        ((1, 1), (3, 2), (5, 4))
    """
    starts: list[tuple[int, int]] = []
    last: int | None = None
    for number, page in lines:
        if page is not None and page != last:
            starts.append((number, page))
            last = page
    return tuple(starts)


def page_of(starts: PageStarts, line: int | None) -> int | None:
    """The page line number ``line`` was read from, by ``starts``; ``None`` when not known.

    Examples:
        >>> page_of(((1, 1), (30, 3)), 29), page_of(((1, 1), (30, 3)), 31), page_of((), 5)
        (1, 3, None)
    """
    if line is None or not starts:
        return None
    index = bisect.bisect_right(starts, (line, sys.maxsize)) - 1
    return starts[index][1] if index >= 0 else None


def with_pages(findings: Iterable[Finding], starts: PageStarts) -> tuple[Finding, ...]:
    """The findings, each with a line and no page given the page of its line.

    Examples:
        >>> from govinfo_report.findings import Severity
        >>> finding = Finding("A102", Severity.ERROR, "", "", line=31)
        >>> with_pages([finding], ((1, 1), (30, 2)))[0].page
        2
    """
    return tuple(
        finding
        if finding.page is not None or finding.line is None
        else attrs.evolve(finding, page=page_of(starts, finding.line))
        for finding in findings
    )


@attrs.frozen
class Report:
    """A 政府信息公开工作年度报告.

    Attributes:
        title: The title line as printed, if found.
        agency: The publishing agency, if found.
        year: The year reported on, if found.
        format: The table format: ``"2021"``, ``"2019"``, ``"pre2019"`` or ``"unknown"``.
        preamble: Blocks before the first section heading (other than the title).
        sections: The sections in document order.
        published: The publication date the page's metadata gives (发布日期), if any.
        source: Where the report was read from (not compared).
        findings: What the parser found damaged or uncertain (not compared).
        page_starts: For a report read from a PDF, where each page's lines start: ``(line,
            page)`` pairs in order, ``line`` the first line number read from ``page`` (not
            compared; empty for other inputs). See :meth:`page_of`.
    """

    title: str | None
    agency: str | None
    year: int | None
    format: FormatVersion
    preamble: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    published: datetime.date | None = attrs.field(default=None, kw_only=True)
    source: str | None = attrs.field(default=None, eq=False, kw_only=True)
    findings: tuple[Finding, ...] = attrs.field(default=(), eq=False, kw_only=True)
    page_starts: tuple[tuple[int, int], ...] = attrs.field(default=(), eq=False, kw_only=True)

    def page_of(self, line: int | None) -> int | None:
        """The page of a PDF a line number was read from; ``None`` when not known.

        Examples:
            >>> report = Report(None, None, None, "2021", page_starts=((1, 1), (30, 2)))
            >>> report.page_of(29), report.page_of(30), report.page_of(None)
            (1, 2, None)
        """
        return page_of(self.page_starts, line)

    def blocks(self) -> Iterator[Block]:
        """Every block, the preamble's first, then each section's."""
        yield from self.preamble
        for section in self.sections:
            yield from section.blocks

    @property
    def t2(self) -> ProactiveTable | None:
        """Table 二 (主动公开), if present: the first block of its type."""
        return self._tables[0]

    @property
    def t3(self) -> RequestTable | None:
        """Table 三 (收到和处理申请), if present: the first block of its type."""
        return self._tables[1]

    @property
    def t4(self) -> LitigationTable | None:
        """Table 四 (行政复议、行政诉讼), if present: the first block of its type."""
        return self._tables[2]

    def tables(
        self,
    ) -> tuple[ProactiveTable | None, RequestTable | None, LitigationTable | None]:
        """Tables 二, 三 and 四: the first of each, as the t2, t3, t4 properties give.

        Examples:
            >>> Report(None, None, None, "unknown").tables()
            (None, None, None)
        """
        return self._tables

    @functools.cached_property
    def _tables(
        self,
    ) -> tuple[ProactiveTable | None, RequestTable | None, LitigationTable | None]:
        """The tables, found in one pass the first time they are asked for (a report is frozen)."""
        t2: ProactiveTable | None = None
        t3: RequestTable | None = None
        t4: LitigationTable | None = None
        for block in self.blocks():
            if t2 is None and isinstance(block, ProactiveTable):
                t2 = block
            elif t3 is None and isinstance(block, RequestTable):
                t3 = block
            elif t4 is None and isinstance(block, LitigationTable):
                t4 = block
        return t2, t3, t4

    def section(self, number: int) -> Section | None:
        """The first section matched to standard section ``number`` (1 to 6), if any."""
        return next((s for s in self.sections if s.number == number), None)
