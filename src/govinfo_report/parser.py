"""Parsing: text or bytes in, a :class:`~govinfo_report.model.Report` out.

The text is split into lines (:mod:`govinfo_report._classify`), each line becomes one terminal,
the Lark grammar ``report.lark`` (LALR, built once per process) groups the lines into a preamble,
sections and tables, and the builder here turns that tree into the typed report, matching labels
against the layouts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib.resources import files
from itertools import repeat

import lark

from ._classify import (
    Kind,
    Line,
    classify,
    format_markers,
    heading_number,
    is_t3_group,
    t2_caption_key,
    t2_row_key,
    t3_row_key,
    t4_block_key,
)
from ._meta import find_metadata, find_published, find_title, title_length
from ._readers import read
from ._text import _KEPT, normalize
from .errors import InputTooLargeError, ParseError
from .findings import Finding, Severity
from .layouts import (
    LAYOUTS,
    FormatLayout,
    FormatVersion,
    T2BlockSpec,
    ValueKind,
    format_for_year,
)
from .model import (
    Block,
    Cell,
    LitigationTable,
    OtherTable,
    PageStarts,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
    SubHeading,
    T2Block,
    new_cell,
    new_cells,
    new_row,
    page_starts_of,
    with_pages,
)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""The largest input :func:`parse` and :func:`load` accept unless told otherwise (50 MiB)."""


@functools.cache
def _grammar() -> lark.Lark:
    text = files("govinfo_report").joinpath("report.lark").read_text(encoding="utf-8")
    return lark.Lark(text, parser="lalr", lexer="basic", propagate_positions=False)


_RUN = re.compile(r"([SPEFGJKR])\1*+|[THCD]")  # stdlib re: faster on these short texts
"""A terminal of the grammar: a run of lines of a kind it lexes as runs, or a single line."""


def _runs(kinds: str) -> tuple[str, list[tuple[int, int]]]:
    """The shape of a report (its terminals, one character each) and each terminal's lines.

    Examples:
        >>> _runs("THPPPCDEE")
        ('THPCDE', [(0, 1), (1, 1), (2, 3), (5, 1), (6, 1), (7, 2)])
    """
    spans = [match.span() for match in _RUN.finditer(kinds)]
    return "".join(kinds[start] for start, _ in spans), [(a, b - a) for a, b in spans]


_SHAPE_KEPT = 512
"""The longest shape whose plan is kept: a real report's has a few dozen terminals."""

_Runs = tuple[int, ...]
"""Terminals of a shape, by their place in it: each is a run of lines of one kind."""

_BlockPlan = tuple[str, _Runs, tuple[_Runs, ...]]
"""A block: its rule (``paragraph``, ``t3``...), its terminals and, for table 二, each block's."""

_Plan = tuple[tuple[_BlockPlan, ...], tuple[tuple[int, tuple[_BlockPlan, ...]], ...]]
"""A report's plan: the preamble's blocks, then each section's heading terminal and blocks."""


def _plan_of(shape: str) -> _Plan:
    """What the grammar makes of a shape: its preamble's and its sections' blocks, by terminal.

    Reports from one template share their shape however long their prose and tables are, so the
    grammar runs once per shape (the builder only reads the plan); the plans of odd, long shapes
    are not kept.
    """
    if len(shape) <= _SHAPE_KEPT:
        return _parse_shape(shape)
    return _plan(_grammar().parse(shape))


@functools.lru_cache(maxsize=1024)
def _parse_shape(shape: str) -> _Plan:
    return _plan(_grammar().parse(shape))


def _terminals(tree: lark.Tree[lark.Token]) -> _Runs:
    """The places of a subtree's terminals in the shape, in order."""
    found: list[int] = []
    for child in tree.children:
        if isinstance(child, lark.Token):
            found.append(child.start_pos or 0)
        else:
            found.extend(_terminals(child))
    return tuple(found)


def _block_plan(tree: lark.Tree[lark.Token]) -> _BlockPlan:
    parts: tuple[_Runs, ...] = ()
    if tree.data == "t2":
        parts = tuple(_terminals(child) for child in _subtrees(tree))
    return str(tree.data), _terminals(tree), parts


