"""Lines of a tab-separated rendering, and the class of each line that the grammar consumes.

The reader splits the text into lines and a line with a tab into cells. The classifier gives each
significant line one terminal of ``report.lark`` (a single character), deciding with the layouts
and with context what a line is: a table-三 label such as ``四、结转下年度继续办理`` printed with
cells is a row, not the heading 四.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import regex

from ._text import _KEPT, FOLD_DROPS, fold, label_key, normalize
from .layouts import (
    FORMAT_MARKERS,
    LAYOUTS,
    NULL_MARKERS,
    SECTIONS,
    T2_CAPTION_PREFIX,
    T2_HEADER_LABEL,
    T3_GROUPS,
    T3_HEADER_WORDS,
    T4_BLOCKS,
    T4_HEADER_WORDS,
    FormatVersion,
)


class Kind(enum.StrEnum):
    """Terminal characters of the grammar, one per line."""

    TITLE = "T"
    HEADING = "H"
    SUBHEADING = "S"
    PARAGRAPH = "P"
    T2_CAPTION = "C"
    T2_HEADER = "D"
    T2_ROW = "E"
    T3_HEADER = "F"
    T3_ROW = "G"
    T4_HEADER = "J"
    T4_DATA = "K"
    OTHER_ROW = "R"


# Python 3.11 looks an enum member up on its class several times slower than a global: the
# per-line code below uses these.
_TITLE, _HEADING, _SUB, _PARA = Kind.TITLE, Kind.HEADING, Kind.SUBHEADING, Kind.PARAGRAPH
_CAPTION, _T2_HEAD, _T2_ROW = Kind.T2_CAPTION, Kind.T2_HEADER, Kind.T2_ROW
_T3_HEAD, _T3_ROW, _T4_HEAD, _T4_DATA = Kind.T3_HEADER, Kind.T3_ROW, Kind.T4_HEADER, Kind.T4_DATA
_OTHER = Kind.OTHER_ROW


class _LineFields(NamedTuple):
    number: int
    text: str
    cells: tuple[str, ...] | None
    starts: tuple[int, ...]
    cell_lines: tuple[int, ...]
    page: int | None
    label_span: tuple[int, int]


class Line(_LineFields):
    r"""A significant line: its 1-based number, its text and, for a row, its cells.

    ``starts`` holds each cell's 1-based column in characters. A row rebuilt from cells printed
    on several physical lines (one cell per line) gives each cell's own line in ``cell_lines``.
    A line read from a PDF knows its 1-based ``page``. ``label_span`` is where the row's leading
    label cells start and end (see :func:`label_span`), worked out when the line is made.

    A line is an immutable tuple, made in great numbers by the readers: a named tuple costs a
    fraction of a class instance to make. ``_replace`` keeps ``label_span``: give new cells to
    the constructor instead.

    Examples:
        >>> cells = ("（三）不予公开", "1.属于国家秘密", "0")
        >>> row = Line(3, "\t".join(cells), cells)
        >>> row.labels, row.first_value, row.cell_line(2)
        (('（三）不予公开', '1.属于国家秘密'), 2, 3)
    """

    __slots__ = ()

    def __new__(
        cls,
        number: int,
        text: str,
        cells: tuple[str, ...] | None = None,
        starts: tuple[int, ...] = (),
        cell_lines: tuple[int, ...] = (),
        page: int | None = None,
        span: tuple[int, int] | None = None,
    ) -> Line:
        if span is None:
            span = label_span(cells) if cells else _NO_SPAN
        return _NEW_TUPLE(cls, (number, text, cells, starts, cell_lines, page, span))

    def cell_line(self, index: int) -> int:
        """The physical line of cell ``index``."""
        return self.cell_lines[index] if self.cell_lines else self.number

    @property
    def labels(self) -> tuple[str, ...]:
        """The row's leading label cells (merged-cell placeholders before them skipped)."""
        start, end = self.label_span
        return (self.cells or ())[start:end]

    @property
    def first_value(self) -> int:
        """The index of the first cell after the labels (0 when there is no label)."""
        start, end = self.label_span
        return end if start < end else 0


_NEW_TUPLE = tuple.__new__
_NO_SPAN = (0, 0)


