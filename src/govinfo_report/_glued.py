"""Reader for crawled text whose table cells are glued together with no separators.

Crawled copies of report pages hold a whole report as one or a few very long lines: site chrome
and metadata first, then headings run into their prose (``一、总体情况2021年，我区…``) and tables
whose cells were concatenated: ``一、本年新收政府信息公开申请数量640020470`` for the seven cells
64, 0, 0, 2, 0, 4, 70, the next row's label run into the last digits
(``…00000002.其他法律行政法规禁止公开0000000``), sometimes with a few spaces left
(``500000 5``).

The reader cuts such text into the lines the tab reader gives: prose pieces, each section
heading on a line of its own, and every table row as cells — the label cell(s), then the value
cells. Labels are found with the layouts (every row, header and caption label of both formats and
their variants), matched on a normalised copy of the text (:func:`~._text.normalize`, one
character at a time, so widths, traditional characters and spaces inside labels do not matter).
A numbered label's enumerator (``2.``) is taken back from the digits before it.

A run of digits is split into the number of cells the layout gives the row. The splits are
enumerated (no part has a leading zero unless it is ``0``; spaces, signs and units are hard
boundaries) and chosen with the table's arithmetic (:attr:`~.layouts.FormatLayout.identities`):
table 三 row by row (总计 = the sum of the six) and then jointly over the rows, column by column
(一 + 二 = 三 + 四; （七）总计 = the sum of the leaf rows); table 四 block by block. Table 二 has no
arithmetic: a run that splits in several ways is narrowed by the certain relations between its
columns (a part is no larger than its whole: :data:`_PART_OF`), then by the figures the prose of
一、总体情况 states for the row (``本年度制发的规范性文件88件``, ``行政许可类37条``; spec R10), and
resolved only when exactly one split is left; a sign starts the signed cell (本年增/减). Where a
split had to be chosen among several an info finding ``P301`` says how, from what evidence and
which cells were inferred (a run with one possible split, such as ``0000000``, is read as
printed); where it cannot be told, the row is left out and a warning ``P302`` names its label and
the printed digits, so that no number is lost silently and none is placed by guess. The searches
are bounded (:data:`MAX_RUN`, :data:`MAX_STEPS`, :data:`MAX_DOCUMENT_STEPS`,
:data:`MAX_COMBINATIONS`): past a bound the row gets ``P302`` too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import attrs
import regex

from ._classify import Line, heading_number, is_t3_group, t2_row_key, t3_row_key
from ._text import _PINYIN, _T2S_WORDS, label_key, normalize
from .findings import Finding, Severity
from .layouts import (
    FORMAT_MARKERS,
    LAYOUTS,
    SECTIONS,
    T2_CAPTION_PREFIX,
    T2_HEADER_LABEL,
    T3_COLUMNS,
    T3_GROUPS,
    T3_HEADER_LABELS,
    T3_HEADER_WORDS,
    T4_BLOCKS,
    T4_COLUMNS,
    FormatLayout,
    FormatVersion,
    T2BlockSpec,
    format_for_year,
)

LONG_LINE = 300
"""A glued report has a line longer than this many characters."""

MIN_GLUED_LABELS = 3
"""... holding this many distinct row labels glued to values glued to the next label."""

MAX_RUN = 48
"""The longest run of value characters (without spaces) the reader tries to split."""

MAX_PART = 16
"""The longest cell a run is split into (a count of 16 digits is no count)."""

MAX_STEPS = 20_000
"""The most steps the splits of one row may take before the reader gives up on the row."""

MAX_DOCUMENT_STEPS = 400_000
"""The most steps the splits of all the rows of one text may take together."""

MAX_CANDIDATES = 64
"""The most splits of one row that agree with its own sums, kept for the joint search."""

MAX_COMBINATIONS = 100_000
"""The most combinations of rows' splits the joint search over table 三 visits."""

# -- the matching copy of a line -------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _char(char: str) -> str:
    """One character's matching form: ``""`` for white space, else exactly one character."""
    normal = normalize(char)
    if len(normal) > 1:
        return char
    return normal.replace("、", ",")


_WORDS: tuple[tuple[str, str], ...] = tuple(
    ("".join(_char(char) for char in old), new) for old, new in _T2S_WORDS
)


@attrs.frozen
class _Copy:
    """A line's matching copy (``text``) and the raw index of each of its characters."""

    text: str
    where: tuple[int, ...]

    def raw_start(self, index: int) -> int:
        """The raw index of the copy's character ``index`` (or the raw end past the copy)."""
        return self.where[index] if index < len(self.where) else (self.where[-1] + 1)

    def raw_end(self, index: int) -> int:
        """The raw index just past the copy's characters before ``index``."""
        return self.where[index - 1] + 1 if index > 0 else 0


def _copy(raw: str) -> _Copy:
    """The matching copy of ``raw``: normalised per character, 、 read as a comma.

    Examples:
        >>> _copy("（三） 不予公开").text
        '(三)不予公开'
    """
    chars: list[str] = []
    where: list[int] = []
    for index, char in enumerate(raw):
        folded = _char(char)
        if folded:
            chars.append(folded)
            where.append(index)
    text = "".join(chars)
    if "(" in text:
        drop: set[int] = set()
        for match in _PINYIN.finditer(text):
            drop.update(range(match.start(), match.end()))
        if drop:
            kept = [i for i in range(len(chars)) if i not in drop]
            text = "".join(chars[i] for i in kept)
            where = [where[i] for i in kept]
    for old, new in _WORDS:
        text = text.replace(old, new)
    return _Copy(text, tuple(where))


def _form(label: str) -> str:
    return normalize(label).replace("、", ",")


# -- the vocabulary of the tables --------------------------------------------------------------

_HEADER_ROLES = frozenset({"t2head", "t3head", "t4head"})


@attrs.frozen
class _Word:
    """A label of the tables in matching form, the roles it plays and its enumerators."""

    text: str
    roles: frozenset[str]
    enumerators: frozenset[str] = frozenset()


def _vocabulary() -> dict[str, _Word]:
    entries: dict[str, tuple[set[str], set[str]]] = {}

    def add(label: str, role: str) -> None:
        full = _form(label)
        key = label_key(label).replace("、", ",") if role == "t3row" else full
        roles, enumerators = entries.setdefault(key, (set(), set()))
        roles.add(role)
        if len(full) > len(key):
            enumerators.add(full[: len(full) - len(key)])

    add(T2_HEADER_LABEL, "t2head")
    for layout in LAYOUTS.values():
        for block in layout.t2_blocks:
            for column in block.columns:
                for label in (column.label, *column.variants):
                    add(label, "t2head")
            for row in block.rows:
                for label in (row.label, *row.variants):
                    add(label, "t2row")
        for row in layout.t3_rows:
            for label in (row.label, *row.variants):
                add(label, "t3row")
    for group in T3_GROUPS:
        add(group, "t3row")
    for label in T3_HEADER_LABELS:
        add(label, "t3head")
    for column in T3_COLUMNS:
        for label in (column.label, *column.variants):
            add(label, "t3head")
    for column in T4_COLUMNS:
        for label in (column.label, *column.variants):
            add(label, "t4head")
    for spec in T4_BLOCKS:
        for label in (spec.label, spec.group or "", *spec.variants):
            if label:
                add(label, "t4head")
    return {
        key: _Word(key, frozenset(roles), frozenset(enumerators))
        for key, (roles, enumerators) in entries.items()
    }


_VOCABULARY = _vocabulary()
_BY_FIRST: dict[str, tuple[_Word, ...]] = {}
for _word in sorted(_VOCABULARY.values(), key=lambda word: -len(word.text)):
    _BY_FIRST[_word.text[0]] = (*_BY_FIRST.get(_word.text[0], ()), _word)

