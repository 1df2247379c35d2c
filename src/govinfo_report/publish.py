"""Publishable renderings: HTML with the official table layout, and Markdown.

:func:`to_html` writes a standalone HTML page: the title, the sections, and the three tables
with the official grid, merged header cells as in the format (rowspan and colspan), values as
printed. :func:`to_markdown` writes GitHub-flavoured Markdown, one pipe table per table (a
Markdown table cannot merge cells, so group labels get a column of their own); it reads back with
:func:`govinfo_report.parse` to the same cells.

Examples:
    >>> from govinfo_report.flat import flatten, from_flat
    >>> from govinfo_report.parser import parse
    >>> report = from_flat({"format": "2021", "year": 2022, "agency": "某局",
    ...                     "t3.new_received.natural_person": 2, "t3.new_received.total": 2})
    >>> "<td>2</td>" in to_html(report)
    True
    >>> flatten(parse(to_markdown(report))) == flatten(report)
    True
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from typing import assert_never

from .layouts import (
    LAYOUTS,
    T2_HEADER_LABEL,
    T3_COLUMNS,
    T3_HEADER_LABELS,
    T4_BLOCKS,
    T4_COLUMNS,
    FormatLayout,
    T2BlockSpec,
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

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       max-width: 60rem; margin: 2rem auto; line-height: 1.7; color: #222; padding: 0 1rem; }
h1 { text-align: center; font-size: 1.5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #444; padding: 0.3rem 0.5rem; text-align: center; }
th { background: #f3f3f3; font-weight: normal; }
td.label { text-align: left; }
caption { caption-side: top; font-weight: bold; padding: 0.5rem; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _cell(tag: str, text: str, *, rowspan: int = 1, colspan: int = 1, cls: str = "") -> str:
    attributes = ""
    if rowspan > 1:
        attributes += f' rowspan="{rowspan}"'
    if colspan > 1:
        attributes += f' colspan="{colspan}"'
    if cls:
        attributes += f' class="{cls}"'
    return f"<{tag}{attributes}>{_e(text)}</{tag}>"


def to_html(report: Report, *, title: str | None = None) -> str:
    """A standalone HTML page of the report, tables in the official layout.

    Args:
        report: The report.
        title: The page title; by default the report's title.

    Returns:
        The page, UTF-8 declared in a ``<meta charset>``.
    """
    layout = LAYOUTS.get(report.format)
    heading = title or report.title or "政府信息公开工作年度报告"
    body: list[str] = [f"<h1>{_e(report.title)}</h1>"] if report.title else []
    body.extend(_html_block(block, layout) for block in report.preamble)
    for section in report.sections:
        body.append(f"<h2>{_e(section.heading)}</h2>")
        body.extend(_html_block(block, layout) for block in section.blocks)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(heading)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_block(block: Block, layout: FormatLayout | None) -> str:
    match block:
        case Paragraph(text=text):
            return f"<p>{_e(text)}</p>"
        case SubHeading(text=text):
            return f"<h3>{_e(text)}</h3>"
        case ProactiveTable():
            return _table(_t2_html(block, layout))
        case RequestTable():
            return _table(_t3_html(block))
        case LitigationTable():
            return _table(_t4_html(block))
        case OtherTable():
            return _table(
                "<tr>" + "".join(_cell("td", cell) for cell in row) + "</tr>" for row in block.rows
            )
        case _:
            assert_never(block)


def _table(rows: Iterator[str] | Sequence[str]) -> str:
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _t2_spec(layout: FormatLayout | None, key: str | None) -> T2BlockSpec | None:
    if layout is None or key is None:
        return None
    return next((spec for spec in layout.t2_blocks if spec.key == key), None)


def _t2_html(table: ProactiveTable, layout: FormatLayout | None) -> Iterator[str]:
    for block in table.blocks:
        spec = _t2_spec(layout, block.key)
        width = 3
        if block.caption:
            yield "<tr>" + _cell("th", block.caption, colspan=width + 1) + "</tr>"
        header = block.header or (
            (T2_HEADER_LABEL, *(c.label for c in spec.columns)) if spec else ()
        )
        if header:
            labels = list(header[1:])
            span = width // max(len(labels), 1) if labels else width
            cells = [_cell("th", header[0])]
            cells.extend(
                _cell("th", label, colspan=width - span * (len(labels) - 1) if i == 0 else span)
                for i, label in enumerate(labels)
            )
            yield "<tr>" + "".join(cells) + "</tr>"
        for row in block.rows:
            values = [cell.raw for cell in row.cells]
            span = width // max(len(values), 1) if values else width
            cells = [_cell("td", row.label, cls="label")]
            cells.extend(
                _cell("td", value, colspan=width - span * (len(values) - 1) if i == 0 else span)
                for i, value in enumerate(values)
            )
            yield "<tr>" + "".join(cells) + "</tr>"


def _t3_header_html() -> Iterator[str]:
    yield (
        "<tr>"
        + _cell("th", T3_HEADER_LABELS[0], rowspan=3, colspan=3)
        + _cell("th", T3_HEADER_LABELS[1], colspan=7)
        + "</tr>"
    )
    yield (
        "<tr>"
        + _cell("th", T3_COLUMNS[0].label, rowspan=2)
        + _cell("th", T3_HEADER_LABELS[2], colspan=5)
        + _cell("th", T3_COLUMNS[6].label, rowspan=2)
        + "</tr>"
    )
    yield "<tr>" + "".join(_cell("th", c.label) for c in T3_COLUMNS[1:6]) + "</tr>"


def _t3_html(table: RequestTable) -> Iterator[str]:
    yield from _t3_header_html()
    layout = LAYOUTS["2021"]
    groups = {spec.key: spec.group for spec in (*layout.t3_rows, *LAYOUTS["2019"].t3_rows)}
    rows = list(table.rows)
    # Column A (三、本年度办理结果) spans the result rows; column B spans each group's leaves.
    outer = [groups.get(row.key or "") is not None for row in rows]
    inner = [_inner_group(groups.get(row.key or "")) for row in rows]
    for index, row in enumerate(rows):
        cells: list[str] = []
        if outer[index] and (index == 0 or not outer[index - 1]):
            span = _run(outer, index)
            cells.append(_cell("td", _outer_label(), rowspan=span, cls="label"))
        group = inner[index]
        if group is not None:
            if index == 0 or inner[index - 1] != group:
                span = _run([g == group for g in inner], index)
                cells.append(_cell("td", group, rowspan=span, cls="label"))
            cells.append(_cell("td", row.label, cls="label"))
        elif outer[index]:
            cells.append(_cell("td", row.label, colspan=2, cls="label"))
        else:
            cells.append(_cell("td", row.label, colspan=3, cls="label"))
        cells.extend(_cell("td", cell.raw) for cell in row.cells)
        yield "<tr>" + "".join(cells) + "</tr>"


def _outer_label() -> str:
    return next(spec.group for spec in LAYOUTS["2021"].t3_rows if spec.group) or ""


def _inner_group(group: str | None) -> str | None:
    return None if group is None or group == _outer_label() else group


def _run(flags: Sequence[bool], start: int) -> int:
    end = start
    while end < len(flags) and flags[end]:
        end += 1
    return end - start


def _t4_html(table: LitigationTable) -> Iterator[str]:
    review, direct, after = T4_BLOCKS
    five = [column.label for column in T4_COLUMNS]
    yield (
        "<tr>"
        + _cell("th", review.label, colspan=5)
        + _cell("th", direct.group or "", colspan=10)
        + "</tr>"
    )
    yield (
        "<tr>"
        + "".join(_cell("th", label, rowspan=2) for label in five)
        + _cell("th", direct.label, colspan=5)
        + _cell("th", after.label, colspan=5)
        + "</tr>"
    )
    yield "<tr>" + "".join(_cell("th", label) for label in five * 2) + "</tr>"
    yield "<tr>" + "".join(_cell("td", c.raw) for row in table.blocks for c in row.cells) + "</tr>"


# -- Markdown ---------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md(cell) for cell in cells) + " |"


def to_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown; its tables read back with :func:`parse`.

    Args:
        report: The report.

    Returns:
        The Markdown text, ending with a newline.
    """
    layout = LAYOUTS.get(report.format)
    parts: list[str] = [f"# {report.title}"] if report.title else []
    parts.extend(_md_block(block, layout) for block in report.preamble)
    for section in report.sections:
        parts.append(f"## {section.heading}")
        parts.extend(_md_block(block, layout) for block in section.blocks)
    return "\n\n".join(parts) + "\n"


