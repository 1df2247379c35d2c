"""Reader for Word files (DOCX): paragraphs and table rows, in document order, as lines.

A DOCX file has no source lines. Its body is read in document order — each paragraph
(``w:p``) and each table (``w:tbl``), also inside content controls (``w:sdt``) — and every
paragraph and every table row gets the next number, starting at 1: a :class:`~._classify.Line`'s
``number`` is that index (blank paragraphs and empty rows count too, so numbers stay stable). A
paragraph becomes a text line (a line break inside it starts another line with the same number);
a table row becomes a row line whose ``starts`` hold each cell's 1-based column in the table's
grid. :func:`read_docx_document` also returns, for each number, which paragraph or which table and
row it is (:class:`DocxPosition`), so a finding's line can be traced back to the document.

Merged cells: python-docx gives a merged cell once per grid slot it covers (the same ``w:tc``
each time, for horizontal and vertical merges alike). Slots are told apart by that underlying
cell: the first slot a cell covers is its origin and holds its text, the other slots are spans.

* In a table's label columns (the columns left of the first column that holds a number
  anywhere in the table) a label is written once, at its origin, and spans and empty cells are
  left out: ``三、本年度办理结果`` merged down 22 rows stands on its first row only, as in the
  text renderings, and a row's labels are followed directly by its values.
* In the value columns every slot is a cell, so each value keeps its column: a span is an
  empty cell. A number is never copied into the slots its cell spans (``行政许可`` with its
  value merged B:D reads ``行政许可, 0, "", ""``), and no label is copied either: the row's
  structure (labels, then values at fixed columns) does not need it.

Inputs are checked before python-docx reads them: a damaged zip, a zip without
``word/document.xml`` or a zip whose members declare more than :data:`MAX_UNCOMPRESSED` bytes
(a zip bomb) is refused with a :class:`~govinfo_report.errors.ParseError`. python-docx is an
optional dependency (``pip install "govinfo_report[docx]"``), imported only when a DOCX file is
read.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any, Literal

import attrs

from ._classify import Line, is_value_like
from ._readers import _split_run_in
from .errors import InputTooLargeError, ParseError
from .findings import Finding

MAX_UNCOMPRESSED = 50 * 1024 * 1024
"""The most bytes a DOCX file's members may declare, uncompressed, in all (50 MiB)."""

MAX_MEMBERS = 5000
"""The most members a DOCX zip may have."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_HINT = (
    '读取 DOCX 文件需要安装可选依赖：pip install "govinfo_report[docx]" '
    '(reading DOCX files needs an optional dependency: pip install "govinfo_report[docx]")'
)


def require(module: str, hint: str, source: str | None) -> ModuleType:
    """Import an optional dependency, or raise a :class:`ParseError` with the install hint."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ParseError(hint, source=source, line=1, column=1) from None


@attrs.frozen
class DocxPosition:
    """Where a line of a DOCX file comes from.

    Attributes:
        number: The line's number (the index of the paragraph or table row, 1-based).
        kind: ``"paragraph"`` or ``"row"``.
        paragraph: For a paragraph, its 1-based index among the body's paragraphs.
        table: For a row, its table's 1-based index among the body's tables.
        row: For a row, its 1-based index in its table.
    """

    number: int
    kind: Literal["paragraph", "row"]
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None


@attrs.frozen
class DocxReading:
    """What :func:`read_docx_document` read: the lines, findings and each number's position."""

    lines: list[Line]
    findings: list[Finding]
    positions: dict[int, DocxPosition]


def read_docx(data: bytes, *, source: str | None = None) -> tuple[list[Line], list[Finding]]:
    """The lines of a DOCX file, and findings about what had to be inferred.

    Raises:
        ParseError: python-docx is not installed (the message says how to install it), the
            file is not a readable DOCX file, or it is too large once uncompressed
            (:class:`~govinfo_report.errors.InputTooLargeError`).
    """
    reading = read_docx_document(data, source=source)
    return reading.lines, reading.findings


def read_docx_document(data: bytes, *, source: str | None = None) -> DocxReading:
    """Like :func:`read_docx`, with the position of every line number in the document."""
    _check_zip(data, source)
    docx = require("docx", _DOCX_HINT, source)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        reader = _Reader(docx)
        reader.blocks(body, document)
    except ParseError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file
        raise ParseError(
            f"无法读取 DOCX 文件 (cannot read the DOCX file): {type(error).__name__}: {error}",
            source=source,
            line=1,
            column=1,
        ) from error
    return DocxReading(_split_run_in(reader.lines), [], reader.positions)