_NUMERALS = "一二三四五六七八九十"
_CAPTION = regex.compile(regex.escape(T2_CAPTION_PREFIX) + r"第\([一二三四五六七八九十]{1,3}\)项")
_CAPTION_WORD = _Word("第二十条第()项", frozenset({"caption"}))
_ROW_KEYS = sorted(
    (word.text for word in _VOCABULARY.values() if "t3row" in word.roles and len(word.text) >= 4),
    key=len,
    reverse=True,
)
_GLUED_KEYS = sorted(
    (
        word.text
        for word in _VOCABULARY.values()
        if word.roles & {"t2row", "t3row"} and len(word.text) >= 2
    ),
    key=len,
    reverse=True,
)
_GLUED_LABEL = regex.compile(
    "(" + "|".join(regex.escape(key) for key in _GLUED_KEYS) + r")(?=[0-9])"
)
_ANCHOR = regex.compile(
    "|".join(
        (
            _CAPTION.pattern,
            regex.escape(_form(T2_HEADER_LABEL)),
            regex.escape(_form(T3_HEADER_LABELS[0])[:5]),  # (本列数据的勾稽关系为…
            regex.escape(_form(T3_HEADER_WORDS[0])),  # 申请人情况
            # 行政复议 followed by 行政诉讼 or 结果维持: table 四's header
            f"{regex.escape(T4_BLOCKS[0].label)}"
            f"(?={regex.escape(T4_BLOCKS[1].group or '')}|{regex.escape(T4_COLUMNS[0].label)})",
            "(?:" + "|".join(regex.escape(key) for key in _ROW_KEYS) + r")(?=[0-9])",
        )
    )
)
_ENUMERATOR_BEFORE = regex.compile(
    r"(?:[一二三四五六七八九十]{1,2}[,.]|\([一二三四五六七八九十]{1,2}\))$"
)
_ANY_ENUMERATOR_BEFORE = regex.compile(
    r"(?:[一二三四五六七八九十]{1,2}[,.]|\([一二三四五六七八九十]{1,2}\)|[0-9][.,])$"
)
_PAREN_ENUMERATOR = regex.compile(r"\([一二三四五六七八九十]{1,3}\)")
_ENUMERATOR_AT = regex.compile(r"\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2},")
_HAN = regex.compile(r"\p{Han}")
_DIGITS = frozenset("0123456789")
_VALUE_CHARS = frozenset("0123456789.+-/")
_UNIT_CHARS = frozenset("元个件条项")


def _word_at(text: str, index: int, end: int) -> tuple[_Word, int] | None:
    """The longest vocabulary word (or table-二 caption) at ``index``, and its end."""
    char = text[index]
    if char == "第":
        match = _CAPTION.match(text, index, end)
        if match is not None:
            return _CAPTION_WORD, match.end()
    for word in _BY_FIRST.get(char, ()):
        if text.startswith(word.text, index, end):
            return word, index + len(word.text)
    return None


def _in_run(text: str, index: int) -> bool:
    """True for a character a run of values holds: a digit, ``. + - /``, ``无`` or a unit."""
    char = text[index]
    if char in _VALUE_CHARS or char == "无":
        return True
    previous = text[index - 1] if index else ""
    if char == "万":
        return previous in _DIGITS and text.startswith("元", index + 1)
    return char in _UNIT_CHARS and (previous in _DIGITS or previous == "万")


def _counts_as_text(text: str, index: int) -> bool:
    """True for a character of prose: a Han character that is no numeral and no unit."""
    char = text[index]
    return char not in _NUMERALS and bool(_HAN.match(char)) and not _in_run(text, index)


# -- headings ---------------------------------------------------------------------------------

_HEADING_START = regex.compile(r"(?<![一二三四五六七八九十第其])([一二三四五六七八九十]{1,2})[,.]")
_TITLES: tuple[tuple[str, int], ...] = tuple(
    sorted(
        (
            (_form(title), section.number)
            for section in SECTIONS
            for title in (section.title, *section.variants)
        ),
        key=lambda item: -len(item[0]),
    )
)
_LOOSE_TITLE = regex.compile(r"[\p{Han},]{2,28}?(?:情况|事项)")
_LIST_AFTER = frozenset(",;")


@attrs.frozen
class _Heading:
    start: int
    end: int
    number: int


def _headings(copy: _Copy, raw: str, last: int) -> list[_Heading]:
    """The section headings of a line, in order, numbered above ``last``."""
    text = copy.text
    found: list[_Heading] = []
    for match in _HEADING_START.finditer(text):
        if found and match.start() < found[-1].end:
            continue
        begin = match.end()
        end = next((begin + len(title) for title, _ in _TITLES if text.startswith(title, begin)), 0)
        if not end:
            loose = _LOOSE_TITLE.match(text, begin)
            if loose is None or _word_at(text, begin, len(text)) is not None:
                continue
            end = loose.end()
        if end < len(text) and text[end] in _LIST_AFTER:
            continue  # a list of the sections in the prose, not a heading
        piece = raw[copy.raw_start(match.start()) : copy.raw_end(end)]
        number = heading_number(piece)
        if number is None or number <= last:
            continue
        found.append(_Heading(match.start(), end, number))
        last = number
    return found


# -- pieces: what a line is cut into -----------------------------------------------------------

Span = tuple[int, int]


@attrs.define
class _Piece:
    """A part of a physical line: prose, a heading, a caption, a header or a table row."""

    kind: str  # "text", "heading", "caption", "header", "row", "t4data"
    number: int
    spans: list[Span]
    table: str = ""
    run: Span | None = None


@attrs.define
class _Match:
    start: int
    end: int
    word: _Word
    enumerated: bool = False
    unknown: bool = False


def _scan(text: str, start: int, end: int) -> tuple[list[_Match], int]:
    """The words of a table region from ``start`` and where the region ends (prose resumes)."""
    matches: list[_Match] = []
    index = start
    prose = 0
    prose_start = start
    while index < end:
        found = _word_at(text, index, end)
        if found is not None:
            word, stop = found
            matches.append(_Match(index, stop, word))
            index = stop
            prose = 0
            if index < end and text[index] == "(" and not _PAREN_ENUMERATOR.match(text, index, end):
                close = text.find(")", index, min(end, index + 60))
                if close > 0:  # an explanation after a label: 规章(设区的市…)
                    matches[-1].end = index = close + 1
            continue
        if text[index] in _DIGITS:
            prose = 0
        elif _counts_as_text(text, index):
            if not prose:
                prose_start = index
            prose += 1
            if prose >= 3:
                label = _unknown_label(text, prose_start, end)
                if label is None:
                    return matches, prose_start
                matches.append(_Match(prose_start, label, _Word("", frozenset()), unknown=True))
                index = label
                prose = 0
                continue
        index += 1
    return matches, end


def _run_end(text: str, index: int, end: int) -> int:
    while index < end and _in_run(text, index):
        index += 1
    return index


def _label_follows(text: str, index: int, end: int) -> bool:
    """True when a known label (after its enumerator, if any) starts at ``index``."""
    enumerator = _ENUMERATOR_AT.match(text, index, end)
    if enumerator is not None:
        index = enumerator.end()
    return index < end and _word_at(text, index, end) is not None


def _unknown_label(text: str, start: int, end: int) -> int | None:
    """The end of a row label the layouts do not know, at ``start``, or ``None``.

    An unknown label is short text without punctuation, then a run of values, then a known
    label: ``危及三安全一稳定0000000 4.保护第三方合法权益``.
    """
    index = start
    limit = min(end, start + 40)
    while index < limit and text[index] not in _DIGITS:
        if text[index] in ",;:。!?":
            return None
        index += 1
    if index >= limit:
        return None
    return index if _label_follows(text, _run_end(text, index, end), end) else None


def _pull_enumerators(text: str, matches: list[_Match], floor: int) -> None:
    """Extend row labels back over their enumerators (``2.`` glued to the digits before)."""
    for number, match in enumerate(matches):
        before = matches[number - 1].end if number else floor
        if match.unknown:
            found = _ANY_ENUMERATOR_BEFORE.search(text, before, match.start)
            if found is not None:
                match.start = found.start()
            continue
        if "t3row" not in match.word.roles and "t2row" not in match.word.roles:
            continue
        for enumerator in sorted(match.word.enumerators, key=len, reverse=True):
            if match.start - len(enumerator) >= before and text.startswith(
                enumerator, match.start - len(enumerator)
            ):
                match.start -= len(enumerator)
                match.enumerated = True
                break
        else:
            found = _ENUMERATOR_BEFORE.search(text, before, match.start)
            if found is not None:
                match.start = found.start()
                match.enumerated = True


