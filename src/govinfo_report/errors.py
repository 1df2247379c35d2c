"""The library's exceptions: one family rooted at :class:`GovInfoReportError`."""

from __future__ import annotations

from ._text import display_width


class GovInfoReportError(Exception):
    """Base class of every exception this library raises on purpose."""


class ParseError(GovInfoReportError, ValueError):
    """Input that cannot be read as a report.

    The message names the source, line and column (in characters, 1-based) and shows the line with
    a caret under the column; the caret is padded by display width, so it lines up under Chinese
    text in a terminal.

    Attributes:
        reason: What is wrong, without the location.
        source: The file name or other source label, if known.
        line: 1-based line, if known.
        column: 1-based column in characters, if known.
        context: The offending line's text, if known.

    Examples:
        >>> err = ParseError("不是年度报告", source="a.txt", line=2, column=3, context="一、总体")
        >>> print(err)
        a.txt:2:3: 不是年度报告
            一、总体
                ^
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        context: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        self.context = context
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.source or "<string>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.reason}"
        if self.context is not None:
            shown = self.context.replace("\t", " ")
            text += f"\n    {shown}"
            if self.column is not None:
                pad = display_width(shown[: max(self.column - 1, 0)])
                text += "\n    " + " " * pad + "^"
        return text


class InputTooLargeError(ParseError):
    """The input is larger than the configured limit (``max_bytes``)."""


class DecodeError(ParseError):
    """The bytes could not be decoded as text in any supported encoding."""


class SchemaError(GovInfoReportError, ValueError):
    """A JSON document does not match the report schema (:func:`govinfo_report.loads`)."""
