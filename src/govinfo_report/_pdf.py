"""Reader for PDF reports with a text layer (pdfplumber): text lines and table rows as lines.

What is read, page by page:

* Tables drawn with ruling lines are found by pdfplumber (``page.find_tables()``). Their cells
  form a grid; a merged cell holds its text in its first slot only, like a Word table (see
  :mod:`govinfo_report._docx`): labels are kept once, every value slot is a cell, and a number is
  never copied into the slots its cell spans. A table that ends a page and a table that starts
  the next one with the same left and right edges are one table: the columns of both parts are
  aligned by their positions, header rows repeated on the new page are dropped, and a row cut
  in two by the page break is put back together.
* Tables printed without ruling lines are rebuilt from word positions: a table starts at a line
  that only a table prints (``第二十条第（一）项``, ``信息内容``, the 勾稽 note, ``申请人情况``,
  ``行政复议`` with ``行政诉讼``...) and ends at a section heading or prose. The value columns
  are placed at the numbers of the line that prints the most, the label columns at the left
  edges of the labels, and a line printed close under another (a label or a number wrapped in
  its cell) belongs to the row above.
* Everything else is text: the lines of a paragraph wrapped at the right margin are joined,
  spaces PDF layout puts next to Chinese characters are dropped, and page numbers printed in
  the page margins are left out.

A number wrapped over two lines of its cell (``12`` / ``0``) is read as one number (``120``)
only when the table's arithmetic confirms it — for a row of table 三, 总计 equals the sum of
the six applicant columns (R3); for table 四, each block's 总计 equals the sum of its four
results (R5) — and a ``P401`` finding (info) says so. Where the arithmetic does not confirm it
(or the table has none), the cell is left as printed and a ``P402`` warning names it. A page
without any text (a scanned page) among pages with text gives a ``P403`` warning; a PDF with no
text on any page is refused (it needs OCR first).

Positions: a :class:`~._classify.Line`'s ``number`` is its 1-based index among the lines read
(text lines and table rows, in reading order); :func:`read_pdf_document` returns for each number
its page and its distance from the top of the page (:class:`PdfPosition`), and for a table row
which table and row it is. A row's ``starts`` hold each cell's 1-based column in its table's grid.

pdfplumber is an optional dependency (``pip install "govinfo_report[pdf]"``), imported only when a
PDF is read.
"""

from __future__ import annotations

import io
import itertools
import statistics
from collections.abc import Sequence
from typing import Any, Literal

import attrs
import regex

from ._classify import (
    Line,
    heading_number,
    is_value_like,
    split_labels,
    t2_caption_key,
    t2_row_key,
    t3_row_key,
)
from ._docx import first_value_column, join_pieces, require, row_cells
from ._readers import _split_run_in
from ._text import label_key, normalize
from .errors import InputTooLargeError, ParseError
from .findings import Finding, Severity
from .layouts import T3_COLUMNS, T3_HEADER_WORDS, T4_BLOCKS, T4_COLUMNS, T4_HEADER_WORDS

MAX_PAGES = 500
"""The most pages a PDF may have."""

_PDF_HINT = (
    '读取 PDF 文件需要安装可选依赖：pip install "govinfo_report[pdf]" '
    '(reading PDF files needs an optional dependency: pip install "govinfo_report[pdf]")'
)
_OCR = (
    "PDF 没有文字层（扫描件或图片），需要先做文字识别 (OCR) "
    "(the PDF has no text layer: it is a scan or images; it needs OCR first)"
)

_CJK = r"\u2e80-\u2fff\u3000-\u303f\u31c0-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_SPACE_BY_CJK = regex.compile(rf"(?<=[{_CJK}])\s+|(?<!\s)\s+(?=[{_CJK}])")
_SPLIT_NUMBER = regex.compile(r"^\d+(?: \d+)+$")
_PAGE_NUMBER = regex.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
    r"\d+\s*/\s*\d+|Page\s*\d+(?:\s*of\s*\d+)?)$",
    regex.IGNORECASE,
)
_ENUMERATED = regex.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])"
)
_SENTENCE = regex.compile(r"[。；;！!？?]")
_MARGIN = 0.08
"""Share of the page height at the top and the bottom taken as margins (for page numbers)."""