def _table_like(text: str, matches: Sequence[_Match], stop: int) -> bool:
    """True for a region with two captions or header words, or labels with runs of values.

    Prose that names rows with figures (``予以公开27件，不予公开3件``) has punctuation and
    words between them; a table's labels are followed by values only.
    """
    good = 0
    for index, match in enumerate(matches):
        if match.word.roles & ({"caption"} | _HEADER_ROLES):
            good += 1
            continue
        gap_end = matches[index + 1].start if index + 1 < len(matches) else stop
        if match.end < gap_end and _run_end(text, match.end, gap_end) == gap_end:
            good += 1
    return len(matches) >= 2 and good >= 2


class _Cutter:
    """Cuts the physical lines of a glued text into pieces."""

    def __init__(self, version: FormatVersion) -> None:
        self.version = version
        self.pieces: list[_Piece] = []
        self.last_heading = 0

    def line(self, number: int, raw: str) -> None:
        copy = _copy(raw)
        if not copy.text:
            return
        floor = 0
        for heading in _headings(copy, raw, self.last_heading):
            self._segment(number, raw, copy, floor, heading.start)
            self.pieces.append(
                _Piece(
                    "heading",
                    number,
                    [(copy.raw_start(heading.start), copy.raw_end(heading.end))],
                )
            )
            self.last_heading = heading.number
            floor = heading.end
        self._segment(number, raw, copy, floor, len(copy.text))

    def _text(self, number: int, raw: str, start: int, end: int) -> None:
        if raw[start:end].strip():
            self.pieces.append(_Piece("text", number, [(start, end)]))

    def _segment(self, number: int, raw: str, copy: _Copy, start: int, end: int) -> None:
        text = copy.text
        prose = start
        position = start
        while position < end:
            anchor = _ANCHOR.search(text, position, end)
            if anchor is None:
                break
            matches, stop = _scan(text, anchor.start(), end)
            _pull_enumerators(text, matches, prose)
            if not _table_like(text, matches, stop):  # labels in the prose, not a table
                position = max(stop, anchor.end())
                continue
            first = matches[0].start
            self._text(number, raw, copy.raw_start(prose), copy.raw_start(first))
            self._table(number, raw, copy, matches, stop)
            prose = position = stop
        self._text(number, raw, copy.raw_start(prose), copy.raw_end(end) if end else 0)

    def _table(self, number: int, raw: str, copy: _Copy, matches: list[_Match], stop: int) -> None:
        state = _Assembly(self, number, raw)
        for index, match in enumerate(matches):
            gap_end = matches[index + 1].start if index + 1 < len(matches) else stop
            span = (copy.raw_start(match.start), copy.raw_end(match.end))
            run_span = (copy.raw_end(match.end), copy.raw_start(gap_end))
            has_run = bool(raw[run_span[0] : run_span[1]].strip())
            state.word(match, span, has_run)
            if has_run:
                state.run(run_span)
        state.close()


class _Assembly:
    """Groups a table region's labels and runs into captions, headers and rows."""

    def __init__(self, cutter: _Cutter, number: int, raw: str) -> None:
        self.cutter = cutter
        self.number = number
        self.raw = raw
        self.header: _Piece | None = None
        self.labels: list[Span] = []
        self.table = ""
        self.leaf = False
        self.context = ""

    def _emit(self, piece: _Piece) -> None:
        self.cutter.pieces.append(piece)

    def close_header(self) -> None:
        if self.header is not None:
            self._emit(self.header)
            self.context = self.header.table
            self.header = None

    def close_row(self) -> None:
        if self.labels:
            self._emit(_Piece("row", self.number, self.labels, self.table))
            self.context = self.table
        self.labels = []
        self.leaf = False

    def close(self) -> None:
        self.close_header()
        self.close_row()

    def _role(self, match: _Match, has_run: bool) -> str:
        roles = match.word.roles
        if match.unknown:
            return "unknown"
        if "caption" in roles:
            return "caption"
        headers = roles & _HEADER_ROLES
        if "t3row" in roles and (match.enumerated or not headers):
            return "t3row"
        if "t2row" in roles:
            return "t2row"
        if self.header is not None and f"{self.header.table}head" in headers:
            return f"{self.header.table}head"
        if "t3row" in roles and has_run and self.context == "t3":
            return "t3row"
        if f"{self.context}head" in headers:
            return f"{self.context}head"
        return sorted(headers)[0]

    def word(self, match: _Match, span: Span, has_run: bool) -> None:
        role = self._role(match, has_run)
        if role == "caption":
            self.close()
            self._emit(_Piece("caption", self.number, [span], "t2"))
            self.context = "t2"
        elif role.endswith("head"):
            table = role[:2]
            self.close_row()
            if self.header is None or self.header.table != table:
                self.close_header()
                self.header = _Piece("header", self.number, [], table)
            self.header.spans.append(span)
        elif role == "t3row":
            self.close_header()
            label = self.raw[span[0] : span[1]]
            group = t3_row_key(label, self.cutter.version) is None and is_t3_group(label)
            if self.leaf or self.table != "t3":
                self.close_row()
            self.table = "t3"
            self.labels.append(span)
            self.leaf = not group
        else:  # a table-二 row or an unknown label
            self.close()
            self.table = "t2" if role == "t2row" else (self.context or "t3")
            self.labels = [span]
            self.leaf = True

    def run(self, span: Span) -> None:
        if self.labels:
            self._emit(_Piece("row", self.number, self.labels, self.table, span))
            self.context = self.table
            self.labels = []
            self.leaf = False
        elif (self.header is not None and self.header.table == "t4") or (
            self.header is None and self.context == "t4"
        ):
            self.close_header()
            self._emit(_Piece("t4data", self.number, [], "t4", span))
        else:
            self.close_header()
            self._emit(_Piece("text", self.number, [span]))


# -- splitting runs of digits ------------------------------------------------------------------

_PART: dict[str, regex.Pattern[str]] = {
    "strict": regex.compile(r"(?:0|[1-9][0-9]*|/|-|无)"),
    "count": regex.compile(r"(?:(?:0|[1-9][0-9]*)[个件条项]?|/|-|无)"),
    "signed": regex.compile(r"(?:[+\-]?(?:0|[1-9][0-9]*)|/|-|无)"),
    "amount": regex.compile(r"(?:(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:万元|元)?|/|-|无)"),
}


@attrs.frozen
class _Segment:
    """Characters of a run between hard boundaries, with their raw indexes."""

    text: str
    where: tuple[int, ...]


def _segments(raw: str, span: Span) -> list[_Segment] | None:
    """The run's segments: cut at spaces, before a sign, after a unit, around null markers.

    Returns ``None`` when the run holds a character no value has.

    Examples:
        >>> run = "20+1737 1个246900元 / 5"
        >>> [segment.text for segment in _segments(run, (0, len(run))) or []]
        ['20', '+1737', '1个', '246900元', '/', '5']
    """
    segments: list[_Segment] = []
    chars: list[str] = []
    where: list[int] = []

    def cut() -> None:
        if chars:
            segments.append(_Segment("".join(chars), tuple(where)))
            chars.clear()
            where.clear()

    start, end = span
    for index in range(start, end):
        char = _char(raw[index])
        following = _char(raw[index + 1]) if index + 1 < end else ""
        if not char:
            cut()
        elif char in "+-" and following in _DIGITS:
            cut()
            chars.append(char)
            where.append(index)
        elif char in "/-无":
            cut()
            chars.append(char)
            where.append(index)
            cut()
        elif char in _DIGITS or char == "." or (char == "万" and following == "元"):
            chars.append(char)
            where.append(index)
        elif char in _UNIT_CHARS and chars:
            chars.append(char)
            where.append(index)
            cut()
        else:
            return None
    cut()
    return segments


