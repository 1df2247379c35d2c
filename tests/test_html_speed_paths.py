"""The faster paths of the HTML reader and of decoding give what the plain ones gave."""

from __future__ import annotations

import random

import pytest
import regex

from govinfo_report import _html, _input
from govinfo_report._html import read_html


def cells_of(html: str) -> list[tuple[str, ...]]:
    result = read_html(html)
    assert result is not None
    return [line.cells for line in result[0] if line.cells is not None]


# -- a cell's text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("<p>科研</p><p>机构</p>", "科研机构"),
        ("<p><span>商</span><span>业</span></p>\n<p><span>企业</span><o:p></o:p></p>", "商业企业"),
        ("<div><p>Total</p>x<p>5</p></div>", "Total x 5"),
        ("前<script>脚本</script>后", "前后"),
        ("<span>前<select><option>选项</option></select>后</span>", "前后"),
        ("a<br>b<br/>c", "a b c"),
        ("<b>a</b>b", "ab"),
        ("<p>&nbsp;</p><p></p>", ""),
        ("<span><span><p>深</p></span>尾</span>", "深尾"),
    ],
)
def test_cell_text_from_its_pieces(cell: str, text: str) -> None:
    html = f"<table><tr><td>规章</td><td>{cell}</td></tr></table>"
    assert cells_of(html) == [("规章", text)]


def test_deeply_nested_cell_is_read_without_recursion() -> None:
    """The cell's own walk keeps a stack: 1,500 unclosed ``<font>`` tags in a cell are read."""
    inner = "".join(f"<font>{n}<br>" for n in range(1500))
    rows = cells_of(f"<table><tr><td>规章</td><td>{inner}</td></tr></table>")
    assert rows[0][0] == "规章"
    assert rows[0][1] == " ".join(str(n) for n in range(1500))


def test_table_in_a_cell_makes_a_layout_table() -> None:
    html = (
        "<table><tr><td><span><table><tr><td>规章</td><td>1</td></tr></table></span></td></tr>"
        "</table>"
    )
    assert cells_of(html) == [("规章", "1")]


def test_table_in_a_skipped_element_of_a_cell_is_not_read() -> None:
    html = (
        "<table><tr><td>规章</td><td>1<noscript><table><tr><td>x</td><td>y</td></tr></table>"
        "</noscript></td></tr></table>"
    )
    assert cells_of(html) == [("规章", "1")]


# -- the grid ---------------------------------------------------------------------------------


def test_spans_carried_over_several_rows() -> None:
    html = (
        "<table>"
        "<tr><td rowspan=3>三、本年度办理结果</td><td>（一）予以公开</td><td rowspan=2>7</td></tr>"
        "<tr><td>（二）部分公开</td></tr>"
        "<tr><td>（三）不予公开</td><td>2</td></tr>"
        "</table>"
    )
    result = read_html(html)
    assert result is not None
    rows = [line for line in result[0] if line.cells is not None]
    assert [row.cells for row in rows] == [
        ("三、本年度办理结果", "（一）予以公开", "7"),
        ("（二）部分公开", ""),
        ("（三）不予公开", "2"),
    ]
    # The blank for the spanned number points at the cell that printed it.
    assert rows[1].starts[1] == rows[0].starts[2]


# -- cell positions ---------------------------------------------------------------------------


def test_source_tags_after_white_space_as_regex_reads_it() -> None:
    r"""``<td`` followed by Unicode white space is a cell tag; by ``\x1c`` (not White_Space) not."""
    tags = _html._Source("<td\u3000a>x\n <TH\x85>y <td\x1c>z <tdx>")._index()
    assert tags == [(1, 7), (2, 7)]


def test_source_columns_across_long_and_short_lines() -> None:
    text = "<table><tr><td>a</td>\n\n<td>b</td>" + " " * 500 + "<td>c</td>\n<th>d</th></tr>"
    tags = _html._Source(text)._index()
    expected = []
    for found in regex.finditer(r"<t[dh][^>]*>", text):
        end = found.end()
        expected.append((text.count("\n", 0, end) + 1, end - text.rfind("\n", 0, end)))
    assert tags == expected


# -- wide characters --------------------------------------------------------------------------


def test_wide_characters_as_the_pattern_says() -> None:
    for code in (*range(0x2000, 0x2100), *range(0x2E70, 0x3300), 0x4E00, 0x9FA5, 0xFF01, 0x20000):
        char = chr(code)
        assert _html._is_wide(char) == (_html._WIDE_RE.match(char) is not None), hex(code)


def test_wide_memo_stays_bounded() -> None:
    for code in range(0x4E00, 0x4E00 + 2 * _html._WIDE_MEMO_SIZE):
        _html._is_wide(chr(code))
    assert len(_html._WIDE_MEMO) <= _html._WIDE_MEMO_SIZE


# -- decoding ---------------------------------------------------------------------------------

_CONTROL_CHARS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85, 0xA0)]
_OTHER_CHARS = ["a", " ", "规", "章", "\u00e9", "\u3000", "\ufffd", "\U00020000", "\ud800"]


def test_control_count_matches_the_pattern() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(_CONTROL_CHARS + _OTHER_CHARS) for _ in range(rng.randrange(60)))
        assert _input._controls(text) == len(_input._CONTROL.findall(text))


def test_common_ideographs_counted_as_gb2312_level_1() -> None:
    level_1 = bytes((0xB0, 0xA1)).decode("gb2312") + bytes((0xD7, 0xF9)).decode("gb2312")
    rare = bytes((0xD8, 0xA1)).decode("gb2312") + "\u9fa5\u4e02"
    assert _input._common(level_1 + rare + level_1) == 4
    assert _input._common(rare) == 0


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("规章制度 0 1 2", True),
        ("规章\u0400\u0401\u0402", False),  # Cyrillic: not what a report is made of
        ("\ufffd" * 10, True),
        ("规章" + "\ufffd" * 10 + "\u0400", False),
    ],
)
def test_plausible(text: str, plausible: bool) -> None:
    assert _input._plausible(text) is plausible


def test_one_zero_byte_is_not_utf16() -> None:
    data = "规章\t0\n".encode() + b"\x00"
    assert _input._utf16_without_bom(data, None, "strict") is None
    assert _input._utf16_without_bom("规章\t0\n".encode("utf-16-le"), None, "strict") is not None
