"""Reading input: bytes to text (encoding detection) and files to reports.

:func:`decode` turns a report's bytes into text; :func:`load` reads a path or a file object and
parses it with :func:`govinfo_report.parser.parse`.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import IO

from .errors import DecodeError, InputTooLargeError
from .model import Report
from .parser import DEFAULT_MAX_BYTES, parse

_ENCODINGS = ("utf-8", "gb18030")


def decode(data: bytes, *, source: str | None = None) -> str:
    """Decode a report's bytes: UTF-8 (with or without BOM), UTF-16 (with BOM), or GB18030/GBK.

    Raises:
        DecodeError: The bytes are in none of these encodings.

    Examples:
        >>> decode("规章".encode("gbk"))
        '规章'
        >>> decode(codecs.BOM_UTF8 + "规章".encode())
        '规章'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", source)
    if len(data) >= 4 and data[1::2][:8].count(0) >= 3 and data[0::2][:8].count(0) == 0:
        return _decode(data, "utf-16-le", source)
    if len(data) >= 4 and data[0::2][:8].count(0) >= 3 and data[1::2][:8].count(0) == 0:
        return _decode(data, "utf-16-be", source)
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return _decode(data, "utf-8", source)


def _decode(data: bytes, encoding: str, source: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        raise DecodeError(
            f"无法按 {encoding} 解码第 {error.start} 字节 (cannot decode byte {error.start} as "
            f"{encoding}; tried UTF-8, UTF-16 and GB18030)",
            source=source,
            line=line,
        ) from error


def load(
    file: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Read a report from a path or a file object, detecting its encoding.

    Args:
        file: A path, or a file object open in binary (encoding detected) or text mode.
        source: A name for the input; by default the path or the file object's ``name``.
        max_bytes: Refuse inputs larger than this.

    Returns:
        The report.

    Raises:
        ParseError: As for :func:`parse`; :class:`~govinfo_report.errors.DecodeError` when the
            bytes cannot be decoded.
        OSError: The file cannot be read.

    Examples:
        >>> from importlib.resources import files
        >>> report = load(files("govinfo_report") / "examples" / "seed.txt")
        >>> report.agency, report.format
        ('西工区科学技术局', '2021')
    """
    if isinstance(file, str | os.PathLike) or hasattr(file, "read_bytes"):
        path = Path(file) if isinstance(file, str | os.PathLike) else file
        name = source or str(
            getattr(path, "name", None)
            if not isinstance(file, str | os.PathLike)
            else os.fspath(file)
        )
        size = path.stat().st_size if isinstance(path, Path) else None
        if size is not None and size > max_bytes:
            raise InputTooLargeError(
                f"文件超过 {max_bytes} 字节上限 (file larger than {max_bytes} bytes)", source=name
            )
        data: bytes | str = path.read_bytes()
    else:
        name = source or str(getattr(file, "name", "<stream>"))
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"输入超过 {max_bytes} 字节上限 (input larger than {max_bytes} bytes)", source=name
        )
    text = data if isinstance(data, str) else decode(data, source=name)
    return parse(text, source=name, max_bytes=max_bytes)