def _check_zip(data: bytes, source: str | None) -> None:
    """Refuse a damaged zip, a zip that is not a Word file and a zip bomb, before reading."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise ParseError(
            "DOCX 文件已损坏：不是有效的 ZIP 压缩包 (the DOCX file is damaged: not a valid ZIP "
            f"archive: {error})",
            source=source,
            line=1,
            column=1,
        ) from error
    if len(members) > MAX_MEMBERS:
        raise InputTooLargeError(
            f"DOCX 文件含有 {len(members)} 个成员，超过上限 {MAX_MEMBERS} "
            f"(the DOCX file has {len(members)} members, more than {MAX_MEMBERS})",
            source=source,
            line=1,
            column=1,
        )
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNCOMPRESSED:
        raise InputTooLargeError(
            f"DOCX 文件解压后为 {declared} 字节，超过上限 {MAX_UNCOMPRESSED} 字节（疑似压缩炸弹）"
            f" (the DOCX file declares {declared} bytes uncompressed, more than "
            f"{MAX_UNCOMPRESSED}: refused as a possible zip bomb)",
            source=source,
            line=1,
            column=1,
        )
    if not any(member.filename == "word/document.xml" for member in members):
        raise ParseError(
            "ZIP 压缩包中没有 word/document.xml，不是 DOCX（Word）文件 "
            "(the ZIP archive has no word/document.xml: not a DOCX (Word) file)",
            source=source,
            line=1,
            column=1,
        )


class _Reader:
    """Walks the document body and collects lines and positions."""

    def __init__(self, docx: ModuleType) -> None:
        self.docx = docx
        self.lines: list[Line] = []
        self.positions: dict[int, DocxPosition] = {}
        self.number = 0
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, parent: Any, owner: Any) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                self._paragraph(child)
            elif tag == f"{_W}tbl":
                self._table(self.docx.table.Table(child, owner))
            elif tag == f"{_W}sdt":
                for content in child.iterchildren(f"{_W}sdtContent"):
                    self.blocks(content, owner)

    def _paragraph(self, element: Any) -> None:
        self.number += 1
        self.paragraphs += 1
        self.positions[self.number] = DocxPosition(
            self.number, "paragraph", paragraph=self.paragraphs
        )
        for part in _paragraph_text(element).split("\n"):
            text = part.replace("\t", " ").strip()
            if text:
                self.lines.append(Line(self.number, text))

    def _table(self, table: Any) -> None:
        self.tables += 1
        grid = _grid(table)
        value_from = first_value_column(grid)
        for row_index, slots in enumerate(grid, start=1):
            self.number += 1
            self.positions[self.number] = DocxPosition(
                self.number, "row", table=self.tables, row=row_index
            )
            cells, starts = row_cells(slots, value_from)
            if any(cells):
                self.lines.append(Line(self.number, "\t".join(cells), cells, starts))


def _grid(table: Any) -> list[list[str | None]]:
    """The table as rows of grid slots: a cell's text at its origin, ``None`` elsewhere.

    python-docx repeats a merged cell in every slot it covers; the first slot a ``w:tc`` element
    covers is its origin, every later one (to the right, or in a later row) a span. A slot no
    cell covers (a row that starts late or ends early) is ``None`` too.
    """
    seen: dict[Any, None] = {}
    grid: list[list[str | None]] = []
    width = 0
    for row in table.rows:
        slots: list[str | None] = [None] * int(row.grid_cols_before)
        for cell in row.cells:
            tc = cell._tc
            if tc in seen:
                slots.append(None)
                continue
            seen[tc] = None
            slots.append(_cell_text(tc))
        width = max(width, len(slots))
        grid.append(slots)
    for slots in grid:
        slots.extend([None] * (width - len(slots)))
    return grid


def first_value_column(grid: Sequence[Sequence[str | None]]) -> int:
    """The leftmost column where some cell holds a number (the table's width if none does).

    Columns left of it are the table's label columns.

    Examples:
        >>> first_value_column([["规章", "0", "0"], ["第二十条第（五）项", None, None]])
        1
    """
    first = max((len(slots) for slots in grid), default=0)
    for slots in grid:
        for column, text in enumerate(slots[:first]):
            if text and is_value_like(text):
                first = column
                break
    return first


def row_cells(
    slots: Sequence[str | None], value_from: int
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A grid row as a line's cells and their 1-based columns.

    In the label columns each label is kept once and spans and empty cells are left out; in
    the value columns every slot is a cell, a span an empty one (a number is never copied).

    Examples:
        >>> row_cells(["行政许可", "0", None, None], 1)
        (('行政许可', '0', '', ''), (1, 2, 3, 4))
        >>> row_cells(["三、本年度办理结果", "（一）予以公开", None, "5"], 3)
        (('三、本年度办理结果', '（一）予以公开', '5'), (1, 2, 4))
    """
    cells: list[str] = []
    starts: list[int] = []
    for column, text in enumerate(slots):
        if column < value_from:
            if not text:
                continue
            cells.append(text)
        else:
            cells.append(text or "")
        starts.append(column + 1)
    return tuple(cells), tuple(starts)


def _paragraph_text(element: Any) -> str:
    """A paragraph's text: runs (also inside insertions and hyperlinks), tabs and breaks.

    Deleted text (``w:delText``), text moved elsewhere (``w:moveFrom``), field codes and text
    boxes are left out.
    """
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if _inside(node, element, _SKIPPED):
            continue
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


_SKIPPED = (f"{_W}txbxContent", f"{_W}pPr", f"{_W}moveFrom")
"""Where text is not the paragraph's own: text boxes, tab stops, text moved away (tracked)."""


def _inside(node: Any, top: Any, tags: tuple[str, ...]) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not top:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _cell_text(tc: Any) -> str:
    """A cell's text: its paragraphs' lines joined, with no space between Chinese characters.

    A label broken over lines (``本年新`` / ``制作数量``) reads as one label; other pieces are
    joined with a space, so that two numbers never run together into one.
    """
    pieces: list[str] = []
    for paragraph in _cell_paragraphs(tc):
        pieces.extend(part.strip() for part in _paragraph_text(paragraph).split("\n"))
    return join_pieces(piece.replace("\t", " ") for piece in pieces if piece)


def _cell_paragraphs(tc: Any) -> Iterator[Any]:
    for child in tc.iterchildren():
        if child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from (p for p in content.iterchildren(f"{_W}p"))


def _is_cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def join_pieces(pieces: Iterable[str]) -> str:
    """Lines of one cell joined: nothing between Chinese characters, else a space.

    Examples:
        >>> join_pieces(["本年新", "制作数量"]), join_pieces(["12", "34"])
        ('本年新制作数量', '12 34')
    """
    out = ""
    for piece in pieces:
        if out and not (_is_cjk(out[-1]) and _is_cjk(piece[0])):
            out += " "
        out += piece
    return out