@attrs.frozen
class _Rule:
    """A row identity: part ``target`` is the sum of the ``sources`` (all before it)."""

    target: int
    sources: tuple[int, ...]


class _TooMany(Exception):
    """An enumeration went past its bounds."""


class _Budget:
    """Steps a search may still take; spending past them raises :class:`_TooMany`."""

    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise _TooMany


Split = tuple[tuple[str, int], ...]
"""A split of a run: each part's raw text and raw start index."""


def _splits(
    raw: str,
    segments: Sequence[_Segment],
    kinds: Sequence[str],
    rules: Sequence[_Rule] = (),
    limit: int = MAX_CANDIDATES,
    budget: _Budget | None = None,
) -> list[Split]:
    """The splits of a run into ``len(kinds)`` parts that satisfy ``rules``, at most ``limit``.

    A part never crosses a segment; a total named by a rule must print the sum of its sources.
    A row whose last part is the sum of all the others (table 三's 总计) is split total first:
    each possible last part fixes the sum the others must reach, which prunes the search.

    Raises:
        _TooMany: More than ``limit`` splits, or more steps than ``budget`` (by default
            :data:`MAX_STEPS`) allows.

    Examples:
        >>> raw = "640020470"
        >>> [[t for t, _ in s] for s in _splits(raw, _segments(raw, (0, 9)) or [], ["strict"] * 7,
        ...                                     [_Rule(6, (0, 1, 2, 3, 4, 5))])]
        [['64', '0', '0', '2', '0', '4', '70']]
    """
    if sum(len(segment.text) for segment in segments) > MAX_RUN:
        raise _TooMany
    walker = _Walker(raw, kinds, rules, limit, budget or _Budget(MAX_STEPS))
    last = len(kinds) - 1
    closing = any(
        rule.target == last and sorted(rule.sources) == list(range(last)) for rule in rules
    )
    if not closing or not segments or not all(_all_digits(s.text) for s in segments):
        walker.walk(list(segments))
        return walker.results
    tail = segments[-1]
    for length in range(1, min(len(tail.text), MAX_PART) + 1):
        total = tail.text[len(tail.text) - length :]
        if not _PART[kinds[last]].fullmatch(total):
            continue
        head = list(segments[:-1])
        if length < len(tail.text):
            head.append(_Segment(tail.text[:-length], tail.where[:-length]))
        first = tail.where[len(tail.text) - length]
        walker.walk(head, int(total), (total, raw[first : tail.where[-1] + 1], first))
    return walker.results


class _Walker:
    """The depth-first search behind :func:`_splits`, bounded by a budget of steps."""

    def __init__(
        self,
        raw: str,
        kinds: Sequence[str],
        rules: Sequence[_Rule],
        limit: int,
        budget: _Budget,
    ) -> None:
        self.raw = raw
        self.kinds = kinds
        self.patterns = [_PART[kind] for kind in kinds]
        self.targets = {rule.target: rule.sources for rule in rules}
        self.limit = limit
        self.budget = budget
        self.results: list[Split] = []

    def walk(
        self,
        segments: list[_Segment],
        total: int | None = None,
        closing: tuple[str, str, int] | None = None,
    ) -> None:
        """Add the splits of ``segments``; with ``total``, all their parts add up to it."""
        wanted = len(self.kinds) - (closing is not None)
        widest = len(str(total)) if total is not None else MAX_PART  # no part exceeds the total
        parts: list[tuple[str, str, int]] = []  # matching text, raw text, raw start
        left = [0] * (len(segments) + 1)
        for index in range(len(segments) - 1, -1, -1):
            left[index] = left[index + 1] + len(segments[index].text)

        def required(index: int) -> str | None:
            sources = self.targets.get(index)
            if sources is None or any(source >= index for source in sources):
                return None
            sum_ = 0
            for source in sources:
                text = parts[source][0]
                if not _all_digits(text):
                    return None
                sum_ += int(text)
            return str(sum_)

        def step(segment: int, offset: int, reached: int) -> None:
            self.budget.spend()
            index = len(parts)
            if index == wanted or segment == len(segments):
                if index == wanted and segment == len(segments) and reached == (total or 0):
                    done = [*parts, closing] if closing is not None else parts
                    self.results.append(tuple((text, start) for _, text, start in done))
                    if len(self.results) > self.limit:
                        raise _TooMany
                return
            chars = segments[segment]
            rest = left[segment] - offset
            if wanted - index > rest or wanted - index < len(segments) - segment:
                return
            more = wanted - index
            if total is not None and (  # the parts left cannot take the sum to the total
                reached > total
                or reached + 10 ** (rest - more + 1) + 9 * more < total
                or rest > more * widest
            ):
                return
            expected = required(index)
            if expected is not None:
                fits = chars.text.startswith(expected, offset)
                ends: Iterator[int] | range = iter([offset + len(expected)] if fits else [])
            else:
                ends = range(offset + 1, min(len(chars.text), offset + widest) + 1)
            for stop in ends:
                text = chars.text[offset:stop]
                if not self.patterns[index].fullmatch(text):
                    if text[0] == "0" and len(text) > 1 and text[1] != ".":
                        break  # every longer part has the same leading zero
                    continue
                value = int(text) if total is not None else 0
                first = chars.where[offset]
                parts.append((text, self.raw[first : chars.where[stop - 1] + 1], first))
                if stop == len(chars.text):
                    step(segment + 1, 0, reached + value)
                else:
                    step(segment, stop, reached + value)
                parts.pop()

        step(0, 0, 0)


def _count(
    segments: Sequence[_Segment], kinds: Sequence[str], budget: _Budget | None = None
) -> int:
    """How many splits the run has, whatever the sums (counted, not enumerated).

    Raises:
        _TooMany: The count takes more steps than ``budget`` allows.

    Examples:
        >>> _count(_segments("640020470", (0, 9)) or [], ["strict"] * 7)
        12
    """
    wanted = len(kinds)
    spend = (budget or _Budget(MAX_STEPS)).spend

    @functools.cache
    def valid(segment: int, offset: int, stop: int, kind: str) -> bool:
        return bool(_PART[kind].fullmatch(segments[segment].text, offset, stop))

    @functools.cache
    def ways(segment: int, offset: int, index: int) -> int:
        if segment == len(segments):
            return 1 if index == wanted else 0
        if index == wanted:
            return 0
        chars = segments[segment].text
        total = 0
        spend()
        for stop in range(offset + 1, min(len(chars), offset + MAX_PART) + 1):
            if valid(segment, offset, stop, kinds[index]):
                if stop == len(chars):
                    total += ways(segment + 1, 0, index + 1)
                else:
                    total += ways(segment, stop, index + 1)
        return total

    return ways(0, 0, 0)


def _all_digits(text: str) -> bool:
    return bool(text) and all(char in _DIGITS for char in text)


def _number(text: str) -> int | None:
    return int(text) if _all_digits(text) else None


def _not_above(part: str, whole: str) -> bool:
    """False only when both cells print counts and ``part`` is the larger."""
    low, high = _figure_value(part), _figure_value(whole)
    return low is None or high is None or low <= high


# -- the reader --------------------------------------------------------------------------------


def _pipe_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.count("|") >= 2 or stripped.startswith("|") or stripped.endswith("|")


_MARKUP = regex.compile(r"<\s*(?:table|tr|td|th|div|p|br)\b", regex.IGNORECASE)


def _is_glued(lines: Sequence[str]) -> bool:
    """True when a long line holds labels glued to runs of values glued to the next label."""
    if any("\t" in line or _pipe_row(line) or _MARKUP.search(line) for line in lines):
        return False  # a tab, pipe or HTML rendering: other readers read it
    for line in lines:
        if len(line) <= LONG_LINE:
            continue
        text = _copy(line).text
        labels = {
            match.group(1)
            for match in _GLUED_LABEL.finditer(text)
            if _label_follows(text, _run_end(text, match.end(), len(text)), len(text))
        }
        if len(labels) >= MIN_GLUED_LABELS:
            return True
    return False


