r"""Reader for reports as published: HTML pages, whole portal pages or fragments.

The page is parsed with lxml's HTML parser (libxml2). lxml is an optional dependency, imported only
when HTML is read; without it reading HTML raises a :class:`~govinfo_report.errors.ParseError`
naming the install command. Network access is off and comments and processing instructions are
dropped. The HTML parser neither loads DTDs nor expands entities declared in a document type
(internal or external), so a "billion laughs" page or an external entity reads as the literal
text around it and nothing is fetched. The caller's size limit (``max_bytes`` of
:func:`~govinfo_report.parse`) applies before the reader runs; libxml2 stops at elements nested
more than 2,048 deep (a ``P304`` finding says so), the walk over the tree is iterative, and
tables nested in tables deeper than :data:`MAX_TABLE_NESTING` are read as plain text. The cells
of a table whose cells nest elements (Word's ``<p><span>…``) are read by one XSLT transform of
the table (libxslt, allowed to read and write nothing), only when no element in the table is
nested deeper than :data:`_TRANSFORM_DEPTH`: its templates recurse in C.

Finding the report in a portal page: the whole body is read into lines, each remembering the
element it came from. The report's tables are those whose cells hold the format's labels; the
article is the innermost element holding them all (or, in a report without tables, its section
headings such as ``一、总体情况``), widened to an ancestor while it is not a block holding text of
its own or while the ancestor holds more section headings. Only the article's lines are kept, so
navigation, metadata tables before it and footers after it produce none; scripts, styles,
``noscript``, form controls and embedded frames are dropped everywhere. When the article does not
carry the report's title, the title is taken from the page: the nearest ``h1``–``h3`` or
``*title*``-classed element before the article, else ``<meta name="ArticleTitle">``, else
``<title>`` without the site's suffix.

Reading only what is kept: when the report's tables sit in the page's flow or in cells of layout
tables, the article is found from them and only its region is read, then the blocks before it,
one ancestor at a time, until a title is found; the lines are those the reading of the whole page
keeps (a test compares the two over generated pages). Otherwise (a report table in a caption,
``noscript``…, or layout tables nested too deep) the whole page is read.

Lines, in document order:

* every block of text (``p``, ``h1``–``h6``, ``li``, a ``div`` with text of its own…) is a text
  line, white space collapsed; a line break in the source beside a Chinese character is dropped,
  as a browser drops it, and any other becomes a space; ``<br>`` inside a paragraph counts as
  such a line break (two in a row, or one in a ``div``, end the line);
* every table row is a line with cells, after laying the table out on a grid (``rowspan`` and
  ``colspan``; ``"2;"`` reads as 2, ``"0"`` or garbage as 1). A cell is emitted once per row
  however many columns it spans, so a merged value is one value. A label cell spanning several
  rows (``三、本年度办理结果``, ``（三）不予公开``) is a label on its first row only; a value cell
  spanning rows is a blank on the later rows: a number is never copied into a row that did not
  print it. A row holding a single section heading (one table for the whole report) is a text
  line;
* a cell's text joins its pieces (``<p>``\ s, ``<br>``, one character per ``<p>``) without a
  separator when either side is Chinese (``商业`` + ``企业`` → ``商业企业``) and with a space
  otherwise; ``&nbsp;``, empty ``<p>`` and Word's ``<o:p>`` are nothing, so such a cell is blank;
* a layout table (one whose cells hold tables or long prose) is read as the blocks it holds.

Positions: a text line's number is the source line where its element's start tag ends (lxml's
``sourceline``, which libxml2 stops counting at 65,535); a row's is its ``<tr>``'s; each cell's
line is the line where its ``<td>`` start tag ends and its start the 1-based column just after that
tag, where its content begins (found in the source, so right beyond line 65,535 too).
"""

from __future__ import annotations

import codecs
import contextlib
import importlib
import itertools
import operator
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Literal, NamedTuple, Protocol

import attrs
import regex

from ._classify import (
    Line,
    exact_heading_length,
    heading_number,
    is_t3_group,
    is_value_like,
    read_lines,
    t3_row_key,
)
from ._meta import find_title
from ._text import normalize
from .errors import ParseError
from .findings import Finding, Severity
from .layouts import TABLE_WORDS

MAX_TABLE_NESTING = 32
"""Tables nested deeper than this inside layout tables are read as plain text."""

MAX_GRID_WORK = 2_000_000
"""Row-span bookkeeping steps per page; beyond this, a ``rowspan`` counts as 1."""

INSTALL_HINT = 'pip install "govinfo_report[html]"'
"""How to install what reading HTML needs."""


class _Node(Protocol):
    """The part of an lxml element this module uses."""

    tag: object
    text: str | None
    tail: str | None
    sourceline: int | None

    def get(self, key: str, default: None = None) -> str | None: ...

    def getparent(self) -> _Node | None: ...

    def iter(self, *tags: str) -> Iterator[_Node]: ...

    def itertext(self) -> Iterator[str]: ...

    def iterancestors(self) -> Iterator[_Node]: ...

    def iterdescendants(self, *tags: str) -> Iterator[_Node]: ...

    def itersiblings(self, *, preceding: bool = False) -> Iterator[_Node]: ...

    def __iter__(self) -> Iterator[_Node]: ...

    def __getitem__(self, index: int) -> _Node: ...

    def __len__(self) -> int: ...


# -- detection and encoding -------------------------------------------------------------------

_HTML_START = regex.compile(
    r"^\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\b|html\b|head\b|body\b|meta\b|table\b|div\b|p\b|"
    r"h[1-6]\b|span\b|font\b|center\b|section\b|article\b|main\b|header\b|nav\b|title\b|"
    r"link\b|style\b|script\b|base\b|tbody\b|tr\b|pre\b|ul\b|ol\b|li\b|dl\b|blockquote\b|"
    r"form\b|strong\b|b\b|br\b|hr\b|img\b|a\b|"
    r"\?xml\b[^>]*>\s*(?:<!--.*?-->\s*)*<(?:!doctype\b|html\b))",
    regex.IGNORECASE | regex.DOTALL,
)
_TABLE_OPEN = regex.compile(r"<table\b", regex.IGNORECASE)
_TD_CLOSE = regex.compile(r"</td\s*>", regex.IGNORECASE)


def is_html(text: str) -> bool:
    r"""True for an HTML document or fragment.

    It starts (after a BOM, white space and comments) with ``<!DOCTYPE``, ``<html``, ``<meta``,
    ``<table``, ``<div``, ``<p``… or holds both ``<table`` and ``</td>``.

    Examples:
        >>> is_html("\ufeff <!DOCTYPE html><html>"), is_html("<p>一、总体情况</p>")
        (True, True)
        >>> is_html("规章\t0\t0\t0"), is_html("见 <table> 标签")
        (False, False)
    """
    if "<" not in text:
        return False  # no markup (a scan for one character is the cheapest)
    if _HTML_START.match(text, 0, 4096):
        return True
    found = _TABLE_OPEN.search(text)
    return found is not None and _TD_CLOSE.search(text, found.end()) is not None


_META_CHARSET = regex.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:()-]+)""", regex.IGNORECASE
)
_XML_ENCODING = regex.compile(
    rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:()-]+)""", regex.IGNORECASE
)
# Labels whose decoder the WHATWG Encoding Standard replaces by another one.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "iso-ir-58": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    # A page whose <meta> can be read is not in UTF-16: the standard reads it as UTF-8.
    "unicode": "utf-8",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "x-user-defined": "cp1252",
}