def _md_block(block: Block, layout: FormatLayout | None) -> str:
    match block:
        case Paragraph(text=text):
            return text
        case SubHeading(text=text):
            return f"### {text}"
        case ProactiveTable():
            return "\n\n".join(_md_t2_block(b.caption, b.header, b.rows) for b in block.blocks)
        case RequestTable():
            head = ["", "", *(column.label for column in T3_COLUMNS)]
            lines = [_md_row(head), _md_row(["---"] * len(head))]
            lines.extend(
                _md_row([" ".join(row.groups), row.label, *(c.raw for c in row.cells)])
                for row in block.rows
            )
            return "\n".join(lines)
        case LitigationTable():
            head = ["", *(column.label for column in T4_COLUMNS)]
            lines = [_md_row(head), _md_row(["---"] * len(head))]
            lines.extend(_md_row([row.label, *(c.raw for c in row.cells)]) for row in block.blocks)
            return "\n".join(lines)
        case OtherTable():
            return "\n".join(_md_row(row) for row in block.rows)
        case _:
            assert_never(block)


def _md_t2_block(caption: str, header: Sequence[str], rows: Sequence[Row]) -> str:
    width = max([len(header), *(len(row.cells) + 1 for row in rows), 2])
    lines = [_md_row([caption, *[""] * (width - 1)]), _md_row(["---"] * width)]
    if header:
        lines.append(_md_row([*header, *[""] * (width - len(header))]))
    lines.extend(_md_row([row.label, *(cell.raw for cell in row.cells)]) for row in rows)
    return "\n".join(lines)