@attrs.frozen
class PdfPosition:
    """Where a line of a PDF comes from.

    Attributes:
        number: The line's number (1-based index among the lines read).
        page: The 1-based page.
        top: Distance of the line's top from the top of the page, in points.
        kind: ``"text"`` or ``"row"``.
        table: For a row, its table's 1-based index among the document's tables.
        row: For a row, its 1-based index in its table (after joining the parts of a table
            that runs over pages, repeated header rows not counted).
    """

    number: int
    page: int
    top: float
    kind: Literal["text", "row"]
    table: int | None = None
    row: int | None = None


@attrs.frozen
class PdfReading:
    """What :func:`read_pdf_document` read: the lines, findings and each number's position."""

    lines: list[Line]
    findings: list[Finding]
    positions: dict[int, PdfPosition]


def read_pdf(data: bytes, *, source: str | None = None) -> tuple[list[Line], list[Finding]]:
    """The lines of a PDF with a text layer, and findings about what had to be inferred.

    Raises:
        ParseError: pdfplumber is not installed (the message says how to install it), the file
            cannot be read as a PDF, it has no text on any page (OCR is needed), or it has more
            than :data:`MAX_PAGES` pages (:class:`~govinfo_report.errors.InputTooLargeError`).
    """
    reading = read_pdf_document(data, source=source)
    return reading.lines, reading.findings


def read_pdf_document(data: bytes, *, source: str | None = None) -> PdfReading:
    """Like :func:`read_pdf`, with the page and place of every line number."""
    pdfplumber = require("pdfplumber", _PDF_HINT, source)
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            pages = document.pages
            if len(pages) > MAX_PAGES:
                raise InputTooLargeError(
                    f"PDF 有 {len(pages)} 页，超过上限 {MAX_PAGES} 页 "
                    f"(the PDF has {len(pages)} pages, more than {MAX_PAGES})",
                    source=source,
                    line=1,
                    column=1,
                )
            collector = _Collector()
            blank: list[int] = []
            for number, page in enumerate(pages, start=1):
                if not page.chars:
                    blank.append(number)
                    continue
                collector.page(page, number)
            if len(blank) == len(pages):
                raise ParseError(_OCR, source=source, line=1, column=1)
    except ParseError:
        raise
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        raise ParseError(
            f"无法读取 PDF 文件 (cannot read the PDF file): {type(error).__name__}: {error}",
            source=source,
            line=1,
            column=1,
        ) from error
    emitter = _Emitter()
    emitter.run(collector.items)
    for number in blank:
        emitter.findings.append(
            Finding(
                "P403",
                Severity.WARNING,
                f"PDF 第 {number} 页没有文字层（扫描页或图片），其内容未读取，需要文字识别 (OCR)",
                f"page {number} of the PDF has no text layer (a scanned page or an image); "
                "its content was not read: it needs OCR",
                page=number,
            )
        )
    return PdfReading(_split_run_in(emitter.lines), emitter.findings, emitter.positions)


# -- what a page holds ------------------------------------------------------------------------


@attrs.define
class _Piece:
    """Words printed close together on one line: a cell's text on that line, or a phrase."""

    text: str
    x0: float
    x1: float
    top: float
    size: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@attrs.define
class _TextLine:
    """A line of text outside ruled tables, as pieces separated by wide gaps."""

    page: int
    top: float
    pieces: list[_Piece]
    page_width: float

    @property
    def x0(self) -> float:
        return self.pieces[0].x0

    @property
    def x1(self) -> float:
        return self.pieces[-1].x1

    @property
    def size(self) -> float:
        return max(piece.size for piece in self.pieces)

    @property
    def text(self) -> str:
        return tidy(" ".join(piece.text for piece in self.pieces))