def read_lines(text: str) -> list[Line]:
    r"""Split a text into significant lines; a line with a tab is a row of cells.

    Examples:
        >>> [(line.number, line.cells) for line in read_lines("a\n\n规章\t0\t 1 \n")]
        [(1, None), (3, ('规章', '0', '1'))]
    """
    lines: list[Line] = []
    append = lines.append
    new, line_class = _NEW_TUPLE, Line
    for index, raw in enumerate(text.splitlines(), start=1):
        if "\t" in raw:
            cells: list[str] = []
            starts: list[int] = []
            position = 1
            for part in raw.split("\t"):
                stripped = part.strip()
                cells.append(stripped)
                if stripped is part or not stripped or not part[0].isspace():
                    starts.append(position)
                else:  # the cell's text starts after white space
                    starts.append(position + len(part) - len(part.lstrip()))
                position += len(part) + 1
            row = tuple(cells)
            # Line(index, raw, row, tuple(starts)), made without the call to Line.__new__
            append(new(line_class, (index, raw, row, tuple(starts), (), None, label_span(row))))
        else:
            stripped = raw.strip()
            if stripped:
                append(new(line_class, (index, stripped, None, (), (), None, _NO_SPAN)))
    return lines


_BRACKETS = frozenset("（(")
"""Opening brackets: a subheading or a label may start with one, a number never does."""
_VALUE = regex.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|个|件|条|项|%)?$")


def is_value_like(cell: str) -> bool:
    """True for a cell that holds a value (a number, a blank or a null marker), not a label.

    Examples:
        >>> is_value_like("0"), is_value_like(""), is_value_like("—"), is_value_like("+17")
        (True, True, True, True)
        >>> is_value_like("251000元"), is_value_like("规章")
        (True, False)
    """
    if cell.isascii() and cell.isdigit():
        return True
    first = cell[:1]
    if "\u4e00" <= first <= "\u9fff" or first in _BRACKETS:  # no number starts so
        return cell in NULL_MARKERS
    if len(cell) > 64:  # a label or text this long is not kept in the cache
        return _value_like_once(cell)
    return _value_like(cell)


def _value_like_once(cell: str) -> bool:
    """:func:`is_value_like` for a cell that is not plain digits (labels, mostly: they repeat)."""
    return cell in NULL_MARKERS or bool(_VALUE.match(cell))


_value_like = functools.lru_cache(maxsize=4096)(_value_like_once)


def split_labels(cells: Sequence[str]) -> tuple[tuple[str, ...], list[int]]:
    """The leading label cells of a row and the indexes of the value cells after them.

    Empty cells before the first label are merged-cell placeholders and are skipped.

    Examples:
        >>> split_labels(["", "(三) 不予公开", "1.属于国家秘密", "0", "", "0"])
        (('(三) 不予公开', '1.属于国家秘密'), [3, 4, 5])
    """
    start, end = label_span(cells)
    if start == end:
        return (), list(range(len(cells)))
    return tuple(cells[start:end]), list(range(end, len(cells)))


def label_span(cells: Sequence[str]) -> tuple[int, int]:
    """Where a row's leading label cells start and end (``start == end``: no label).

    Examples:
        >>> label_span(["", "(三) 不予公开", "1.属于国家秘密", "0", "", "0"])
        (1, 3)
    """
    count = len(cells)
    start = 0
    while start < count and not cells[start]:
        start += 1
    end = start
    while end < count and not is_value_like(cells[end]):
        end += 1
    return start, end


def _base(key: str) -> str:
    """A label key without a parenthetical tail (``规章(设区的市…)`` → ``规章``)."""
    cut = key.find("(")
    return key[:cut] if cut >= 2 else key


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for label, key in pairs:
        full = label_key(label)
        index.setdefault(full, key)
        index.setdefault(_base(full), key)
    return index


_T2_ROWS: dict[str, dict[str, str]] = {
    version: _index(
        (label, row.key)
        for block in layout.t2_blocks
        for row in block.rows
        for label in (row.label, *row.variants)
    )
    for version, layout in LAYOUTS.items()
}
_T2_ANY_ROW = {**_T2_ROWS["2019"], **_T2_ROWS["2021"]}
_T3_ROWS: dict[str, dict[str, str]] = {
    version: _index(
        (label, row.key) for row in layout.t3_rows for label in (row.label, *row.variants)
    )
    for version, layout in LAYOUTS.items()
}
_T3_ANY_ROW = {**_T3_ROWS["2021"], **_T3_ROWS["2019"]}
_T3_GROUP_KEYS = frozenset(label_key(group) for group in T3_GROUPS)
_T2_CAPTION = regex.compile(
    "^" + regex.escape(T2_CAPTION_PREFIX) + r"第\(([一二三四五六七八九十]+)\)项"
)
_T2_ITEM = {"一": "item1", "五": "item5", "六": "item6", "八": "item8", "九": "item9"}
_T3_HEADER_WORDS = T3_HEADER_WORDS
_T4_HEADER_WORDS = T4_HEADER_WORDS


