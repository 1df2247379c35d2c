"""The faster paths of the HTML reader and of decoding give what the plain ones gave."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
import regex

import govinfo_report as gr
from govinfo_report import _html, _input
from govinfo_report._html import read_html

from .helpers import run_python


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


# -- cells read by the transform --------------------------------------------------------------

_WORD_CELL = "<p class=MsoNormal><span lang=EN-US>{}</span><span><o:p></o:p></span></p>"


def word_table(*cells: str, spans: str = "") -> str:
    """A table whose first cells are Word's, so that its cells are read by the transform."""
    label = f"<td>{_WORD_CELL.format('规章')}</td>"
    first = "".join(f"<td{spans}>{_WORD_CELL.format(n)}</td>" for n in range(8))
    rest = "".join(f"<td>{cell}</td>" for cell in cells)
    return f"<table><tr>{label}{first}</tr><tr>{label}{rest}</tr></table>"


def read_both(html: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """What the reader gives, and what it gives reading each cell on its own."""
    fast = read_html(html)
    with monkeypatch.context() as patched:
        patched.setattr(_html._Walker, "_known", lambda self, table: None)
        plain = read_html(html)
    return fast, plain


@pytest.mark.parametrize(
    "cell",
    [
        "<p>科研</p><p>机构</p>",
        "<p><span>商</span><span>业</span></p>\n<p><span>企业</span><o:p></o:p></p>",
        "<div><p>Total</p>x<p>5</p></div>",
        "前<script>脚本</script>后",
        "<span>前<select><option>选项</option></select>后</span>",
        "a<br>b<br/>c",
        "<p>&nbsp;</p><p></p>",
        "<p>\u200b12\ufeff</p>",
        "<p> 公开 </p> 2022 <p>件</p>",
        "x<table><tr><td>规章</td><td>1</td></tr></table>",
        "<noscript><table><tr><td>x</td></tr></table></noscript>1",
        "标记\ue000字符\ue001与\ue002",
    ],
)
def test_transform_reads_cells_as_they_are_read_one_by_one(
    cell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    transform = _html._read_cells

    def spy(node: object, etree: object) -> object:
        found = transform(node, etree)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    monkeypatch.setattr(_html, "_read_cells", spy)
    fast, plain = read_both(word_table(cell, "<p>0</p>"), monkeypatch)
    assert fast == plain
    assert calls[0] or "\ue000" in cell or "\ue002" in cell  # marks in text: read one by one


@pytest.mark.parametrize("span", ["2", " 3", "２ 3", "x", "\ue000", ""])
def test_transform_reads_spans_as_attributes_are_read(
    span: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = word_table("<p>1</p>", "<p>2</p>", spans=f' colspan="{span}" rowspan="{span}"')
    fast, plain = read_both(html, monkeypatch)
    assert fast == plain


def test_deep_table_is_not_read_by_the_transform() -> None:
    """Nesting deeper than the transform goes is read one by one, in a small thread stack."""
    code = (
        "import threading\n"
        "from govinfo_report._html import read_html\n"
        "cells = ''.join(f'<td><p><span>{n}</span></p></td>' for n in range(9))\n"
        "deep = ''.join(f'<font>{n}<b>' for n in range(600))\n"
        "html = f'<table><tr>{cells}<td>规章</td><td>{deep}</td></tr></table>'\n"
        "threading.stack_size(256 * 1024)\n"
        "done = []\n"
        "worker = threading.Thread(target=lambda: done.append(read_html(html)))\n"
        "worker.start()\n"
        "worker.join()\n"
        "print(len(done[0][0]))\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


def test_transform_gives_up_on_deep_tables() -> None:
    from lxml import etree

    shallow = etree.HTML("<table><tr><td><p><span>1</span></p></td></tr></table>")
    deep = etree.HTML(
        "<table><tr><td>" + "<span>" * (_html._TRANSFORM_DEPTH + 1) + "1</td></tr></table>"
    )
    assert _html._read_cells(next(shallow.iter("table")), etree) is not None
    assert _html._read_cells(next(deep.iter("table")), etree) is None


def test_transform_depth_limit_is_exact() -> None:
    from lxml import etree

    def deepest_has(ancestors: int) -> object:
        # table > tr > td (libxml2 adds no tbody): the first span has 3 ancestors in the table.
        spans = ancestors - 2
        html = "<table><tr><td>" + "<span>" * spans + "1" + "</span>" * spans + "</td></tr></table>"
        table = next(etree.HTML(html).iter("table"))
        assert (
            max(len(list(e.iterancestors())) for e in table.iter())
            - len(list(table.iterancestors()))
            == ancestors
        )
        return _html._read_cells(table, etree)

    read = deepest_has(_html._TRANSFORM_DEPTH - 1)
    assert isinstance(read, dict)
    assert list(read.values()) == [("1", "", "")]
    assert deepest_has(_html._TRANSFORM_DEPTH) is None


# -- plain cells and lines --------------------------------------------------------------------

_PIECES = ["", " ", "\n", "\t", "\u3000", "\xa0", "\u200b", "商", "业", "a", "1", "，", "½", "x y"]


def test_plain_cells_read_as_the_walk_reads_them() -> None:
    from lxml import etree

    rng = random.Random(11)
    for _ in range(2000):
        tag = rng.choice(["p", "span", "div", "br", "o:p", "script", "b"])
        before, inner, after = (rng.choice(_PIECES) + rng.choice(_PIECES) for _ in range(3))
        shape = rng.choice(
            [f"{before}", f"{before}<{tag}>{inner}</{tag}>{after}", f"<{tag}>{inner}</{tag}>"]
        )
        cell = next(etree.HTML(f"<table><tr><td>{shape}</td></tr></table>").iter("td"))
        assert _html._cell_read(cell) == _html._cell_content(cell), shape


def test_line_text_joins_source_lines_as_before() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        raw = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(8)))
        joined = _html._join(_html._SOURCE_BREAK.split(raw.strip())) if "\n" in raw else raw
        assert _html._line_text(raw) == _html._squeeze(joined), repr(raw)


def test_quick_word_test_is_a_word() -> None:
    for code in (*range(0x30, 0x80), *range(0x4E00, 0xA000)):
        if _html._is_word(chr(code)):
            assert _html._HAS_WORD.match(chr(code)), hex(code)


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


def _source(text: str) -> _html._Source:
    root, _ = _html.parse_html(text)
    return _html._Source(text, root)


def test_source_tags_after_white_space_as_regex_reads_it() -> None:
    r"""``<td`` followed by Unicode white space is a cell tag; by ``\x1c`` (not White_Space) not."""
    lines, columns = _source("<td\u3000a>x\n <TH\x85>y <td\x1c>z <tdx>").tags()
    assert list(zip(lines, columns, strict=True)) == [(1, 7), (2, 7)]


def test_source_columns_across_long_and_short_lines() -> None:
    text = "<table><tr><td>a</td>\n\n<td>b</td>" + " " * 500 + "<td>c</td>\n<th>d</th></tr>"
    tags = list(zip(*_source(text).tags(), strict=True))
    expected = []
    for found in regex.finditer(r"<t[dh][^>]*>", text):
        end = found.end()
        expected.append((text.count("\n", 0, end) + 1, end - text.rfind("\n", 0, end)))
    assert tags == expected


def _at(text: str, line: int, column: int, length: int) -> str:
    """``length`` characters of ``text`` from 1-based ``line`` and ``column``."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return text[start + column - 1 : start + column - 1 + length]


def _positions_point_at_cells(html: str) -> None:
    result = read_html(html)
    assert result is not None
    for row in result[0]:
        if row.cells is None:
            continue
        for cell, line, column in zip(row.cells, row.cell_lines, row.starts, strict=True):
            if cell:
                assert _at(html, line, column, len(cell)) == cell, (html, row)


def test_cells_after_a_layout_table_on_the_same_line() -> None:
    """A layout table's cells are not rows; the data table after them on the line is found."""
    html = (
        "<html><body><table><tr><td><div>导航</div><table><tr><td>首页</td></tr></table></td></tr>"
        "</table><table><tr><td>本年新收</td><td>5</td></tr><tr><td>上年结转</td><td>1</td>"
        "</tr></table></body></html>"
    )
    _positions_point_at_cells(html)
    assert cells_of(html) == [("首页",), ("本年新收", "5"), ("上年结转", "1")]


def test_cell_positions_in_generated_pages() -> None:
    rng = random.Random(17)
    parts = [
        "<table><tr><td>{w}</td><td>{n}</td></tr></table>",
        "<table><tr><td><table><tr><td>{w}</td></tr></table></td><td>{w}</td></tr></table>",
        "<table><tr><td rowspan=2>{w}</td><td>{n}</td></tr><tr><td>{n}</td></tr></table>",
        "<!-- <td>{w}</td> -->",
        "<div>{w}</div>",
        "<p>{w}<br>{n}</p>",
        "\n",
        "\n  ",
        "<script>var a = '<td>';</script>",
        "<STYLE>td {{ color: red }} <td></style>",
        "<table><tr><th colspan=2>{w}</th></tr><tr><td>{n}</td><td>{w}</td></tr></table>",
        "<table><tr><td>{w}</td></tr><noscript><table><tr><td>{n}</td></tr></table></noscript>"
        "<tr><td>{n}</td></tr></table>",
    ]
    words = ["规章", "本年新收", "予以公开", "ab", "行政复议"]
    for _ in range(400):
        body = "".join(
            rng.choice(parts).format(w=rng.choice(words), n=rng.randrange(100))
            for _ in range(rng.randrange(1, 8))
        )
        _positions_point_at_cells(f"<html><body>{body}</body></html>")


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


def test_page_decoded_by_load_is_not_encoded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "<html><head><title>某局2022年政府信息公开工作年度报告</title></head><body>"
        "<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    given: list[bytes | None] = []
    parse_html = _html.parse_html

    def spy(text: str) -> object:
        known = getattr(_html._ENCODED, "pair", None)
        given.append(known[1] if known is not None and known[0] is text else None)
        return parse_html(text)

    monkeypatch.setattr(_html, "parse_html", spy)
    assert gr.dumps(gr.load(path)) == gr.dumps(gr.parse(page, source=str(path)))
    assert given == [path.read_bytes(), None]
    assert getattr(_html._ENCODED, "pair", None) is None


@pytest.mark.parametrize(
    ("data", "errors", "same"),
    [
        ("<p>规章</p>".encode(), "strict", True),
        (codecs.BOM_UTF8 + "<p>规章</p>".encode(), "strict", False),
        ("<p>规章</p>".encode("gb18030"), "strict", False),
        ("<p>规章制度</p>".encode() + b"\xff", "replace", False),
    ],
)
def test_utf8_hint_only_for_the_bytes_as_they_are(data: bytes, errors: str, same: bool) -> None:
    decoded = _input.decode_bytes(data, errors=errors)  # type: ignore[arg-type]
    assert _input._is_utf8_of(decoded, data) is same
    if same:
        assert decoded.text.encode("utf-8") == data


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


def test_control_byte_count_bounds_the_binary_check() -> None:
    """Where the bytes' count lets the binary check be skipped, it would have passed."""
    rng = random.Random(23)
    alphabet = ["a", "规", "\n", "\t", "\x00", "\x01", "\x1f", "\x7f", "\u3000", "😀"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        text *= rng.choice([1, 1, 1000, 3000])
        data = (codecs.BOM_UTF8 if rng.random() < 0.2 else b"") + text.encode()
        if _input._few_control_bytes(data):
            assert _input._controls(text[: _input._SAMPLE]) < 8, text[:40]
        else:
            assert _input._controls(data.decode("utf-8-sig")) >= 8


def test_binary_utf8_is_still_refused() -> None:
    data = ("规章" + "\x01\x02\x03\x04" * 50).encode()
    with pytest.raises(gr.errors.DecodeError):
        gr.decode(data)


def test_plain_iteration_reads_a_table_as_its_walk() -> None:
    """Where the iteration over rows and cells does not give up, it reads what the walk reads."""
    from lxml import etree

    rng = random.Random(29)
    parts = [
        "<tr>",
        "</tr>",
        "<td>规章</td>",
        "<th colspan=2>1</th>",
        "<td rowspan=2><p>商业</p><p>企业</p></td>",
        "<tbody>",
        "</tbody>",
        "<thead>",
        "<td><div><td>内</td></div></td>",
        "<td><div><tr><td>行</td></tr></div></td>",
        "<div>",
        "</div>",
        "<td><span>5</span></td>",
        "<td></td>",
        "x",
    ]
    taken = 0
    for _ in range(3000):
        html = "<table>" + "".join(rng.choice(parts) for _ in range(rng.randrange(12))) + "</table>"
        table = next(etree.HTML(html).iter("table"))
        walker = _html._Walker(_html._Source(html, table.getroottree().getroot()), etree)
        quick = walker._cells_in(table, True)
        walked = walker._cells_in(table, False)
        assert walked is not False
        if quick is not False:
            taken += 1
            assert quick is not None and walked is not None, html
            assert (quick.rows, quick.ends, quick.cells, quick.texts) == (
                walked.rows,
                walked.ends,
                walked.cells,
                walked.texts,
            ), html
            assert (quick.colspans, quick.rowspans, quick.spanned_at, quick.spanned) == (
                walked.colspans,
                walked.rowspans,
                walked.spanned_at,
                walked.spanned,
            ), html
    assert 500 < taken < 3000  # both ways are taken


def test_utf16_guess_needs_two_zero_bytes_in_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    """The zero-byte test finds what counting found: two zeros within the sample, or not."""
    tried: list[bytes] = []
    monkeypatch.setattr(_input, "_plausible", lambda text: tried.append(b"") or False)
    size = _input._SAMPLE
    for zeros in ((), (5,), (5, 9), (size - 1,), (size - 2, size - 1), (size - 1, size), (size,)):
        data = bytearray(b"a" * (size + 10))
        for at in zeros:
            data[at] = 0
        tried.clear()
        _input._utf16_without_bom(bytes(data), None, "strict")
        assert bool(tried) == (sum(1 for at in zeros if at < size) >= 2), zeros
