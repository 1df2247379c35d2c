"""Readers: every text rendering of a report turned into the same stream of lines and cells.

A reader takes the whole text and returns the significant lines (:class:`~._classify.Line`),
table rows with their cells, and findings about what it had to infer. :func:`read` picks the
reader for the text's rendering (or the one the caller names).
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ._cells import read_cells
from ._classify import Line, exact_heading_length, read_lines
from ._glued import read_glued
from ._html import read_html
from .findings import Finding


@attrs.frozen
class Reading:
    """What a reader made of a text: its lines, its findings and the rendering's name."""

    lines: list[Line]
    findings: list[Finding]
    rendering: str


def _read_tab(text: str) -> Reading | None:
    if "\t" not in text:
        return None
    return Reading(read_lines(text), [], "tab")


def _read_plain(text: str) -> Reading | None:
    return Reading(read_lines(text), [], "plain")


Reader = Callable[[str], Reading | None]


def _named(
    read_lines_of: Callable[[str], tuple[list[Line], list[Finding]] | None], name: str
) -> Reader:
    """A reader that gives ``(lines, findings)`` or ``None``, as a :data:`Reader` of ``name``."""

    def reader(text: str) -> Reading | None:
        result = read_lines_of(text)
        return None if result is None else Reading(result[0], result[1], name)

    return reader


READERS: dict[str, Reader] = {
    "html": _named(read_html, "html"),  # first: markup is cheap to recognise and never glued
    "glued": _named(read_glued, "glued"),
    "tab": _read_tab,
    "cells": _named(read_cells, "cells"),
    "plain": _read_plain,
}
"""The readers by rendering name, in the order :func:`read` tries them."""

RENDERINGS: tuple[str, ...] = tuple(READERS)
"""The names of the renderings :func:`govinfo_report.parse` reads (its ``rendering`` option)."""


def _split_run_in(lines: list[Line]) -> list[Line]:
    """Lines with a heading run into its body (``一、总体情况 2020年，…``) split in two."""
    if not any(
        line.cells is None and exact_heading_length(line.text) is not None for line in lines
    ):
        return lines  # nothing to split (most texts)
    out: list[Line] = []
    for line in lines:
        end = exact_heading_length(line.text) if line.cells is None else None
        if end is None:
            out.append(line)
            continue
        out.append(Line(line.number, line.text[:end].rstrip(), page=line.page))
        out.append(Line(line.number, line.text[end:].strip(), page=line.page))
    return out


def read(text: str, rendering: str | None = None) -> Reading:
    r"""The lines of ``text`` read with the named reader, or with the first that accepts it.

    Raises:
        KeyError: ``rendering`` names no reader.

    Examples:
        >>> read("规章\t0\t0\t0").rendering
        'tab'
    """
    if rendering is not None:
        result = READERS[rendering](text)
        if result is None:
            return Reading([], [], rendering)
        return Reading(_split_run_in(result.lines), result.findings, result.rendering)
    for reader in READERS.values():
        result = reader(text)
        if result is not None:
            return Reading(_split_run_in(result.lines), result.findings, result.rendering)
    return Reading(read_lines(text), [], "plain")  # pragma: no cover - plain accepts all
