"""Validation: the rules a report is checked against, and :func:`validate` to run them.

Three families of rules, each with a stable code:

* ``A1xx`` arithmetic: the identities the tables carry (spec R1, R3, R4, R5), taken from
  :attr:`govinfo_report.layouts.FormatLayout.identities`, and the zero-inflow check (R11).
* ``S1xx`` structure: the six sections, the three tables and their rows, the format and the year.
* ``V1xx`` values: what a cell holds (negative counts, text, blanks, decimals).

Every rule is a :class:`Rule` in :data:`RULES`, with its default severity, titles and a
description; :func:`validate` runs them all. The rules read the report only and never raise,
whatever the report holds: a row absent, short or long, text in a number's place, no tables or no
sections at all. A check that cannot be made is skipped, or reported as ``info`` where a reader
would otherwise take the silence for a pass.

Examples:
    >>> from govinfo_report.flat import from_flat
    >>> report = from_flat({"format": "2021", "year": 2022, "t4.review.upheld": 1,
    ...                     "t4.review.corrected": 1, "t4.review.other": 0,
    ...                     "t4.review.pending": 0, "t4.review.total": 3})
    >>> [(f.code, f.key, f.printed, f.computed) for f in validate(report) if f.code == "A104"]
    [('A104', 't4.review.total', 3, 2)]
    >>> RULES["A104"].title
    '行政复议、行政诉讼各项之和等于总计'
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from itertools import chain
from types import MappingProxyType
from typing import NamedTuple, TypeAlias

import attrs

from ._classify import format_markers
from .crosscheck import check_code
from .findings import Finding, Severity
from .layouts import (
    LAYOUTS,
    ColumnSpec,
    FormatLayout,
    FormatVersion,
    Identity,
    RowSpec,
    T2BlockSpec,
    format_for_year,
)
from .model import (
    Cell,
    CellValue,
    LitigationTable,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
    with_pages,
)

__all__ = ["RULES", "CheckFunction", "Rule", "validate"]

CheckFunction: TypeAlias = Callable[[Report, FormatLayout | None], Iterable[Finding]]
"""A rule's check: the report and its format's layout (``None`` without tables) to findings."""

_Number: TypeAlias = int | Decimal

_ERROR = Severity.ERROR
_WARNING = Severity.WARNING
_INFO = Severity.INFO


@attrs.frozen
class Rule:
    """A validation rule.

    Attributes:
        code: Stable code (``A101``...), the ``code`` of the findings the rule makes.
        severity: Default severity of its findings. A rule may grade some findings lower (the
            ``info`` "not assessable" notes of the arithmetic rules, text in signed or amount
            columns); it never grades one higher.
        title: Short title in Chinese.
        title_en: Short title in English.
        description: What the rule checks and when it is skipped, for the documentation.
        check: The check: ``(report, layout) -> findings``; ``layout`` is ``None`` for formats
            without national tables (``"pre2019"``, ``"unknown"``).

    Examples:
        >>> rule = RULES["S101"]
        >>> rule.severity, rule.title_en
        (<Severity.ERROR: 'error'>, 'missing standard section')
    """

    code: str
    severity: Severity
    title: str
    title_en: str
    description: str
    check: CheckFunction = attrs.field(repr=False)


# -- names used in messages ---------------------------------------------------------------------

_TABLES: dict[str, tuple[str, str, int]] = {
    "t2": ("表二", "table 二", 2),
    "t3": ("表三", "table 三", 3),
    "t4": ("表四", "table 四", 4),
}
"""Table key to (Chinese name, English name, number of the section that holds it)."""

_FORMAT_NAMES: dict[str, tuple[str, str]] = {
    "2021": ("2021年格式", "the 2021 format"),
    "2019": ("2019年试行格式", "the 2019 trial format"),
    "pre2019": ("2019年以前的格式", "a pre-2019 format"),
    "unknown": ("未知格式", "an unknown format"),
}

_NUMERALS = "一二三四五六"

_TRAILING_NOTE = re.compile(r"(?<=[^\s（）])（[^（）]*）$")


def _short(label: str) -> str:
    """A label without a trailing parenthetical note: ``（二）部分公开``, ``本年收费金额``."""
    return _TRAILING_NOTE.sub("", label)


def _row_name(spec: RowSpec) -> str:
    """A row's label for messages, with its group when the label alone is ambiguous."""
    label = _short(spec.label)
    if spec.group is not None and not label.startswith("（"):
        return f"{spec.group} {label}"
    return label


def _format_name(version: str) -> tuple[str, str]:
    return _FORMAT_NAMES.get(version, (f"“{version}”格式", f"format {version!r}"))


def _numeral(number: int) -> str:
    return _NUMERALS[number - 1] if 1 <= number <= len(_NUMERALS) else str(number)


_NUMBERS = (int, Decimal)
"""The types of a number's value (a tuple: ``isinstance`` checks it faster than a union)."""


def _is_number(value: CellValue) -> bool:
    return isinstance(value, _NUMBERS)


def _sum(values: Iterable[CellValue]) -> _Number:
    total: _Number = 0
    for value in values:
        if isinstance(value, _NUMBERS):
            total = total + value
    return total


def _line(row: Row, cell: Cell | None = None) -> int | None:
    if cell is not None and cell.line is not None:
        return cell.line
    return row.line


# -- the tables as the layout sees them -----------------------------------------------------------
#
# The checks share one :class:`_Context` per report: the tables are found, their rows indexed and
# their cells classified once, however many rules read them. What depends on the layout alone
# (row names, flat keys, the instances of each identity with their messages' wording) is worked
# out once per layout in :class:`_LayoutIndex`.


class _RowView(NamedTuple):
    """A report row the layout knows, with the layout's columns and the cells' flat keys."""

    table: str
    spec: RowSpec
    row: Row
    columns: tuple[ColumnSpec, ...]
    keys: tuple[str, ...]
    name: str  # _row_name(spec)

    def where(self, index: int) -> str:
        """``表三 （一）予以公开 自然人列``: a cell's place, for Chinese messages."""
        column = _short(self.columns[index].label)
        return f"{_TABLES[self.table][0]} {self.name} {column}列"


def _t2_keys(block: T2BlockSpec, row_key: str) -> tuple[str, ...]:
    if len(block.columns) == 1:
        return (f"t2.{row_key}",)
    return tuple(f"t2.{row_key}.{column.key}" for column in block.columns)


_Place: TypeAlias = tuple[str, str, int | None]
"""An operand of an identity: its flat key, its row key and its column's index (``None``: none)."""