@attrs.define
class _Part:
    """A ruled table as pdfplumber found it on one page."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    xs: list[float]  # the x of each grid column's left edge
    rows: list[tuple[list[str | None], float]]  # cells (None: no cell starts here), row top


_Item = _TextLine | _Part


def tidy(text: str) -> str:
    """Text without the spaces PDF layout puts next to Chinese characters.

    Examples:
        >>> tidy("示例区统计局 2022 年政府信息公开 工作")
        '示例区统计局2022年政府信息公开工作'
        >>> tidy("12 345")
        '12 345'
    """
    return str(_SPACE_BY_CJK.sub("", text)).strip()


def _cell_text(text: str | None) -> str | None:
    if text is None:
        return None
    return join_pieces(tidy(part) for part in text.split("\n") if part.strip())


class _Collector:
    """Reads each page into text lines and ruled table parts, in reading order."""

    def __init__(self) -> None:
        self.items: list[_Item] = []

    def page(self, page: Any, number: int) -> None:
        parts: list[_Part] = []
        for table in page.find_tables():
            part = _part(table, number)
            if part is not None:
                parts.append(part)
        boxes = [(part.x0, part.top, part.x1, part.bottom) for part in parts]

        def outside(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") != "char":
                return True
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

        rest = page.filter(outside) if boxes else page
        words = rest.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size"])
        lines = _lines(words, number, float(page.width))
        height = float(page.height)
        lines = [line for line in lines if not _is_page_number(line, height)]
        items: list[_Item] = [*lines, *parts]
        items.sort(key=lambda item: item.top)
        self.items.extend(items)


def _part(table: Any, page: int) -> _Part | None:
    texts = table.extract(x_tolerance=1.5)
    if not texts or max(len(row) for row in texts) < 2:
        return None
    xs = sorted({round(float(cell[0]), 1) for cell in table.cells})
    rows: list[tuple[list[str | None], float]] = []
    for row, cells in zip(table.rows, texts, strict=False):
        rows.append(([_cell_text(text) for text in cells], float(row.bbox[1])))
    x0, top, x1, bottom = (float(v) for v in table.bbox)
    if len(xs) != len(rows[0][0]):
        xs = [x0 + (x1 - x0) * index / len(rows[0][0]) for index in range(len(rows[0][0]))]
    return _Part(page, top, bottom, x0, x1, xs, rows)


def _lines(words: Sequence[dict[str, Any]], page: int, width: float) -> list[_TextLine]:
    """Words grouped into lines (by their tops) and, within a line, into pieces."""
    ordered = sorted(words, key=lambda word: (round(float(word["top"])), float(word["x0"])))
    groups: list[list[dict[str, Any]]] = []
    for word in ordered:
        size = float(word.get("size") or 10)
        if groups and abs(float(groups[-1][0]["top"]) - float(word["top"])) <= size * 0.4:
            groups[-1].append(word)
        else:
            groups.append([word])
    lines: list[_TextLine] = []
    for group in groups:
        group.sort(key=lambda word: float(word["x0"]))
        pieces: list[_Piece] = []
        for word in group:
            size = float(word.get("size") or 10)
            x0, x1 = float(word["x0"]), float(word["x1"])
            if pieces and x0 - pieces[-1].x1 < size * 0.6:
                last = pieces[-1]
                last.text = f"{last.text} {word['text']}"
                last.x1 = x1
                last.size = max(last.size, size)
            else:
                pieces.append(_Piece(str(word["text"]), x0, x1, float(word["top"]), size))
        for piece in pieces:
            piece.text = tidy(piece.text)
        top = min(piece.top for piece in pieces)
        lines.append(_TextLine(page, top, pieces, width))
    return lines


def _is_page_number(line: _TextLine, height: float) -> bool:
    in_margin = line.top < height * _MARGIN or line.top > height * (1 - _MARGIN)
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


# -- from items to lines ----------------------------------------------------------------------


class _Emitter:
    """Turns the items into numbered lines: tables joined over pages, paragraphs joined."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.findings: list[Finding] = []
        self.positions: dict[int, PdfPosition] = {}
        self.number = 0
        self.tables = 0

    def run(self, items: Sequence[_Item]) -> None:
        index = 0
        pending: list[_TextLine] = []
        while index < len(items):
            item = items[index]
            if isinstance(item, _Part):
                self._text(pending)
                pending = []
                parts = [item]
                while index + 1 < len(items):
                    following = items[index + 1]
                    if not isinstance(following, _Part) or not _continues(parts[-1], following):
                        break
                    index += 1
                    parts.append(following)
                self._ruled(parts)
                index += 1
                continue
            if _starts_table(item):
                end = _word_table_end(items, index)
                self._text(pending)
                pending = []
                self._words([line for line in items[index:end] if isinstance(line, _TextLine)])
                index = end
                continue
            pending.append(item)
            index += 1
        self._text(pending)

    # -- text ---------------------------------------------------------------------------------

    def _emit(self, line: Line, page: int, top: float, row: int | None = None) -> Line:
        self.number += 1
        numbered = line._replace(number=self.number, page=page)
        self.lines.append(numbered)
        if row is None:
            self.positions[self.number] = PdfPosition(self.number, page, round(top, 1), "text")
        else:
            self.positions[self.number] = PdfPosition(
                self.number, page, round(top, 1), "row", table=self.tables, row=row
            )
        return numbered

    def _text(self, lines: Sequence[_TextLine]) -> None:
        if not lines:
            return
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines)
        paragraph: list[_TextLine] = []
        for line in lines:
            if paragraph and not _wraps_into(paragraph[-1], line, left, right):
                self._paragraph(paragraph)
                paragraph = []
            paragraph.append(line)
        if paragraph:
            self._paragraph(paragraph)

    def _paragraph(self, lines: Sequence[_TextLine]) -> None:
        text = tidy(join_pieces(line.text for line in lines))
        if text:
            self._emit(Line(0, text), lines[0].page, lines[0].top)

    # -- ruled tables -------------------------------------------------------------------------

    def _ruled(self, parts: Sequence[_Part]) -> None:
        self.tables += 1
        grid, places = _join(parts)
        value_from = first_value_column(grid)
        for index, (slots, (page, top)) in enumerate(zip(grid, places, strict=True), start=1):
            cells, starts = row_cells(slots, value_from)
            if not any(cells):
                continue
            line = self._emit(Line(0, "\t".join(cells), cells, starts), page, top, index)
            self._repair(line, page)

    # -- tables from word positions -----------------------------------------------------------

    def _words(self, lines: Sequence[_TextLine]) -> None:
        self.tables += 1
        for index, (cells, starts, page, top) in enumerate(_word_rows(lines), start=1):
            if any(cells):
                line = self._emit(Line(0, "\t".join(cells), cells, starts), page, top, index)
                self._repair(line, page)

    # -- numbers split over lines -------------------------------------------------------------

    def _repair(self, line: Line, page: int) -> None:
        cells = list(line.cells or ())
        split = [i for i, cell in enumerate(cells) if _SPLIT_NUMBER.match(cell)]
        if not split:
            return
        repaired = confirmed_joins(cells)
        for i in split:
            printed = cells[i]
            joined = printed.replace(" ", "")
            key = _cell_key(cells, i)
            if i in repaired:
                cells[i] = joined
                self.findings.append(
                    Finding(
                        "P401",
                        Severity.INFO,
                        f"第 {page} 页：单元格中折成两行的数字“{printed}”按表内算术关系"
                        f"（{repaired[i][0]}）读作 {joined}",
                        f"page {page}: a number printed over two lines of its cell, "
                        f'"{printed}", was read as {joined}: the table\'s arithmetic '
                        f"({repaired[i][1]}) confirms it",
                        key=key,
                        line=line.number,
                        column=line.starts[i],
                        page=page,
                    )
                )
            else:
                self.findings.append(
                    Finding(
                        "P402",
                        Severity.WARNING,
                        f"第 {page} 页：单元格中的“{printed}”像是折成两行的数字，但表内算术关系"
                        "不能证实，按原样保留",
                        f'page {page}: "{printed}" looks like a number printed over two lines '
                        "of its cell, but the table's arithmetic does not confirm it; kept as "
                        "printed",
                        key=key,
                        line=line.number,
                        column=line.starts[i],
                        page=page,
                    )
                )
        if repaired:
            fixed = tuple(cells)
            self.lines[-1] = Line(
                line.number, "\t".join(fixed), fixed, line.starts, line.cell_lines, line.page
            )