def sniff_html_encoding(data: bytes) -> str | None:
    r"""The encoding an HTML page declares in its first 4 KiB, as a Python codec name.

    ``<meta charset>``, ``<meta http-equiv="Content-Type" content="…; charset=…">`` or an XML
    declaration. GB2312 and GBK read as GB18030 (their superset, as browsers do), Big5 as
    Big5-HKSCS; ``None`` for bytes that are not HTML, no declaration or an unknown encoding.

    Examples:
        >>> sniff_html_encoding(b'<html><head><meta charset="gbk">')
        'gb18030'
        >>> sniff_html_encoding(
        ...     b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />')
        'utf-8'
        >>> sniff_html_encoding(b"plain text") is None
        True
    """
    head = bytes(data[:4096])
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if not is_html(head.decode("latin-1")):
        return None
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    label = found.group(1).decode("ascii").strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


# -- text -------------------------------------------------------------------------------------

_WIDE = r"[\p{Han}\u2018-\u201f\u2026\u2e80-\u303f\u3200-\u32ff\ufe30-\ufe4f\uff00-\uffef]"
_WIDE_RE = regex.compile(_WIDE)
_WIDE_GAP = regex.compile(rf"(?<={_WIDE}) | (?={_WIDE})")
_FIRST_WIDE = "\u2018"  # no character before it is wide
_WIDE_MEMO: dict[str, bool] = {}
_WIDE_MEMO_SIZE = 8192  # distinct characters remembered; a page's Chinese needs a few thousand
_SOURCE_BREAK = regex.compile(r"[^\S\n]*\n\s*")
_ZERO_WIDTH = {0x200B: " ", 0xFEFF: " "}
_HAS_WORD = regex.compile(r"\w")


def _is_word(char: str) -> bool:
    r"""True for an ASCII letter or digit or a CJK ideograph of the basic block: ``\w`` surely.

    Examples:
        >>> _is_word("a"), _is_word("规"), _is_word("，"), _is_word("½")
        (True, True, False, False)
    """
    return ("\u4e00" <= char <= "\u9fff") or (char.isascii() and char.isalnum())


def _is_wide(char: str) -> bool:
    """True for a Chinese character (or full-width punctuation); ``char`` is one character or none.

    Examples:
        >>> _is_wide("商"), _is_wide("，"), _is_wide("a"), _is_wide("")
        (True, True, False, False)
    """
    if char < _FIRST_WIDE:
        return False
    wide = _WIDE_MEMO.get(char)
    if wide is None:
        wide = _WIDE_RE.match(char) is not None
        if len(_WIDE_MEMO) < _WIDE_MEMO_SIZE:
            _WIDE_MEMO[char] = wide
    return wide


def _squeeze(raw: str) -> str:
    """White space (``&nbsp;``, ideographic and zero-width spaces too) collapsed to one space."""
    if "\u200b" in raw or "\ufeff" in raw:
        raw = raw.translate(_ZERO_WIDTH)
    return " ".join(raw.split())


def _line_text(raw: str) -> str:
    r"""A text line as a browser shows it: source line breaks beside Chinese dropped, spaces one.

    Examples:
        >>> _line_text("  一、总体\n   情况\u00a0\u00a0本年 \n 2022")
        '一、总体情况 本年 2022'
    """
    if "\n" in raw:
        raw = raw.strip()
        if "\n" in raw:
            raw = _join(_SOURCE_BREAK.split(raw))
    return _squeeze(raw)


def _cell_piece(raw: str) -> str:
    """One piece of a cell's text, without spaces beside Chinese characters."""
    if not raw or raw.isspace():
        return ""
    text = _squeeze(raw)
    if " " in text:
        text = _WIDE_GAP.sub("", text)
    return text


def _cell_text(pieces: Sequence[str]) -> str:
    r"""A cell's text from the pieces of its source (paragraphs, lines), as :func:`_join` joins.

    Examples:
        >>> _cell_text(["\u00a0商业 ", "\n", "企业"]), _cell_text([" 12 "]), _cell_text([])
        ('商业企业', '12', '')
    """
    if len(pieces) == 1:
        return _cell_piece(pieces[0])
    return _join([_cell_piece(piece) for piece in pieces], either=True)


def _join(pieces: Sequence[str], either: bool = False) -> str:
    """Pieces joined directly between Chinese characters, else with one space.

    Between a piece ending and one starting with a Chinese character (or, with ``either``, where
    either side is one) the pieces are joined directly, as a browser joins wrapped lines.

    Examples:
        >>> _join(["商业", "企业"]), _join(["结", "果"]), _join(["Total", "5"])
        ('商业企业', '结果', 'Total 5')
        >>> _join(["公开", "2022"]), _join(["公开", "2022"], either=True)
        ('公开 2022', '公开2022')
    """
    out: list[str] = []
    left = False  # whether the text so far ends with a wide character
    for piece in pieces:
        if not piece:
            continue
        if out:
            right = _is_wide(piece[0])
            if not ((left or right) if either else (left and right)):
                out.append(" ")
        out.append(piece)
        left = _is_wide(piece[-1])
    return "".join(out)


# -- the tree walk ----------------------------------------------------------------------------

_SKIP = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "map",
    )
)
_BLOCKS = frozenset(
    (
        "html",
        "body",
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "center",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "hr",
        "caption",
        "details",
        "summary",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
    )
)
# Blocks inside which a single <br> is a space rather than the end of the line.
_PARAGRAPHS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption")
)
_CELL_OPAQUE = _SKIP | {"table"}  # inside a cell: skipped, or a sign of a layout table
_CELL_BREAKS = frozenset(("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"))
_SECTIONS = ("thead", "tbody", "tfoot")
_TITLE_TAGS = frozenset(("h1", "h2", "h3"))

# What the block walk does at an element's start, by its tag (inline elements are not listed):
# tables and preformatted text are read whole at their start, with no block to close.
_BLOCK, _BREAK, _TABLE, _PRE, _SKIPPED = range(5)
_KINDS: dict[object, int] = {
    **dict.fromkeys(_BLOCKS, _BLOCK),
    "br": _BREAK,
    "table": _TABLE,
    "pre": _PRE,
    **dict.fromkeys(_SKIP, _SKIPPED),
}
_SAMPLED_CELLS = 8  # a table's first cells, looked at to choose how to read its cells
_TABLE_PARTS = ("tr", "td", "th", "table", "caption", *sorted(_SKIP))
"""The elements a table's own walk stops at: its rows and cells, and what it skips."""
_NESTED_PARTS = _TABLE_PARTS[3:]
"""What a table's own walk treats apart: tables and captions in it, and what it skips."""


def _name(node: _Node) -> str | None:
    """The tag of an element (the HTML parser gives it in lower case); ``None`` for others."""
    tag = node.tag
    return tag if isinstance(tag, str) else None


class _Item(NamedTuple):
    """A line and the element it came from (a block, or the table of a row).

    A text line read from blocks is made a :class:`Line` only when it is kept (most lines of a
    portal page are not); a row or a line of preformatted text is one from the start.
    """

    number: int
    text: str
    cells: tuple[str, ...] | None
    anchor: _Node
    made: Line | None = None

    @property
    def line(self) -> Line:
        """The item as a line."""
        return self.made if self.made is not None else Line(self.number, self.text)


def _made(line: Line, anchor: _Node) -> _Item:
    """An item of a line made already."""
    return _Item(line.number, line.text, line.cells, anchor, line)


_TABLE_WORDS = tuple(normalize(word) for word in TABLE_WORDS)
_LABELS_NEEDED = 2  # of the table words, in a table of the report


def _holds_labels(text: str) -> bool:
    """Whether a table's text holds two of the format's table words: a table of the report.

    The text is normalized (traditional characters, full-width forms) only when it does not
    hold them as printed.

    Examples:
        >>> _holds_labels("本年新收 上年结转"), _holds_labels("本年新收 上年結轉")
        (True, True)
        >>> _holds_labels("本年新收 栏目")
        False
    """
    if sum(word in text for word in _TABLE_WORDS) >= _LABELS_NEEDED:
        return True
    normalized = normalize(text)
    return sum(word in normalized for word in _TABLE_WORDS) >= _LABELS_NEEDED