_ViewSpec: TypeAlias = tuple[RowSpec, tuple[ColumnSpec, ...], tuple[str, ...], str]
"""A known row: its spec, its columns, its cells' flat keys and its name in messages."""


class _Instance:
    """One instance of an identity (one column or one row), as far as the layout defines it."""

    __slots__ = (
        "left",
        "left_names",
        "operands",
        "pairs",
        "right",
        "right_keys",
        "right_names",
        "where",
    )

    def __init__(
        self,
        where: tuple[str, str],
        left: tuple[_Place, ...],
        right: tuple[_Place, ...],
        left_names: list[str],
        right_names: list[str],
    ) -> None:
        self.where = where
        self.left = left
        self.right = right
        self.operands = left + right
        self.pairs = tuple((row_key, index) for _, row_key, index in self.operands)
        self.left_names = left_names
        self.right_names = right_names
        self.right_keys = tuple(key for key, _, _ in right)


def _instances(
    identity: Identity, rows: tuple[RowSpec, ...], columns: tuple[ColumnSpec, ...]
) -> list[_Instance]:
    """The instances of an identity over table 三 or 四, with their places and wording."""
    table = identity.table
    table_zh, table_en, _ = _TABLES[table]
    row_specs = {spec.key: spec for spec in rows}
    column_specs = {column.key: column for column in columns}
    column_index: dict[str, int] = {}
    for index, column in enumerate(columns):
        column_index.setdefault(column.key, index)

    def row_label(key: str) -> str:
        spec = row_specs.get(key)
        return key if spec is None else _row_name(spec)

    def column_label(key: str) -> str:
        column = column_specs.get(key)
        return key if column is None else _short(column.label)

    def place(row_key: str, column_key: str) -> _Place:
        return f"{table}.{row_key}.{column_key}", row_key, column_index.get(column_key)

    single = len(identity.left) == 1
    out: list[_Instance] = []
    if identity.over == "columns":
        for column in columns:
            if single:
                where = f"{table_zh} {row_label(identity.left[0])} {_short(column.label)}列"
                where_en = f"{table_en}, row {identity.left[0]}, column {column.key}"
            else:
                where = f"{table_zh} {_short(column.label)}列"
                where_en = f"{table_en}, column {column.key}"
            out.append(
                _Instance(
                    (where, where_en),
                    tuple(place(key, column.key) for key in identity.left),
                    tuple(place(key, column.key) for key in identity.right),
                    [row_label(key) for key in identity.left],
                    [row_label(key) for key in identity.right],
                )
            )
    else:
        for spec in rows:
            if single:
                where = f"{table_zh} {_row_name(spec)} {column_label(identity.left[0])}列"
                where_en = f"{table_en}, row {spec.key}, column {identity.left[0]}"
            else:
                where = f"{table_zh} {_row_name(spec)}行"
                where_en = f"{table_en}, row {spec.key}"
            out.append(
                _Instance(
                    (where, where_en),
                    tuple(place(spec.key, key) for key in identity.left),
                    tuple(place(spec.key, key) for key in identity.right),
                    [column_label(key) for key in identity.left],
                    [column_label(key) for key in identity.right],
                )
            )
    return out


_Grid: TypeAlias = dict[str, list[CellValue]]
"""A table's values by row key."""


def _compile_holds(instances: list[_Instance]) -> Callable[[_Grid], bool]:
    """One function saying whether every instance of an identity holds in a grid of ints.

    It reads each operand once, with no loop: a report whose sums are right (most are) is
    checked at a fraction of the cost of one instance at a time. It raises ``KeyError`` or
    ``IndexError`` where a row or cell is absent; instances that cannot be checked (an operand
    the layout does not place) are left out, as :func:`_check_instance` leaves them out. The
    code is made from the layout's own keys and indexes, never from a report.
    """
    names: dict[str, str] = {}

    def term(pairs: tuple[tuple[str, int | None], ...]) -> str:
        parts = []
        for row_key, index in pairs:
            name = names.setdefault(row_key, f"row{len(names)}")
            parts.append(f"{name}[{int(index or 0)}]")
        return " + ".join(parts)

    clauses = []
    for instance in instances:
        pairs = instance.pairs
        if not instance.left or not instance.right or any(i is None for _, i in pairs):
            continue
        count = len(instance.left)
        clauses.append(f"{term(pairs[:count])} == {term(pairs[count:])}")
    fetch = "".join(f"    {name} = grid[{key!r}]\n" for key, name in names.items())
    source = f"def holds(grid):\n{fetch}    return {' and '.join(clauses) or 'True'}\n"
    namespace: dict[str, Callable[[_Grid], bool]] = {}
    exec(compile(source, "<identities>", "exec"), namespace)  # the layout's code, as above
    return namespace["holds"]


class _LayoutIndex:
    """What the checks need from a layout, worked out once per layout."""

    def __init__(self, layout: FormatLayout) -> None:
        self.layout = layout
        t2_specs = {row.key: (block, row) for block in layout.t2_blocks for row in block.rows}
        self.t2_views: dict[str, _ViewSpec] = {
            key: (spec, block.columns, _t2_keys(block, key), _row_name(spec))
            for key, (block, spec) in t2_specs.items()
        }
        self.grids: dict[str, tuple[tuple[RowSpec, ...], tuple[ColumnSpec, ...]]] = {
            "t3": (layout.t3_rows, layout.t3_columns),
            "t4": (layout.t4_blocks, layout.t4_columns),
        }
        self.grid_views: dict[str, dict[str, _ViewSpec]] = {}
        for table, (grid_rows, columns) in self.grids.items():
            by_key = {spec.key: spec for spec in grid_rows}
            self.grid_views[table] = {
                key: (
                    spec,
                    columns,
                    tuple(f"{table}.{key}.{column.key}" for column in columns),
                    _row_name(spec),
                )
                for key, spec in by_key.items()
            }
        specs = {
            "t2": tuple(row for block in layout.t2_blocks for row in block.rows),
            "t3": layout.t3_rows,
            "t4": layout.t4_blocks,
        }
        self.specs: dict[str, tuple[tuple[RowSpec, str], ...]] = {
            table: tuple((spec, _row_name(spec)) for spec in table_specs)
            for table, table_specs in specs.items()
        }
        self.known: dict[str, frozenset[str]] = {
            table: frozenset(spec.key for spec in table_specs)
            for table, table_specs in specs.items()
        }
        self.identities: dict[str, list[tuple[str, list[_Instance], Callable[[_Grid], bool]]]] = {}
        for identity in layout.identities:
            grid = self.grids.get(identity.table)
            if grid is None:  # table 二 carries no identity; its blocks have different columns
                continue
            instances = _instances(identity, *grid)
            self.identities.setdefault(identity.code, []).append(
                (identity.table, instances, _compile_holds(instances))
            )
        self.t3_column_index: dict[str, int] = {}
        for index, column in enumerate(layout.t3_columns):
            self.t3_column_index.setdefault(column.key, index)
        self.t3_names = {spec.key: _row_name(spec) for spec in layout.t3_rows}
        self.outflow = (*layout.t3_leaf_keys(), "carried_forward")