def _int(text: str) -> int | None:
    """A cell as a count: digits (split ones joined), blank as 0; ``None`` for anything else."""
    if not text:
        return 0
    joined = text.replace(" ", "") if _SPLIT_NUMBER.match(text) else text
    return int(joined) if joined.isdigit() else None


def confirmed_joins(cells: Sequence[str]) -> dict[int, tuple[str, str]]:
    """The cells of a row whose split number the row's arithmetic confirms, with the rule.

    A table-三 row (labels, then seven values) must satisfy 总计 = the sum of the six applicant
    columns (R3); a table-四 row (fifteen values) 总计 = the sum of the four results in each
    block (R5). A split cell is confirmed when every identity it takes part in holds with the
    joined number (and its 总计 is printed).

    Examples:
        >>> sorted(confirmed_joins(["（七）总计", "11 8", "15", "2", "1", "3", "4", "14 3"]))
        [1, 7]
        >>> confirmed_joins(["（七）总计", "11 8", "15", "2", "1", "3", "4", "14 4"])
        {}
    """
    labels, indexes = _split_labels(cells)
    groups: list[tuple[list[int], int, tuple[str, str]]] = []
    if labels and len(indexes) == 7 and t3_row_key(labels[-1]) is not None:
        groups.append(
            (
                indexes[:6],
                indexes[6],
                ("R3：总计 = 六类申请人之和", "R3: total = sum of the six applicant columns"),
            )
        )
    elif not labels and len(indexes) == 15:
        for block in range(3):
            part = indexes[block * 5 : block * 5 + 5]
            groups.append(
                (
                    part[:4],
                    part[4],
                    ("R5：总计 = 四类结果之和", "R5: total = sum of the four results"),
                )
            )
    confirmed: dict[int, tuple[str, str]] = {}
    refused: set[int] = set()
    for parts, total, rule in groups:
        members = [*parts, total]
        if not any(_SPLIT_NUMBER.match(cells[i]) for i in members):
            continue
        counts = [_int(cells[i]) for i in members]
        values = [value for value in counts if value is not None]
        ok = cells[total] != "" and len(values) == len(counts) and sum(values[:-1]) == values[-1]
        for i in members:
            if _SPLIT_NUMBER.match(cells[i]):
                if ok:
                    confirmed.setdefault(i, rule)
                else:
                    refused.add(i)
    return {i: rule for i, rule in confirmed.items() if i not in refused}


