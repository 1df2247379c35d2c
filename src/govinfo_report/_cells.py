"""Reader for pipe, markdown and one-cell-per-line renderings, and space-separated value lines.

Web-to-text tools print a table's cells as ``cell | cell |`` rows (with or without a leading
``|``, padded with empty cells ``| |||``), as markdown rows (``|---|`` rules are skipped), or one
cell per line (ending `` |`` or not, a lone ``|`` for a blank cell, lines of bare pipes as
padding, blank lines between cells). PDF text layers print values separated by runs of spaces.

Rows printed on one line are kept as they are. Cells printed one per line are gathered back into
rows with the layouts: a known label starts a row, and the row takes the number of value cells
its layout gives. Where blank cells were dropped, so that the column of a printed number cannot
be known, the row is left out and a finding (``P303``) names its label and the printed values:
no number is placed by guess.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

import attrs
import regex

from ._classify import (
    Line,
    heading_number,
    is_t3_group,
    is_value_like,
    t2_caption_key,
    t2_row_key,
    t3_row_key,
    t4_block_key,
)
from ._text import label_key, normalize
from .findings import Finding, Severity
from .layouts import (
    FORMAT_MARKERS,
    LAYOUTS,
    T2_HEADER_LABEL,
    T3_COLUMNS,
    T3_HEADER_PIECES,
    T3_HEADER_WORDS,
    T4_BLOCKS,
    T4_COLUMNS,
    T4_HEADER_PIECES,
    T4_HEADER_WORDS,
    FormatVersion,
)

TokenKind = Literal["cell", "blank", "pad", "row", "text"]


@attrs.frozen
class _Token:
    """One physical line's contribution: a cell, a blank cell, padding, a whole row or text."""

    kind: TokenKind
    text: str
    line: int
    column: int
    cells: tuple[str, ...] = ()
    starts: tuple[int, ...] = ()


_MARKDOWN_RULE = regex.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_SPACED_VALUE = regex.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?")
_SPACE_RUN = regex.compile(r"[ \u3000\u00a0]+")
_PIPE_PAD = regex.compile(r"^[|\s]+$")
_MARKDOWN_HEADING = regex.compile(r"^#{1,6}\s+")


def _spaced_values(text: str) -> bool:
    """Two or more numbers separated by spaces and nothing else (a PDF text layer's row)."""
    pieces = _SPACE_RUN.split(text)
    return len(pieces) >= 2 and all(_SPACED_VALUE.fullmatch(piece) for piece in pieces)


def _split_pipes(raw: str) -> tuple[list[str], list[int]]:
    """Cells of a pipe line, without the structural leading and trailing pipes."""
    parts: list[str] = []
    starts: list[int] = []
    position = 1
    for part in raw.split("|"):
        offset = len(part) - len(part.lstrip())
        parts.append(part.strip())
        starts.append(position + offset)
        position += len(part) + 1
    if raw.lstrip().startswith("|"):
        parts, starts = parts[1:], starts[1:]
    if raw.rstrip().endswith("|") and parts:
        parts, starts = parts[:-1], starts[:-1]
    return parts, starts


def _is_row_label(text: str) -> bool:
    """A data row's label (not a header word such as 其他 or 总计, which also name columns)."""
    if normalize(text) in _T3_HEADER_WORDS or normalize(text) in _T4_WORDS:
        return False
    return (
        t2_row_key(text) is not None
        or t3_row_key(text) is not None
        or t4_block_key(text) is not None
    )


def _tokens(text: str) -> Iterator[_Token]:
    previous: TokenKind | None = None
    for token in _raw_tokens(text):
        # A lone pipe after a cell printed without one separates cells; elsewhere it is a blank.
        if token.kind == "blank" and previous == "text":
            previous = "pad"
            continue
        previous = token.kind
        yield token