_ONLY_2021 = (*FORMAT_MARKERS["2021"], LAYOUTS["2021"].t3_row("other.overdue_fee").label)


def _detect_version(lines: Sequence[str]) -> FormatVersion:
    """The format, by the labels only one format prints (each counted once), else the year."""
    text = "".join(normalize(line) for line in lines)
    votes = {
        version: sum(normalize(marker) in text for marker in markers)
        for version, markers in (("2021", _ONLY_2021), ("2019", FORMAT_MARKERS["2019"]))
    }
    if votes["2021"] != votes["2019"]:
        return "2021" if votes["2021"] > votes["2019"] else "2019"
    year = _YEAR.search(text)
    return (
        "2019" if year is not None and format_for_year(int(year.group()[:4])) == "2019" else "2021"
    )


def read_glued(text: str) -> tuple[list[Line], list[Finding]] | None:
    r"""Lines and findings for glued text, or ``None`` when ``text`` is not glued.

    The text is glued when a line longer than :data:`LONG_LINE` characters holds at least
    :data:`MIN_GLUED_LABELS` table row labels followed directly by digits, and no line is a tab
    or pipe row or holds HTML markup (those renderings have their own readers).

    Args:
        text: The whole text of a report.

    Returns:
        The significant lines — prose pieces, headings, and table rows with their cells, each
        with the physical line it comes from and its cells' columns — and the findings about
        the splits (``P301`` inferred, ``P302`` left out); or ``None``.

    Examples:
        >>> read_glued("规章\t0\t0\t0") is None
        True
        >>> text = ("一、总体情况" + "本机关依法公开政府信息。" * 25
        ...         + "三、收到和处理政府信息公开申请情况"
        ...         "一、本年新收政府信息公开申请数量640020470"
        ...         "二、上年结转政府信息公开申请数量0000000"
        ...         "三、本年度办理结果（一）予以公开2000002（七）总计2000002")
        >>> lines, findings = read_glued(text)
        >>> [line.text for line in lines if line.cells is None][::2]
        ['一、总体情况', '三、收到和处理政府信息公开申请情况']
        >>> rows = [line.cells for line in lines if line.cells]
        >>> rows[0]
        ('一、本年新收政府信息公开申请数量', '64', '0', '0', '2', '0', '4', '70')
        >>> rows[2][:3], rows[3][:2]
        (('三、本年度办理结果', '（一）予以公开', '2'), ('（七）总计', '2'))
        >>> [(f.code, f.key, f.line, f.column) for f in findings]
        [('P301', 't3.new_received', 1, 340)]
    """
    if "\t" in text:
        return None  # a tab rendering (as _is_glued would find, sooner)
    physical = text.splitlines()
    if not _is_glued(physical):
        return None
    version = _detect_version(physical)
    cutter = _Cutter(version)
    for number, raw in enumerate(physical, start=1):
        if raw.strip():
            cutter.line(number, raw)
    _split_title(cutter.pieces, physical)
    return _Resolver(cutter.pieces, physical, version).resolve()


_YEAR = regex.compile(r"(?:19|20)\d\d\s*年")
_NOT_TITLE = ("根据", "本报告", "当前位置", "。", "，")


def _title_like(text: str) -> bool:
    return (
        len(text) <= 80
        and ("报告" in text or "年报" in text)
        and _YEAR.search(text) is not None
        and not any(word in text for word in _NOT_TITLE)
    )


def _split_title(pieces: list[_Piece], physical: Sequence[str]) -> None:
    """Give the report's title a line of its own when it is only printed inside the chrome.

    Crawled pages print the title in the breadcrumb (``当前位置：首页… 某局2019年度…年度报告
    时间：…``); the parser takes the title, agency and year from a line of its own before the
    first heading.
    """
    before: list[int] = []
    for index, piece in enumerate(pieces):
        if piece.kind == "heading":
            break
        if piece.kind == "text":
            start, end = piece.spans[0]
            if _title_like(physical[piece.number - 1][start:end].strip()):
                return
            before.append(index)
    for index in before:
        piece = pieces[index]
        start, end = piece.spans[0]
        raw = physical[piece.number - 1]
        for token in regex.finditer(r"\S+", raw[start:end]):
            if _title_like(token.group()):
                cut = (start + token.start(), start + token.end())
                pieces[index : index + 1] = [
                    _Piece("text", piece.number, [span])
                    for span in ((start, cut[0]), cut, (cut[1], end))
                    if raw[span[0] : span[1]].strip()
                ]
                return


# -- resolving the rows' splits ----------------------------------------------------------------

_STATED: dict[str, tuple[str, ...]] = {
    "issued": ("制发",),
    "repealed": ("废止",),
    "in_force": ("现行有效",),
    "made": ("新制作",),
    "published": ("新公开",),
    "total_published": ("对外公开总",),
    "previous": ("上一年", "上年"),
    "change": ("增/减", "增减", "新增", "增加", "减少"),
    "decisions": ("决定",),
    "count": ("项目数",),
    "amount": ("金额",),
}
"""Words by which the prose names a table-二 column (``本年度制发的规范性文件88件``).

A clause naming no column states a figure of the row whose column is not known; a clause
naming two columns is not used; nor is one naming a signed or amount column (本年增/减,
金额), whose figures the prose prints otherwise than the table (``减少3项`` for ``-3``).
"""

_CLAUSE = regex.compile(r"[^。;,!?]+")

_SPACE_BETWEEN_DIGITS = regex.compile(r"(?<=\d)\s+(?=\d)")
"""White space between two digits, which :func:`~._text.normalize` would remove: a boundary."""

_FIGURE = regex.compile(
    r"[类信息事项决定书案件共计为达的数量总]{0,6}(?<![0-9])([0-9]{1,16}+)[件条项个份部起宗]"
)
"""What may follow a row's label in the prose for the number after it to be the row's figure:
a few words of the row's own vocabulary (``类``, ``信息``, ``事项``, ``决定书``, ``共``…), then the
number and a unit of count (``行政许可类37条``, ``行政处罚决定书103份``). Linear: the words
hold no digit and the number is taken whole (possessive, never from inside a number, and of at
most :data:`MAX_PART` digits, as a cell)."""

_PART_OF: tuple[tuple[str, str, str, str], ...] = (
    # format.md §3.2 (2019 table 二, 第二十条第（一）项): 对外公开总数量 is the number of the
    # documents made public in all, so it counts the ones made public this year
    # (本年新公开数量) among them, and a part cannot exceed its whole; counts are
    # non-negative integers (R6). (本年新制作数量 is no such part: a document made this year
    # may be made public later, and gh/009 prints 14/1/1.)
    (
        "published",
        "total_published",
        "本年新公开数量不超过对外公开总数量",
        "本年新公开数量 (made public this year) does not exceed 对外公开总数量 (in all)",
    ),
)
"""Certain relations between the cells of a table-二 row: (part, whole, zh, en)."""

_BASIS = {
    "row": ("本行合计（总计等于各列之和）", "the row's sum (the total equals its parts)"),
    "block": (
        "各栏合计（总计等于结果维持、结果纠正、其他结果、尚未审结之和）",
        "each block's sum (the total equals its four parts)",
    ),
    "table": ("全表的勾稽关系", "the table's sums across rows and columns"),
    "text": ("报告正文所述的数字", "the figures stated in the report's text"),
    "constraint": ("表二各列之间的必然关系", "the certain relations between table 二's columns"),
}


_NOT_BARE = frozenset({"previous", "change", "amount"})
"""Columns a figure the prose states without naming a column is never taken for: 上一年项目数量
counts the year before, 本年增/减 is a change, not a count (the prose names it: ``新增3项``), and
amounts carry money units."""


@attrs.frozen
class _Figure:
    """A figure the prose of 一、总体情况 states for a table-二 row.

    Attributes:
        columns: The indexes of the columns it may be: the one the clause names, or, when it
            names none, every column not in :data:`_NOT_BARE`.
        named: True when the clause names the column.
        value: The number.
        quote: The words that state it (``行政许可类37条``), in matching form.
    """

    columns: tuple[int, ...]
    named: bool
    value: int
    quote: str


