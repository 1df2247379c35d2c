r"""Reading input: bytes to text (encoding detection) and files to reports.

:func:`decode` turns a report's bytes into text; :func:`load` reads a path or a file object and
parses it with :func:`govinfo_report.parser.parse`.

Detection, in this order:

1. Known binary formats are refused by their signature with a :class:`DecodeError` that names
   the format (PDF, DOCX and other ZIP-based documents, old Office files, images, archives...).
2. A byte-order mark decides: UTF-8, UTF-16 or UTF-32.
3. UTF-16 without a BOM is recognised by its zero bytes (the high byte of ASCII characters,
   falling on one side of each byte pair), and kept only if the text it gives is plausible.
4. UTF-8, when the bytes are valid UTF-8 (and not mostly control characters: a binary file).
5. GB18030 (a superset of GBK and GB2312). GB18030 decodes almost any bytes, so decoding without
   error proves little: the text must also be *plausible* — nearly all of it ASCII, Chinese
   punctuation, full-width forms and CJK ideographs, most of the ideographs among the 3,755 common
   ones of GB2312 level 1. Mojibake (UTF-8 read as GBK: ``瑙勭珷`` for ``规章``) is made of CJK
   ideographs too, but mostly rare ones, and fails that test.

Bytes that are valid UTF-8 in one line (with several Chinese characters) and invalid in another
are a damaged or mixed-encoding file: it is refused, naming the first bad byte, rather than
decoded as GB18030 into mojibake. Text that decodes but is itself mojibake (UTF-8 text once decoded
as GBK and saved again: nearly all its ideographs rare ones) is refused too, with the repaired
text in the message when it can be repaired. Binary data that decodes (mostly control
characters) is refused; a stray NUL is left to the parser, which names its line and column.

With ``errors="replace"`` neither undecodable bytes nor mojibake are refused: the bytes become
U+FFFD and mojibake is repaired (or kept when it cannot be), and :func:`load` adds a ``D101`` (bytes
replaced) or ``D102`` (mojibake) finding to the report.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from pathlib import Path
from typing import IO, Literal

import attrs
import regex

from ._html import sniff_html_encoding, utf8_of
from .errors import DecodeError, InputTooLargeError
from .findings import Finding, Severity
from .model import Report
from .parser import DEFAULT_MAX_BYTES, parse, parse_checked, parse_lines

Errors = Literal["strict", "replace"]
"""What to do with bytes that cannot be decoded: refuse the input, or replace them by U+FFFD."""

_SAMPLE = 1 << 16
"""Bytes (or characters) looked at by the statistical tests; decoding itself covers everything."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of binary formats: (leading bytes, what it is in Chinese, in English).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF87a", "GIF 图片", "a GIF image"),
    (b"GIF89a", "GIF 图片", "a GIF image"),
    (b"II*\x00", "TIFF 图片", "a TIFF image"),
    (b"MM\x00*", "TIFF 图片", "a TIFF image"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "旧版 Office 文档（DOC、XLS 或 WPS）",
        "an old-style Office document (DOC, XLS or WPS)",
    ),
    (b"{\\rtf", "RTF 文档", "an RTF document"),
    (b"\x1f\x8b", "gzip 压缩文件", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩文件", "a 7z archive"),
    (b"Rar!\x1a\x07", "RAR 压缩文件", "a RAR archive"),
    (b"\xfd7zXZ\x00", "xz 压缩文件", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd 压缩文件", "a zstd archive"),
    (b"\x7fELF", "ELF 可执行文件", "an ELF executable"),
    (b"SQLite format 3\x00", "SQLite 数据库", "an SQLite database"),
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"

# Characters a Chinese report is made of: ASCII, Latin (pinyin), general punctuation, number
# forms, circled numbers, box drawing and shapes, CJK punctuation, enclosed CJK, CJK Unified
# Ideographs, vertical and small forms, full-width forms.
_PLAUSIBLE_CLASS = (
    r"\t\n\r\x20-\x7e\u00a0-\u024f\u0300-\u036f\u2010-\u206f\u2100-\u218f\u2460-\u24ff"
    r"\u2500-\u27bf\u3000-\u303f\u3200-\u32ff\u4e00-\u9fff\ufe30-\ufe6f\uff00-\uffef"
)
# The standard library's engine: over explicit code point ranges it matches as ``regex`` does,
# and scans a long text several times faster.
_IMPLAUSIBLE = re.compile(f"[^{_PLAUSIBLE_CLASS}]")
_HAN = regex.compile(r"[\u4e00-\u9fff]+")
_COMMON_HAN = re.compile(
    "[{}]+".format(
        "".join(
            bytes((high, low)).decode("gb2312")
            for high in range(0xB0, 0xD8)
            for low in range(0xA1, 0xFF)
            if not (high == 0xD7 and low > 0xF9)
        )
    )
)
"""Runs of the 3,755 common characters of GB2312 level 1 (一级汉字).

The standard library's engine matches this class from a bitmap, many times faster than
``regex`` or :meth:`str.translate` count them.
"""

_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTE_VALUES = bytes((*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F))
"""The bytes of the control characters ``_CONTROL`` matches, as :meth:`bytes.translate` deletes."""
_CONTROL_BYTES = regex.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_SHOWN = regex.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")

_PLAUSIBLE_SHARE = 0.95
"""Least share of plausible characters in a guessed decoding."""
_COMMON_HAN_SHARE = 0.4
"""Least share of common (GB2312 level 1) characters among the ideographs of a guessed decoding.

Real reports measure above 0.99 (above 0.65 for traditional characters); UTF-8 read as GBK
measures 0.10 to 0.20.
"""
_BINARY_SHARE = 0.05
"""More control characters than this share (and at least 8 of them) make a binary file."""


@attrs.frozen
class Decoded:
    """Text decoded from bytes, with how it was decoded.

    Attributes:
        text: The text.
        encoding: The encoding used (``utf-8``, ``utf-16-le``, ``gb18030``...).
        replaced: How many undecodable byte sequences were replaced by U+FFFD
            (``errors="replace"`` only).
        line: The 1-based line of the first replacement, if any.
        column: The 1-based column (in characters) of the first replacement, if any.
        mojibake: ``"repaired"`` when the bytes held mojibake (UTF-8 text once decoded as GBK and
            saved again) and the text was repaired, ``"kept"`` when it could not be repaired and
            was kept as it is (``errors="replace"`` only), else ``None``.
    """

    text: str
    encoding: str
    replaced: int = 0
    line: int | None = None
    column: int | None = None
    mojibake: Literal["repaired", "kept"] | None = None

    def findings(self) -> tuple[Finding, ...]:
        """``D101`` when bytes were replaced, ``D102`` for mojibake; empty when all went well."""
        found: list[Finding] = []
        if self.replaced:
            found.append(
                Finding(
                    "D101",
                    Severity.WARNING,
                    f"{self.replaced} 处字节无法按 {self.encoding} 解码，已替换为 U+FFFD（�）",
                    f"{self.replaced} byte sequence(s) could not be decoded as {self.encoding}"
                    " and were replaced by U+FFFD (�)",
                    line=self.line,
                    column=self.column,
                )
            )
        if self.mojibake == "repaired":
            found.append(
                Finding(
                    "D102",
                    Severity.WARNING,
                    "文本是乱码（UTF-8 文本曾被按 GBK 解码后另存），已还原",
                    "the text was mojibake (UTF-8 text once decoded as GBK and saved again);"
                    " it was repaired",
                )
            )
        elif self.mojibake == "kept":
            found.append(
                Finding(
                    "D102",
                    Severity.ERROR,
                    "文本看起来是乱码（UTF-8 文本曾被按 GBK 解码后另存），无法还原，按原样读取",
                    "the text looks like mojibake (UTF-8 text once decoded as GBK and saved"
                    " again) and cannot be repaired; it was read as it is",
                )
            )
        return tuple(found)


def decode(
    data: bytes,
    *,
    source: str | None = None,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> str:
    r"""Decode a report's bytes: UTF-8 (with or without BOM), UTF-16, UTF-32 or GB18030/GBK.

    Args:
        data: The bytes.
        source: A name for the input, used in errors.
        encoding: Decode with this encoding instead of detecting one (signatures of binary
            formats are still refused).
        errors: ``"strict"`` refuses bytes that cannot be decoded; ``"replace"`` replaces them by
            U+FFFD (use :func:`load` to also get a finding saying so).

    Raises:
        DecodeError: The bytes are a binary format (the message names it: PDF, DOCX...), are in
            none of the encodings, mix encodings, are damaged, or hold mojibake. It carries the
            line and column of the first bad byte.
        LookupError: ``encoding`` names no codec.

    Examples:
        >>> decode("规章".encode("gbk"))
        '规章'
        >>> decode(codecs.BOM_UTF8 + "规章".encode())
        '规章'
        >>> decode("规章\t0\n".encode("utf-16-le"))
        '规章\t0\n'
        >>> decode(b"%PDF-1.7\n...")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        govinfo_report.errors.DecodeError: <string>:1:1: 输入是 PDF 文件，不是文本...
    """
    return decode_bytes(data, source=source, encoding=encoding, errors=errors).text


def decode_bytes(
    data: bytes,
    *,
    source: str | None = None,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Decoded:
    r"""Like :func:`decode`, and say which encoding was used and what was replaced.

    Examples:
        >>> decoded = decode_bytes("规章制度\n".encode() + b"\xff", errors="replace")
        >>> decoded.text, decoded.encoding, decoded.replaced, decoded.line
        ('规章制度\n�', 'utf-8', 1, 2)
    """
    data = bytes(data)
    _refuse_signature(data, source)
    return _checked(_detect(data, source, encoding, errors), source, errors, data)


def _detect(data: bytes, source: str | None, encoding: str | None, errors: Errors) -> Decoded:
    if encoding is not None:
        return _decode_as(data, encoding, 0, source, errors)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name, len(bom), source, errors)
    guessed = _utf16_without_bom(data, source, errors)
    if guessed is not None:
        return guessed
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        declared = _declared_by_html(data)
        if declared is not None:
            return declared
        return _not_utf8(data, error, source, errors)


def _declared_by_html(data: bytes) -> Decoded | None:
    """An HTML page that is not UTF-8, in the encoding its ``<meta charset>`` declares.

    Only when that encoding decodes every byte into plausible text: pages saved again in another
    encoding often keep a stale declaration.
    """
    encoding = sniff_html_encoding(data)
    if encoding is None or encoding == "utf-8":
        return None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(text, encoding) if _plausible(text) else None


def _read_document(data: bytes, source: str) -> Report | None:
    """A Word or PDF report, read by its reader; ``None`` for anything else (text)."""
    head = data[:1024].lstrip(b" \t\r\n")
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if head.startswith(b"%PDF-"):
        from ._pdf import read_pdf

        lines, findings = read_pdf(data, source=source)
        return parse_lines(lines, findings, source=source)
    if data.startswith(_ZIP) and _is_docx(data):
        from ._docx import read_docx

        lines, findings = read_docx(data, source=source)
        return parse_lines(lines, findings, source=source)
    return None


def _is_docx(data: bytes) -> bool:
    """True for a zip holding ``word/document.xml``, or a damaged zip that names ``word/``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return b"word/" in data


def _checked(
    decoded: Decoded, source: str | None, errors: Errors, data: bytes | None = None
) -> Decoded:
    """Refuse binary files read as text; repair, refuse or flag mojibake.

    ``data`` are the bytes ``decoded`` came from, if the caller has them.
    """
    text = decoded.text
    if data is None or decoded.encoding != "utf-8" or not _few_control_bytes(data):
        _refuse_binary(text, source)
    han = "".join(_HAN.findall(text, 0, _SAMPLE))
    if len(han) < 32 or _common(han) >= _COMMON_HAN_SHARE * len(han):
        return decoded
    repaired = _unmojibake(text)
    if errors == "replace":
        if repaired is not None:
            return attrs.evolve(decoded, text=repaired, mojibake="repaired")
        return attrs.evolve(decoded, mojibake="kept")
    hint, hint_en = "", ""
    if repaired is not None:
        first = next((line for line in repaired.splitlines() if line.strip()), "")[:40]
        hint = f"，还原后应为“{first}”；可用 errors='replace' 还原"
        hint_en = f"; repaired it would read {first!r}, which errors='replace' does"
    offset = _HAN.search(text)
    line, column, context = _locate_text(text, offset.start() if offset is not None else 0)
    raise DecodeError(
        f"文本看起来是乱码：UTF-8 文本曾被按 GBK 解码后另存，汉字大多是生僻字{hint} "
        f"(the text looks like mojibake: UTF-8 text once decoded as GBK and saved again, its "
        f"ideographs mostly rare ones{hint_en})",
        source=source,
        line=line,
        column=column,
        context=context,
    )


def _unmojibake(text: str) -> str | None:
    """The text before it became mojibake, if it can be recovered and is plausible."""
    try:
        repaired = text.encode("gb18030").decode("utf-8")
    except UnicodeError:
        return None
    return repaired if _plausible(repaired) else None


def _controls(text: str) -> int:
    r"""How many control characters (those ``_CONTROL`` matches) ``text`` holds.

    They are ASCII, so each is one byte of the UTF-8 form and no other byte of it is one; counting
    bytes is several times faster than matching characters.

    Examples:
        >>> _controls("规章\x00\t0\x1f\x7f")
        3
    """
    encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded) - len(encoded.translate(None, _CONTROL_BYTE_VALUES))


def _common(han: str) -> int:
    """How many of the ideographs ``han`` are common ones (GB2312 level 1)."""
    return sum(map(len, _COMMON_HAN.findall(han)))


def _decode_as(
    data: bytes, encoding: str, start: int, source: str | None, errors: Errors
) -> Decoded:
    """Decode ``data[start:]`` with ``encoding``, failing or replacing as ``errors`` says."""
    body = data[start:]
    try:
        return Decoded(body.decode(encoding), encoding)
    except UnicodeDecodeError as error:
        if errors == "replace":
            return _replaced(data, encoding, start)
        offset = error.start + start
        reason = (
            f"字节偏移 {offset} 处无法按 {encoding} 解码 (cannot decode the byte at offset "
            f"{offset} as {encoding}: {error.reason})"
        )
        if _cut_off(error, len(body)):
            reason = (
                f"字节偏移 {offset} 起的 {encoding} 字符不完整，文件可能被截断 (incomplete "
                f"{encoding} character at byte offset {offset}: the file may be cut off)"
            )
        raise _error(reason, data, offset, encoding, start, source) from error


def _replaced(data: bytes, encoding: str, start: int) -> Decoded:
    """``data[start:]`` decoded with replacement characters, counted and located."""
    text = data[start:].decode(encoding, "replace")
    line, column, _ = _locate_text(text, max(text.find("\ufffd"), 0))
    return Decoded(text, encoding, text.count("\ufffd"), line, column)


def _cut_off(error: UnicodeDecodeError, length: int) -> bool:
    """True if the decoding failed only because the data ends inside a character."""
    return error.end >= length and any(
        word in error.reason for word in ("end of data", "truncated", "incomplete")
    )


def _refuse_signature(data: bytes, source: str | None) -> None:
    """Raise a :class:`DecodeError` naming the format if ``data`` starts like a binary format."""
    head = data[:1024].lstrip(b" \t\r\n")
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if head.startswith(b"%PDF-"):
        raise _planned(
            "PDF 文件",
            "a PDF file",
            "请用 load() 读取 PDF 文件",
            "read a PDF file with load()",
            source,
        )
    if data.startswith(_ZIP):
        if b"word/" in data:
            raise _planned(
                "DOCX（Word）文件",
                "a DOCX (Word) file",
                "请用 load() 读取 DOCX 文件",
                "read a DOCX file with load()",
                source,
            )
        what, what_en = "ZIP 压缩文件", "a ZIP archive"
        if b"xl/" in data:
            what, what_en = "XLSX（Excel）文件", "an XLSX (Excel) file"
        elif b"ppt/" in data:
            what, what_en = "PPTX（PowerPoint）文件", "a PPTX (PowerPoint) file"
        elif _ODF_TEXT in data[:200]:
            what, what_en = "ODT（OpenDocument）文件", "an ODT (OpenDocument) file"
        raise _binary(what, what_en, source)
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise _binary(
            f"RIFF（{data[8:12].decode().strip()}）文件", "a RIFF (WebP, WAV or AVI) file", source
        )
    for signature, what, what_en in _SIGNATURES:
        if data.startswith(signature):
            raise _binary(what, what_en, source)


def _planned(
    what: str, what_en: str, reader: str, reader_en: str, source: str | None
) -> DecodeError:
    return DecodeError(
        f"输入是{_spaced(what)}，不是文本：{reader}，本版本只读取文本，请先另存为纯文本 "
        f"(the input is {what_en}, not text: {reader_en}; this version reads text only, save it "
        "as plain text first)",
        source=source,
        line=1,
        column=1,
    )


def _binary(what: str, what_en: str, source: str | None) -> DecodeError:
    return DecodeError(
        f"输入是{_spaced(what)}，不是文本报告 (the input is {what_en}, not a text report)",
        source=source,
        line=1,
        column=1,
    )


def _spaced(what: str) -> str:
    """A space before a name that starts with a Latin letter, as in ``输入是 PDF 文件``."""
    return f" {what}" if what[:1].isascii() else what


def _few_control_bytes(data: bytes) -> bool:
    r"""Whether UTF-8 ``data`` has too few control characters for its text to be refused.

    In UTF-8 a control character is one byte, and no other character has such a byte: fewer
    than 8 among the bytes of the first :data:`_SAMPLE` characters (at most 4 bytes each)
    means fewer than :func:`_refuse_binary` needs.

    Examples:
        >>> _few_control_bytes("规章\t0\n".encode()), _few_control_bytes(b"\x00" * 8)
        (True, False)
    """
    head = data[: 4 * _SAMPLE + len(codecs.BOM_UTF8)]
    return len(head) - len(head.translate(None, _CONTROL_BYTE_VALUES)) < 8


def _refuse_binary(text: str, source: str | None) -> None:
    """Refuse decoded text that is mostly control characters: a binary file.

    A few control characters (a stray NUL) are left to the parser, which names their place.
    """
    sample = text[:_SAMPLE]
    controls = _controls(sample)
    if controls < 8 or controls <= _BINARY_SHARE * len(sample):
        return
    first = _CONTROL.search(sample)
    offset = first.start() if first is not None else 0
    line, column, context = _locate_text(text, offset)
    raise DecodeError(
        f"输入看起来是二进制文件而不是文本：{controls * 100 // len(sample)}% 是控制字符 "
        f"(the input looks like a binary file, not text: {controls * 100 // len(sample)}% "
        "control characters)",
        source=source,
        line=line,
        column=column,
        context=context,
    )


def _utf16_without_bom(data: bytes, source: str | None, errors: Errors) -> Decoded | None:
    """UTF-16 without a BOM, recognised by its zero bytes; ``None`` when it is not that.

    The zero bytes of ASCII characters fall on one side of each byte pair; those of ideographs
    such as 一 (U+4E00) on the other, so both byte orders are tried, the likelier first, and the
    one that gives plausible text is kept.
    """
    first = data.find(0, 0, _SAMPLE)  # memchr: far quicker than counting where there is none
    if first < 0 or data.find(0, first + 1, _SAMPLE) < 0:
        return None  # fewer than two zero bytes
    sample = data[:_SAMPLE]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    zeros = even + odd
    orders = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for encoding in orders:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return Decoded(text, encoding)
    # Many zero bytes, nearly all on one side: UTF-16 for certain, but broken (an odd length is a
    # cut-off file).
    if max(even, odd) >= 0.9 * zeros and zeros >= 0.1 * len(sample) >= 2:
        return _decode_as(data, orders[0], 0, source, errors)
    return None


def _not_utf8(
    data: bytes, error: UnicodeDecodeError, source: str | None, errors: Errors
) -> Decoded:
    """Bytes that are not valid UTF-8: GB18030 if plausible, else a :class:`DecodeError`."""
    offset = error.start
    if _has_utf8_lines(data):
        # Lines of UTF-8 Chinese beside invalid bytes: damaged UTF-8 or mixed encodings.
        if errors == "replace":
            return _replaced(data, "utf-8", 0)
        if _cut_off(error, len(data)):
            reason = (
                f"文件末尾（字节偏移 {offset}）的 UTF-8 字符不完整，文件可能被截断 "
                f"(incomplete UTF-8 character at the end of the input, byte offset {offset}: "
                "the file may be cut off)"
            )
            raise _error(reason, data, offset, "utf-8", 0, source) from error
        line_start = data.rfind(b"\n", 0, offset) + 1
        line_end = data.find(b"\n", offset)
        bad_line = data[line_start : line_end if line_end >= 0 else len(data)]
        looks_gbk = _gb18030_plausible(bad_line)
        if looks_gbk:
            reason = (
                f"字节偏移 {offset} 处不是有效的 UTF-8，而文件其他行是 UTF-8：这一行像是"
                f" GBK/GB18030 编码，文件混用了编码 (the byte at offset {offset} is not valid"
                " UTF-8 while other lines are UTF-8: this line looks GBK/GB18030-encoded, the"
                " file mixes encodings)"
            )
        else:
            reason = (
                f"字节偏移 {offset} 处不是有效的 UTF-8，而文件其他行是 UTF-8：字节已损坏 (the byte"
                f" at offset {offset} is not valid UTF-8 while other lines are UTF-8: damaged"
                " bytes)"
            )
        rest = "gb18030" if looks_gbk else "utf-8"
        line, column, context = _locate(data, offset, "utf-8", 0, rest)
        raise DecodeError(
            reason, source=source, line=line, column=column, context=context
        ) from error
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as gb_error:
        gb_problem = f"按 GB18030 解码在字节偏移 {gb_error.start} 处失败"
        gb_problem_en = f"decoding as GB18030 fails at byte offset {gb_error.start}"
    else:
        if _plausible(text):
            return Decoded(text, "gb18030")
        gb_problem = "按 GB18030 解码得到的不像中文文本（疑似乱码）"
        gb_problem_en = "decoding as GB18030 gives text that does not look Chinese (mojibake)"
    if errors == "replace":
        replaced = _replaced(data, "gb18030", 0)
        if _plausible(replaced.text):
            return replaced
        return _replaced(data, "utf-8", 0)
    sample = data[:_SAMPLE]
    if len(_CONTROL_BYTES.findall(sample)) > max(8, _BINARY_SHARE * len(sample)):
        reason = (
            "输入看起来是二进制文件而不是文本：既不是 UTF-8、UTF-16，也不是 GB18030 "
            "(the input looks like a binary file, not text: it is neither UTF-8, UTF-16 nor "
            "GB18030)"
        )
    else:
        reason = (
            f"无法识别编码：字节偏移 {offset} 处不是有效的 UTF-8，{gb_problem} (unknown "
            f"encoding: the byte at offset {offset} is not valid UTF-8, and {gb_problem_en}; "
            "tried UTF-8, UTF-16 and GB18030)"
        )
    raise _error(reason, data, offset, "utf-8", 0, source) from error


def _has_utf8_lines(data: bytes) -> bool:
    """True if some line is valid UTF-8 holding at least three characters from U+0800 on.

    Three-byte UTF-8 sequences (all of Chinese) hardly ever occur in GBK text by chance: no line
    of GBK Chinese in the corpus, nor any of 200,000 random ones, passes this test.
    """
    for line in data.split(b"\n"):
        if len(line) < 9 or line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if sum(1 for char in text if ord(char) >= 0x800) >= 3:
            return True
    return False


def _gb18030_plausible(data: bytes) -> bool:
    try:
        return _plausible(data.decode("gb18030"))
    except UnicodeDecodeError:
        return False


def _plausible(text: str) -> bool:
    """True if ``text`` looks like a Chinese report, not mojibake or binary read as text."""
    sample = text[:_SAMPLE]
    counted = len(sample) - sample.count("\ufffd")
    if counted <= 0:
        return True
    plausible = len(sample) - len(_IMPLAUSIBLE.findall(sample))
    if plausible < _PLAUSIBLE_SHARE * counted:
        return False
    han = "".join(_HAN.findall(sample))
    return len(han) < 8 or _common(han) >= _COMMON_HAN_SHARE * len(han)


def _locate(
    data: bytes, offset: int, encoding: str, start: int, rest_encoding: str | None = None
) -> tuple[int, int, str | None]:
    """Line, column and the line's text at byte ``offset`` of ``data`` (text from ``start``).

    The bytes from ``offset`` on are shown decoded with ``rest_encoding`` (by default
    ``encoding``).
    """
    prefix = data[start:offset].decode(encoding, "replace")
    rest = data[offset : offset + 400].decode(rest_encoding or encoding, "replace")
    return _locate_text(prefix + rest, len(prefix))


def _locate_text(text: str, offset: int) -> tuple[int, int, str | None]:
    """Line, column (1-based, lines as :meth:`str.splitlines` counts them) and the line's text."""
    pieces = (text[:offset] + "\x00").splitlines()
    line = len(pieces)
    column = len(pieces[-1])
    after = text[offset : offset + 200].splitlines()
    shown = pieces[-1][:-1] + (after[0] if after and not text[offset:].startswith("\n") else "")
    if column > 200:
        return line, column, None
    return line, column, _SHOWN.sub("\ufffd", shown[: column + 80])


def _error(
    reason: str, data: bytes, offset: int, encoding: str, start: int, source: str | None
) -> DecodeError:
    line, column, context = _locate(data, offset, encoding, start)
    return DecodeError(reason, source=source, line=line, column=column, context=context)


def _is_utf8_of(decoded: Decoded, data: bytes) -> bool:
    """True when ``decoded.text`` is all of ``data`` decoded as UTF-8.

    No BOM was dropped, nothing replaced or repaired: encoding the text gives ``data`` back.
    """
    return (
        decoded.encoding == "utf-8"
        and not decoded.replaced
        and decoded.mojibake is None
        and not data.startswith(codecs.BOM_UTF8)
    )


def load(
    file: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    errors: Errors = "strict",
) -> Report:
    """Read a report from a path or a file object, detecting its encoding.

    Args:
        file: A path, or a file object open in binary (encoding detected) or text mode.
        source: A name for the input; by default the path or the file object's ``name``.
        max_bytes: Refuse inputs larger than this.
        encoding: Decode with this encoding instead of detecting one.
        errors: ``"strict"`` refuses undecodable bytes and mojibake with a
            :class:`DecodeError`; ``"replace"`` replaces the bytes by U+FFFD (a ``D101``
            finding) and repairs mojibake or keeps it (a ``D102`` finding).

    Returns:
        The report.

    Raises:
        ParseError: As for :func:`parse`; :class:`~govinfo_report.errors.DecodeError` when the
            bytes cannot be decoded (or are a binary format such as PDF or DOCX),
            :class:`~govinfo_report.errors.InputTooLargeError` above ``max_bytes``.
        OSError: The file cannot be read.
        LookupError: ``encoding`` names no codec.

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
        try:
            data = file.read(max_bytes + 1)
        except UnicodeDecodeError as error:
            raise DecodeError(
                f"文本模式的文件对象无法按 {error.encoding} 解码：请以二进制模式打开，由 load()"
                f" 识别编码 (the text-mode file object cannot be decoded as {error.encoding}:"
                " open it in binary mode and let load() detect the encoding)",
                source=name,
                line=1,
                column=1,
            ) from error
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"输入超过 {max_bytes} 字节上限 (input larger than {max_bytes} bytes)", source=name
        )
    if isinstance(data, str):
        return parse(data, source=name, max_bytes=max_bytes)
    document = _read_document(data, name)
    if document is not None:
        return document
    decoded = decode_bytes(data, source=name, encoding=encoding, errors=errors)
    if _is_utf8_of(decoded, data):
        with utf8_of(decoded.text, data):  # an HTML page is not encoded again to be parsed
            if b"\x00" in data:  # parse() says where
                report = parse(decoded.text, source=name, max_bytes=max_bytes)
            else:  # the text is these bytes: within max_bytes, without a NUL (sought faster)
                report = parse_checked(decoded.text, source=name)
    else:
        report = parse(decoded.text, source=name, max_bytes=max_bytes)
    findings = decoded.findings()
    if not findings:
        return report
    return attrs.evolve(report, findings=(*findings, *report.findings))