def _split_labels(cells: Sequence[str]) -> tuple[tuple[str, ...], list[int]]:
    """Like :func:`~._classify.split_labels`, with a split number (``12 0``) taken as a value."""
    masked = ["0" if _SPLIT_NUMBER.match(cell) else cell for cell in cells]
    return split_labels(masked)


def _cell_key(cells: Sequence[str], index: int) -> str | None:
    labels, indexes = _split_labels(cells)
    if index not in indexes:
        return None
    position = indexes.index(index)
    if labels and len(indexes) == 7:
        key = t3_row_key(labels[-1])
        return f"t3.{key}.{T3_COLUMNS[position].key}" if key else None
    if not labels and len(indexes) == 15:
        return f"t4.{T4_BLOCKS[position // 5].key}.{T4_COLUMNS[position % 5].key}"
    return None


# -- joining ruled parts ----------------------------------------------------------------------


def _continues(previous: _Part, part: _Part) -> bool:
    """True when ``part`` goes on with the table ``previous`` on the next page."""
    return (
        part.page == previous.page + 1
        and abs(part.x0 - previous.x0) <= 6
        and abs(part.x1 - previous.x1) <= 6
    )


def _squash(cells: Sequence[str | None]) -> tuple[str, ...]:
    return tuple(normalize(cell or "") for cell in cells)