def _raw_tokens(text: str) -> Iterator[_Token]:
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        if "|" in stripped:
            if _MARKDOWN_RULE.match(stripped):
                continue
            if _PIPE_PAD.match(stripped):
                yield _Token("blank" if stripped.count("|") == 1 else "pad", "", number, column)
                continue
            parts, starts = _split_pipes(raw)
            filled = [i for i, part in enumerate(parts) if part]
            if len(filled) >= 2:
                yield _Token("row", stripped, number, column, tuple(parts), tuple(starts))
                continue
            index = filled[0]
            if index == 0 and len(parts) > 1 and _is_row_label(parts[0]):
                # a data row whose cells are all blank, printed in full: the blanks are cells
                yield _Token("row", stripped, number, column, tuple(parts), tuple(starts))
                continue
            yield _Token("cell", parts[index], number, starts[index])
            if len(parts) > index + 1 or raw.rstrip().endswith("||"):
                yield _Token("pad", "", number, column)
            continue
        if _spaced_values(stripped):
            offset = column
            for piece in _SPACE_RUN.split(stripped):
                found = raw.find(piece, offset - 1)
                yield _Token("cell", piece, number, found + 1)
                offset = found + 1 + len(piece)
            continue
        heading = _MARKDOWN_HEADING.match(stripped)
        if heading is not None:  # markdown markup, not the report's text
            yield _Token("text", stripped[heading.end() :], number, column + heading.end())
            continue
        yield _Token("text", stripped, number, column)


_T3_HEADER_WORDS = frozenset(
    normalize(word)
    for word in (
        *T3_HEADER_WORDS,
        *T3_HEADER_PIECES,
        *(column.label for column in T3_COLUMNS),
    )
    if word != "勾稽"
)
_T4_WORDS = frozenset(
    normalize(word)
    for word in (
        *T4_HEADER_WORDS,
        *(block.label for block in T4_BLOCKS),
        *(column.label for column in T4_COLUMNS),
        *T4_HEADER_PIECES,
    )
    if word != "未经复议"
)
_PROSE_END = regex.compile(r"[。；;！!？?]")


def _is_t4_header_text(text: str, continuing: bool = False) -> bool:
    """Header words of table 四; a continuation line may hold only the short ones."""
    words = [piece for piece in _SPACE_RUN.split(text) if piece]
    if not words or not all(normalize(word) in _T4_WORDS for word in words):
        return False
    return continuing or any(
        normalize(word) in normalize(text) for word in (*T4_HEADER_WORDS[:3], "未经复议")
    )


def _is_t3_header_text(text: str) -> bool:
    normalized = normalize(text)
    return "勾稽" in normalized or normalized in _T3_HEADER_WORDS


@attrs.define
class _Row:
    """A row being gathered from cells printed one per line."""

    kind: Literal["caption", "t2_header", "t3_header", "t4_header", "data"]
    labels: list[_Token] = attrs.Factory(list)
    values: list[_Token] = attrs.Factory(list)
    pads: int = 0
    table: str = ""
    key: str | None = None

    @property
    def has_leaf(self) -> bool:
        return self.key is not None or (bool(self.labels) and not is_t3_group(self.labels[-1].text))