def lookup(index: dict[str, str], label: str) -> str | None:
    """The key of a printed label in a label index, by its full key or its base."""
    key = label_key(label)
    found = index.get(key)
    if found is None:
        found = index.get(_base(key))
    return found


def t2_row_key(label: str, version: str | None = None) -> str | None:
    """The key of a table-二 row label, in a format or in either.

    Examples:
        >>> t2_row_key("规章(设区的市、自治州人民政府应提供相关数据)")
        'rules'
        >>> t2_row_key("規範性檔案", "2019")
        'normative_documents'
    """
    return lookup(_T2_ROWS.get(version or "", _T2_ANY_ROW), label)


def t3_row_key(label: str, version: str | None = None) -> str | None:
    """The key of a table-三 row label, in a format or in either.

    Examples:
        >>> t3_row_key("2.其他法律法规禁止公开")
        'denied.law_forbidden'
        >>> t3_row_key("(七) 总计"), t3_row_key("(六) 其他处理", "2019")
        ('total', 'other')
    """
    return lookup(_T3_ROWS.get(version or "", _T3_ANY_ROW), label)


_T4_BLOCK_KEYS = _index(
    (label, block.key) for block in T4_BLOCKS for label in (block.label, *block.variants)
)


def t4_block_key(label: str) -> str | None:
    """The key of a table-四 block label printed beside its five values.

    Examples:
        >>> t4_block_key("行政复议"), t4_block_key("未经复议直接诉讼")
        ('review', 'litigation_direct')
    """
    return lookup(_T4_BLOCK_KEYS, label)


def is_t3_group(label: str) -> bool:
    """True for a group label of table 三 (``三、本年度办理结果``, ``(三)不予公开``...)."""
    key = label_key(label)
    return key in _T3_GROUP_KEYS or normalize(label) in _T3_GROUP_KEYS


def t2_caption_key(label: str) -> str | None:
    """The block key of a table-二 caption (``第二十条第（五）项`` → ``item5``).

    Examples:
        >>> t2_caption_key("第二十条第（八）项"), t2_caption_key("第二十條第(一)項")
        ('item8', 'item1')
    """
    return _t2_caption_key(label) if len(label) <= _KEPT else _t2_caption_key_once(label)


def _t2_caption_key_once(label: str) -> str | None:
    match = _T2_CAPTION.match(normalize(label))
    if match is None:
        return None
    return _T2_ITEM.get(match.group(1), f"item{match.group(1)}")


_t2_caption_key = functools.lru_cache(maxsize=4096)(_t2_caption_key_once)


_NORMAL_MARKERS = {
    version: tuple((marker, normalize(marker)) for marker in markers)
    for version, markers in FORMAT_MARKERS.items()
}


def format_markers(labels: tuple[str, ...], version: FormatVersion) -> tuple[str, ...]:
    """The table-二 markers of format ``version`` these labels hold, as the layout prints them.

    Labels repeat from report to report: the answer is remembered for short ones.

    Examples:
        >>> format_markers(("信息内容", "本年新制作数量", "本年新公开数量"), "2019")
        ('本年新制作数量', '本年新公开数量')
        >>> format_markers(("信息内容", "本年制发件数"), "2019")
        ()
    """
    if sum(map(len, labels)) <= _KEPT:
        return _format_markers(labels, version)
    return _format_markers_once(labels, version)


def _format_markers_once(labels: tuple[str, ...], version: FormatVersion) -> tuple[str, ...]:
    joined = "".join(normalize(label) for label in labels)
    return tuple(marker for marker, normal in _NORMAL_MARKERS[version] if normal in joined)


_format_markers = functools.lru_cache(maxsize=4096)(_format_markers_once)


_HEADING_FOLDED = regex.compile(r"^([一二三四五六七八九十]{1,3})[、.,](.+)$")
_HEADING_START = regex.compile(r"^[一二三四五六七八九十]{1,3}[、.,]")
_SUBHEADING = regex.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_SENTENCE_END = regex.compile(r"[。；;！!？?]")
_NUMERALS = "一二三四五六七八九十"
_SECTION_TITLES = tuple(
    (section.number, frozenset(normalize(t) for t in (section.title, *section.variants)))
    for section in SECTIONS
)
_EXACT_TITLES = frozenset(
    normalize(title) for section in SECTIONS for title in (section.title, *section.variants)
)
_EXACT_TITLES_TUPLE = tuple(_EXACT_TITLES)
_TITLES_AFTER_TITLE = frozenset(  # titles that start with another, shorter title
    title
    for title in _EXACT_TITLES
    if any(title.startswith(other) and title != other for other in _EXACT_TITLES)
)


