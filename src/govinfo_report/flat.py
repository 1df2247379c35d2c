"""Flat keys: a report's table cells as one mapping, and a report built back from one.

The keys are those of the corpus truth files: ``year``, ``agency``, ``format``, then
``t2.rules.issued`` ... ``t3.<row>.<column>`` ... ``t4.<block>.<column>`` (see
:func:`govinfo_report.layouts.flat_keys`). A row the report does not print has no keys.

Examples:
    >>> report = from_flat({"year": 2022, "agency": "某局", "format": "2021",
    ...                     "t3.new_received.natural_person": 3, "t3.new_received.total": 3})
    >>> flat = flatten(report)
    >>> flat["t3.new_received.natural_person"], flat["t3.new_received.commercial"]
    (3, None)
    >>> flatten(from_flat(flat)) == flat
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .layouts import LAYOUTS, FormatLayout, T2BlockSpec
from .model import (
    Block,
    Cell,
    CellValue,
    LitigationTable,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
    T2Block,
)

FlatValue = int | Decimal | str | None


def flatten(report: Report) -> dict[str, FlatValue]:
    """The report's metadata and table cells as flat keys, in layout order.

    Values are as in the model: ``int``, ``Decimal``, ``None`` for a blank cell, or the text.
    Rows the report does not have, or does not recognise, give no keys.

    Args:
        report: The report.

    Returns:
        ``year``, ``agency``, ``format``, then one key per cell present.
    """
    flat: dict[str, FlatValue] = {
        "year": report.year,
        "agency": report.agency,
        "format": report.format,
    }
    layout = LAYOUTS.get(report.format)
    if layout is None:
        return flat
    names = _layout_names(layout)
    for table, rows in zip(names, _rows(report), strict=True):
        if rows is None:
            continue
        found: dict[str | None, Row] = {}
        for row in rows:
            found.setdefault(row.key, row)  # the first row of each key, as the tables' get gives
        for key, keys in table:
            got = found.get(key)
            if got is None:
                continue
            for name, cell in zip(keys, got.cells, strict=False):
                flat[name] = cell.value
    return flat


_Names = tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
"""For tables 二, 三 and 四: each row key of the layout with the flat keys of its cells."""

_NAMES: dict[str, tuple[FormatLayout, _Names]] = {}


def _layout_names(layout: FormatLayout) -> _Names:
    """The flat keys of a layout's cells, worked out once per layout."""
    cached = _NAMES.get(layout.version)
    if cached is not None and cached[0] is layout:
        return cached[1]
    names: _Names = (
        tuple(
            (spec.key, _t2_names(block, spec.key))
            for block in layout.t2_blocks
            for spec in block.rows
        ),
        tuple(
            (spec.key, tuple(f"t3.{spec.key}.{column.key}" for column in layout.t3_columns))
            for spec in layout.t3_rows
        ),
        tuple(
            (spec.key, tuple(f"t4.{spec.key}.{column.key}" for column in layout.t4_columns))
            for spec in layout.t4_blocks
        ),
    )
    _NAMES[layout.version] = (layout, names)
    return names


def _rows(report: Report) -> tuple[tuple[Row, ...] | None, ...]:
    """The rows of the report's first table 二, 三 and 四 (``None`` for a table it lacks)."""
    t2, t3, t4 = report.tables()
    return (
        None if t2 is None else tuple(t2.rows()),
        None if t3 is None else t3.rows,
        None if t4 is None else t4.blocks,
    )


def _t2_names(block: T2BlockSpec, row_key: str) -> tuple[str, ...]:
    if len(block.columns) == 1:
        return (f"t2.{row_key}",)
    return tuple(f"t2.{row_key}.{column.key}" for column in block.columns)


def _raw(value: FlatValue | CellValue) -> str:
    if value is None:
        return ""
    return str(value)


def from_flat(flat: Mapping[str, object], *, title: str | None = None) -> Report:
    """Build a report with the official layout from flat keys (the inverse of :func:`flatten`).

    Every table of the format is built; a row is included when any of its keys is present, and
    a missing key of an included row is a blank cell. The six sections carry the official
    headings, with the tables in sections 二, 三 and 四.

    Args:
        flat: ``format`` (``"2021"`` or ``"2019"``), optionally ``year`` and ``agency``, and
            table keys. Values are ints, Decimals, strings (the raw text) or ``None``.
        title: The title; by default ``{agency}{year}年政府信息公开工作年度报告``.

    Returns:
        The report.

    Raises:
        KeyError: If ``format`` is missing or has no tables.
    """
    version = flat["format"]
    layout = LAYOUTS.get(version) if isinstance(version, str) else None  # type: ignore[call-overload]
    if layout is None:
        raise KeyError(f"format {version!r} has no tables")
    year = flat.get("year")
    agency = flat.get("agency")
    year = year if isinstance(year, int) else None
    agency = agency if isinstance(agency, str) else None
    if title is None:
        title = f"{agency or ''}{year if year is not None else ''}年政府信息公开工作年度报告"
    t2, t3, t4 = _tables(layout, flat)
    sections = []
    for spec in layout.sections:
        tables: dict[int, tuple[Block, ...]] = {2: (t2,), 3: (t3,), 4: (t4,)}
        blocks = tables.get(spec.number, (Paragraph("无。"),))
        sections.append(Section(spec.heading, spec.number, blocks))
    return Report(title, agency, year, layout.version, (), tuple(sections))


def _tables(
    layout: FormatLayout, flat: Mapping[str, object]
) -> tuple[ProactiveTable, RequestTable, LitigationTable]:
    def cells(names: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[Cell, ...] | None:
        if not any(name in flat for name in names):
            return None
        return tuple(
            Cell(_raw(flat.get(name)), kind)  # type: ignore[arg-type]
            for name, kind in zip(names, kinds, strict=True)
        )

    blocks = []
    for block in layout.t2_blocks:
        rows = []
        for spec in block.rows:
            got = cells(_t2_names(block, spec.key), tuple(c.kind for c in block.columns))
            if got is not None:
                rows.append(Row(spec.key, spec.label, got))
        header = ("信息内容", *(column.label for column in block.columns))
        blocks.append(T2Block(block.key, block.caption, header, tuple(rows)))
    t3_rows = []
    for spec in layout.t3_rows:
        names = tuple(f"t3.{spec.key}.{column.key}" for column in layout.t3_columns)
        got = cells(names, ("count",) * len(names))
        if got is not None:
            t3_rows.append(Row(spec.key, spec.label, got))
    t4_rows = []
    for spec in layout.t4_blocks:
        names = tuple(f"t4.{spec.key}.{column.key}" for column in layout.t4_columns)
        got = cells(names, ("count",) * len(names))
        if got is not None:
            t4_rows.append(Row(spec.key, spec.label, got))
    return (
        ProactiveTable(tuple(blocks)),
        RequestTable(tuple(t3_rows)),
        LitigationTable(tuple(t4_rows)),
    )