_LAYOUT_INDEXES: dict[str, _LayoutIndex] = {}
"""The indexes of the layouts in :data:`~govinfo_report.layouts.LAYOUTS`, by version."""


def _layout_index(layout: FormatLayout) -> _LayoutIndex:
    index = _LAYOUT_INDEXES.get(layout.version)
    if index is not None and index.layout is layout:
        return index
    index = _LayoutIndex(layout)
    if LAYOUTS.get(layout.version) is layout:
        _LAYOUT_INDEXES[layout.version] = index
    return index


_Blank: TypeAlias = tuple[_RowView, list[int]]
"""A row with blank cells, and the indexes of those cells."""


class _Context:
    """One report as the checks read it: its tables, rows and cells, each worked out once."""

    def __init__(self, report: Report, layout: FormatLayout | None) -> None:
        self.report = report
        self.layout = layout
        self._index = None if layout is None else _layout_index(layout)
        t2, t3, t4 = report.tables()
        self.tables: dict[str, ProactiveTable | RequestTable | LitigationTable | None] = {
            "t2": t2,
            "t3": t3,
            "t4": t4,
        }
        self.rows: dict[str, tuple[Row, ...] | None] = {
            "t2": None if t2 is None else tuple(t2.rows()),
            "t3": None if t3 is None else t3.rows,
            "t4": None if t4 is None else t4.blocks,
        }
        self._found: dict[str, dict[str, Row] | None] = {}
        self._grids: dict[str, _Grid] = {}
        self._all_ints: dict[str, bool] = {}

    @property
    def index(self) -> _LayoutIndex:
        """The layout's index (only asked for where there is a layout)."""
        assert self._index is not None
        return self._index

    def found(self, table: str) -> dict[str, Row] | None:
        """Table 三 or 四's first row of each key, or ``None`` if the table is absent."""
        if table in self._found:
            return self._found[table]
        rows = self.rows.get(table)
        found: dict[str, Row] | None = None
        if rows is not None:
            found = {}
            for row in rows:
                if row.key is not None and row.key not in found:
                    found[row.key] = row
        self._found[table] = found
        return found

    def grid(self, table: str) -> _Grid:
        """The values of :meth:`found`'s rows, by row key (``{}`` if the table is absent)."""
        grid = self._grids.get(table)
        if grid is None:
            found = self.found(table) or {}
            grid = {key: [cell.value for cell in row.cells] for key, row in found.items()}
            self._grids[table] = grid
        return grid

    def all_ints(self, table: str) -> bool:
        """True when every value of :meth:`grid` is a plain ``int`` (no blank, text or amount)."""
        plain = self._all_ints.get(table)
        if plain is None:
            plain = _INT.issuperset(map(type, chain.from_iterable(self.grid(table).values())))
            self._all_ints[table] = plain
        return plain

    @functools.cached_property
    def views(self) -> list[_RowView]:
        """Every row of tables 二, 三, 四 whose key the layout knows, in table order."""
        index = self.index
        views: list[_RowView] = []
        new = tuple.__new__
        tables = (("t2", index.t2_views), *index.grid_views.items())
        for table, known in tables:
            for row in self.rows[table] or ():
                key = row.key
                if key is not None and key in known:
                    spec, columns, keys, name = known[key]
                    # _RowView(...), made without the call to its __new__
                    views.append(new(_RowView, (table, spec, row, columns, keys, name)))
        return views

    @functools.cached_property
    def cells(self) -> tuple[dict[str, list[tuple[_RowView, int, Cell]]], list[_Blank]]:
        """The cells that break a value rule, by code, and the rows with blank cells (V103)."""
        problems: dict[str, list[tuple[_RowView, int, Cell]]] = {}
        blanks: list[_Blank] = []
        for view in self.views:
            columns = view.columns
            blank: list[int] = []
            for index, cell in enumerate(view.row.cells[: len(columns)]):
                value = cell.value
                if value is None:
                    blank.append(index)
                    continue
                if type(value) is int and value >= 0:  # the common case: no rule applies
                    continue
                code = _cell_code(columns[index].kind, value)
                if code is not None:
                    problems.setdefault(code, []).append((view, index, cell))
            if blank:
                blanks.append((view, blank))
        return problems, blanks


class _Check:
    """A rule's check, callable as ``(report, layout) -> findings``.

    :func:`validate` runs it on the context the rules share instead.
    """

    __slots__ = ("run",)

    def __init__(self, run: Callable[[_Context], Iterable[Finding]]) -> None:
        self.run = run

    def __call__(self, report: Report, layout: FormatLayout | None) -> Iterable[Finding]:
        return self.run(_Context(report, layout))


# -- arithmetic rules -----------------------------------------------------------------------------


def _identity_check(code: str) -> _Check:
    """The check of every identity with this code in the report's layout."""

    def check(context: _Context) -> Iterator[Finding]:
        if context.layout is None:
            return
        for table, instances, holds in context.index.identities.get(code, ()):
            found = context.found(table)
            if found is None:
                continue
            grid = context.grid(table)
            if context.all_ints(table):
                try:
                    if holds(grid):
                        continue  # every instance holds: nothing to say
                except (KeyError, IndexError):  # a row or cell is absent: one at a time
                    pass
            for instance in instances:
                finding = _check_instance(code, instance, found, grid)
                if finding is not None:
                    yield finding

    return _Check(check)


