"""JSON both ways: :func:`dumps` / :func:`loads` (and :func:`dump` / :func:`load_json` for files).

The JSON form holds everything the tree holds, source positions included, under a
``schema_version``. Cells are ``{"raw": ..., "value": ...}`` with ``kind`` when it is not
``count``; a ``Decimal`` value is written as a string so that no digit is lost. ``loads`` reads the
cell's ``raw`` and ``kind`` and derives the value again, so the two can never disagree.

Examples:
    >>> from govinfo_report.flat import from_flat
    >>> report = from_flat({"format": "2021", "year": 2022, "agency": "某局", "t2.fees": "1.5"})
    >>> text = dumps(report)
    >>> loads(text) == report
    True
    >>> '"schema_version": 1' in text
    True
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring as _quote
from typing import IO, Any, cast

from .errors import SchemaError
from .findings import Finding, Severity
from .layouts import FORMAT_VERSIONS, FormatVersion, ValueKind
from .model import (
    Block,
    Cell,
    LitigationTable,
    OtherTable,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
    SubHeading,
    T2Block,
    new_cell,
    new_row,
)

SCHEMA_VERSION = 1
"""The version of the JSON form written by :func:`dumps`."""

_KINDS: tuple[ValueKind, ...] = ("count", "signed", "amount")


def to_dict(report: Report) -> dict[str, Any]:
    """The JSON form of a report as plain Python data."""
    return _as_data(report, _cell)


def _as_data(report: Report, cell: Callable[[Cell], Any] | None) -> dict[str, Any]:
    """:func:`to_dict`, each cell given by ``cell``, or left a :class:`Cell` when ``None``."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": report.source,
        "title": report.title,
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "published": report.published.isoformat() if report.published is not None else None,
        "preamble": [_block(block, cell) for block in report.preamble],
        "sections": [
            {
                "heading": s.heading,
                "number": s.number,
                "line": s.line,
                "blocks": [_block(block, cell) for block in s.blocks],
            }
            for s in report.sections
        ],
        "findings": [finding_dict(finding) for finding in report.findings],
    }
    if report.page_starts:
        data["page_starts"] = [list(start) for start in report.page_starts]
    return data


def dumps(report: Report, *, indent: int | None = 1) -> str:
    r"""The report as a JSON string (non-ASCII characters written as they are).

    The text is that of :func:`json.dumps` with ``ensure_ascii=False`` and the same ``indent``.

    Examples:
        >>> from govinfo_report.flat import from_flat
        >>> report = from_flat({"format": "2019", "year": 2020, "t2.fees.previous": "1,2",
        ...                     "t3.total.total": None, "t4.review.total": "+3"})
        >>> all(dumps(report, indent=indent)
        ...     == json.dumps(to_dict(report), ensure_ascii=False, indent=indent)
        ...     for indent in (None, 0, 1, 2, "\t"))
        True
    """
    if indent is not None:
        # The same text as json.dumps, whose indenting encoder is written in Python and slow;
        # cells are left as they are, for the writer to write without a dict of their own.
        try:
            return _indented(
                _as_data(report, None), indent if isinstance(indent, str) else " " * indent
            )
        except _Unsupported:
            pass
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def dump(report: Report, file: IO[str], *, indent: int | None = 1) -> None:
    """Write the report's JSON to a text file."""
    file.write(dumps(report, indent=indent))


class _Unsupported(Exception):
    """A value :func:`_indented` leaves to :func:`json.dumps`."""