def _figure_value(text: str) -> int | None:
    """A cell's count, to compare with a figure of the prose: digits, perhaps with a unit.

    Signed cells (``+17``), amounts and null markers give ``None``: they match no figure.

    Examples:
        >>> [_figure_value(text) for text in ("37", "1个", "+17", "6805947.43元", "/")]
        [37, 1, None, None, None]
    """
    core = text[:-1] if text and text[-1] in "个件条项" else text
    return int(core) if _all_digits(core) else None


def _holds(split: Split, figure: _Figure) -> list[int]:
    """The columns of ``split`` whose cells print ``figure``, among the columns it may be."""
    return [column for column in figure.columns if _figure_value(split[column][0]) == figure.value]


@attrs.frozen
class _Verdict:
    """What the figures of the prose say about a row's consistent splits.

    Attributes:
        agreeing: The splits the figures leave (all of them when the figures narrow nothing).
        used: The figures that did the narrowing.
        matching: How many splits agree with the figures: those left by the figures that name
            their column and, if the prose states others, print one of those.
        reason: Why the figures did not decide, in Chinese and English, when they did not.
    """

    agreeing: list[Split]
    used: tuple[_Figure, ...]
    matching: int
    reason: tuple[str, str] | None = None


_CONFLICT = ("正文所述的数字分别指向不同的拆法", "the text's figures point to different splits")


def _weigh(splits: Sequence[Split], figures: Sequence[_Figure]) -> _Verdict:
    """Narrow ``splits`` with the prose's ``figures``; decide only when exactly one is left.

    A figure stated for a column keeps the splits whose cell in that column prints it. A
    figure whose column the prose does not name is ignored when no split prints it (the prose
    may count something else); otherwise it decides only when exactly one split prints it, in
    exactly one cell, and that split prints every such figure too. A figure that several
    splits print, or one split in several cells, decides nothing; figures that point to
    different splits decide nothing either.

    Examples:
        >>> splits = [(("20", 0), ("+1", 2), ("737", 4)), (("20", 0), ("+17", 2), ("37", 5))]
        >>> verdict = _weigh(splits, [_Figure((0, 2), False, 37, "行政许可类37条")])
        >>> [[text for text, _ in split] for split in verdict.agreeing]
        [['20', '+17', '37']]
        >>> len(_weigh(splits, [_Figure((0, 2), False, 20, "行政许可20项")]).agreeing)
        2
    """
    named = tuple(figure for figure in figures if figure.named)
    agreeing = [split for split in splits if all(_holds(split, f) for f in named)]
    loose = [f for f in figures if not f.named and any(_holds(split, f) for split in splits)]
    whole = [split for split in agreeing if all(_holds(split, f) for f in loose)]
    if len(agreeing) == 1:  # the named figures decide, if the others do not contradict them
        if whole:
            return _Verdict(agreeing, (*named, *loose), 1)
        return _Verdict([], named, 0, _CONFLICT)
    if not agreeing:
        return _Verdict(agreeing, named, 0)
    if not loose:
        reason = None
        if len(loose) < len(figures) - len(named):
            reason = ("正文所述的数字不见于任何一种拆法", "no split prints the text's figures")
        return _Verdict(agreeing, named, len(agreeing) if reason is None else 0, reason)
    picked: set[int] = set()
    printing: set[int] = set()
    twice = False
    for figure in loose:
        holders = [(index, _holds(split, figure)) for index, split in enumerate(agreeing)]
        holders = [(index, columns) for index, columns in holders if columns]
        printing.update(index for index, _ in holders)
        if len(holders) == 1 and len(holders[0][1]) == 1:
            picked.add(holders[0][0])
        elif len(holders) == 1:
            twice = True
    if len(picked) == 1 and agreeing[min(picked)] in whole:
        return _Verdict([agreeing[min(picked)]], (*named, *loose), 1)
    if picked or not whole:
        reason = _CONFLICT
    elif twice:
        reason = (
            "正文所述的数字在同一种拆法中出现于多个单元格",
            "a figure of the text is printed in several cells of one split",
        )
    else:
        reason = (
            f"正文所述的数字见于 {len(printing)} 种拆法",
            f"the text's figures are printed by {len(printing)} splits",
        )
    return _Verdict(agreeing, named, len(whole), reason)


@attrs.define
class _Row:
    """A row piece being resolved: what it is, its run, its splits and the outcome."""

    piece: _Piece
    table: str
    key: str | None
    label: str
    run: str
    column: int
    kinds: list[str]
    rules: list[_Rule]
    segments: list[_Segment] | None = None
    candidates: list[Split] = attrs.Factory(list)
    possible: int = 0
    chosen: Split | None = None
    basis: str = ""
    consistent: int = 0
    problem: tuple[str, str] | None = None
    figures: tuple[_Figure, ...] = ()
    relations: tuple[str, ...] = ()


