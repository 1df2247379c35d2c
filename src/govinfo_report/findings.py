"""Findings: what the parser and the validator say about a report, as plain values."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

Number = int | Decimal


class Severity(enum.StrEnum):
    """How much a finding matters.

    ``error``: the report breaks the format or its own arithmetic. ``warning``: probably wrong or
    incomplete. ``info``: worth knowing (for example a rule that could not be assessed).

    Examples:
        >>> Severity("error") > Severity("info")
        True
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@attrs.frozen
class Finding:
    """One thing found in a report.

    Attributes:
        code: Stable code of the rule or parser check (``A101``, ``P103``...).
        severity: How much it matters.
        message: The message in Chinese.
        message_en: The message in English.
        key: Where it points: a flat key (``t3.total.natural_person``), a row key
            (``t3.denied.state_secret``) or a section (``section.5``); ``None`` for the
            whole report.
        line: 1-based source line, when known.
        column: 1-based source column in characters, when known.
        printed: For arithmetic: the value as printed (the total side).
        computed: For arithmetic: the value computed from the other side.
        operands: For arithmetic: the flat keys summed on the computed side.

    Examples:
        >>> f = Finding("A102", Severity.ERROR, "总计不等于各列之和", "total is not the sum",
        ...             key="t3.total.total", printed=5, computed=4)
        >>> f.difference
        1
    """

    code: str
    severity: Severity
    message: str
    message_en: str
    key: str | None = None
    line: int | None = None
    column: int | None = None
    printed: Number | None = None
    computed: Number | None = None
    operands: tuple[str, ...] = ()

    @property
    def difference(self) -> Number | None:
        """``printed - computed`` where both are known."""
        if self.printed is None or self.computed is None:
            return None
        return self.printed - self.computed

    def located(self, source: str | None) -> str:
        """``source:line:column`` as far as known, for messages.

        Examples:
            >>> Finding("P101", Severity.INFO, "", "", line=3).located("a.txt")
            'a.txt:3'
        """
        parts = [source or "<report>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)