def _join(parts: Sequence[_Part]) -> tuple[list[list[str | None]], list[tuple[int, float]]]:
    """The rows of a table's parts on one grid of columns, with each row's page and top."""
    xs: list[float] = []
    for x in sorted(x for part in parts for x in part.xs):
        if not xs or x - xs[-1] > 2.5:
            xs.append(x)
    grid: list[list[str | None]] = []
    places: list[tuple[int, float]] = []
    header: set[tuple[str, ...]] = set()
    for number, part in enumerate(parts):
        columns = [_nearest(xs, x) for x in part.xs]
        rows: list[list[str | None]] = []
        for cells, _top in part.rows:
            slots: list[str | None] = [None] * len(xs)
            for column, text in zip(columns, cells, strict=False):
                if text is not None:
                    slots[column] = text
            rows.append(slots)
        tops = [top for _cells, top in part.rows]
        if number == 0:
            for slots in rows:
                if any(text and is_value_like(text) for text in slots):
                    break
                header.add(_squash(slots))
        else:
            while rows and _squash(rows[0]) in header:
                rows.pop(0)
                tops.pop(0)
            if rows and grid and _is_fragment(grid[-1], rows[0], first_value_column(grid)):
                grid[-1] = [_merge(a, b) for a, b in zip(grid[-1], rows[0], strict=True)]
                rows.pop(0)
                tops.pop(0)
        grid.extend(rows)
        places.extend((part.page, top) for top in tops)
    return grid, places


def _nearest(values: Sequence[float], x: float) -> int:
    """The index of the value nearest to ``x``."""
    return min(range(len(values)), key=lambda i: abs(values[i] - x))


def _is_fragment(
    previous: Sequence[str | None], row: Sequence[str | None], value_from: int
) -> bool:
    """True for a row that is the rest of ``previous``, cut in two by a page break.

    Both rows are in a table with label columns, ``previous`` has a label, the new row's labels
    (if any) do not start a row of the format (no enumerator, no known label), and no value
    column has text in both rows while one of them has no values at all: a label's tail under
    values printed before the break, or values under a label printed before it.
    """
    if value_from == 0 or value_from >= len(row):
        return False
    labels = [text for text in row[:value_from] if text]
    if any(
        _ENUMERATED.match(text) or t3_row_key(text) or t2_row_key(text) or t2_caption_key(text)
        for text in labels
    ):
        return False
    if not any(previous[:value_from]) or not (labels or any(row[value_from:])):
        return False
    before, after = previous[value_from:], row[value_from:]
    if any(a and b for a, b in zip(before, after, strict=False)):
        return False
    return not any(before) or not any(after)


def _merge(a: str | None, b: str | None) -> str | None:
    if a is None and b is None:
        return None
    return join_pieces(text for text in (a, b) if text)


# -- text lines -------------------------------------------------------------------------------


def _wraps_into(previous: _TextLine, line: _TextLine, left: float, right: float) -> bool:
    """True when ``line`` goes on with the paragraph of ``previous`` (wrapped at the margin)."""
    size = previous.size
    if previous.x1 < right - size * 1.5 or line.x0 > left + size * 0.5:
        return False
    if line.page == previous.page and line.top - previous.top > size * 2.2:
        return False
    text = line.text
    return not (_ENUMERATED.match(text) or heading_number(text) is not None)


# -- tables from word positions ---------------------------------------------------------------

_T3_START = (T3_HEADER_WORDS[1], T3_HEADER_WORDS[0])  # 勾稽, 申请人情况
_T4_START = T4_HEADER_WORDS[:2]  # 行政复议, 行政诉讼


def _starts_table(line: _TextLine) -> bool:
    """True for a line that only a table prints: a table's first line."""
    first = line.pieces[0].text
    if heading_number(line.text) is not None or _is_prose(line.text):
        return False
    joined = normalize(line.text)
    if t2_caption_key(first) is not None or label_key(first).startswith("信息内容"):
        return True
    if any(word in joined for word in _T3_START):
        return True
    if all(word in joined for word in _T4_START) and len(joined) <= 30:
        return True
    numbers = [piece for piece in line.pieces[1:] if is_value_like(piece.text)]
    return len(numbers) >= 3 and t3_row_key(first) is not None