class _Gatherer:
    """Turns the token stream into lines, gathering one-cell-per-line tables into rows."""

    def __init__(self, tokens: Sequence[_Token], version: FormatVersion) -> None:
        self.tokens = tokens
        self.version = version
        self.layout = LAYOUTS.get(version) or LAYOUTS["2021"]
        self.lines: list[Line] = []
        self.findings: list[Finding] = []
        self.mode = ""
        self.row: _Row | None = None
        self.gathered = False

    def run(self) -> None:
        for token in self.tokens:
            if token.kind == "row":
                self._flush()
                self.lines.append(Line(token.line, token.text, token.cells, token.starts))
                self.mode = self._mode_of_row(token.cells) or self.mode
            elif token.kind == "pad":
                if self.row is not None:
                    self.row.pads += 1
            elif token.kind == "blank":
                if self.row is not None and self.row.kind == "data":
                    self.row.values.append(token)
            else:
                self._text(token)
        self._flush()

    # -- decisions --------------------------------------------------------------------------

    def _mode_of_row(self, cells: Sequence[str]) -> str:
        labels = [cell for cell in cells if cell and not is_value_like(cell)]
        if not labels:
            return "t4" if len([c for c in cells if c]) >= 15 else ""
        first = labels[0]
        if t2_caption_key(first) or label_key(first).startswith(T2_HEADER_LABEL):
            return "t2"
        if t2_row_key(labels[-1]) is not None:
            return "t2"
        if t3_row_key(labels[-1]) is not None or any(_is_t3_header_text(c) for c in labels):
            return "t3"
        if any(normalize(c) in _T4_WORDS for c in labels):
            return "t4"
        return ""

    def _text(self, token: _Token) -> None:
        text = token.text
        row = self.row
        if heading_number(text) is not None:
            self._end_table(token)
            return
        if t2_caption_key(text) is not None:
            self._start("caption", token, "t2")
            self._flush()
            return
        if label_key(text).startswith(T2_HEADER_LABEL):
            self._start("t2_header", token, "t2")
            return
        if self.mode and is_value_like(text):
            self._value(token)
            return
        if self.mode and row is not None and row.kind == "data" and row.labels:
            wanted = self._wanted(row)
            if (
                wanted is not None
                and len(row.values) < wanted
                and len(text) <= 12
                and _looks_like_value(text)
            ):
                row.values.append(token)
                return
        if _is_t3_header_text(text) and (self.mode or "勾稽" in normalize(text)):
            if row is not None and row.kind == "t3_header" and not row.values:
                row.labels.append(token)
            else:
                self._start("t3_header", token, "t3")
            return
        if row is not None and row.kind == "t4_header" and _is_t4_header_text(text, True):
            row.labels.append(token)
            return
        if self.mode in ("t3", "t4", "") and _is_t4_header_text(text):
            self._start("t4_header", token, "t4")
            return
        key3 = t3_row_key(text, self.version)
        group = is_t3_group(text)
        if (key3 is not None or group) and (self.mode in ("t3", "") or key3 is not None):
            if self.mode == "" and key3 is None:
                self._prose(token)
                return
            if (
                row is not None
                and row.kind == "data"
                and row.table == "t3"
                and not row.values
                and not row.has_leaf
            ):
                row.labels.append(token)
                row.key = key3
            else:
                self._start("data", token, "t3")
                if self.row is not None:
                    self.row.key = key3
            return
        key2 = t2_row_key(text, self.version)
        if key2 is not None and self.mode in ("t2", ""):
            self._start("data", token, "t2")
            if self.row is not None:
                self.row.key = key2
            return
        if (
            self.mode
            and row is not None
            and row.kind.endswith("header")
            and not row.values
            and len(text) <= 40
            and not _PROSE_END.search(text)
        ):
            row.labels.append(token)
            return
        if self.mode == "t2" and len(text) <= 80 and not _PROSE_END.search(text):
            self._start("data", token, "t2")  # a row the format does not have: kept, flagged
            return
        self._end_table(token)

    def _value(self, token: _Token) -> None:
        row = self.row
        if row is not None and row.kind == "t4_header":
            self._flush()
            row = None
        if row is None or row.kind != "data":
            self._flush()
            self.row = _Row("data", table=self.mode)
            row = self.row
        row.values.append(token)
        wanted = self._wanted(row)
        if wanted is not None and not row.labels and len(row.values) >= wanted:
            self._flush()

    def _start(self, kind: str, token: _Token, table: str) -> None:
        self._flush()
        self.mode = table
        self.row = _Row(kind, [token], table=table)  # type: ignore[arg-type]
        self.gathered = True

    def _prose(self, token: _Token) -> None:
        self.lines.append(Line(token.line, token.text))

    def _end_table(self, token: _Token) -> None:
        self._flush()
        self.mode = ""
        self._prose(token)

    def _wanted(self, row: _Row) -> int | None:
        if row.table == "t3" or (row.key is not None and row.table == "t3"):
            return len(self.layout.t3_columns)
        if row.table == "t2" and row.key is not None:
            try:
                return len(self.layout.t2_row(row.key)[0].columns)
            except KeyError:
                return None
        if row.table == "t4" and not row.labels:
            return len(self.layout.t4_columns) * len(self.layout.t4_blocks)
        return None

    # -- output -----------------------------------------------------------------------------

    def _flush(self) -> None:
        row = self.row
        self.row = None
        if row is None:
            return
        if row.kind != "data":
            self._emit(row.labels, [])
            return
        wanted = self._wanted(row)
        values = list(row.values)
        if wanted is not None and len(values) > wanted:
            while len(values) > wanted and values[-1].kind == "blank":
                values.pop()
            start = 0
            while len(values) - start > wanted and values[start].kind == "blank":
                start += 1
            values = values[start:]
        if wanted is not None and len(values) < wanted:
            if not row.labels and not values:
                return
            label = "".join(token.text for token in row.labels) or "表四"
            printed = "、".join(token.text or "空" for token in values) or "无"
            first = (row.labels or values)[0]
            key = f"{row.table}.{row.key}" if row.key else row.table
            self.findings.append(
                Finding(
                    "P303",
                    Severity.WARNING,
                    f"{label} 只印出 {len(values)} 个单元格（应为 {wanted} 个），空白单元格被省略，"
                    f"无法确定各数所在的列，该行未计入：{printed}",
                    f"{label}: {len(values)} of {wanted} cells printed; blank cells were dropped "
                    f"so the columns of the numbers cannot be known; row left out: {printed}",
                    key=key,
                    line=first.line,
                    column=first.column,
                )
            )
            return
        self._emit(row.labels, values)

    def _emit(self, labels: Sequence[_Token], values: Sequence[_Token]) -> None:
        tokens = [*labels, *values]
        if not tokens:
            return
        cells = tuple(token.text for token in tokens)
        self.lines.append(
            Line(
                tokens[0].line,
                "\t".join(cells),
                cells,
                tuple(token.column for token in tokens),
                tuple(token.line for token in tokens),
            )
        )