def _check_instance(
    code: str, instance: _Instance, found: dict[str, Row], grid: dict[str, list[CellValue]]
) -> Finding | None:
    """One instance of an identity (one column or one row); ``grid`` holds ``found``'s values."""
    left = instance.left
    if not left or not instance.right:
        return None
    try:
        values = [grid[row_key][index] for row_key, index in instance.pairs]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):  # a row or cell is absent: S106 / S110 say so
        return None
    count = len(left)
    plain = set(map(type, values)) == _INT  # the common case: plain ints that add up
    if plain and sum(values[:count]) == sum(values[count:]):  # type: ignore[arg-type]
        return None
    total_key, total_row_key, total_index = left[0]
    total_row = found[total_row_key]
    assert total_index is not None
    line = _line(total_row, total_row.cells[total_index])
    column = total_row.cells[total_index].column
    names = instance.left_names + instance.right_names
    missing = [
        (key, name)
        for (key, _, _), name, value in zip(instance.operands, names, values, strict=True)
        if not _is_number(value)
    ]
    where, where_en = instance.where
    if missing:
        if len(missing) < len(values):  # all blank: V103 says so, nothing to add
            labels = "".join(f"“{name}”" for _, name in missing)
            keys = [key for key, _ in missing]
            return Finding(
                code,
                _INFO,
                f"{where}：{labels}为空白或非数字，不可核对（{'、'.join(keys)}）",
                f"{where_en}: not assessable, blank or not a number: {', '.join(keys)}",
                key=total_key,
                line=line,
                operands=instance.right_keys,
            )
        return None
    printed = _sum(values[:count])
    computed = _sum(values[count:])
    if printed == computed:
        return None
    difference = printed - computed
    if count == 1:
        message = f"{where}：印刷值 {printed}，各项之和 {computed}，相差 {difference}"
        message_en = (
            f"{where_en}: printed {printed}, sum of the parts {computed}, difference {difference}"
        )
    else:
        left_keys = [key.split(".")[1] for key, _, _ in left]
        right_short = [key.split(".")[1] for key in instance.right_keys]
        message = (
            f"{where}：{'与'.join(instance.left_names)}之和 {printed}，"
            f"{'与'.join(instance.right_names)}之和 {computed}，相差 {difference}"
        )
        message_en = (
            f"{where_en}: {' + '.join(left_keys)} = {printed}, "
            f"{' + '.join(right_short)} = {computed}, difference {difference}"
        )
    return Finding(
        code,
        _ERROR,
        message,
        message_en,
        key=total_key,
        line=line,
        column=column,
        printed=printed,
        computed=computed,
        operands=instance.right_keys,
    )


_INT: frozenset[type] = frozenset({int})

_INFLOW = ("new_received", "carried_over")
"""Table-三 rows whose zero, in a column, leaves nothing to conclude or carry forward (R11)."""


@_Check
def _check_zero_inflow(context: _Context) -> Iterator[Finding]:
    """R11: where nothing was received or carried over, nothing can be concluded."""
    if context.layout is None:
        return
    found = context.found("t3")
    if found is None:
        return
    grid = context.grid("t3")
    index = context.index
    received, carried = (grid.get(key) for key in _INFLOW)
    if received is None or carried is None:
        return
    zero_columns: list[tuple[ColumnSpec, int]] = []
    for column in context.layout.t3_columns:
        at = index.t3_column_index[column.key]
        if at < len(received) and at < len(carried):
            new, old = received[at], carried[at]
            if new == 0 and old == 0 and _is_number(new) and _is_number(old):
                zero_columns.append((column, at))
    if not zero_columns:
        return
    rows = [values for key in index.outflow if (values := grid.get(key)) is not None]
    columns = list(zip(*rows, strict=False))  # as long as the shortest row
    if len(columns) > max(at for _, at in zero_columns) and not any(
        any(columns[at]) for _, at in zero_columns
    ):
        return  # blank or 0 all down every such column (the common case): nothing to say
    for row_key in index.outflow:
        row_values = grid.get(row_key)
        if row_values is None:
            continue
        for column, at in zero_columns:
            if at >= len(row_values):
                continue
            value = row_values[at]
            if value is None or value == 0 or not _is_number(value):
                continue
            row = found[row_key]
            cell = row.cells[at]
            flat_key = f"t3.{row_key}.{column.key}"
            name = index.t3_names.get(row_key, row_key)
            yield Finding(
                "A105",
                _WARNING,
                f"表三 {_short(column.label)}列：本年新收与上年结转均为 0，{name} 却为 {value}",
                f"table 三, column {column.key}: nothing received or carried over, "
                f"yet {flat_key} is {value}",
                key=flat_key,
                line=_line(row, cell),
            )


# -- value rules ----------------------------------------------------------------------------------


def _plain(raw: str) -> str:
    """The raw text with widths folded and white space removed, for telling text apart."""
    return "".join(unicodedata.normalize("NFKC", raw).split())


_NEGATIVE = re.compile(r"^[-−]\d[\d,]*(?:\.\d+)?$")
_FRACTION = re.compile(r"^\d[\d,]*\.\d*$")