def _word_table_end(items: Sequence[_Item], start: int) -> int:
    """The index after the last line of the table that starts at ``items[start]``."""
    index = start + 1
    while index < len(items):
        item = items[index]
        if isinstance(item, _Part):
            break
        text = item.text
        if heading_number(text) is not None and len(item.pieces) == 1:
            break
        if _is_prose(text) and not any(is_value_like(piece.text) for piece in item.pieces):
            break
        first = items[start]
        if (
            isinstance(first, _TextLine)
            and _starts_table(item)
            and _table_kind(item) != _table_kind(first)
        ):
            break
        index += 1
    return index


def _is_prose(text: str) -> bool:
    """A long line with sentence punctuation: prose, not a table's line."""
    return len(text) > 40 and bool(_SENTENCE.search(text))


def _table_kind(line: _TextLine) -> str:
    joined = normalize(line.text)
    if t2_caption_key(line.pieces[0].text) is not None or joined.startswith("信息内容"):
        return "t2"
    if all(word in joined for word in _T4_START):
        return "t4"
    return "t3"


def _word_rows(
    lines: Sequence[_TextLine],
) -> list[tuple[tuple[str, ...], tuple[int, ...], int, float]]:
    """Rows of a table printed without ruling lines, rebuilt from word positions.

    Value columns sit at the numbers of the line printing the most of them; label columns at the
    left edges of labels. A line printed close under the previous one (less than 1.7 times the
    font size below it) is part of the same row: a wrapped label or number.
    """
    numeric = [[piece for piece in line.pieces if _is_number(piece.text)] for line in lines]
    widest = max(range(len(lines)), key=lambda i: len(numeric[i]))
    anchors = [piece.center for piece in numeric[widest]]
    if len(anchors) < 2:
        spacing = lines[widest].size * 4
    else:
        spacing = statistics.median(b - a for a, b in itertools.pairwise(anchors))
    boundary = anchors[0] - spacing / 2 if anchors else float("inf")

    def is_value(piece: _Piece) -> bool:
        return piece.center >= boundary

    label_edges: list[float] = []
    for line in lines:
        for piece in line.pieces:
            if not is_value(piece):
                label_edges.append(piece.x0)
    columns: list[float] = []
    for x in sorted(label_edges):
        if not columns or x - columns[-1] > 4:
            columns.append(x)

    bands: list[list[_TextLine]] = []
    for line, numbers in zip(lines, numeric, strict=True):
        if bands:
            last = bands[-1][-1]
            lowest = max(piece.top for piece in last.pieces)
            close = line.page == last.page and line.top - lowest < line.size * 1.7
            labelled = any(not is_value(piece) for piece in line.pieces)
            starts_row = bool(numbers) and (labelled or len(numbers) * 2 >= len(anchors))
            if close and not starts_row:
                bands[-1].append(line)
                continue
        bands.append([line])

    rows: list[tuple[tuple[str, ...], tuple[int, ...], int, float]] = []
    for band in bands:
        labels: list[list[str]] = [[] for _ in columns]
        values: list[list[str]] = [[] for _ in anchors]
        for line in band:
            for piece in line.pieces:
                if is_value(piece) and anchors:
                    slot = _nearest(anchors, piece.center)
                    values[slot].append(piece.text)
                else:
                    slot = max((i for i, x in enumerate(columns) if x <= piece.x0 + 2), default=0)
                    labels[slot].append(piece.text)
        cells: list[str] = []
        starts: list[int] = []
        for index, texts in enumerate(labels):
            if texts:
                cells.append(join_pieces(texts))
                starts.append(index + 1)
        for index, texts in enumerate(values):
            cells.append(join_pieces(texts))
            starts.append(len(columns) + index + 1)
        rows.append((tuple(cells), tuple(starts), band[0].page, band[0].top))
    return rows


def _is_number(text: str) -> bool:
    return bool(text) and text not in ("", "/") and is_value_like(text)