_SPAN_NUMBER = regex.compile(r"^\s*(\d{1,6})")


def _span(value: str | None, limit: int) -> int:
    """A ``rowspan``/``colspan`` value: its leading digits, 1 for ``0`` or garbage."""
    if not value:
        return 1
    if value.isascii() and value.isdigit() and len(value) <= 6:
        number = int(value)
    else:
        found = _SPAN_NUMBER.match(value)
        if found is None:
            return 1
        number = int(found.group(1))
    return min(max(number, 1), limit)


@attrs.define
class _Cell:
    """A table cell spanning rows, placed on the grid."""

    text: str
    line: int
    column: int
    start: int  # the grid column it starts on
    width: int
    rows_left: int  # rows it still spans below the current one


@attrs.define
class _Rows:
    """A table's own rows as read: its row elements, its cells and their texts, its caption.

    The cells of all rows are in one list, in order; ``ends`` says where each row's cells end.
    """

    rows: list[_Node] = attrs.Factory(list)
    ends: list[int] = attrs.Factory(list)  # for each row, the number of cells up to its end
    cells: list[_Node] = attrs.Factory(list)
    texts: list[str] = attrs.Factory(list)
    colspans: list[str | None] = attrs.Factory(list)
    rowspans: list[str | None] = attrs.Factory(list)
    spanned_at: list[int] = attrs.Factory(list)  # the cells saying colspan or rowspan
    caption: _Node | None = None
    spanned: bool = False  # whether a cell says colspan or rowspan
    labelled: bool = False  # whether its text holds the format's labels (_holds_labels)