def _scalar(value: object) -> str:
    """A JSON scalar as :func:`json.dumps` writes it (strings without ASCII escaping)."""
    if isinstance(value, str):
        return _quote(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    raise _Unsupported  # floats and anything else: json.dumps decides


def _indented(data: object, indent: str) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)``, written faster for plain data.

    Dicts with string keys, lists, strings, ints, booleans and ``None`` are written here, the
    text the same to the byte; anything else raises :class:`_Unsupported`. The keys' text of
    each kind of dict at each depth is made once. A :class:`Cell` in a list is written as
    :func:`_cell` gives it, most cells (counts with a line and a column) from one template.
    """
    # The text before each value of a dict (newline, indent, quoted key), by depth and keys.
    prefixes: dict[tuple[int, tuple[Any, ...]], tuple[str, ...]] = {}
    closers: dict[int, str] = {}  # newline and indent of a closing bracket, by depth

    def cell(obj: Cell, level: int) -> str:
        """A cell's JSON (as :func:`_cell` gives it), most from one template."""
        raw, value, line, column = obj.raw, obj.value, obj.line, obj.column
        kind = type(value)
        if (
            obj.kind == "count"
            and obj.page is None
            and type(raw) is str
            and type(line) is int
            and type(column) is int
            and (kind is int or value is None or kind is str)
        ):
            closer = closers.get(level)
            if closer is None:
                closer = closers[level] = "\n" + indent * level
            inner = closer + indent
            text = "null" if value is None else _quote(str(value)) if kind is str else f"{value}"
            return (
                f'{{{inner}"raw": {_quote(raw)},{inner}"value": {text},'
                f'{inner}"line": {line},{inner}"column": {column}{closer}}}'
            )
        return write(_cell(obj), level)

    def write(obj: object, level: int) -> str:
        if isinstance(obj, dict):
            if not obj:
                return "{}"
            closer = closers.get(level)
            if closer is None:
                closer = closers[level] = "\n" + indent * level
            keys = tuple(obj)
            texts = prefixes.get((level, keys))
            if texts is None:
                if not all(isinstance(key, str) for key in keys):
                    raise _Unsupported
                inner = "\n" + indent * (level + 1)
                texts = tuple(inner + _quote(key) + ": " for key in keys)
                prefixes[level, keys] = texts
            parts: list[str] = []
            for prefix, item in zip(texts, obj.values(), strict=True):
                kind = type(item)
                if kind is str:
                    parts.append(prefix + _quote(item))
                elif kind is int:
                    parts.append(prefix + int.__repr__(item))
                elif item is None:
                    parts.append(prefix + "null")
                elif isinstance(item, (dict, list, tuple)):
                    parts.append(prefix + write(item, level + 1))
                else:
                    parts.append(prefix + _scalar(item))
            return "{" + ",".join(parts) + closer + "}"
        if isinstance(obj, (list, tuple)):
            if not obj:
                return "[]"
            inner = "\n" + indent * (level + 1)
            items: list[str] = []
            for item in obj:
                kind = type(item)
                if kind is Cell:
                    items.append(cell(item, level + 1))
                elif kind is str:
                    items.append(_quote(item))
                elif kind is int:
                    items.append(int.__repr__(item))
                elif item is None:
                    items.append("null")
                elif isinstance(item, (dict, list, tuple)):
                    items.append(write(item, level + 1))
                else:
                    items.append(_scalar(item))
            return "[" + inner + ("," + inner).join(items) + "\n" + indent * level + "]"
        return _scalar(obj)

    return write(data, 0)


def _number(value: int | Decimal | None) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _cell(cell: Cell) -> dict[str, Any]:
    value = cell.value
    out: dict[str, Any] = {
        "raw": cell.raw,
        "value": str(value) if isinstance(value, Decimal) else value,
    }
    if cell.kind != "count":
        out["kind"] = cell.kind
    if cell.line is not None:
        out["line"] = cell.line
    if cell.column is not None:
        out["column"] = cell.column
    if cell.page is not None:
        out["page"] = cell.page
    return out


def _row(row: Row, cell: Callable[[Cell], Any] | None) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "groups": list(row.groups),
        "cells": list(row.cells) if cell is None else [cell(each) for each in row.cells],
        "line": row.line,
    }