def _may_start_heading(text: str) -> bool:
    """False when folding cannot make ``text`` start with a numeral (``一、``): not a heading."""
    first = text[:1]
    return first in _NUMERALS or first in FOLD_DROPS


def heading_form(text: str) -> tuple[int, str] | None:
    """The printed numeral (1 for 一) and title of a line in heading form, else ``None``.

    Heading form is ``一、`` (or ``一.``) then a short title without sentence punctuation; pinyin
    injected by mirror sites and a trailing ``?`` are ignored.

    Examples:
        >>> heading_form("一(yī)、總體(tǐ)情況")
        (1, '總體情況')
        >>> heading_form("一、加强组织领导，落实责任。") is None
        True
    """
    if not _may_start_heading(text):
        return None  # most prose stops here
    return _heading_form(text) if len(text) <= _KEPT else _heading_form_once(text)


def _heading_form_once(text: str) -> tuple[int, str] | None:
    match = _HEADING_FOLDED.match(fold(text))
    if match is None:
        return None
    title = match.group(2).rstrip("?")
    if not title or len(title) > 40 or _SENTENCE_END.search(title):
        return None
    numeral = match.group(1)
    if len(numeral) == 1:
        return _NUMERALS.find(numeral) + 1, title
    return 10 + _NUMERALS.find(numeral[-1]) + 1, title


_heading_form = functools.lru_cache(maxsize=4096)(_heading_form_once)


def heading_number(text: str) -> int | None:
    """The standard section (1 to 6) a heading line names, or ``None`` if it is not a heading.

    A heading is a line in heading form (see :func:`heading_form`) whose title matches a
    standard section's title, one of its variants, or its keywords. Table-三 row labels
    (``一、本年新收…``) are not headings, nor is a title cut short (a strict prefix of a title).

    Examples:
        >>> heading_number("三、收到和处理政府信息公开申请情况")
        3
        >>> heading_number("四、结转下年度继续办理") is None
        True
        >>> heading_number("五、政府信息公开工作存在的主要问题及改进情况")
        5
        >>> heading_number("三、收到和处理政府信息公开") is None
        True
    """
    if not _may_start_heading(text):
        return None  # most lines stop here
    return _heading_number(text) if len(text) <= _KEPT else _heading_number_once(text)


def _heading_number_once(text: str) -> int | None:
    form = heading_form(text)
    if form is None:
        return None
    printed, title = form
    if t3_row_key(text) is not None or is_t3_group(text):
        return None
    normalized = normalize(title)
    for number, titles in _SECTION_TITLES:
        if normalized in titles:
            return number
        if any(t.startswith(normalized) for t in titles):
            return None  # a heading cut off part-way
    candidates = [s.number for s in SECTIONS if any(word in normalized for word in s.keywords)]
    if not candidates:
        return None
    return printed if printed in candidates else candidates[0]


_heading_number = functools.lru_cache(maxsize=4096)(_heading_number_once)


def exact_heading_length(text: str) -> int | None:
    """Where a heading run into its body ends: ``一、总体情况 2020年，…`` → after ``总体情况``.

    Returns the length of the heading part when ``text`` starts with a heading whose title is
    exactly a standard title or variant and more text follows, else ``None``.

    Examples:
        >>> exact_heading_length("一(yī)、總體(tǐ)情況 2020年,全國海關")
        14
        >>> exact_heading_length("一、总体情况") is None
        True
    """
    if not _may_start_heading(text):
        return None  # most prose stops here
    if len(text) <= _KEPT:
        return _exact_heading_length(text)
    return _exact_heading_length_once(text)


def _exact_heading_length_once(text: str) -> int | None:
    folded = fold(text[:12])
    start = _HEADING_START.match(folded)
    if start is None:
        return None
    rest = normalize(text[:90])[start.end() :]
    if rest in _EXACT_TITLES:  # the heading alone, unless a shorter title starts it
        if rest not in _TITLES_AFTER_TITLE:
            return None
    elif not rest.startswith(_EXACT_TITLES_TUPLE):
        return None
    for end in range(3, min(len(text), 80)):
        if text[end - 1].isspace():
            continue
        form = heading_form(text[:end])
        if form is None:
            continue
        normalized = normalize(form[1])
        rest = text[end:]
        if (
            normalized in _EXACT_TITLES
            and rest.strip()
            and (rest[0].isspace() or rest[0].isalnum())
        ):
            return end
    return None