_VALUE_WORD = regex.compile(r"^[增减加少]?[+\-]?\d[\d,.]*\s*[^\s\d]{0,3}$")


def _looks_like_value(text: str) -> bool:
    """A short text that stands for a value (``减4``, ``1个``), not a label."""
    return bool(_VALUE_WORD.match(text))


def _detect_version(tokens: Sequence[_Token]) -> FormatVersion | None:
    votes = {"2021": 0, "2019": 0}
    for token in tokens:
        text = normalize(token.text)
        for version, markers in FORMAT_MARKERS.items():
            votes[version] += sum(normalize(marker) in text for marker in markers)
    if votes["2021"] == votes["2019"] == 0:
        return None
    return "2021" if votes["2021"] >= votes["2019"] else "2019"


def read_cells(text: str) -> tuple[list[Line], list[Finding]] | None:
    r"""Lines of a pipe, markdown or one-cell-per-line rendering; ``None`` if it has no table.

    Examples:
        >>> lines, findings = read_cells("第二十条第(五)项 | ||\n行政许可 |\n3 |\n")
        >>> [line.cells for line in lines]
        [('第二十条第(五)项',), ('行政许可', '3')]
        >>> lines, findings = read_cells("第二十条第(一)项\n规章\n0\n0\n")
        >>> [line.cells for line in lines], findings[0].code
        ([('第二十条第(一)项',)], 'P303')
    """
    tokens = list(_tokens(text))
    if not any(token.kind != "text" for token in tokens) and not any(
        t2_caption_key(token.text) or _is_t3_header_text(token.text) for token in tokens
    ):
        return None
    version = _detect_version(tokens) or "2021"
    gatherer = _Gatherer(tokens, version)
    gatherer.run()
    return gatherer.lines, gatherer.findings