def _block(block: Block, cell: Callable[[Cell], Any] | None) -> dict[str, Any]:
    match block:
        case Paragraph():
            return {"type": "paragraph", "text": block.text, "line": block.line}
        case SubHeading():
            return {"type": "subheading", "text": block.text, "line": block.line}
        case ProactiveTable():
            return {
                "type": "t2",
                "line": block.line,
                "blocks": [
                    {
                        "key": b.key,
                        "caption": b.caption,
                        "header": list(b.header),
                        "line": b.line,
                        "rows": [_row(row, cell) for row in b.rows],
                    }
                    for b in block.blocks
                ],
            }
        case RequestTable():
            return {"type": "t3", "line": block.line, "rows": [_row(r, cell) for r in block.rows]}
        case LitigationTable():
            return {
                "type": "t4",
                "line": block.line,
                "blocks": [_row(r, cell) for r in block.blocks],
            }
        case OtherTable():
            return {"type": "other", "line": block.line, "rows": [list(row) for row in block.rows]}
    raise AssertionError(block)  # pragma: no cover


def finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as plain data, as the JSON form writes it (numbers that are Decimals as strings).

    Examples:
        >>> found = Finding("A102", Severity.ERROR, "和", "sum", printed=2, computed=1)
        >>> finding_dict(found)["difference"]
        1
    """
    data: dict[str, Any] = {
        "code": finding.code,
        "severity": str(finding.severity),
        "message": finding.message,
        "message_en": finding.message_en,
        "key": finding.key,
        "line": finding.line,
        "column": finding.column,
        "printed": _number(finding.printed),
        "computed": _number(finding.computed),
        "difference": _number(finding.difference),
        "operands": list(finding.operands),
    }
    if finding.page is not None:
        data["page"] = finding.page
    return data


# -- reading ----------------------------------------------------------------------------------


def loads(text: str | bytes) -> Report:
    """Read a report from its JSON form.

    Raises:
        SchemaError: The JSON is not a report of a known ``schema_version``.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SchemaError(f"not JSON: {error}") from error
    return from_dict(data)


def load_json(file: IO[str] | IO[bytes]) -> Report:
    """Read a report from a JSON file."""
    return loads(file.read())