_exact_heading_length = functools.lru_cache(maxsize=4096)(_exact_heading_length_once)


def classify(lines: Sequence[Line], title: int | None = None, title_lines: int = 1) -> str:
    r"""One grammar terminal per line, as a string (``"TPHCDEE..."``).

    Examples:
        >>> lines = read_lines("某局2022年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
        ...                    "第二十条第（一）项\t\t\n规章\t0\t0\t0")
        >>> classify(lines, title=0)
        'THPCE'
    """
    kinds: list[str] = []
    context = ""
    last_numeral = 0  # the table the previous line belonged to: "t2", "t3", "t4" or ""
    for index, line in enumerate(lines):
        if title is not None and title <= index < title + title_lines:
            kind: Kind | None = _TITLE
        elif line.cells is None:
            kind = _classify_text(line.text, context)
            form = heading_form(line.text) if kind != _T3_ROW else None
            if (
                form is not None
                and kind != _HEADING
                and form[0] == last_numeral + 1
                and len(form[1]) <= 20
                and not _SUBHEADING.match(line.text)
            ):
                kind = _HEADING  # the next numeral in sequence: a freely worded heading
            if kind == _HEADING and form is not None:
                last_numeral = form[0]
        else:
            kind = _classify_row(line, context)
        if kind is None:
            kinds.append(_PARA)
            context = ""
            continue
        kinds.append(kind)
        context = _CONTEXT.get(kind, "")
    return "".join(kinds)


_CONTEXT = {
    _CAPTION: "t2",
    _T2_HEAD: "t2",
    _T2_ROW: "t2",
    _T3_HEAD: "t3",
    _T3_ROW: "t3",
    _T4_HEAD: "t4",
    _T4_DATA: "t4",
}


def _classify_text(text: str, context: str) -> Kind | None:
    if context == "t3" and (t3_row_key(text) is not None or is_t3_group(text)):
        return _T3_ROW
    if heading_number(text) is not None:
        return _HEADING
    if (
        len(text) <= 40
        and (text[:1] in _BRACKETS or text[:1].isspace())
        and _SUBHEADING.match(text)
        and not _SENTENCE_END.search(text)
    ):
        return _SUB
    return _PARA


def _classify_row(line: Line, context: str) -> Kind | None:
    cells = line.cells or ()
    start, end = line.label_span
    if end < len(cells) and cells[end]:
        numbers = True  # the cell that ends the labels is a value (label_span stops at one)
    else:
        numbers = any(cell and is_value_like(cell) for cell in cells[end + 1 :])
    if start == end:
        if not numbers:
            return _T4_DATA if context == "t4" else None
        return _T4_DATA if context == "t4" or len(cells) >= 15 else _OTHER
    # Without numbers the whole row is text (a header, say); with numbers only the labels count.
    # Either way the key is printed text, which repeats from report to report (long rows of text
    # do not, and are not kept).
    classify_labelled = _classify_labelled if len(line.text) <= 512 else _classify_labelled_once
    return classify_labelled(cells[start:end], cells if not numbers else (), context)


def _classify_labelled_once(
    labels: tuple[str, ...], text_cells: tuple[str, ...], context: str
) -> Kind | None:
    """The kind of a row with labels; ``text_cells`` holds all its cells when none is a number."""
    numbers = not text_cells
    first = labels[0]
    if t2_caption_key(first) is not None:
        return _CAPTION
    if label_key(first).startswith(T2_HEADER_LABEL):
        return _T2_HEAD
    if not numbers:
        joined = "".join(normalize(cell) for cell in text_cells)
        if any(word in joined for word in _T4_HEADER_WORDS) and not any(
            word in joined for word in ("自然人", "申请人")
        ):
            return _T4_HEAD
        if any(word in joined for word in _T3_HEADER_WORDS):
            return _T3_HEAD
    leaf = labels[-1]
    if numbers and t4_block_key(leaf) is not None:
        return _T4_DATA
    if t3_row_key(leaf) is not None or (is_t3_group(leaf) and context == "t3"):
        return _T3_ROW
    if t2_row_key(leaf) is not None:
        return _T2_ROW
    return _OTHER


_classify_labelled = functools.lru_cache(maxsize=8192)(_classify_labelled_once)