def _subtrees(tree: lark.Tree[lark.Token]) -> list[lark.Tree[lark.Token]]:
    children = [child for child in tree.children if isinstance(child, lark.Tree)]
    assert len(children) == len(tree.children)  # the rules here hold subtrees only
    return children


def _plan(tree: lark.Tree[lark.Token]) -> _Plan:
    """The plan of the grammar's tree: ``start: preamble section*``."""
    preamble_tree, *section_trees = _subtrees(tree)
    preamble = tuple(
        _block_plan(child)
        for child in _subtrees(preamble_tree)
        if child.data != "title"  # the classifier marks one title line at most
    )
    sections = []
    for section_tree in section_trees:
        heading_tree, *block_trees = _subtrees(section_tree)
        sections.append(
            (_terminals(heading_tree)[0], tuple(_block_plan(child) for child in block_trees))
        )
    return preamble, tuple(sections)


def parse(
    text: str,
    *,
    source: str | None = None,
    rendering: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    r"""Parse the text of a report.

    Args:
        text: The report's text (tab-separated tables, as copied from a web page or Word).
        source: A name for the input (a file name), used in findings and errors.
        rendering: The rendering to read the text as (``"tab"``, ``"glued"``...; see
            :data:`govinfo_report.RENDERINGS`); by default it is detected.
        max_bytes: Refuse inputs larger than this many bytes (UTF-8).

    Returns:
        The report, with ``findings`` for what was damaged or uncertain.

    Raises:
        ParseError: The text is not a report at all (no title, section or table found), is
            empty, holds NUL bytes, or is larger than ``max_bytes``.

    Examples:
        >>> report = parse("某局2022年政府信息公开工作年度报告\n一、总体情况\n本年度无申请。")
        >>> report.agency, report.year, report.sections[0].title
        ('某局', 2022, '总体情况')
    """
    # A character is at most 4 bytes of UTF-8: most texts need not be encoded to be measured.
    if len(text) > max_bytes or (
        len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes
    ):
        raise InputTooLargeError(
            f"输入超过 {max_bytes} 字节上限 (input larger than {max_bytes} bytes)", source=source
        )
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ParseError(
            "输入含有 NUL 字符，不是文本 (input holds a NUL byte: not text)",
            source=source,
            line=line,
            column=column,
        )
    return parse_checked(text, source=source, rendering=rendering)


def parse_checked(text: str, *, source: str | None = None, rendering: str | None = None) -> Report:
    """:func:`parse` for a text already known to be within the size limit and free of NULs.

    For a caller that checked the bytes the text was decoded from (:func:`load`: a NUL byte is
    sought in bytes many times faster than a NUL character in text).
    """
    try:
        reading = read(text, rendering)
    except ParseError as error:
        if error.source is not None or source is None:
            raise
        raise ParseError(
            error.reason,
            source=source,
            line=error.line,
            column=error.column,
            context=error.context,
        ) from error
    return parse_lines(reading.lines, reading.findings, source=source)


def parse_lines(
    lines: Sequence[Line], findings: Sequence[Finding] = (), *, source: str | None = None
) -> Report:
    """Build a report from lines a reader made (the step after reading, for every format).

    Readers of formats that are not text (Word files, PDFs) produce the same lines as the text
    readers; this turns them into the report.

    Args:
        lines: The significant lines, table rows with their cells.
        findings: What the reader had to infer or could not place.
        source: A name for the input, used in findings and errors.

    Raises:
        ParseError: The lines are empty or hold no report.

    Examples:
        >>> from govinfo_report._classify import Line
        >>> lines = [Line(1, "某局2022年政府信息公开工作年度报告"), Line(2, "一、总体情况")]
        >>> parse_lines(lines).sections[0].number
        1
    """
    if not lines:
        raise ParseError("输入为空 (empty input)", source=source, line=1, column=1)
    title = find_title(lines)
    kinds = classify(lines, title, title_length(lines, title) if title is not None else 1)
    if not any(kind in kinds for kind in "THCDEFGJK") and not _mentions_disclosure(lines):
        first = lines[0]
        raise ParseError(
            "未找到报告标题、章节标题或统计表，不是政府信息公开工作年度报告"
            " (no title, section heading or table found: not an annual report)",
            source=source,
            line=first.number,
            column=1,
            context=first.text,
        )
    shape, runs = _runs(kinds)
    try:
        plan = _plan_of(shape)
    except lark.exceptions.LarkError as error:  # pragma: no cover - the grammar accepts any line
        position = getattr(error, "pos_in_stream", 0) or 0
        bad = lines[runs[min(position, len(runs) - 1)][0]]
        raise ParseError(
            f"无法解析的行结构 (unexpected line): {type(error).__name__}",
            source=source,
            line=bad.number,
            column=1,
            context=bad.text,
        ) from error
    return _Builder(lines, kinds, runs, source, list(findings), title).build(plan)


_DISCLOSURE_WORDS = ("政府信息公开", "政务公开", "信息公开条例", "依申请公开", "主动公开")


def _mentions_disclosure(lines: Sequence[Line]) -> bool:
    """True for prose about information disclosure: a report whose headings were lost."""
    return (
        sum(any(word in normalize(line.text) for word in _DISCLOSURE_WORDS) for line in lines[:200])
        >= 2
    )


_COUNT: ValueKind = "count"


def _format_vote(labels: tuple[str, ...]) -> FormatVersion | None:
    """The format whose table-二 markers these labels hold more of, if either."""
    new, old = len(format_markers(labels, "2021")), len(format_markers(labels, "2019"))
    if new == old:
        return None
    return "2021" if new > old else "2019"


_VOTING = frozenset((Kind.T2_HEADER, Kind.T2_ROW, Kind.T3_ROW))
"""The kinds of line whose labels tell the format."""

# Python 3.11 looks an enum member up on its class several times slower than a global: the
# per-line code below uses these.
_CAPTION, _T2_HEAD, _T2_ROW = Kind.T2_CAPTION, Kind.T2_HEADER, Kind.T2_ROW
_T3_HEAD, _T3_ROW, _T4_DATA = Kind.T3_HEADER, Kind.T3_ROW, Kind.T4_DATA


def _t3_vote(label: str) -> FormatVersion | None:
    """The format a table-三 row label belongs to, if only one has it (其他处理 differs)."""
    return _t3_vote_cached(label) if len(label) <= _KEPT else _t3_vote_once(label)


def _t3_vote_once(label: str) -> FormatVersion | None:
    key = t3_row_key(label)
    if key is not None and key.startswith("other."):
        return "2021"
    if key == "other":
        return "2019"
    return None


_t3_vote_cached = functools.lru_cache(maxsize=4096)(_t3_vote_once)


class _Builder:
    """Turns the grammar's plan of the lines into the typed report."""

    def __init__(
        self,
        lines: Sequence[Line],
        kinds: str,
        runs: Sequence[tuple[int, int]],
        source: str | None,
        findings: list[Finding],
        title: int | None,
    ) -> None:
        self.lines = lines
        self.kinds = kinds
        self.runs = runs
        self.source = source
        self.findings: list[Finding] = list(findings)
        self.title, self.agency, self.year = find_metadata(lines, title)
        self.published = find_published(lines)
        self.version: FormatVersion = self._detect_format()
        self.layout: FormatLayout | None = LAYOUTS.get(self.version)

    # -- metadata ---------------------------------------------------------------------------

    def _detect_format(self) -> FormatVersion:
        votes = {"2021": 0, "2019": 0}
        lines, kinds = self.lines, self.kinds
        for index, kind in enumerate(kinds):
            if kind not in _VOTING:
                continue
            line = lines[index]
            cells = line.cells
            if cells is None:
                continue
            start, end = line.label_span  # the labels are cells[start:end], never blank
            if kind == _T3_ROW:
                vote = _t3_vote(cells[end - 1] if start < end else "")
            elif kind == _T2_ROW:  # the markers are table 二's labels: one vote a line
                vote = _format_vote(cells[start:end])
            else:
                vote = _format_vote(tuple(cell for cell in cells if cell))
            if vote is not None:
                votes[vote] += 1
        if votes["2021"] or votes["2019"]:
            return "2021" if votes["2021"] >= votes["2019"] else "2019"
        version = format_for_year(self.year)
        has_tables = any(kind in self.kinds for kind in "CDEFGJK")
        if has_tables and version not in LAYOUTS:
            version = "2021"
        if version in LAYOUTS:
            self._note(
                "P201",
                Severity.INFO,
                None,
                f"未找到可判定格式的表格标签，推定为 {version} 格式（年份 {self.year}）",
                f"no table label tells the format; assumed {version} (year {self.year})",
            )
        return version

    # -- tree -------------------------------------------------------------------------------

    def build(self, plan: _Plan) -> Report:
        preamble_plan, section_plans = plan
        preamble: list[Block] = []
        for block_plan in preamble_plan:
            preamble.extend(self._block(block_plan))
        sections: list[Section] = []
        for heading_run, block_plans in section_plans:
            heading = self.lines[self.runs[heading_run][0]]
            blocks: list[Block] = []
            for block_plan in block_plans:
                blocks.extend(self._block(block_plan))
            sections.append(
                Section(
                    heading.text, heading_number(heading.text), tuple(blocks), line=heading.number
                )
            )
        findings = tuple(self.findings)
        page_starts: PageStarts = ()
        if self.lines[0].page is not None:  # lines read from a PDF: each knows its page
            page_starts = page_starts_of((line.number, line.page) for line in self.lines)
            findings = with_pages(findings, page_starts)
        return Report(
            self.title,
            self.agency,
            self.year,
            self.version,
            tuple(preamble),
            tuple(sections),
            published=self.published,
            source=self.source,
            findings=findings,
            page_starts=page_starts,
        )

    def _tokens(self, terminals: _Runs) -> list[tuple[str, Line]]:
        """The lines of some terminals, each with its kind (a :class:`Kind`'s character)."""
        found: list[tuple[str, Line]] = []
        lines, kinds, runs = self.lines, self.kinds, self.runs
        for terminal in terminals:  # a run of lines of one kind
            start, length = runs[terminal]
            kind = kinds[start]
            found.extend((kind, line) for line in lines[start : start + length])
        return found

    def _lines(self, terminals: _Runs) -> Sequence[Line]:
        """The lines of some terminals."""
        if len(terminals) == 1:  # a run (a paragraph or subheading rule has one)
            start, length = self.runs[terminals[0]]
            return self.lines[start : start + length]
        return [line for _, line in self._tokens(terminals)]

    def _block(self, plan: _BlockPlan) -> list[Block]:
        rule, terminals, parts = plan
        match rule:
            case "paragraph":
                return [Paragraph(line.text, line=line.number) for line in self._lines(terminals)]
            case "subheading":
                return [SubHeading(line.text, line=line.number) for line in self._lines(terminals)]
            case "t2":
                return [self._t2(parts)]
            case "t3":
                return [self._t3(terminals)]
            case "t4":
                return [self._t4(terminals)]
            case _:
                return [self._other(self._tokens(terminals))]

    # -- tables -----------------------------------------------------------------------------

    def _note(
        self,
        code: str,
        severity: Severity,
        line: Line | None,
        message: str,
        message_en: str,
        key: str | None = None,
        column: int | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                code,
                severity,
                message,
                message_en,
                key=key,
                line=line.number if line else None,
                column=column,
            )
        )

    def _fit(
        self,
        line: Line,
        first: int,
        kinds: Sequence[ValueKind],
        table: str,
        row_key: str | None,
    ) -> tuple[Cell, ...]:
        """The row's value cells (from index ``first``), fitted to the layout's columns.

        ``table`` and ``row_key`` name the row in findings (``t3.granted``).
        """
        cells = line.cells or ()
        wanted = len(kinds)
        start, end = first, len(cells)
        while end - start > wanted and not cells[end - 1]:
            end -= 1
        while end - start > wanted and not cells[start]:
            start += 1
        if end - start > wanted:
            extra = cells[start + wanted : end]
            key = f"{table}.{row_key}"
            self._note(
                "P102",
                Severity.WARNING,
                line,
                f"{key} 行多出 {len(extra)} 个单元格，未计入：{'、'.join(extra)}",
                f"row {key} has {len(extra)} cells more than the format; left out: "
                f"{', '.join(extra)}",
                key=key,
                column=line.starts[start + wanted],
            )
            end = start + wanted
        out = new_cells(
            cells[start:end],
            kinds,
            line.cell_lines[start:end] if line.cell_lines else repeat(line.number),
            line.starts[start:end],
            line.page,
        )
        if len(out) < wanted:
            key = f"{table}.{row_key}"
            self._note(
                "P103",
                Severity.INFO,
                line,
                f"{key} 行只有 {len(out)} 个单元格，缺少的 {wanted - len(out)} 个视为空白",
                f"row {key} has {len(out)} of {wanted} cells; the missing ones are blank",
                key=key,
            )
            out.extend(
                Cell("", kind, line=line.number, page=line.page) for kind in kinds[len(out) :]
            )
        return tuple(out)

    def _t2(self, parts: tuple[_Runs, ...]) -> ProactiveTable:
        blocks = [self._t2_block(self._tokens(part)) for part in parts]
        return ProactiveTable(tuple(blocks), line=blocks[0].line if blocks else None)

    def _t2_block(self, tokens: list[tuple[str, Line]]) -> T2Block:
        caption = ""
        header: tuple[str, ...] = ()
        key: str | None = None
        rows: list[Row] = []
        first = tokens[0][1]
        for kind, line in tokens:
            cells = line.cells or ()
            if kind == _CAPTION:
                caption = next(cell for cell in cells if cell)
                key = t2_caption_key(caption)
            elif kind == _T2_HEAD:
                header = _trim(cells)
            else:
                rows.append(self._t2_row(line, key))
        if key is None and rows:
            spec = self._t2_spec_of(rows[0].key)
            key = spec.key if spec is not None else None
        return T2Block(key, caption, header, tuple(rows), line=first.number)

    def _t2_spec_of(self, row_key: str | None) -> T2BlockSpec | None:
        if self.layout is None or row_key is None:
            return None
        try:
            return self.layout.t2_row(row_key)[0]
        except KeyError:
            return None

    def _t2_row(self, line: Line, block_key: str | None) -> Row:
        labels, first = line.labels, line.first_value
        label = labels[-1] if labels else ""
        row_key = t2_row_key(label, self.version if self.layout else None)
        spec = self._t2_spec_of(row_key)
        if spec is None:
            self._note(
                "P101",
                Severity.WARNING,
                line,
                f"表二中不属于本格式的行：{label}",
                f"table 二 row not in the {self.version} format: {label}",
                key="t2",
                column=1,
            )
            return Row(None, label, self._loose(line, first), labels[:-1], line=line.number)
        kinds = tuple(column.kind for column in spec.columns)
        cells = self._fit(line, first, kinds, "t2", row_key)
        return new_row(row_key, label, cells, labels[:-1], line.number)

    def _loose(self, line: Line, first: int) -> tuple[Cell, ...]:
        cells = line.cells or ()
        end = len(cells)
        while end > first and not cells[end - 1]:
            end -= 1
        return tuple(
            new_cell(cells[i], "count", line.cell_line(i), line.starts[i], line.page)
            for i in range(first, end)
        )

    def _t3(self, terminals: _Runs) -> RequestTable:
        rows: list[Row] = []
        seen: set[str] = set()
        tokens = self._tokens(terminals)
        version = self.version if self.layout else None
        kinds = (_COUNT,) * len(self.layout.t3_columns) if self.layout else ()
        for kind, line in tokens:
            if kind == _T3_HEAD:
                continue
            if line.cells is None:  # a group label on a line of its own
                continue
            start, end = line.label_span
            labels = line.cells[start:end]
            first = end if start < end else 0
            label = labels[-1] if labels else ""
            key = t3_row_key(label, version)
            if key is None and is_t3_group(label) and not any(line.cells[first:]):
                continue  # a group label printed alone on its row
            if key is None or self.layout is None:
                self._note(
                    "P101",
                    Severity.WARNING,
                    line,
                    f"表三中不属于本格式的行：{label}",
                    f"table 三 row not in the {self.version} format: {label}",
                    key="t3",
                    column=1,
                )
                rows.append(
                    Row(None, label, self._loose(line, first), labels[:-1], line=line.number)
                )
                continue
            if key in seen:
                self._note(
                    "P104",
                    Severity.WARNING,
                    line,
                    f"表三的 {key} 行重复出现",
                    f"table 三 row {key} appears twice",
                    key=f"t3.{key}",
                )
            seen.add(key)
            cells = self._fit(line, first, kinds, "t3", key)
            rows.append(new_row(key, label, cells, labels[:-1], line.number))
        return RequestTable(tuple(rows), line=tokens[0][1].number)

    def _t4(self, terminals: _Runs) -> LitigationTable:
        tokens = self._tokens(terminals)
        data = [line for kind, line in tokens if kind == _T4_DATA]
        blocks: list[Row] = []
        labelled = [line for line in data if line.labels]
        if labelled and self.layout is not None:
            width = len(self.layout.t4_columns)
            for line in labelled:
                labels, first = line.labels, line.first_value
                key = t4_block_key(labels[-1])
                fitted = self._fit(line, first, (_COUNT,) * width, "t4", key)
                blocks.append(new_row(key, labels[-1], fitted, labels[:-1], line.number))
            return LitigationTable(tuple(blocks), line=tokens[0][1].number)
        if data and self.layout is not None:
            width = len(self.layout.t4_columns)
            wanted = width * len(self.layout.t4_blocks)
            flat: list[tuple[Line, int]] = []
            for line in data:
                cells = line.cells or ()
                indexes = list(range(len(cells)))
                while indexes and not cells[indexes[-1]] and len(indexes) > wanted // len(data):
                    indexes.pop()
                flat.extend((line, i) for i in indexes)
            if len(flat) > wanted:
                start = 0
                while len(flat) - start > wanted and not _cell(flat[start]):
                    start += 1
                flat = flat[start:]
                extra = [_cell(item) for item in flat[wanted:]]
                if any(extra):
                    self._note(
                        "P102",
                        Severity.WARNING,
                        flat[wanted][0],
                        f"表四多出 {len(extra)} 个单元格，未计入：{'、'.join(extra)}",
                        f"table 四 has {len(extra)} cells more than the format; left out: "
                        f"{', '.join(extra)}",
                        key="t4",
                    )
                flat = flat[:wanted]
            if len(flat) < wanted:
                self._note(
                    "P103",
                    Severity.INFO,
                    data[0],
                    f"表四只有 {len(flat)} 个单元格，缺少的视为空白",
                    f"table 四 has {len(flat)} of {wanted} cells; the missing ones are blank",
                    key="t4",
                )
            for number, spec in enumerate(self.layout.t4_blocks):
                part = flat[number * width : (number + 1) * width]
                block_cells = [
                    new_cell(
                        _cell(item),
                        "count",
                        item[0].cell_line(item[1]),
                        item[0].starts[item[1]],
                        item[0].page,
                    )
                    for item in part
                ]
                block_cells.extend(
                    Cell("", line=data[0].number, page=data[0].page)
                    for _ in range(width - len(block_cells))
                )
                blocks.append(
                    Row(
                        spec.key,
                        spec.label,
                        tuple(block_cells),
                        line=part[0][0].number if part else data[0].number,
                    )
                )
        return LitigationTable(tuple(blocks), line=tokens[0][1].number)

    def _other(self, tokens: list[tuple[str, Line]]) -> OtherTable:
        rows = tuple(_trim(line.cells or (line.text,)) for _, line in tokens)
        return OtherTable(rows, line=tokens[0][1].number)


def _cell(item: tuple[Line, int]) -> str:
    line, index = item
    return (line.cells or ())[index]


def _trim(cells: Sequence[str]) -> tuple[str, ...]:
    """Cells without the empty ones at the end."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return tuple(cells[:end])


__all__ = ["DEFAULT_MAX_BYTES", "parse", "parse_lines"]