class _Source:
    """Where each cell's ``<td>``/``<th>`` start tag ends in the source: its line and next column.

    The tree's cells in document order are the source's cell tags in order. When the two
    differ, the source is read again without its comments, scripts and styles (whose tags the
    parser did not keep), and what still differs is skipped by its line. So a cell is found
    however the page around it is read (cells of layout tables are never asked for, yet a row
    on the same line after them is found). The whole source is matched once, when a cell is
    first asked for. libxml2 stops counting lines at 65,535; from there the tags are taken in
    order.
    """

    # The standard library's engine finds these tags twice as fast as ``regex``; the white space
    # is spelt out as ``regex`` reads ``\s`` (Unicode's White_Space), which ``re`` does not.
    _TAG = re.compile(
        r"<[tT][dDhH](?=[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000/>])"
        r"[^>]*>"
    )
    # The same tags outside comments, scripts and styles (group 1: a tag).
    _KEPT_TAG = re.compile(
        r"<!--.*?-->"
        r"|<(?i:script)\b[^<]*(?:<(?!/(?i:script))[^<]*)*"
        r"|<(?i:style)\b[^<]*(?:<(?!/(?i:style))[^<]*)*"
        r"|(<[tT][dDhH](?=[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000/>])"
        r"[^>]*>)",
        re.DOTALL,
    )

    def __init__(self, text: str, root: _Node) -> None:
        self.text = text
        self._root = root
        self._cells: list[_Node] | None = None  # the tree's cells in document order, once matched
        self._lines: list[int] = []  # each one's line and column, in the same order
        self._columns: list[int] = []
        self._index: dict[_Node, int] | None = None  # where each is among them, when needed
        self._next = 0  # where the cells after those asked for last start

    def places(self, cells: Sequence[_Node]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The line of each cell's start tag and the column where its content starts.

        A table's cells are usually the next run of the page's cells: they are found at once.
        """
        everything = self._cells
        if everything is None:
            everything = self._match()
        if not cells:
            return (), ()
        start = self._next
        end = start + len(cells)
        if everything[start:end] != cells:  # not the next run: look it up
            start = self._where(cells[0])
            end = start + len(cells)
        if everything[start:end] == cells:
            self._next = end
            return tuple(self._lines[start:end]), tuple(self._columns[start:end])
        where = self._where
        lines, columns = self._lines, self._columns
        return (
            tuple(lines[where(cell)] for cell in cells),
            tuple(columns[where(cell)] for cell in cells),
        )

    def _where(self, cell: _Node) -> int:
        """Where ``cell`` is among the tree's cells."""
        index = self._index
        if index is None:
            index = self._index = {node: at for at, node in enumerate(self._cells or ())}
        return index[cell]

    def tags(self, kept: bool = False) -> tuple[list[int], list[int]]:
        """Every cell tag of the source, in order: the lines where they end and the columns after.

        With ``kept``, only tags outside comments, scripts and styles.
        """
        text = self.text
        count, rfind = text.count, text.rfind
        lines: list[int] = []
        columns: list[int] = []
        add_line, add_column = lines.append, columns.append
        line = 1
        counted = line_start = 0
        if kept:
            ends: Iterator[int] = (
                end for end in map(_tag_end, self._KEPT_TAG.finditer(text)) if end >= 0
            )
        else:
            ends = map(re.Match.end, self._TAG.finditer(text))
        for end in ends:
            breaks = count("\n", counted, end)
            if breaks:
                line += breaks
                line_start = rfind("\n", counted, end) + 1
            counted = end
            add_line(line)
            add_column(end - line_start + 1)
        return lines, columns

    def _match(self) -> list[_Node]:
        """Find each cell of the tree's tag in the source; the cells, in document order."""
        cells = list(self._root.iter("td", "th"))
        sourcelines = [cell.sourceline for cell in cells]
        lines, columns = self.tags()
        if lines != sourcelines:  # not the tags one by one, as usual
            lines, columns = self._aligned(sourcelines)
        self._cells, self._lines, self._columns = cells, lines, columns
        return cells

    def _aligned(self, sourcelines: list[int | None]) -> tuple[list[int], list[int]]:
        """The line and column of each cell, given its ``sourceline``, from the kept tags.

        The tags outside comments, scripts and styles are taken in order, skipping those on
        lines before the cell's.
        """
        tag_lines, tag_columns = self.tags(kept=True)
        count = len(tag_lines)
        at = 0
        lines: list[int] = []
        columns: list[int] = []
        for sourceline in sourcelines:
            if sourceline is None:
                lines.append(1)
                columns.append(1)
                continue
            while at < count and tag_lines[at] < sourceline:
                at += 1
            if at < count and (tag_lines[at] == sourceline or sourceline >= 65535):
                lines.append(tag_lines[at])
                columns.append(tag_columns[at])
                at += 1
            else:
                lines.append(sourceline)
                columns.append(1)
        return lines, columns


def _nothing() -> None:
    """Does nothing (in place of skipping a subtree where there is none to skip)."""


_second = operator.itemgetter(1)


def _tag_end(found: re.Match[str]) -> int:
    """Where group 1 of a match ends; -1 when it took no part."""
    return found.end(1)


class _Walker:
    """Reads a tree into items: text lines and table rows, in document order."""

    def __init__(self, source: _Source, etree: Any) -> None:
        self.source = source
        self.etree = etree
        self._iterwalk = etree.iterwalk
        self._read: dict[_Node, _CellRead] = {}  # cells read by a transform (_read_cells)
        self._reads: dict[_Node, _Rows | None] = {}  # tables read (None: a layout table)
        self.items: list[_Item] = []
        self.tables: list[_Node] = []  # the tables holding the format's labels
        self._nesting = 0  # tables inside tables being read
        self._budget = MAX_GRID_WORK
        self._stopped = False  # whether a walk met its ``stop``

    def fork(self, nesting: int = 0) -> _Walker:
        """A walker of the same page with no lines yet, sharing what was read of its tables.

        ``nesting``: the layout tables around what it will read.
        """
        walker = _Walker(self.source, self.etree)
        walker._read = self._read
        walker._reads = self._reads
        walker._nesting = nesting
        return walker

    # -- text lines -------------------------------------------------------------------------

    def block(self, node: _Node, stop: _Node | None = None) -> None:
        """Read an element as a block: its text and what it holds, in document order.

        With ``stop`` (a block inside ``node``, maybe in a layout table's cell), the walk ends
        where ``stop`` starts, with the lines before it.

        The walk is iterative (``iterwalk``), so no nesting depth exhausts Python's stack; only
        tables inside tables recurse, and from :data:`MAX_TABLE_NESTING` on they are read as
        plain text. The line being read is kept in local variables: its pieces, the
        ``sourceline`` of its first piece that is not white space (``None`` before one), and
        whether it ends with a ``<br>`` and white space only.
        """
        items = self.items
        kinds = _KINDS
        paragraphs = _PARAGRAPHS
        pieces: list[str] = []
        line: int | None = None
        after_br = False
        anchor: _Node | None = None  # the innermost open block: the element lines come from
        anchor_tag = ""
        opened: list[tuple[_Node | None, str]] = []  # the blocks open outside the anchor
        walk = self._iterwalk(node, events=("start", "end"))
        for event, element in walk:
            if event == "end":
                if element is anchor:  # the end of a block: the end of its line
                    if line is not None:
                        _add_line(items, pieces, line, anchor)
                        line = None
                    if pieces:
                        pieces = []
                    after_br = False
                    anchor, anchor_tag = opened.pop()
                if element is not node:
                    text = element.tail
                    if text:
                        if line is not None:
                            if after_br and not text.isspace():
                                after_br = False
                            pieces.append(text)
                        elif not text.isspace():
                            line = element.sourceline or 1
                            after_br = False
                            pieces.append(text)
                continue
            tag = element.tag
            kind = kinds.get(tag)
            if kind is None:  # an inline element, or no element (a comment: its tag is no str)
                if tag.__class__ is not str:
                    walk.skip_subtree()
                    continue
                if element is node:
                    kind = _BLOCK
                else:
                    text = element.text
                    if text:
                        if line is not None:
                            if after_br and not text.isspace():
                                after_br = False
                            pieces.append(text)
                        elif not text.isspace():
                            line = element.sourceline or 1
                            after_br = False
                            pieces.append(text)
                    continue
            if kind == _SKIPPED:
                walk.skip_subtree()
                continue
            if kind == _BREAK and anchor_tag in paragraphs and not after_br:
                pieces.append("\n")  # a wrapped line: joined as a source line break is
                after_br = True
                continue
            # The end of the line so far: a block or a table starts, or a <br> ends it.
            if line is not None:
                _add_line(items, pieces, line, anchor)
                line = None
            if pieces:
                pieces = []
            after_br = False
            if kind == _BLOCK:
                if element is stop:
                    self._stopped = True
                    return
                opened.append((anchor, anchor_tag))
                anchor = element
                anchor_tag = tag
                text = element.text
                if text and not text.isspace():
                    line = element.sourceline or 1
                    pieces.append(text)
            elif kind == _TABLE:
                walk.skip_subtree()
                self._table(element, anchor, stop)
                if self._stopped:
                    return
            elif kind == _PRE:
                walk.skip_subtree()
                self._pre(element)
        if line is not None:
            _add_line(items, pieces, line, anchor)

    def _pre(self, node: _Node) -> None:
        """Preformatted text: its own lines, tab-separated rows read as rows."""
        text = "".join(node.itertext())
        first = node.sourceline or 1
        for line in read_lines(text):
            self.items.append(_made(line._replace(number=first + line.number - 1), node))

    # -- tables -----------------------------------------------------------------------------

    def _table(self, table: _Node, anchor: _Node | None, stop: _Node | None = None) -> None:
        """Read a table: a data table's rows, or a layout table's blocks.

        ``anchor`` is the block holding the table, where a table nested too deep is read as
        text. A ``stop`` met in a block it holds ends the reading (see :meth:`block`).
        """
        if self._nesting >= MAX_TABLE_NESTING:
            text = " ".join(table.itertext())
            if text and not text.isspace():
                _add_line(self.items, [text], table.sourceline or 1, anchor)
            return
        read = self.read_table(table)
        if read is None:
            self._nesting += 1
            for cell in _cells_of(table):  # a layout table: read the blocks it holds
                self.block(cell, stop)
                if self._stopped:
                    break
            self._nesting -= 1
            return
        if read.caption is not None:
            self.block(read.caption, stop)
            if self._stopped:
                return
        self._grid(table, read)
        if read.labelled:
            self.tables.append(table)

    def read_table(self, table: _Node) -> _Rows | None:
        """A data table's rows as read, once per table; ``None`` for a layout table.

        A layout table has a cell holding a table, or a cell of prose (over 200 characters,
        with a ``。``).
        """
        reads = self._reads
        if table in reads:
            return reads[table]
        read = self._cells(table)
        if read is not None:
            texts = read.texts
            if (
                texts
                and max(map(len, texts)) > 200
                and any(len(text) > 200 and "。" in text for text in texts)
            ):
                read = None
            else:
                read.labelled = _holds_labels("".join(read.texts))
        reads[table] = read
        return read

    def _cells(self, table: _Node) -> _Rows | None:
        """The table's own rows, their cells, each cell's text and the caption, in one walk.

        A cell's text joins its pieces (paragraphs, lines) as :func:`_join` does with
        ``either``. ``None`` when a cell holds a table: a layout table. The walk visits only
        rows, cells, tables, captions and what is skipped (scripts…): nothing inside a cell.
        A table holding no table, caption or skipped element is read by a plain iteration
        over its rows and cells instead, as long as each is where a row or cell belongs.
        """
        if next(table.iterdescendants(*_NESTED_PARTS), None) is None:
            read = self._cells_in(table, True)
            if read is not False:
                return read
        read = self._cells_in(table, False)
        assert read is not False  # only the iteration gives up
        return read

    def _cells_in(self, table: _Node, plain: bool) -> _Rows | Literal[False] | None:
        """:meth:`_cells` by a walk, or (``plain``) by an iteration over its rows and cells.

        ``False`` when the iteration meets a row or cell whose parent is not a row or the table
        (or its body): it may be inside a cell, where the walk would not look.
        """
        read = _Rows()
        rows, ends, cells, texts = read.rows, read.ends, read.cells, read.texts
        colspans, rowspans, spanned_at = read.colspans, read.rowspans, read.spanned_at
        spanned = False
        known = self._known(table)
        row: _Node | None = None
        if plain:
            elements: Iterator[_Node] = table.iter("tr", "td", "th")
            skip = _nothing
        else:
            walk = self._iterwalk(table, events=("start",), tag=_TABLE_PARTS)
            skip = walk.skip_subtree
            next(walk)  # the table itself
            elements = map(_second, walk)
        for element in elements:
            tag = element.tag
            if tag == "td" or tag == "th":
                if plain and element.getparent() is not row:
                    return False
                skip()
                found = known.get(element) if known is not None else None
                if found is None:
                    text: str | None = _cell_read(element)
                    colspan, rowspan = element.get("colspan"), element.get("rowspan")
                else:
                    text, colspan, rowspan = found
                    if _HELD_TABLE in text:
                        text = _cell_content(element)  # a table, or the character in its text
                if text is None:
                    return None  # a table in the cell: a layout table
                if not rows:  # a cell outside any row: a row of its own
                    rows.append(element)
                if colspan or rowspan:
                    spanned = True
                    spanned_at.append(len(cells))
                cells.append(element)
                texts.append(text)
                colspans.append(colspan)
                rowspans.append(rowspan)
            elif tag == "tr":
                if plain:
                    parent = element.getparent()
                    if parent is not table and (
                        parent is None
                        or parent.tag not in _SECTIONS
                        or parent.getparent() is not table
                    ):
                        return False
                    row = element
                if rows:
                    ends.append(len(cells))
                rows.append(element)
            elif tag == "table":
                return None  # stray between rows: a layout table
            elif tag == "caption":
                if read.caption is None:
                    read.caption = element
                    skip()
            else:  # scripts, styles, form controls…
                skip()
        if rows:
            ends.append(len(cells))
        read.spanned = spanned
        return read

    def _known(self, table: _Node) -> dict[_Node, _CellRead] | None:
        """The table's cells read by one transform, when none of its first cells is plain.

        A plain cell (text, or one element holding text) is read as quickly on its own; cells
        of nested elements (Word's ``<p><span>…<o:p>``) are read more quickly by a transform of
        the table, which reads the tables inside it as well.
        """
        first = list(itertools.islice(table.iter("td", "th"), _SAMPLED_CELLS))
        if not first:
            return None
        if first[0] in self._read:
            return self._read
        if len(first) < _SAMPLED_CELLS or any(_is_plain(cell) for cell in first):
            return None
        found = _read_cells(table, self.etree)
        if found is None:
            return None
        self._read.update(found)
        return self._read

    def _grid(self, table: _Node, read: _Rows) -> None:
        """Lay the rows out on a grid (``rowspan``, ``colspan``) and add a line for each."""
        lines, columns = self.source.places(read.cells)
        texts = tuple(read.texts)
        if not read.spanned:  # each cell one grid column, on one row
            self._budget -= len(texts)
            start = 0
            for row, end in zip(read.rows, read.ends, strict=True):
                self._row(row, table, texts[start:end], columns[start:end], lines[start:end])
                start = end
            return
        active: list[_Cell] = []  # cells spanning down from rows above, by start column
        budget = self._budget
        colspans, rowspans = read.colspans, read.rowspans
        spanned_at = read.spanned_at
        count = len(texts)
        index = 0
        after = 0  # where in spanned_at the next cell with spans from ``index`` on is
        for row, end in zip(read.rows, read.ends, strict=True):
            # The row's cells, in grid order: their text, source column and source line.
            out_texts: list[str] = []
            starts: list[int] = []
            out_lines: list[int] = []
            spanning: list[_Cell] = []  # cells spanning on below this row, in grid order
            pending = iter(active)
            waiting = next(pending, None)
            carried = 0
            column = 0
            while index < end:
                while waiting is not None and waiting.start <= column:
                    carried += 1
                    self._continued(waiting, out_texts, starts, out_lines, spanning)
                    column = max(column, waiting.start + waiting.width)
                    waiting = next(pending, None)
                if waiting is None:
                    while after < len(spanned_at) and spanned_at[after] < index:
                        after += 1
                    if (spanned_at[after] if after < len(spanned_at) else count) >= end:
                        # The rest of the row: a grid column each, nothing spanning into it.
                        out_texts.extend(texts[index:end])
                        starts.extend(columns[index:end])
                        out_lines.extend(lines[index:end])
                        budget -= end - index
                        column += end - index
                        index = end
                        break
                colspan = colspans[index]
                width = _span(colspan, 1000) if colspan else 1
                budget -= width
                text = texts[index]
                line = lines[index]
                at = columns[index]
                rowspan = rowspans[index]
                if rowspan and budget > 0:
                    height = _span(rowspan, 65534)
                    if height > 1:
                        spanning.append(_Cell(text, line, at, column, width, height - 1))
                out_texts.append(text)
                starts.append(at)
                out_lines.append(line)
                column += width
                index += 1
            while waiting is not None:
                carried += 1
                self._continued(waiting, out_texts, starts, out_lines, spanning)
                waiting = next(pending, None)
            budget -= carried
            active = sorted(spanning, key=_grid_start) if len(spanning) > 1 else spanning
            self._row(row, table, tuple(out_texts), tuple(starts), tuple(out_lines))
        self._budget = budget

    @staticmethod
    def _continued(
        cell: _Cell, texts: list[str], starts: list[int], lines: list[int], spanning: list[_Cell]
    ) -> None:
        """A cell spanning into the row from above.

        A label spanning rows belongs to its first row; a number is never copied into a row
        that did not print it: it is a blank there.
        """
        cell.rows_left -= 1
        if cell.rows_left > 0:
            spanning.append(cell)
        if is_value_like(cell.text):
            texts.append("")
            starts.append(cell.column)
            lines.append(cell.line)

    def _row(
        self,
        row: _Node,
        table: _Node,
        texts: tuple[str, ...],
        starts: tuple[int, ...],
        lines: tuple[int, ...],
    ) -> None:
        blanks = texts.count("")
        if blanks == len(texts):
            return
        if blanks == len(texts) - 1:
            index = next(index for index, text in enumerate(texts) if text)
            if _is_heading_cell(texts[index]):
                self.items.append(_Item(lines[index], texts[index], None, table))
                return
        number = row.sourceline or (lines[0] if lines else 1)
        self.items.append(_made(Line(number, "\t".join(texts), texts, starts, lines), table))


def _add_line(items: list[_Item], pieces: list[str], number: int, anchor: _Node | None) -> None:
    """Add the text line made of ``pieces`` (starting on line ``number``) if it holds a word."""
    text = _line_text("".join(pieces))
    if anchor is not None and text and (_is_word(text[0]) or _HAS_WORD.search(text)):
        items.append(_Item(number, text, None, anchor))


def _grid_start(cell: _Cell) -> int:
    return cell.start


def _cell_read(cell: _Node) -> str | None:
    """:func:`_cell_content`, quicker for a cell holding text or one element holding text.

    The pieces of such a cell, a line break between them where the element is one that
    breaks (a paragraph), give its text with one pass of :func:`_cell_piece`, as :func:`_join`
    would join them; a word or number beside white space only is the text as it is.
    """
    size = len(cell)
    if not size:
        text = cell.text
        if not text:
            return ""
        return text if text.isalnum() else _cell_piece(text)
    if size == 1:
        child = cell[0]
        tag = child.tag
        if tag.__class__ is str and not len(child) and tag not in _CELL_OPAQUE:
            inner = child.text or ""
            before = cell.text
            after = child.tail
            if (
                inner.isalnum()
                and (not before or before.isspace())
                and (not after or after.isspace())
            ):
                return inner
            gap = "\n" if tag in _CELL_BREAKS else ""
            return _cell_piece(f"{before or ''}{gap}{inner}{gap}{after or ''}")
    return _cell_content(cell)


def _cell_content(cell: _Node) -> str | None:
    """A cell's text, its pieces (paragraphs, lines) joined as :func:`_cell_text` joins them.

    ``None`` when the cell holds a table. Scripts, form controls and the like inside the cell
    are skipped. The walk keeps its own stack of the open elements' children, so no nesting
    depth exhausts Python's stack.
    """
    pieces: list[str] = []  # the pieces so far, without empty ones
    current: list[str] = []  # the piece being read: non-empty strings only
    text = cell.text
    if text:
        current.append(text)
    stack: list[tuple[Iterator[_Node], _Node]] = []  # the open elements, outermost first
    children = iter(cell)
    while True:
        for child in children:
            tag = child.tag
            if tag.__class__ is not str or tag in _CELL_OPAQUE:
                if tag == "table":
                    return None
                tail = child.tail  # a skipped element, or a comment: only its tail is read
                if tail:
                    current.append(tail)
                continue
            if tag in _CELL_BREAKS and current:
                pieces.append("".join(current))
                current = []
            text = child.text
            if text:
                current.append(text)
            if len(child):
                stack.append((children, child))
                children = iter(child)
                break  # read its children before its end
            if tag in _CELL_BREAKS and current:  # the end of an element without children
                pieces.append("".join(current))
                current = []
            tail = child.tail
            if tail:
                current.append(tail)
        else:
            if not stack:
                break
            children, child = stack.pop()  # the end of an element with children
            if child.tag in _CELL_BREAKS and current:
                pieces.append("".join(current))
                current = []
            tail = child.tail
            if tail:
                current.append(tail)
    if current:
        pieces.append("".join(current))
    return _cell_text(pieces)


_TRANSFORM_DEPTH = 40
"""Elements nested deeper than this in a table are not read by the transform (whose templates
recurse, a C stack frame or more each), but one by one, iteratively. The transform tests the
depth with a path of that many child steps from the table, which visits each element once."""
_CELL_END = "\ue000"  # ends each cell's text (and attribute) in the transform's output
_HELD_TABLE = "\ue001"  # stands for a table inside a cell there
_SPANS = "\ue002"  # ends the cells' texts there, before their spans
_CELL_XSLT = f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="/">
<xsl:if test="not(/*{"/*" * _TRANSFORM_DEPTH})">
<xsl:variable name="cells" select="//td|//th"/>
<xsl:for-each select="$cells">
<xsl:apply-templates mode="cell"/><xsl:text>&#xE000;</xsl:text>
</xsl:for-each>
<xsl:text>&#xE002;</xsl:text>
<xsl:for-each select="$cells">
<xsl:value-of select="@colspan"/><xsl:text>&#xE000;</xsl:text>
<xsl:value-of select="@rowspan"/><xsl:text>&#xE000;</xsl:text>
</xsl:for-each>
</xsl:if>
</xsl:template>
<xsl:template mode="cell" match="{"|".join(sorted(_SKIP))}"/>
<xsl:template mode="cell" match="table"><xsl:text>&#xE001;</xsl:text></xsl:template>
<xsl:template mode="cell" match="{"|".join(sorted(_CELL_BREAKS))}">
<xsl:text>&#10;</xsl:text><xsl:apply-templates mode="cell"/><xsl:text>&#10;</xsl:text>
</xsl:template>
</xsl:stylesheet>
"""
"""Every ``td`` and ``th`` of a page, in document order: its text as :func:`_cell_content` reads
it, a line break around each piece (paragraph, line), before :func:`_cell_text` joins them;
then each one's ``colspan`` and ``rowspan``."""
_LOCAL = threading.local()  # a compiled transform per thread

_CellRead = tuple[str, str, str]
"""A cell's text, its ``colspan`` and its ``rowspan`` (empty when it has none)."""


def _cell_transform(etree: Any) -> Any:
    """The compiled :data:`_CELL_XSLT`, allowed to read and write nothing."""
    transform = getattr(_LOCAL, "cells", None)
    if transform is None:
        transform = etree.XSLT(
            etree.XML(_CELL_XSLT), access_control=etree.XSLTAccessControl.DENY_ALL
        )
        _LOCAL.cells = transform
    return transform


def _read_cells(node: _Node, etree: Any) -> dict[_Node, _CellRead] | None:
    """The text of each cell under ``node`` as :func:`_cell_content` reads it, and its spans.

    One transform writes all cells' pieces, a line break around each, so one pass of
    :func:`_cell_piece`'s steps over the whole output joins them as :func:`_cell_text` does.
    An attribute the cell lacks reads as an empty one, which means the same. A text holding
    :data:`_HELD_TABLE` stands for a table in the cell (or holds that character): such a
    cell must be read on its own. ``None`` when the transform fails (nesting deeper than it
    goes) or text holds a character that marks its output.
    """
    cells = list(node.iter("td", "th"))
    try:
        raw = str(_cell_transform(etree)(node))
    except etree.XSLTError:
        return None
    raw, _, spans = raw.partition(_SPANS)
    if "\u200b" in raw or "\ufeff" in raw:
        raw = raw.translate(_ZERO_WIDTH)
    text = " ".join(raw.split())
    if " " in text:
        text = text.replace(" " + _CELL_END, _CELL_END).replace(_CELL_END + " ", _CELL_END)
        if " " in text:
            text = _WIDE_GAP.sub("", text)
    texts = text.split(_CELL_END)
    values = spans.split(_CELL_END)
    count = len(cells)
    if len(texts) != count + 1 or texts[-1] or len(values) != 2 * count + 1 or values[-1]:
        return None
    read = zip(texts[:count], values[0:-1:2], values[1::2], strict=True)
    return dict(zip(cells, read, strict=True))


def _is_plain(cell: _Node) -> bool:
    """A cell holding text only, or one element holding text only."""
    size = len(cell)
    return not size or (size == 1 and not len(cell[0]))


def _is_heading_cell(text: str) -> bool:
    """A lone cell that is a section heading: one table for the whole report."""
    return heading_number(text) is not None and t3_row_key(text) is None and not is_t3_group(text)


def _cells_of(table: _Node) -> Iterator[_Node]:
    """The cells of the table's own rows, which a layout table's reading reads as blocks."""
    for row in _rows(table):
        for cell in row:
            if _name(cell) in ("td", "th"):
                yield cell


def _rows(table: _Node) -> Iterator[_Node]:
    """The table's own rows (not those of tables inside its cells)."""
    for child in table:
        name = _name(child)
        if name == "tr":
            yield child
        elif name in _SECTIONS:
            for row in child:
                if _name(row) == "tr":
                    yield row


# -- finding the article ----------------------------------------------------------------------


def _ancestors(node: _Node) -> list[_Node]:
    """The node and its ancestors, innermost first."""
    return [node, *node.iterancestors()]


def _common(nodes: Sequence[_Node]) -> _Node | None:
    """The innermost element holding all ``nodes``."""
    if not nodes:
        return None
    shared = _ancestors(nodes[0])
    for node in nodes[1:]:
        ids = {id(a) for a in _ancestors(node)}
        shared = [a for a in shared if id(a) in ids]
    return shared[0] if shared else None


def _within(node: _Node, container: _Node) -> bool:
    if node is container:
        return True
    return any(a is container for a in node.iterancestors())


def _article(walker: _Walker, body: _Node) -> list[bool]:
    """Which of the walker's items belong to the report.

    The article is the innermost element holding the report's tables (or, without tables, its
    section headings), widened while that is a table, an inline element, a heading's own block
    or an element without text, or while its parent holds more section headings. An item
    belongs to the report when the element it came from is inside the article.
    """
    items = walker.items
    tables = walker.tables
    inner = [t for t in tables if not any(o is not t and _within(o, t) for o in tables)]
    heading = _headings(items)
    start = _common(inner) if inner else _common(_heading_anchors(items, heading))
    if start is None:
        start = body
    top, levels = _widened(items, heading, _ancestors(start))
    return [level <= top for level in levels]


def _headings(items: Sequence[_Item]) -> list[bool]:
    """Which items are section headings (text lines)."""
    return [item.cells is None and _is_heading_line(item.text) for item in items]


def _heading_anchors(items: Sequence[_Item], heading: Sequence[bool]) -> list[_Node]:
    """The elements the section headings came from."""
    return [item.anchor for item, is_heading in zip(items, heading, strict=True) if is_heading]


def _widened(
    items: Sequence[_Item], heading: Sequence[bool], path: Sequence[_Node]
) -> tuple[int, list[int]]:
    """How far the article widens along ``path`` (its start and the start's ancestors).

    Also each item's level: the index of the first element of ``path`` holding it
    (``len(path)`` for none). The widening stops at the last element of ``path``: the items
    must be those of the whole page, or of ``path[-1]`` when the caller knows how to go on from
    there.
    """
    level_of: dict[_Node, int] = {node: level for level, node in enumerate(path)}
    levels: list[int] = []
    for item in items:
        trail: list[_Node] = []
        node: _Node | None = item.anchor
        while node is not None and node not in level_of:
            trail.append(node)
            node = node.getparent()
        level = len(path) if node is None else level_of[node]
        for visited in trail:
            level_of[visited] = level  # keyed by the element: keeps its proxy alive
        levels.append(level)
    texts = [0] * (len(path) + 1)
    heads = [0] * (len(path) + 1)
    for item, level, is_heading in zip(items, levels, heading, strict=True):
        if item.cells is None:
            texts[level] += 1
            heads[level] += is_heading
    for level in range(1, len(path) + 1):
        texts[level] += texts[level - 1]
        heads[level] += heads[level - 1]
    own = set(_heading_anchors(items, heading))
    top = 0
    while top + 1 < len(path) and (
        path[top] in own
        or not texts[top]
        or _name(path[top]) not in _BLOCKS
        or heads[top + 1] > heads[top]
    ):
        top += 1
    return top, levels


def _is_heading_line(text: str) -> bool:
    """A section heading, alone or run into its body (``一、总体情况 2022年…``)."""
    if len(text) <= 60 and _is_heading_cell(text):
        return True
    return exact_heading_length(text) is not None


_TITLE_SPLIT = regex.compile(r"_|\||｜|--|——|—|-|–")


def _is_title(text: str) -> bool:
    return len(text) <= 80 and ("报" in text or "報" in text) and find_title([Line(1, text)]) == 0


def _page_title(root: _Node, items: Sequence[_Item], first: int) -> Line | None:
    """The report's title from the page around the article (``first``: its first item).

    In this order: the nearest title before the article in an ``h1``–``h3`` or an element whose
    class or id says ``title``; ``<meta name="ArticleTitle">`` (or ``og:title``); the nearest
    other title before the article that is not a list entry (lists of links name other
    reports); the part of ``<title>`` that is a title.
    """
    hinted: Line | None = None
    plain: Line | None = None
    for item in items[:first]:
        anchor = item.anchor
        if item.cells is not None or not _is_title(item.text):
            continue
        if _is_title_anchor(anchor):
            hinted = item.line
        elif _name(anchor) not in ("li", "dt", "dd"):
            plain = item.line
    if hinted is not None:
        return hinted
    meta = _meta_title(root)
    if meta is not None:
        return meta
    if plain is not None:
        return plain
    for title in root.iter("title"):
        text = _line_text("".join(title.itertext()))
        for part in (piece.strip() for piece in _TITLE_SPLIT.split(text)):
            if _is_title(part):
                return Line(title.sourceline or 1, part)
    return None


def _is_title_anchor(node: _Node) -> bool:
    """An ``h1``–``h3``, or an element whose class or id says ``title``."""
    return (
        _name(node) in _TITLE_TAGS
        or "title" in ((node.get("class") or "") + " " + (node.get("id") or "")).lower()
    )


def _meta_title(root: _Node) -> Line | None:
    """The title ``<meta name="ArticleTitle">`` (or ``og:title``, ``title``) gives."""
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        content = _line_text(meta.get("content") or "")
        if key in ("articletitle", "og:title", "title") and _is_title(content):
            return Line(meta.sourceline or 1, content)
    return None


# -- the article without the whole page -------------------------------------------------------
#
# The whole page's walk (its lines, then the article among them) reads navigation and footers
# only to leave them out. When the report's tables are reached by that walk as elements of the
# page's flow or of layout tables' cells, the article is found from them, and only its region is
# read: the lines the whole walk would keep, exactly. Where that cannot be told for certain, the
# whole page is read.

_OUT_OF_FLOW = _SKIP | {"caption", "pre"}


def _reached(node: _Node, body: _Node, walker: _Walker) -> int | None:
    """How many layout tables the walk of ``body`` is inside where it reaches ``node``.

    ``node`` is reached when nothing around it is skipped, preformatted text or a caption, and
    every table around it is a layout table holding it in a cell of its own rows (a layout
    table's reading reads those cells as blocks, and nothing else of it); then ``node`` is read
    as it would be read on its own, given that many tables around it. ``None`` when it may not
    be reached so (or is not inside ``body``). See :func:`_reachability`.
    """
    path = _ancestors(node)
    if body not in path[1:]:
        return None
    return _reachability(path, path.index(body), walker)[0]


def _in_own_cell(chain: Sequence[_Node]) -> bool:
    """Whether ``chain`` runs through a cell of one of a table's own rows.

    ``chain`` is an element and its ancestors up to a child of the table: that child is a
    ``tr``, or a ``thead``/``tbody``/``tfoot`` holding the ``tr``, and a ``td`` or ``th`` of
    the ``tr`` follows.
    """
    names = [_name(node) for node in reversed(chain[-3:])]
    if names[:1] == ["tr"]:
        return len(names) >= 2 and names[1] in ("td", "th")
    return (
        len(names) == 3 and names[0] in _SECTIONS and names[1] == "tr" and names[2] in ("td", "th")
    )


def _reachability(path: Sequence[_Node], limit: int, walker: _Walker) -> list[int | None]:
    """:func:`_reached` for each of ``path[:limit]``, in one pass down from the body.

    ``path`` is an element and its ancestors; ``path[limit]`` is the body. Each element's answer
    depends on its ancestors only.
    """
    out: list[int | None] = [None] * limit
    nesting = 0
    blocked = False  # below something the walk does not read, or reads as text
    rows: set[int] = set()  # a layout table's rows and row groups: the walk reads only cells
    for at in range(limit - 1, -1, -1):
        node = path[at]
        if blocked:
            continue
        out[at] = None if at in rows or nesting >= MAX_TABLE_NESTING else nesting
        tag = node.tag
        if tag == "table" and at > 0:
            if walker.read_table(node) is not None or not _in_own_cell(path[max(at - 3, 0) : at]):
                blocked = True
            elif _name(path[at - 1]) == "tr":
                rows.add(at - 1)
            else:
                rows.update((at - 1, at - 2))
            nesting += 1
        elif tag in _OUT_OF_FLOW:
            blocked = True
    return out


_MAX_REPORT_TABLES = 64
"""Tables holding the format's labels beyond which the whole page is read (a report has a few)."""


def _report_tables(walker: _Walker, body: _Node) -> list[_Node] | None:
    """The tables holding the format's labels, as the whole page's walk finds them.

    ``None`` when that is not certain without the walk: such a table may not be reached as an
    element of the flow or of a layout table's cell (see :func:`_reached`), the tables' grids
    could use up :data:`MAX_GRID_WORK`, or there are more than :data:`_MAX_REPORT_TABLES`.
    """
    found: list[_Node] = []
    work = 0  # at most what the tables' grids can take of MAX_GRID_WORK
    for table in body.iter("table"):
        read = walker.read_table(table)
        if read is None:
            continue
        cells = len(read.texts)
        work += cells * (1000 + len(read.rows)) if read.spanned else cells
        if read.labelled:
            if len(found) == _MAX_REPORT_TABLES or _reached(table, body, walker) is None:
                return None
            found.append(table)
    return found if work < MAX_GRID_WORK else None


_REGION_WALKS = 3
"""Regions read, each around the last, before the article's reading gives way to the whole
page's: each reads its tables again, so a chain of empty wrappers would cost its depth times."""


def _blocks_up(
    path: Sequence[_Node], index: int, reachable: Sequence[int | None]
) -> tuple[int, int]:
    """The first block from ``path[index]`` up that the walk of the body reads as a block.

    Its index and the layout tables around it (``reachable``: :func:`_reachability`);
    ``len(reachable)`` when none is below the body.
    """
    limit = len(reachable)
    while index < limit:
        nesting = reachable[index]
        if nesting is not None and _KINDS.get(path[index].tag) == _BLOCK:
            return index, nesting
        index += 1
    return limit, 0


def _read_article(walker: _Walker, root: _Node, body: _Node) -> list[Line] | None:
    """The report's lines as :func:`_read_whole` reads them, from the article's region alone.

    The region read is the article's parent block (wider while the article's widening is not
    decided inside it); a title not in the article is looked for in the lines before it,
    read from ever wider regions around it. ``None`` when this cannot be certain: the report
    has no tables the whole walk reaches as it reaches the body's blocks (see
    :func:`_reached`), or the article widens up to the body.
    """
    tables = _report_tables(walker, body)
    if not tables:
        return None
    start = _common(tables)
    if start is None:
        return None
    path = _ancestors(start)
    if body not in path:
        return None
    reachable = _reachability(path, path.index(body), walker)
    limit = len(reachable)
    index, nesting = _blocks_up(path, 1, reachable)
    for _ in range(_REGION_WALKS):
        if index >= limit:
            return None
        region = walker.fork(nesting)
        region.block(path[index])
        items = region.items
        top, levels = _widened(items, _headings(items), path[: index + 1])
        if top < index:  # it stops inside the region: the lines outside cannot change that
            break
        index, nesting = _blocks_up(path, index + 1, reachable)
    else:
        return None  # still widening: the whole page is read once rather than regions again
    first = next((at for at, level in enumerate(levels) if level <= top), len(items))
    lines = [item.line for item, level in zip(items, levels, strict=True) if level <= top]
    if not lines:
        return None
    if find_title(lines) is None:
        if _KINDS.get(path[top].tag) != _BLOCK or reachable[top] is None:
            return None  # the walk never starts it (a layout table's row): no place to stop
        title = _title_before(walker, root, body, path, reachable, top, index, items[:first])
        if title is not None:
            lines.insert(0, title)
    return lines


def _title_before(
    walker: _Walker,
    root: _Node,
    body: _Node,
    path: Sequence[_Node],
    reachable: Sequence[int | None],
    top: int,
    index: int,
    before: list[_Item],
) -> Line | None:
    """:func:`_page_title` for the article ``path[top]``, reading no more of the page than needed.

    ``before`` are the lines of ``path[index]`` before the article. A title in an element
    :func:`_is_title_anchor` accepts found there is the nearest one before the article;
    without one, the lines of the next block up before ``path[index]`` are read, and so on; at
    the body, :func:`_page_title` decides from all lines before the article.
    """
    limit = len(reachable)
    while True:
        for item in reversed(before):
            if item.cells is None and _is_title(item.text) and _is_title_anchor(item.anchor):
                return item.line
        inner = path[index]
        index, nesting = _blocks_up(path, index + 1, reachable)
        reader = walker.fork(nesting)
        if index >= limit:
            reader.block(body, stop=path[top])
            return _page_title(root, reader.items, len(reader.items))
        before = []
        if _may_hold_title(path[index], inner, walker.etree):
            reader.block(path[index], stop=inner)  # its lines before those read already
            before = reader.items


def _may_hold_title(node: _Node, inner: _Node, etree: Any) -> bool:
    """Whether the text of ``node`` before ``inner`` (inside it) has a character of ``报告``.

    A title is a line holding one (see :func:`_is_title`); without one, no line read from there
    can be a title. Each element before ``inner`` gives its text (its tail too) in one call.
    """
    text_of = etree.tostring
    while inner is not node:
        parent = inner.getparent()
        if parent is None:
            return True
        for sibling in inner.itersiblings(preceding=True):
            text = text_of(sibling, method="text", encoding=str, with_tail=True)
            if "报" in text or "報" in text:
                return True
        text = parent.text or ""
        if "报" in text or "報" in text:
            return True
        inner = parent
    return False


def _read_whole(walker: _Walker, root: _Node, body: _Node) -> list[Line]:
    """The report's lines: the whole page read, then the article's lines kept."""
    walker.block(body)
    items = walker.items
    inside = _article(walker, body)
    lines = [item.line for item, kept in zip(items, inside, strict=True) if kept]
    if find_title(lines) is None:
        title = _page_title(root, items, inside.index(True) if any(inside) else len(items))
        if title is not None:
            lines.insert(0, title)
    return lines


# -- the reader -------------------------------------------------------------------------------


def _lxml() -> Any:
    """``lxml.etree``, or a :class:`ParseError` saying how to install lxml."""
    etree = sys.modules.get("lxml.etree")
    if etree is not None and sys.modules.get("lxml") is not None:
        return etree  # imported already
    try:
        importlib.import_module("lxml")
        etree = importlib.import_module("lxml.etree")
    except ImportError:
        raise ParseError(
            f"读取 HTML 需要 lxml，请安装：{INSTALL_HINT} (reading HTML needs lxml: {INSTALL_HINT})"
        ) from None
    return etree


_ENCODED = threading.local()  # the text being read and its UTF-8, when the caller has both


@contextlib.contextmanager
def utf8_of(text: str, data: bytes) -> Iterator[None]:
    """While in the block, :func:`parse_html` parses ``data`` for ``text`` (that very object).

    For a caller that has just decoded ``data`` into ``text``: the page is not encoded again.
    ``data`` must equal ``text.encode("utf-8")`` and ``text`` must not start with a BOM.
    """
    outer = getattr(_ENCODED, "pair", None)
    _ENCODED.pair = (text, data)
    try:
        yield
    finally:
        _ENCODED.pair = outer


def parse_html(text: str) -> tuple[_Node, list[Finding]]:
    """The page's tree, parsed without network access, DTDs or entity expansion.

    Also a ``P304`` finding when the parser gave up part-way (elements nested more than 2,048
    deep): what follows that point is not in the tree.
    """
    etree = _lxml()
    parser = etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        recover=True,
        compact=True,
        default_doctype=False,
        collect_ids=False,
        # Lifts libxml2's nesting limit from 256 to 2,048: pages with unclosed <font> tags nest
        # that deep. Size is bounded by the caller (max_bytes); entities are never expanded.
        huge_tree=True,
    )
    known: tuple[str, bytes] | None = getattr(_ENCODED, "pair", None)
    if known is not None and known[0] is text:
        data = known[1]
    else:
        data = text.removeprefix("\ufeff").encode("utf-8", "replace")
    try:
        root: _Node | None = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise ParseError(f"无法解析 HTML (cannot parse the HTML: {error})") from None
    if root is None:
        raise ParseError("HTML 页面为空 (the HTML page is empty)", line=1, column=1)
    findings: list[Finding] = []
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            findings.append(
                Finding(
                    "P304",
                    Severity.WARNING,
                    f"HTML 解析在第 {entry.line} 行中止（{entry.message}），此后的内容未读取",
                    f"the HTML parser stopped at line {entry.line} ({entry.message}); what "
                    "follows was not read",
                    line=entry.line,
                    column=entry.column or None,
                )
            )
            break
    return root, findings


def read_html(text: str) -> tuple[list[Line], list[Finding]] | None:
    r"""Lines of an HTML page or fragment; ``None`` if the text is not HTML.

    Returns:
        The lines, and a ``P304`` finding if the parser gave up part-way.

    Raises:
        ParseError: lxml is not installed (the message says how to install it), or the page
            cannot be parsed at all.

    Examples:
        >>> lines, _ = read_html(
        ...     "<h1>某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p><table>"
        ...     "<tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>1</td></tr>"
        ...     "<tr><td>（二）部分公开</td><td>2</td></tr></table>")
        >>> for line in lines:
        ...     print(line.number, line.cells or line.text)
        1 某局2022年政府信息公开工作年度报告
        1 一、总体情况
        1 ('三、本年度办理结果', '（一）予以公开', '1')
        1 ('（二）部分公开', '2')
        >>> read_html("规章\t0\t0\t0") is None
        True
    """
    if not is_html(text):
        return None
    root, findings = parse_html(text)
    body = next(root.iter("body"), None)
    if body is None:
        body = root
    walker = _Walker(_Source(text.removeprefix("\ufeff"), root), _lxml())
    lines = _read_article(walker, root, body)
    if lines is None:
        lines = _read_whole(walker.fork(), root, body)
    return lines, findings


__all__ = ["INSTALL_HINT", "is_html", "read_html", "sniff_html_encoding"]