def from_dict(data: object) -> Report:
    """A report from the plain data :func:`to_dict` gives.

    Raises:
        SchemaError: The data is not a report of a known ``schema_version``.
    """
    try:
        obj = _obj(data, "report")
        if obj.get("schema_version") != SCHEMA_VERSION:
            raise SchemaError(f"unsupported schema_version {obj.get('schema_version')!r}")
        version = obj.get("format")
        if version not in FORMAT_VERSIONS:
            raise SchemaError(f"unknown format {version!r}")
        return Report(
            _opt_str(obj.get("title")),
            _opt_str(obj.get("agency")),
            _opt_int(obj.get("year")),
            cast(FormatVersion, version),
            tuple(_read_block(b) for b in _list(obj.get("preamble", []))),
            tuple(_read_section(s) for s in _list(obj.get("sections", []))),
            published=_opt_date(obj.get("published")),
            source=_opt_str(obj.get("source")),
            findings=tuple(_read_finding(f) for f in _list(obj.get("findings", []))),
            page_starts=tuple(_read_page_start(s) for s in _list(obj.get("page_starts", []))),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        if isinstance(error, SchemaError):
            raise
        raise SchemaError(f"not a report: {error!r}") from error


def _opt_date(data: object) -> datetime.date | None:
    if data is None:
        return None
    if isinstance(data, str):
        return datetime.date.fromisoformat(data)
    raise SchemaError(f"expected a date (YYYY-MM-DD) or null, got {data!r}")


def _obj(data: object, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise SchemaError(f"{what} must be an object")
    return cast(dict[str, Any], data)


def _list(data: object) -> list[Any]:
    if not isinstance(data, list):
        raise SchemaError("expected an array")
    return data


def _opt_str(data: object) -> str | None:
    if data is None or isinstance(data, str):
        return data
    raise SchemaError(f"expected a string or null, got {data!r}")


def _str(data: object) -> str:
    if isinstance(data, str):
        return data
    raise SchemaError(f"expected a string, got {data!r}")


def _opt_int(data: object) -> int | None:
    if data is None or (isinstance(data, int) and not isinstance(data, bool)):
        return data
    raise SchemaError(f"expected an integer or null, got {data!r}")


def _read_page_start(data: object) -> tuple[int, int]:
    pair = _list(data)
    if len(pair) != 2:
        raise SchemaError(f"expected [line, page], got {data!r}")
    line, page = (_opt_int(value) for value in pair)
    if line is None or page is None or line < 1 or page < 1:
        raise SchemaError(f"expected [line, page] of positive integers, got {data!r}")
    return line, page


def _read_section(data: object) -> Section:
    obj = _obj(data, "section")
    return Section(
        _str(obj["heading"]),
        _opt_int(obj.get("number")),
        tuple(_read_block(b) for b in _list(obj.get("blocks", []))),
        line=_opt_int(obj.get("line")),
    )


def _read_cell(data: object) -> Cell:
    # _obj, _str and _opt_int with the common cases first: cells are most of a report.
    obj = data if type(data) is dict else _obj(data, "cell")
    kind = obj.get("kind", "count")
    if kind not in _KINDS:
        raise SchemaError(f"unknown cell kind {kind!r}")
    raw = obj["raw"]
    if type(raw) is not str:
        raw = _str(raw)
    # Positions are checked only when they are not plain ints (or absent).
    line, column, page = obj.get("line"), obj.get("column"), obj.get("page")
    if line is not None and type(line) is not int:
        line = _opt_int(line)
    if column is not None and type(column) is not int:
        column = _opt_int(column)
    if page is not None and type(page) is not int:
        page = _opt_int(page)
    return new_cell(raw, kind, line, column, page)


def _read_row(data: object) -> Row:
    obj = _obj(data, "row")
    return new_row(
        _opt_str(obj.get("key")),
        _str(obj["label"]),
        tuple([_read_cell(c) for c in _list(obj["cells"])]),
        tuple([_str(g) for g in _list(obj.get("groups", []))]),
        _opt_int(obj.get("line")),
    )


def _read_block(data: object) -> Block:
    obj = _obj(data, "block")
    line = _opt_int(obj.get("line"))
    kind = obj.get("type")
    if kind == "paragraph":
        return Paragraph(_str(obj["text"]), line=line)
    if kind == "subheading":
        return SubHeading(_str(obj["text"]), line=line)
    if kind == "t2":
        blocks = []
        for b in _list(obj["blocks"]):
            block = _obj(b, "t2 block")
            blocks.append(
                T2Block(
                    _opt_str(block.get("key")),
                    _str(block["caption"]),
                    tuple(_str(h) for h in _list(block["header"])),
                    tuple(_read_row(r) for r in _list(block["rows"])),
                    line=_opt_int(block.get("line")),
                )
            )
        return ProactiveTable(tuple(blocks), line=line)
    if kind == "t3":
        return RequestTable(tuple(_read_row(r) for r in _list(obj["rows"])), line=line)
    if kind == "t4":
        return LitigationTable(tuple(_read_row(r) for r in _list(obj["blocks"])), line=line)
    if kind == "other":
        return OtherTable(
            tuple(tuple(_str(c) for c in _list(r)) for r in _list(obj["rows"])), line=line
        )
    raise SchemaError(f"unknown block type {kind!r}")


def _read_number(data: object) -> int | Decimal | None:
    if data is None or (isinstance(data, int) and not isinstance(data, bool)):
        return data
    if isinstance(data, str):
        return Decimal(data)
    raise SchemaError(f"expected a number, got {data!r}")


def _read_finding(data: object) -> Finding:
    obj = _obj(data, "finding")
    return Finding(
        _str(obj["code"]),
        Severity(obj["severity"]),
        _str(obj["message"]),
        _str(obj["message_en"]),
        key=_opt_str(obj.get("key")),
        line=_opt_int(obj.get("line")),
        column=_opt_int(obj.get("column")),
        printed=_read_number(obj.get("printed")),
        computed=_read_number(obj.get("computed")),
        operands=tuple(_str(o) for o in _list(obj.get("operands", []))),
        page=_opt_int(obj.get("page")),
    )