def _count_problem(value: CellValue) -> str | None:
    """The value rule a cell of a count column breaks: ``V101``, ``V102``, ``V105`` or ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        text = _plain(value)
        if _NEGATIVE.match(text):
            return "V101"
        if _FRACTION.match(text):
            return "V105"
        return "V102"
    if value < 0:
        return "V101"
    if isinstance(value, Decimal):
        return "V105"
    return None


def _cell_code(kind: str, value: CellValue) -> str | None:
    """The one value rule (V101, V102, V104, V105) a cell of a column of ``kind`` breaks, if any."""
    if kind == "count":
        return _count_problem(value)
    if isinstance(value, str):
        return "V102"
    if kind == "amount" and isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -4:
            return "V104"
    return None


def _cell_findings(code: str) -> _Check:
    """The check of the per-cell value rule ``code`` (V101, V102, V104, V105)."""

    def check(context: _Context) -> Iterator[Finding]:
        if context.layout is None:
            return
        problems, _ = context.cells
        for view, index, cell in problems.get(code, ()):
            finding = _cell_finding(code, view, index, cell)
            if finding is not None:
                yield finding

    return _Check(check)


def _cell_finding(code: str, view: _RowView, index: int, cell: Cell) -> Finding | None:
    kind = view.columns[index].kind
    value = cell.value
    key = view.keys[index]
    where = view.where(index)
    line = _line(view.row, cell)
    if kind == "count":
        if _count_problem(value) != code:
            return None
        if code == "V101":
            return Finding(
                code,
                _ERROR,
                f"{where}：件数不能为负数（{cell.raw}）",
                f"{key}: a count cannot be negative ({cell.raw!r})",
                key=key,
                line=line,
            )
        if code == "V105":
            return Finding(
                code,
                _ERROR,
                f"{where}：件数不能有小数（{cell.raw}）",
                f"{key}: a count cannot have decimal places ({cell.raw!r})",
                key=key,
                line=line,
            )
        return Finding(
            code,
            _ERROR,
            f"{where}：“{cell.raw}”不是数字",
            f"{key}: {cell.raw!r} is not a number",
            key=key,
            line=line,
        )
    if code == "V102" and isinstance(value, str):
        return Finding(
            code,
            _WARNING,
            f"{where}：“{cell.raw}”不是数字（单位、正号等应去掉），无法计算",
            f"{key}: {cell.raw!r} is not a number (a unit or sign printed in the cell?)",
            key=key,
            line=line,
        )
    if code == "V104" and kind == "amount" and isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -4:
            places = -exponent
            return Finding(
                code,
                _WARNING,
                f"{where}：金额 {cell.raw} 有 {places} 位小数，超过 4 位"
                "（单位为万元时，第 4 位小数即 1 元）",
                f"{key}: amount {cell.raw} has {places} decimal places, more than 4 "
                "(in 万元 the fourth place is one yuan)",
                key=key,
                line=line,
            )
    return None


@_Check
def _check_blank(context: _Context) -> Iterator[Finding]:
    """V103: blank cells where the layout wants a number, one finding per row."""
    if context.layout is None:
        return
    _, blanks = context.cells
    for view, blank in blanks:
        table_zh = _TABLES[view.table][0]
        names = "、".join(_short(view.columns[index].label) for index in blank)
        keys = ", ".join(view.keys[index] for index in blank)
        row_key = f"{view.table}.{view.spec.key}"
        yield Finding(
            "V103",
            _WARNING,
            f"{table_zh} {view.name}：{names} 为空白（无数据应填 0）",
            f"{row_key}: blank where a number belongs: {keys}",
            key=row_key,
            line=_line(view.row, view.row.cells[blank[0]]),
        )


# -- structure rules ------------------------------------------------------------------------------


def _numbered(report: Report) -> Iterator[tuple[int, Section]]:
    for section in report.sections:
        if section.number is not None and 1 <= section.number <= 6:
            yield section.number, section


@_Check
def _check_missing_sections(context: _Context) -> Iterator[Finding]:
    """S101: each of the six standard sections is present."""
    if context.layout is None:
        return
    present = {number for number, _ in _numbered(context.report)}
    for spec in context.layout.sections:
        if spec.number not in present:
            yield Finding(
                "S101",
                _ERROR,
                f"缺少第{spec.numeral}部分“{spec.heading}”",
                f"section {spec.number} ({spec.heading}) is missing",
                key=f"section.{spec.number}",
            )


@_Check
def _check_section_order(context: _Context) -> Iterator[Finding]:
    """S102: sections come in the order 一 to 六 (a repeated one is S103's)."""
    if context.layout is None:
        return
    seen: set[int] = set()
    highest = 0
    for number, section in _numbered(context.report):
        if number not in seen and number < highest:
            yield Finding(
                "S102",
                _WARNING,
                f"第{_numeral(number)}部分“{section.heading}”排在第{_numeral(highest)}"
                "部分之后，顺序不对",
                f"section {number} ({section.heading}) comes after section {highest}",
                key=f"section.{number}",
                line=section.line,
            )
        seen.add(number)
        highest = max(highest, number)


@_Check
def _check_repeated_sections(context: _Context) -> Iterator[Finding]:
    """S103: no standard section appears twice."""
    if context.layout is None:
        return
    first: dict[int, Section] = {}
    for number, section in _numbered(context.report):
        if number not in first:
            first[number] = section
            continue
        earlier = first[number]
        at = f"（第 {earlier.line} 行）" if earlier.line is not None else ""
        at_en = f" (line {earlier.line})" if earlier.line is not None else ""
        yield Finding(
            "S103",
            _WARNING,
            f"第{_numeral(number)}部分再次出现：“{section.heading}”，"
            f"前面已有“{earlier.heading}”{at}",
            f"section {number} appears again: {section.heading}; first as {earlier.heading}{at_en}",
            key=f"section.{number}",
            line=section.line,
        )


@_Check
def _check_unmatched_sections(context: _Context) -> Iterator[Finding]:
    """S104: every section heading is one of the six standard sections."""
    if context.layout is None:
        return
    for section in context.report.sections:
        if section.number is None or not 1 <= section.number <= 6:
            yield Finding(
                "S104",
                _INFO,
                f"标题“{section.heading}”不对应标准的六个部分",
                f"heading {section.heading!r} matches none of the six standard sections",
                line=section.line,
            )


@_Check
def _check_missing_tables(context: _Context) -> Iterator[Finding]:
    """S105: tables 二, 三 and 四 are present."""
    if context.layout is None:
        return
    titles = {spec.number: spec.title for spec in context.layout.sections}
    for table, (table_zh, table_en, number) in _TABLES.items():
        if context.rows[table] is None:
            title = titles.get(number, "")
            yield Finding(
                "S105",
                _ERROR,
                f"缺少{table_zh}（{title}）",
                f"{table_en} ({title}) is missing",
                key=table,
            )


@_Check
def _check_missing_rows(context: _Context) -> Iterator[Finding]:
    """S106: every row of a present table is there (a missing table is S105's)."""
    if context.layout is None:
        return
    for table, (table_zh, table_en, _) in _TABLES.items():
        rows = context.rows[table]
        found = context.tables[table]
        if rows is None or found is None:
            continue
        present = {row.key for row in rows}
        line = found.line
        for spec, name in context.index.specs[table]:
            if spec.key not in present:
                yield Finding(
                    "S106",
                    _ERROR,
                    f"{table_zh}缺少“{name}”行",
                    f"{table_en} lacks row {spec.key} ({spec.label})",
                    key=f"{table}.{spec.key}",
                    line=line,
                )


@_Check
def _check_unknown_rows(context: _Context) -> Iterator[Finding]:
    """S107: every row of a table is a row of the format."""
    layout = context.layout
    if layout is None:
        return
    format_zh, format_en = _format_name(layout.version)
    for table, (table_zh, table_en, _) in _TABLES.items():
        known = context.index.known[table]
        for row in context.rows[table] or ():
            if row.key is not None and row.key in known:
                continue
            named = f"（{row.key}）" if row.key is not None else ""
            named_en = f" ({row.key})" if row.key is not None else ""
            yield Finding(
                "S107",
                _WARNING,
                f"{table_zh}中有{format_zh}没有的行：“{row.label}”{named}",
                f"{table_en} has a row {format_en} does not have: {row.label!r}{named_en}",
                key=table,
                line=row.line,
            )


@_Check
def _check_format_known(context: _Context) -> Iterator[Finding]:
    """S108: the report follows a format with national tables."""
    if context.layout is not None:
        return
    format_zh, format_en = _format_name(context.report.format)
    yield Finding(
        "S108",
        _INFO,
        f"报告采用{format_zh}，没有统一的统计表，表格未核对",
        f"the report follows {format_en}, without national tables: tables not checked",
        key="format",
    )


@_Check
def _check_format_year(context: _Context) -> Iterator[Finding]:
    """S109: the format is the one in force for the report's year."""
    report = context.report
    if report.year is None or report.format == "unknown":
        return
    expected = format_for_year(report.year)
    if expected == report.format:
        return
    expected_zh, expected_en = _format_name(expected)
    format_zh, format_en = _format_name(report.format)
    yield Finding(
        "S109",
        _WARNING,
        f"{report.year}年度的报告应采用{expected_zh}，实际为{format_zh}",
        f"a report on {report.year} should follow {expected_en}, not {format_en}",
        key="format",
    )


@_Check
def _check_cell_count(context: _Context) -> Iterator[Finding]:
    """S110: a row has as many cells as the layout has columns."""
    if context.layout is None:
        return
    for view in context.views:
        wanted, got = len(view.columns), len(view.row.cells)
        if wanted != got:
            table_zh, table_en, _ = _TABLES[view.table]
            yield Finding(
                "S110",
                _ERROR,
                f"{table_zh}“{view.name}”行有 {got} 个单元格，应为 {wanted} 个",
                f"{table_en} row {view.spec.key} has {got} cells, not {wanted}",
                key=f"{view.table}.{view.spec.key}",
                line=view.row.line,
            )


def deadline(year: int) -> datetime.date:
    """The statutory publication deadline of the report on ``year``.

    31 January of the next year under the 2019 条例 (reports on 2019 and later); 31 March before.

    Examples:
        >>> deadline(2022), deadline(2017)
        (datetime.date(2023, 1, 31), datetime.date(2018, 3, 31))
    """
    return datetime.date(year + 1, 1, 31) if year >= 2019 else datetime.date(year + 1, 3, 31)


def _check_deadline(report: Report, layout: FormatLayout | None) -> Iterator[Finding]:
    """S111: published by the statutory deadline."""
    del layout
    if report.published is None or report.year is None:
        return
    due = deadline(report.year)
    if report.published > due:
        late = (report.published - due).days
        yield Finding(
            "S111",
            _WARNING,
            f"发布日期 {report.published.isoformat()} 晚于法定期限 {due.isoformat()}"
            f"（晚 {late} 天）",
            f"published {report.published.isoformat()}, after the statutory deadline "
            f"{due.isoformat()} ({late} days late)",
            key="published",
        )


_OTHER_FORMAT: dict[str, FormatVersion] = {"2021": "2019", "2019": "2021"}


def _check_mixed_labels(report: Report, layout: FormatLayout | None) -> Iterator[Finding]:
    """S112: table 二's headers and labels are all of one format."""
    if layout is None or report.t2 is None:
        return
    other = _OTHER_FORMAT[report.format]
    for block in report.t2.blocks:
        found = format_markers((*block.header, *(row.label for row in block.rows)), other)
        if found:
            zh, en = _format_name(other)
            yield Finding(
                "S112",
                _WARNING,
                f"表二 {block.caption or block.key} 用的是{zh}的标签：{'、'.join(found)}",
                f"table 二 block {block.key} uses labels of {en}: {', '.join(found)}",
                key=f"t2.{block.key}",
                line=block.line,
            )


_TOWNSHIP = re.compile(r"(?:乡|镇|街道|街道办事处|办事处|村|社区)(?:人民政府)?$")
_LARGE = 100_000


def _check_magnitudes(report: Report, layout: FormatLayout | None) -> Iterator[Finding]:
    """V106: figures no agency of this kind prints."""
    if layout is None:
        return
    rules = report.t2.get("rules") if report.t2 is not None else None
    issued = rules.cells[0].number if rules is not None and rules.cells else None
    if (
        report.agency is not None
        and _TOWNSHIP.search(report.agency)
        and isinstance(issued, int)
        and issued > 0
    ):
        yield Finding(
            "V106",
            _WARNING,
            f"{report.agency}为乡镇（街道）一级，无权制定规章，但规章一行填了 {issued}",
            f"{report.agency} is a township-level body, which cannot make 规章 (rules), yet the "
            f"rules row says {issued}",
            key="t2.rules",
            line=rules.line if rules is not None else None,
        )
    if report.t3 is None:
        return
    for row in report.t3.rows:
        for cell in row.cells:
            value = cell.value
            if type(value) is int and value >= _LARGE:
                yield Finding(
                    "V106",
                    _WARNING,
                    f"表三 {row.label} 中的 {cell.raw} 件申请多得异常，请核对",
                    f"table 三 row {row.key}: {cell.raw} applications is implausibly many",
                    key=f"t3.{row.key}",
                    line=cell.line or row.line,
                    column=cell.column,
                )


# -- the registry ---------------------------------------------------------------------------------

_RULES: tuple[Rule, ...] = (
    Rule(
        "A101",
        _ERROR,
        "本年新收与上年结转之和等于办理结果总计与结转下年度之和",
        "received plus carried over equals concluded plus carried forward",
        "Table 三, each column (spec R1, the note printed in the table): 一、本年新收 + "
        "二、上年结转 = （七）总计 + 四、结转下年度继续办理. The finding's ``printed`` is the "
        "left-hand sum, ``computed`` the right-hand one. Where some operand is blank or text "
        "and another is a number, an ``info`` finding says the column is not assessable.",
        _identity_check("A101"),
    ),
    Rule(
        "A102",
        _ERROR,
        "申请人各列之和等于总计列",
        "the total column is the sum of the six applicant columns",
        "Table 三, each row (spec R3): 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + "
        "法律服务机构 + 其他. ``printed`` is the 总计 cell, ``computed`` the sum; blank or "
        "text operands beside numbers give an ``info`` finding instead.",
        _identity_check("A102"),
    ),
    Rule(
        "A103",
        _ERROR,
        "各项办理结果之和等于（七）总计",
        "the leaf rows add up to （七）总计",
        "Table 三, each column (spec R2, R4): （七）总计 = the sum of （一）, （二） and the leaf "
        "rows of （三）–（六）; there are no subtotal rows. ``printed`` is （七）总计, "
        "``computed`` the sum; blank or text operands give an ``info`` finding instead.",
        _identity_check("A103"),
    ),
    Rule(
        "A104",
        _ERROR,
        "行政复议、行政诉讼各项之和等于总计",
        "each block of table 四 adds up to its total",
        "Table 四, each of 行政复议, 未经复议直接起诉 and 复议后起诉 (spec R5): 总计 = 结果维持 + "
        "结果纠正 + 其他结果 + 尚未审结. Blank or text operands give an ``info`` finding instead.",
        _identity_check("A104"),
    ),
    Rule(
        "A105",
        _WARNING,
        "无新收和结转的申请时，办理结果和结转下年度应为 0",
        "no requests received or carried over, yet some concluded or carried forward",
        "Table 三, each column where 一、本年新收 and 二、上年结转 are both 0 (spec R11, "
        "inferred): every leaf row of 三、本年度办理结果 and 四、结转下年度继续办理 must be 0 or "
        "blank. One finding per offending cell.",
        _check_zero_inflow,
    ),
    Rule(
        "S101",
        _ERROR,
        "缺少标准部分",
        "missing standard section",
        "Formats 2019 and 2021: each of the six sections 一、总体情况 ... 六、其他需要报告的事项 "
        "is present. One finding per missing section, keyed ``section.<n>``.",
        _check_missing_sections,
    ),
    Rule(
        "S102",
        _WARNING,
        "部分顺序不对",
        "sections out of order",
        "Formats 2019 and 2021: the standard sections come in the order 一 to 六. A section "
        "placed after one with a higher number is flagged.",
        _check_section_order,
    ),
    Rule(
        "S103",
        _WARNING,
        "部分重复出现",
        "section appears twice",
        "Formats 2019 and 2021: no standard section appears twice; each repetition is flagged.",
        _check_repeated_sections,
    ),
    Rule(
        "S104",
        _INFO,
        "标题不对应标准部分",
        "heading matches no standard section",
        "Formats 2019 and 2021: a section heading the parser could not match to one of the six "
        "standard sections.",
        _check_unmatched_sections,
    ),
    Rule(
        "S105",
        _ERROR,
        "缺少统计表",
        "missing table",
        "Formats 2019 and 2021: tables 二, 三 and 四 are present. Keyed ``t2``, ``t3``, ``t4``.",
        _check_missing_tables,
    ),
    Rule(
        "S106",
        _ERROR,
        "统计表缺少行",
        "missing table row",
        "Formats 2019 and 2021: every row of a present table is there. One finding per missing "
        "row, keyed ``t2.<row>``, ``t3.<row>`` or ``t4.<block>``. The arithmetic rules skip "
        "identities that need a missing row.",
        _check_missing_rows,
    ),
    Rule(
        "S107",
        _WARNING,
        "统计表中有格式之外的行",
        "row not in the format",
        "Formats 2019 and 2021: a table row that the format does not have (an unrecognised "
        "label, or a row of the other format). Its cells are not checked.",
        _check_unknown_rows,
    ),
    Rule(
        "S108",
        _INFO,
        "格式不明或为 2019 年以前的格式，表格未核对",
        "format unknown or pre-2019: tables not checked",
        "Reports in a pre-2019 format or whose format could not be told have no national "
        "tables; the table and value rules are skipped.",
        _check_format_known,
    ),
    Rule(
        "S109",
        _WARNING,
        "格式与年度不符",
        "format does not match the year",
        "Reports on 2019 and 2020 follow the 2019 trial format, reports on 2021 and later the "
        "2021 format, earlier reports neither.",
        _check_format_year,
    ),
    Rule(
        "S110",
        _ERROR,
        "行的单元格数与格式不符",
        "row has the wrong number of cells",
        "Formats 2019 and 2021: each known row has as many cells as its table has value "
        "columns. Extra cells are not checked; missing ones make the identities that need "
        "them unassessable.",
        _check_cell_count,
    ),
    Rule(
        "S111",
        _WARNING,
        "逾期发布",
        "published after the deadline",
        "The publication date in the page's metadata (发布日期) is later than the statutory "
        "deadline: 31 January of the next year for reports on 2019 and later, 31 March before. "
        "Not assessed when no publication date was found.",
        _check_deadline,
    ),
    Rule(
        "S112",
        _WARNING,
        "两种格式的标签混用",
        "labels of both formats",
        "Table 二 prints a label of the other format (a 2021 report with 2019 column headers "
        "such as 本年新制作数量, or the reverse): the template was mixed, so the columns may not "
        "mean what the format says.",
        _check_mixed_labels,
    ),
    Rule(
        "V101",
        _ERROR,
        "件数为负数",
        "negative count",
        "A count cell (every cell of tables 三 and 四, and the counts of table 二) holds a "
        "negative number. Signed columns (2019 本年增/减) may be negative.",
        _cell_findings("V101"),
    ),
    Rule(
        "V102",
        _ERROR,
        "应为数字处不是数字",
        "text where a number belongs",
        "A cell holds text that is not a number (``1个``, ``+17``, ``251000元``). An error in "
        "count columns; a warning in signed and amount columns, where signs and units are "
        "common. Negative counts and decimals in counts are V101 and V105 instead.",
        _cell_findings("V102"),
    ),
    Rule(
        "V103",
        _WARNING,
        "应填数字处为空白",
        "blank where a number belongs",
        "A cell of a known row is blank (or ``/``, ``-``, ``—``, ``无``) where the format wants "
        "a number; nothing to report is written 0. One finding per row, listing the columns.",
        _check_blank,
    ),
    Rule(
        "T101",
        _WARNING,
        "正文与表格不符：新收申请",
        "text and table disagree: applications received",
        "The prose states how many applications were received "
        "(``全年共收到政府信息公开申请218件``, ``未接到…申请``) and table 三's 一、本年新收 总计 "
        "says otherwise (the prose may also count 二、上年结转). Not assessed when the cell is "
        "blank or the table missing.",
        check_code("T101"),
    ),
    Rule(
        "T102",
        _WARNING,
        "正文与表格不符：结转下年度",
        "text and table disagree: carried forward",
        "The prose states how many applications were carried into next year "
        "(``1件结转下年度继续办理``) and table 三's 四、结转下年度继续办理 总计 says otherwise.",
        check_code("T102"),
    ),
    Rule(
        "T103",
        _WARNING,
        "正文与表格不符：复议、诉讼",
        "text and table disagree: reviews and lawsuits",
        "The prose states how many administrative reviews or lawsuits there were "
        "(``行政复议36起、诉讼9起``) and table 四's totals say otherwise (lawsuits: the two "
        "litigation blocks together).",
        check_code("T103"),
    ),
    Rule(
        "T104",
        _WARNING,
        "统计期限年份不符",
        "statistics period in another year",
        "The statistics period (统计期限) names a year other than the report's.",
        check_code("T104"),
    ),
    Rule(
        "V106",
        _WARNING,
        "数值不合常理",
        "implausible figure",
        "A township-level body (乡, 镇, 街道) reports issuing 规章, which only provincial and "
        "city governments and State Council departments make; or table 三 holds 100,000 or "
        "more applications in one cell.",
        _check_magnitudes,
    ),
    Rule(
        "V104",
        _WARNING,
        "金额超过 4 位小数",
        "amount with more than 4 decimal places",
        "An amount (2021 本年收费金额, in 万元; 2019 采购总金额) has more than 4 decimal places, "
        "finer than one yuan when the unit is 万元.",
        _cell_findings("V104"),
    ),
    Rule(
        "V105",
        _ERROR,
        "件数有小数",
        "decimal point in a count",
        "A count cell holds a number with a decimal point (``1.5``).",
        _cell_findings("V105"),
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType(
    {rule.code: rule for rule in sorted(_RULES, key=lambda rule: rule.code)}
)
"""Every rule, by code, in code order."""

_RUNNERS = tuple(
    (rule.code, rule.severity, rule.check.run if isinstance(rule.check, _Check) else None, rule)
    for rule in RULES.values()
)
"""Each rule's code, default severity, check on the shared context (if it takes one) and rule."""


# -- running the rules ----------------------------------------------------------------------------

_PARSER_CODE = re.compile(r"^[PD]\d{3}$")


def _severity(value: Severity | str) -> Severity:
    return Severity(value.lower())


def _regrade(finding: Finding, override: Severity | None, default: Severity | None) -> Severity:
    if override is None:
        return finding.severity
    if default is None or finding.severity >= default:
        return override
    return min(finding.severity, override)


@functools.cache
def _known_codes() -> frozenset[str]:
    """The codes of the rules and of the series checks."""
    from .series import series_codes  # imported late: series imports this module late too

    return frozenset((*RULES, *series_codes()))


Selector: TypeAlias = Callable[[Finding, Severity | None], Finding | None]
"""Keeps a finding (re-graded) or leaves it out (``None``), given its rule's default severity."""


def selector(
    disable: Collection[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    min_severity: Severity | str = "info",
) -> Selector:
    """What :func:`validate` and :func:`~govinfo_report.series.validate_series` keep.

    ``disable``, ``severity`` and ``min_severity`` as :func:`validate` takes them; the codes may
    be rules', parser checks' (``P``/``D`` and three digits) or the series checks' (``X1..``).

    Raises:
        ValueError: An unknown code or severity.

    Examples:
        >>> keep = selector(disable={"A101"}, severity={"V102": "error"})
        >>> keep(Finding("A101", Severity.ERROR, "", ""), Severity.ERROR) is None
        True
        >>> keep(Finding("V102", Severity.WARNING, "", ""), Severity.WARNING).severity
        <Severity.ERROR: 'error'>
    """
    threshold = _severity(min_severity)
    overrides = {code: _severity(level) for code, level in (severity or {}).items()}
    off = frozenset(disable)
    for code in (*off, *overrides):
        if code not in _known_codes() and not _PARSER_CODE.match(code):
            raise ValueError(f"未知的规则代码 (unknown rule code): {code!r}")

    def keep(finding: Finding, default: Severity | None) -> Finding | None:
        if finding.code in off:
            return None
        level = _regrade(finding, overrides.get(finding.code), default)
        if level < threshold:
            return None
        return finding if level == finding.severity else attrs.evolve(finding, severity=level)

    return keep


def validate(
    report: Report,
    *,
    disable: Collection[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    min_severity: Severity | str = "info",
) -> tuple[Finding, ...]:
    """Check a report against every rule.

    The parser's own findings (``report.findings``) come first, then each rule's findings, rules
    in code order, each rule's in table order. The rules never raise on any report.

    Args:
        report: The report.
        disable: Codes of rules (or parser checks) whose findings are left out; codes of the
            series checks (``X1..``) are accepted too, and have no findings here.
        severity: New severities by code. A rule's findings at its default severity get the new
            one; findings the rule grades lower (such as the ``info`` "not assessable" notes of
            the arithmetic rules) get the lower of theirs and the new one.
        min_severity: Findings below this severity (after re-grading) are left out.

    Returns:
        The findings.

    Raises:
        ValueError: A code in ``disable`` or ``severity`` that is neither a rule's, a series
            check's nor a parser code (``P`` and three digits), or a severity that is not
            ``info``, ``warning`` or ``error``.

    Examples:
        >>> from govinfo_report.flat import from_flat
        >>> report = from_flat({"format": "2021", "year": 2022,
        ...                     "t3.granted.natural_person": 2, "t3.granted.commercial": 1,
        ...                     "t3.granted.research": 0, "t3.granted.social_welfare": 0,
        ...                     "t3.granted.legal_service": 0, "t3.granted.other_org": 0,
        ...                     "t3.granted.total": 4})
        >>> finding = validate(report, min_severity="error", disable={"S106"})[0]
        >>> finding.code, finding.key, finding.difference
        ('A102', 't3.granted.total', 1)
        >>> print(finding.message)
        表三 （一）予以公开 总计列：印刷值 4，各项之和 3，相差 1
        >>> [f.code for f in validate(report, severity={"A102": "info"}, min_severity="warning")
        ...  if f.code.startswith("A")]
        []
    """
    keep = selector(disable, severity, min_severity)
    off = frozenset(disable)
    layout = LAYOUTS.get(report.format)
    context = _Context(report, layout)
    out: list[Finding] = []
    for finding in report.findings:
        kept = keep(finding, None)
        if kept is not None:
            out.append(kept)
    for code, default, run, rule in _RUNNERS:
        if code in off:
            continue
        for finding in run(context) if run is not None else rule.check(report, layout):
            kept = keep(finding, default)
            if kept is not None:
                out.append(kept)
    if report.page_starts:  # read from a PDF: each finding with a line gets its page
        return with_pages(out, report.page_starts)
    return tuple(out)
