r"""Canonical text: a report written back as tab-separated text that parses to the same tree.

The canonical form is the official grid with one tab between cells: the title, then each block
separated by a blank line; table rows on consecutive lines; each row its printed group labels,
its label, then exactly the layout's number of value cells. Text is written as it is held in the
tree (labels and headings as printed), so ``parse(render(r)) == r``. With ``labels="official"``
row labels, captions and headers are replaced by the format's official wording.

Examples:
    >>> from govinfo_report.flat import from_flat
    >>> from govinfo_report.parser import parse
    >>> report = from_flat({"format": "2021", "year": 2022, "agency": "某局", "t2.licensing": 3})
    >>> text = render(report)
    >>> "行政许可\t3" in text
    True
    >>> parse(text) == report
    True
"""

from __future__ import annotations

from typing import Literal, assert_never

from ._text import label_key
from .layouts import (
    LAYOUTS,
    T2_HEADER_LABEL,
    T3_COLUMNS,
    T3_GROUPS,
    T3_HEADER_LABELS,
    T4_BLOCKS,
    T4_COLUMNS,
    FormatLayout,
)
from .model import (
    Block,
    LitigationTable,
    OtherTable,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    SubHeading,
)

LabelStyle = Literal["printed", "official"]

T3_HEADER_LINES: tuple[str, ...] = (
    "\t".join((T3_HEADER_LABELS[0], T3_HEADER_LABELS[1], "", "", "", "", "", T3_COLUMNS[6].label)),
    "\t".join(("", T3_COLUMNS[0].label, T3_HEADER_LABELS[2], "", "", "", "", "")),
    "\t".join(("", "", *(column.label for column in T3_COLUMNS[1:6]), "")),
)
"""Table 三's three header lines in the canonical text."""


T4_HEADER_LINES: tuple[str, ...] = (
    "\t".join((T4_BLOCKS[0].label, "", "", "", "", T4_BLOCKS[1].group or "", *[""] * 9)),
    "\t".join(
        (
            *(c.label for c in T4_COLUMNS),
            T4_BLOCKS[1].label,
            "",
            "",
            "",
            "",
            T4_BLOCKS[2].label,
            "",
            "",
            "",
            "",
        )
    ),
    "\t".join(("", "", "", "", "", *(c.label for c in T4_COLUMNS * 2))),
)
"""Table 四's three header lines in the canonical text."""


def render(report: Report, *, labels: LabelStyle = "printed") -> str:
    """Write a report as canonical tab-separated text.

    Args:
        report: The report.
        labels: ``"printed"`` keeps row labels, captions and headers as printed (the default,
            for which ``parse(render(r)) == r``); ``"official"`` writes the format's wording.

    Returns:
        The text, ending with a newline.
    """
    layout = LAYOUTS.get(report.format)
    parts: list[str] = []
    if report.title is not None:
        parts.append(report.title)
    parts.extend(_block(block, layout, labels) for block in report.preamble)
    for section in report.sections:
        parts.append(section.heading)
        parts.extend(_block(block, layout, labels) for block in section.blocks)
    return "\n\n".join(parts) + "\n"


def _block(block: Block, layout: FormatLayout | None, labels: LabelStyle) -> str:
    match block:
        case Paragraph(text=text) | SubHeading(text=text):
            return text
        case ProactiveTable():
            return "\n".join(_t2_lines(block, layout, labels))
        case RequestTable():
            return "\n".join(
                (*T3_HEADER_LINES, *(_row(row, layout, labels, "t3") for row in block.rows))
            )
        case LitigationTable():
            official = tuple((b.key, b.label) for b in T4_BLOCKS)
            if tuple((row.key, row.label) for row in block.blocks) == official and not any(
                row.groups for row in block.blocks
            ):
                data = ["\t".join(cell.raw for row in block.blocks for cell in row.cells)]
            else:  # blocks printed with their own labels, or not all three: one line each
                data = [_row(row, layout, labels, "t4") for row in block.blocks]
            return "\n".join((*T4_HEADER_LINES, *data))
        case OtherTable():
            return "\n".join("\t".join(row) + ("\t" if len(row) < 2 else "") for row in block.rows)
        case _:
            assert_never(block)


def _t2_lines(table: ProactiveTable, layout: FormatLayout | None, labels: LabelStyle) -> list[str]:
    lines: list[str] = []
    for block in table.blocks:
        spec = None
        if layout is not None and block.key is not None:
            spec = next((b for b in layout.t2_blocks if b.key == block.key), None)
        caption, header = block.caption, block.header
        if labels == "official" and spec is not None:
            caption = spec.caption
            header = (T2_HEADER_LABEL, *(column.label for column in spec.columns))
        if caption:
            lines.append(caption + "\t" * max(len(header) - 1, 1))
        if header:
            lines.append("\t".join(header) + ("\t" if len(header) < 2 else ""))
        lines.extend(_row(row, layout, labels, "t2") for row in block.rows)
    return lines


def _row(row: Row, layout: FormatLayout | None, labels: LabelStyle, table: str) -> str:
    label = row.label
    groups = row.groups
    if labels == "official" and layout is not None and row.key is not None:
        label = _official_label(layout, table, row.key) or label
        groups = tuple(_OFFICIAL_GROUPS.get(label_key(group), group) for group in groups)
    cells = [cell.raw for cell in row.cells]
    return "\t".join((*groups, label, *cells)) + ("" if cells else "\t")


_OFFICIAL_GROUPS = {label_key(group): group for group in T3_GROUPS}


def _official_label(layout: FormatLayout, table: str, key: str) -> str | None:
    try:
        if table == "t2":
            return layout.t2_row(key)[1].label
        return layout.t3_row(key).label
    except KeyError:
        return None