class _Resolver:
    """Splits the runs of the row pieces and turns the pieces into lines and findings."""

    def __init__(self, pieces: list[_Piece], physical: list[str], version: FormatVersion) -> None:
        self.pieces = pieces
        self.physical = physical
        self.version = version
        self.layout: FormatLayout = LAYOUTS[version]
        self.findings: list[Finding] = []
        self.stated: dict[str | None, tuple[_Figure, ...]] = {}
        self.overview: list[str] | None = None
        self.budget = _Budget(MAX_DOCUMENT_STEPS)

    def raw(self, piece: _Piece, span: Span) -> str:
        return self.physical[piece.number - 1][span[0] : span[1]]

    def resolve(self) -> tuple[list[Line], list[Finding]]:
        rows = {
            id(piece): self._row(piece)
            for piece in self.pieces
            if piece.run is not None and piece.kind in ("row", "t4data")
        }
        by_table: dict[str, list[_Row]] = {"t2": [], "t3": [], "t4": []}
        for row in rows.values():
            by_table.setdefault(row.table, []).append(row)
        for row in by_table["t2"]:
            self._t2(row)
        for row in by_table["t3"]:
            self._alone(row)
        self._joint(by_table["t3"])
        for row in by_table["t4"]:
            self._alone(row)
        lines: list[Line] = []
        for piece in self.pieces:
            resolved = rows.get(id(piece))
            if resolved is not None:
                self._report(resolved)
            line = self._line(piece, resolved)
            if line is not None:
                lines.append(line)
        return lines, self.findings

    # -- rows -----------------------------------------------------------------------------------

    def _row(self, piece: _Piece) -> _Row:
        assert piece.run is not None
        printed = self.raw(piece, piece.run)
        column = piece.run[0] + len(printed) - len(printed.lstrip()) + 1
        labels = [self.raw(piece, span).strip() for span in piece.spans]
        label = labels[-1] if labels else "表四"
        row = _Row(piece, piece.table, None, label, printed.strip(), column, [], [])
        if piece.kind == "t4data":
            row.key = "t4"
            row.kinds = ["strict"] * len(T4_COLUMNS) * len(T4_BLOCKS)
            rule = self._row_rule("t4", [column.key for column in T4_COLUMNS])
            if rule is not None:
                width = len(T4_COLUMNS)
                row.rules = [
                    _Rule(
                        rule.target + width * block, tuple(s + width * block for s in rule.sources)
                    )
                    for block in range(len(T4_BLOCKS))
                ]
        elif piece.table == "t2":
            row.key = t2_row_key(label, self.version) or t2_row_key(label)
            spec = self._t2_block(row.key)
            if spec is not None:
                row.kinds = [column.kind for column in spec.columns]
        else:
            row.key = t3_row_key(label, self.version)
            if row.key is not None:
                row.kinds = ["strict"] * len(self.layout.t3_columns)
                rule = self._row_rule("t3", [column.key for column in self.layout.t3_columns])
                row.rules = [rule] if rule is not None else []
        if row.key is None or not row.kinds:
            row.problem = (
                f"{label} 不是本格式（{self.version}）表格中的行",
                f"{label} is not a row of the {self.version} format's tables",
            )
            return row
        row.segments = _segments(self.physical[piece.number - 1], piece.run)
        if row.segments is None:
            row.problem = ("含有不属于数值的字符", "it holds characters no value has")
        return row

    def _row_rule(self, table: str, columns: list[str]) -> _Rule | None:
        for identity in self.layout.identities:
            if identity.table == table and identity.over == "rows":
                target = columns.index(identity.left[0])
                sources = tuple(columns.index(key) for key in identity.right)
                if all(source < target for source in sources):
                    return _Rule(target, sources)
        return None

    def _t2_block(self, key: str | None) -> T2BlockSpec | None:
        if key is None:
            return None
        for layout in (self.layout, *LAYOUTS.values()):
            try:
                return layout.t2_row(key)[0]
            except KeyError:
                continue
        return None  # pragma: no cover - every table-二 key is in a layout

    def _enumerate(self, row: _Row, rules: Sequence[_Rule]) -> bool:
        """Count the row's splits and keep those that satisfy ``rules``; False past the caps."""
        assert row.segments is not None
        length = sum(len(segment.text) for segment in row.segments)
        if length > MAX_RUN:
            row.problem = (
                f"连写的数字有 {length} 位，超出拆分的上限 {MAX_RUN} 位",
                f"the run has {length} characters, more than the {MAX_RUN} the reader splits",
            )
            return False
        allowed = min(MAX_STEPS, self.budget.left)
        budget = _Budget(allowed)
        try:
            row.possible = _count(row.segments, row.kinds, budget)
            if row.possible:
                raw = self.physical[row.piece.number - 1]
                row.candidates = _splits(raw, row.segments, row.kinds, rules, budget=budget)
        except _TooMany:
            if allowed < MAX_STEPS and budget.left < 0:
                row.problem = (
                    "本文本可用于拆分的步数已经用完",
                    "the steps the reader spends on the splits of one text are used up",
                )
            else:
                row.problem = ("可能的拆法过多，超出逐一检验的上限", "too many possible splits")
            return False
        finally:
            self.budget.left -= allowed - max(budget.left, 0)
        if not row.possible:
            row.problem = (
                f"印出的内容无法拆为 {len(row.kinds)} 个单元格的数值",
                f"what is printed cannot be split into {len(row.kinds)} cells' values",
            )
            return False
        row.consistent = len(row.candidates)
        return True

    def _alone(self, row: _Row) -> None:
        """Table 三 and 四 rows: the splits that satisfy the row's own sums."""
        if row.problem is not None or not self._enumerate(row, row.rules):
            return
        if len(row.candidates) == 1:
            row.chosen = row.candidates[0]
            row.basis = "row" if row.table == "t3" else "block"
        elif not row.candidates:
            if row.possible == 1:  # the only split there is: the report's own sums do not hold
                assert row.segments is not None
                raw = self.physical[row.piece.number - 1]
                row.chosen = _splits(raw, row.segments, row.kinds)[0]
            else:
                row.problem = (
                    f"{row.possible} 种可能的拆法中没有一种与合计相符",
                    f"none of {row.possible} possible splits agrees with the sums",
                )
        elif row.table != "t3":
            row.problem = (
                f"{row.possible} 种可能的拆法中 {len(row.candidates)} 种与合计相符",
                f"{len(row.candidates)} of {row.possible} possible splits agree with the sums",
            )

    def _t2(self, row: _Row) -> None:
        """Table 二 rows: the only split, or the only one that evidence of the report leaves.

        Table 二 has no sums. A run that splits several ways is narrowed by the certain
        relations between the row's columns (:data:`_PART_OF`), then by the figures that the
        prose of 一、总体情况 states for the row (spec R10), and chosen only when exactly one
        split is left.
        """
        if row.problem is not None or not self._enumerate(row, ()):
            return
        if len(row.candidates) == 1:
            row.chosen = row.candidates[0]
            return
        block = self._t2_block(row.key)
        assert block is not None  # a row with kinds has a block
        keys = [column.key for column in block.columns]
        relations = [
            relation for relation in _PART_OF if relation[0] in keys and relation[1] in keys
        ]
        consistent = [
            split
            for split in row.candidates
            if all(
                _not_above(split[keys.index(part)][0], split[keys.index(whole)][0])
                for part, whole, _, _ in relations
            )
        ]
        row.consistent = len(consistent)
        if len(consistent) < len(row.candidates):
            row.relations = tuple(zh for _, _, zh, _ in relations)
        relation_zh = "、".join(zh for _, _, zh, _ in relations)
        relation_en = "; ".join(en for _, _, _, en in relations)
        if len(consistent) == 1:
            row.chosen = consistent[0]
            row.basis = "constraint"
            return
        if not consistent:
            row.problem = (
                f"{row.possible} 种可能的拆法中没有一种符合{relation_zh}",
                f"none of {row.possible} possible splits satisfies: {relation_en}",
            )
            return
        kept_zh = kept_en = ""
        if row.relations:
            kept_zh = f"，其中 {len(consistent)} 种符合{relation_zh}"
            kept_en = f", {len(consistent)} of them satisfy: {relation_en}"
        figures = self._stated(row.key)
        if not figures:
            row.problem = (
                f"表二没有勾稽关系，有 {row.possible} 种可能的拆法{kept_zh}，正文也未说明这些数字",
                f"table 二 has no sums; {row.possible} splits are possible{kept_en}, and the "
                "text does not state these figures",
            )
            return
        verdict = _weigh(consistent, figures)
        if len(verdict.agreeing) == 1:
            row.chosen = verdict.agreeing[0]
            row.basis = "text"
            row.figures = verdict.used
            return
        quotes = "、".join(f"“{figure.quote}”" for figure in figures)
        why_zh = why_en = ""
        if verdict.reason is not None:
            why_zh, why_en = f"：{verdict.reason[0]}", f" ({verdict.reason[1]})"
        row.problem = (
            f"表二没有勾稽关系，有 {row.possible} 种可能的拆法{kept_zh}，其中 "
            f"{verdict.matching} 种与正文所述数字（{quotes}）相符{why_zh}",
            f"table 二 has no sums; {row.possible} splits are possible{kept_en}, and "
            f"{verdict.matching} of {row.possible} possible splits agree with the figures "
            f"stated in the text{why_en}",
        )

    def _stated(self, key: str | None) -> tuple[_Figure, ...]:
        """Figures of a table-二 row stated in the prose of 一、总体情况 (cached per row)."""
        if key not in self.stated:
            self.stated[key] = self._find_stated(key)
        return self.stated[key]

    def _overview(self) -> list[str]:
        """The prose of 一、总体情况, piece by piece, in matching form (computed once)."""
        if self.overview is None:
            self.overview = []
            section = 0
            for piece in self.pieces:
                if piece.kind == "heading":
                    section = heading_number(self.raw(piece, piece.spans[0])) or section
                elif piece.kind == "text" and section == 1:
                    raw = _SPACE_BETWEEN_DIGITS.sub(",", self.raw(piece, piece.spans[0]))
                    self.overview.append(normalize(raw))
        return self.overview

    def _find_stated(self, key: str | None) -> tuple[_Figure, ...]:
        """The figures the prose of 一、总体情况 states for the row ``key``.

        A figure is a number with a unit of count right after one of the row's own labels,
        with at most a few words of its vocabulary between (:data:`_FIGURE`), in a clause that
        names no other row of table 二; its column is the one the clause names
        (:data:`_STATED`), if any. A column given two different figures keeps neither.
        """
        block = self._t2_block(key)
        if block is None:
            return ()
        own: list[str] = []
        others: list[str] = []
        for layout_block in self.layout.t2_blocks:
            for spec in layout_block.rows:
                forms = [normalize(label) for label in (spec.label, *spec.variants)]
                (own if spec.key == key else others).extend(forms)
        own.sort(key=len, reverse=True)
        others = [other for other in others if not any(other in mine for mine in own)]
        found: dict[int | None, dict[int, str]] = {}
        for text in self._overview():
            for clause in _CLAUSE.findall(text):
                if any(other in clause for other in others):
                    continue
                columns = [
                    index
                    for index, column in enumerate(block.columns)
                    if any(word in clause for word in _STATED.get(column.key, ()))
                ]
                if len(columns) > 1:
                    continue
                column = columns[0] if columns else None
                if column is not None and block.columns[column].kind in ("signed", "amount"):
                    continue
                for label in own:
                    at = clause.find(label)
                    while at >= 0:
                        match = _FIGURE.match(clause, at + len(label))
                        if match is not None:
                            values = found.setdefault(column, {})
                            values.setdefault(int(match.group(1)), clause[at : match.end()])
                        at = clause.find(label, at + len(label))
        bare = tuple(i for i, spec in enumerate(block.columns) if spec.key not in _NOT_BARE)
        return tuple(
            _Figure(bare if column is None else (column,), column is not None, value, quote)
            for column, values in found.items()
            if column is None or len(values) == 1
            for value, quote in values.items()
        )

    def _joint(self, rows: list[_Row]) -> None:
        """Table 三: choose among the rows' splits with the identities across rows, per column."""
        by_key: dict[str, _Row] = {}
        for row in rows:
            if row.key is not None and row.problem is None:
                by_key.setdefault(row.key, row)
        ambiguous = [key for key, row in by_key.items() if row.chosen is None]
        if not ambiguous:
            for row in rows:
                if row.chosen is None and row.problem is None:
                    self._ambiguous(row, 0)
            return
        values = {
            key: [
                tuple(_number(text) for text, _ in split)
                for split in ([row.chosen] if row.chosen is not None else row.candidates)
            ]
            for key, row in by_key.items()
        }
        constraints = [
            (identity.left, identity.right)
            for identity in self.layout.identities
            if identity.table == "t3"
            and identity.over == "columns"
            and all(key in by_key for key in (*identity.left, *identity.right))
        ]
        assignment = {key: values[key][0] for key, row in by_key.items() if row.chosen is not None}
        seen: dict[str, set[int]] = {key: set() for key in ambiguous}
        visits = 0

        def holds(left: Sequence[str], right: Sequence[str]) -> bool:
            known_left = all(key in assignment for key in left)
            known_right = all(key in assignment for key in right)
            for column in range(len(self.layout.t3_columns)):
                lefts = [assignment[key][column] for key in left if key in assignment]
                rights = [assignment[key][column] for key in right if key in assignment]
                if None in lefts or None in rights:
                    continue
                a = sum(v for v in lefts if v is not None)
                b = sum(v for v in rights if v is not None)
                if known_left and known_right and a != b:
                    return False
                if (known_left and b > a) or (known_right and a > b):
                    return False
            return True

        def walk(index: int, chosen: list[int]) -> None:
            nonlocal visits
            visits += 1
            if visits > MAX_COMBINATIONS:
                raise _TooMany
            if index == len(ambiguous):
                for key, number in zip(ambiguous, chosen, strict=True):
                    seen[key].add(number)
                return
            key = ambiguous[index]
            for number, value in enumerate(values[key]):
                assignment[key] = value
                if all(holds(left, right) for left, right in constraints):
                    walk(index + 1, [*chosen, number])
                del assignment[key]

        try:
            walk(0, [])
        except _TooMany:
            for key in ambiguous:
                by_key[key].problem = (
                    "各行拆法的组合过多，无法用全表勾稽关系判定",
                    "too many combinations of the rows' splits to check the table's sums",
                )
            return
        for key in ambiguous:
            row = by_key[key]
            if len(seen[key]) == 1:
                row.chosen = row.candidates[next(iter(seen[key]))]
                row.basis = "table"
            else:
                self._ambiguous(row, len(seen[key]))
        for row in rows:
            if row.chosen is None and row.problem is None:
                self._ambiguous(row, 0)

    def _ambiguous(self, row: _Row, agreeing: int) -> None:
        row.problem = (
            f"{row.possible} 种可能的拆法中 {len(row.candidates)} 种与本行合计相符，"
            f"{agreeing} 种与全表的勾稽关系相符",
            f"{len(row.candidates)} of {row.possible} possible splits agree with the row's sum "
            f"and {agreeing} with the table's sums",
        )

    # -- output ---------------------------------------------------------------------------------

    def _report(self, row: _Row) -> None:
        key = f"{row.table}.{row.key}" if row.key and row.key != "t4" else row.table
        if row.problem is not None:
            reason_zh, reason_en = row.problem
            self.findings.append(
                Finding(
                    "P302",
                    Severity.WARNING,
                    f"{row.label} 的数字连写为“{row.run}”，无法确定如何拆分为各列（{reason_zh}），"
                    "该行数值未读入",
                    f"{row.label}: digits printed together as '{row.run}' cannot be split into "
                    f"its columns with certainty ({reason_en}); the row's values are left out",
                    key=key,
                    line=row.piece.number,
                    column=row.column,
                )
            )
            return
        if row.chosen is None or row.possible == 1:
            return
        cells = "|".join(text for text, _ in row.chosen)
        basis = row.basis or "row"
        basis_zh, basis_en = _BASIS[basis]
        how_zh = how_en = after_zh = after_en = ""
        if basis == "table":
            how_zh = f" {row.consistent} 种与本行合计相符，其中"
            how_en = f" {row.consistent} agree with the row's sum, and of those"
        elif basis == "constraint":
            basis_zh += f"（{'、'.join(row.relations)}）"
            basis_en += f" ({'; '.join(row.relations)})"
        elif basis == "text":
            if row.relations:
                how_zh = f" {row.consistent} 种符合{'、'.join(row.relations)}，其中"
                how_en = f" {row.consistent} satisfy {'; '.join(row.relations)}, and of those"
            after_zh, after_en = self._evidence(row)
        self.findings.append(
            Finding(
                "P301",
                Severity.INFO,
                f"{row.label} 的数字连写为“{row.run}”，拆为 {cells}：{row.possible} "
                f"种可能的拆法中{how_zh}只有这一种与{basis_zh}相符{after_zh}",
                f"{row.label}: digits printed together as '{row.run}' split as {cells}: of "
                f"{row.possible} possible splits{how_en} only this one agrees "
                f"with {basis_en}{after_en}",
                key=key,
                line=row.piece.number,
                column=row.column,
            )
        )

    def _evidence(self, row: _Row) -> tuple[str, str]:
        """Which cells of a split chosen by the prose it prints, and which are inferred."""
        assert row.chosen is not None
        block = self._t2_block(row.key)
        assert block is not None
        printed: set[int] = set()
        for figure in row.figures:
            printed.update(_holds(row.chosen, figure))
        quotes = "、".join(f"“{figure.quote}”" for figure in row.figures)

        def named(columns: Iterator[int]) -> str:
            assert row.chosen is not None
            return "、".join(f"{block.columns[i].label} {row.chosen[i][0]}" for i in columns)

        shown = named(i for i in range(len(row.chosen)) if i in printed)
        inferred = named(i for i in range(len(row.chosen)) if i not in printed)
        if not inferred:
            return (f"（正文{quotes}）：{shown} 均见于正文", f" ({quotes}): {shown} all printed")
        return (
            f"（正文{quotes}）：{shown} 见于正文，{inferred} 据此推断",
            f" ({quotes}): {shown} printed in the text, {inferred} inferred from it",
        )

    def _line(self, piece: _Piece, row: _Row | None) -> Line | None:
        raw = self.physical[piece.number - 1]
        if piece.kind in ("text", "heading"):
            text = self.raw(piece, piece.spans[0]).strip()
            return Line(piece.number, text) if text else None
        if row is not None and row.chosen is None:
            return None
        cells = [(self.raw(piece, span).strip(), span[0] + 1) for span in piece.spans]
        cells = [(text, start) for text, start in cells if text]
        if row is not None and row.chosen is not None:
            cells.extend((text, start + 1) for text, start in row.chosen)
        if not cells:
            return None
        first = cells[0][1] - 1
        last = max(start - 1 + len(text) for text, start in cells)
        return Line(
            piece.number,
            raw[first:last],
            tuple(text for text, _ in cells),
            tuple(start for _, start in cells),
        )
