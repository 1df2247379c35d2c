"""Parser behaviour on inputs written inline: each quirk of the tab rendering beside its result."""

from __future__ import annotations

import codecs
import io

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import _text

HEAD = "某局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n"
T3_2021 = """三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t申请人情况\t\t\t\t\t\t总计
\t自然人\t法人或其他组织\t\t\t\t\t
\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t
一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1

二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t
三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t0\t1\t
(七) 总计\t\t1\t0\t0\t0\t0\t0\t1\t
四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0\t
"""


def codes(report: gr.Report) -> list[str]:
    return [f.code for f in report.findings]


def cells_of(report: gr.Report, key: str) -> tuple[object, ...]:
    assert report.t3 is not None
    row = report.t3.get(key)
    assert row is not None, key
    return row.values


def test_shifted_cells_are_realigned() -> None:
    report = gr.parse(HEAD + T3_2021)
    assert cells_of(report, "new_received") == (1, 0, 0, 0, 0, 0, 1)
    assert cells_of(report, "carried_over") == (0,) * 7
    assert cells_of(report, "granted") == (1, 0, 0, 0, 0, 0, 1)
    assert cells_of(report, "total") == (1, 0, 0, 0, 0, 0, 1)
    assert codes(report) == ["P201"]  # the format was taken from the year, nothing else


def test_table_labels_that_look_like_headings_stay_rows() -> None:
    report = gr.parse(HEAD + T3_2021)
    assert [s.number for s in report.sections] == [1, 3]
    assert cells_of(report, "carried_forward") == (0,) * 7


def test_label_on_its_own_line_in_a_table_is_not_a_heading() -> None:
    text = HEAD + T3_2021.replace(
        "三、本年度办理结果\t(一) 予以公开", "三、本年度办理结果\n(一) 予以公开"
    )
    report = gr.parse(text)
    assert [s.number for s in report.sections] == [1, 3]
    assert cells_of(report, "granted") == (1, 0, 0, 0, 0, 0, 1)


def test_blank_is_not_zero() -> None:
    text = HEAD + T3_2021.replace(
        "一、本年新收政府信息公开申请数量\t1\t0", "一、本年新收政府信息公开申请数量\t\t0"
    )
    values = cells_of(gr.parse(text), "new_received")
    assert values[0] is None and values[1] == 0


@pytest.mark.parametrize("raw", ["/", "-", "—", "无"])
def test_null_markers(raw: str) -> None:
    text = HEAD + T3_2021.replace(
        "一、本年新收政府信息公开申请数量\t1", f"一、本年新收政府信息公开申请数量\t{raw}"
    )
    report = gr.parse(text)
    assert report.t3 is not None
    row = report.t3.get("new_received")
    assert row is not None and row.cells[0].value is None and row.cells[0].raw == raw


def test_fewer_cells_padded_with_a_finding() -> None:
    text = HEAD + T3_2021.replace("0\t0\t0\t0\t0\t0\t0\t\n三", "0\t0\t0\n三", 1)
    report = gr.parse(text)
    # Cells stay in the columns they were printed in; the missing ones are blank, and said so.
    assert cells_of(report, "carried_over") == (None, 0, 0, 0, None, None, None)
    assert [(f.code, f.key) for f in report.findings if f.code != "P201"] == [
        ("P103", "t3.carried_over")
    ]


def test_extra_cells_reported_not_dropped_silently() -> None:
    text = HEAD + T3_2021.replace(
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
        "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\t9",
    )
    report = gr.parse(text)
    (finding,) = [f for f in report.findings if f.code != "P201"]
    assert finding.code == "P102" and "9" in finding.message
    assert (finding.line, finding.column) == (10, 32)


def test_label_variants_and_widths() -> None:
    text = HEAD + T3_2021.replace(
        "(七) 总计", "\t(三) 不予公开\t2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n（七）总计"
    )
    report = gr.parse(text)
    assert cells_of(report, "denied.law_forbidden") == (0,) * 7
    assert report.t3 is not None
    row = report.t3.get("denied.law_forbidden")
    assert row is not None and row.groups == ("(三) 不予公开",)


def test_format_from_labels_not_year() -> None:
    t2_2019 = (
        "二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规范性文件\t1\t2\t3\n"
    )
    report = gr.parse(HEAD + t2_2019)
    assert report.year == 2022 and report.format == "2019"
    assert gr.flatten(report)["t2.normative_documents.total_published"] == 3


def test_format_from_year_when_no_table() -> None:
    report = gr.parse("某局2015年政府信息公开工作年度报告\n一、概述\n正文。")
    assert report.format == "pre2019"
    assert report.t2 is None and report.t3 is None


def test_2019_other_row() -> None:
    text = HEAD + T3_2021.replace("(七) 总计", "(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\n(七) 总计")
    report = gr.parse(text)
    assert report.format == "2019"
    assert cells_of(report, "other") == (0,) * 7


def test_bold_markers_kept() -> None:
    report = gr.parse(HEAD + "\n**一是**加强公开。\n")
    texts = [b.text for b in report.blocks() if isinstance(b, gr.Paragraph)]
    assert "**一是**加强公开。" in texts


def test_subheadings() -> None:
    report = gr.parse(HEAD + "（一）主动公开\n（二）依申请公开情况。本年无申请。\n")
    blocks = report.sections[0].blocks
    assert isinstance(blocks[1], gr.SubHeading) and blocks[1].text == "（一）主动公开"
    assert isinstance(blocks[2], gr.Paragraph)


def test_partial_report_gives_what_is_there() -> None:
    text = HEAD + T3_2021
    cut = text[: text.index("三、本年度办理结果")]
    report = gr.parse(cut)
    assert report.t3 is not None and report.t3.get("total") is None
    assert cells_of(report, "carried_over") == (0,) * 7


@pytest.mark.parametrize("text", ["", "\n\n  \n", "hello world\nnothing here", "1\t2\t3"])
def test_not_a_report(text: str) -> None:
    with pytest.raises(gr.ParseError) as info:
        gr.parse(text, source="x.txt")
    assert info.value.source == "x.txt" and info.value.line is not None
    assert str(info.value).startswith("x.txt:")


def test_nul_byte_is_located() -> None:
    with pytest.raises(gr.ParseError) as info:
        gr.parse(HEAD + "正\x00文", source="bin")
    assert (info.value.line, info.value.column) == (6, 2)


def test_size_limit() -> None:
    with pytest.raises(gr.InputTooLargeError):
        gr.parse(HEAD * 10, max_bytes=100)


def test_parse_error_is_a_value_error_and_caret_lines_up() -> None:
    error = gr.ParseError("坏", source="a", line=1, column=3, context="一、总体")
    assert isinstance(error, ValueError) and isinstance(error, gr.GovInfoReportError)
    assert str(error).splitlines()[-1] == "    " + " " * 4 + "^"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_load_detects_encoding(encoding: str) -> None:
    data = (HEAD + T3_2021).encode(encoding)
    report = gr.load(io.BytesIO(data))
    assert report.agency == "某局" and cells_of(report, "new_received")[0] == 1


def test_load_utf16_without_bom() -> None:
    data = (HEAD + T3_2021).encode("utf-16-le")
    assert gr.load(io.BytesIO(data)).year == 2022
    assert not data.startswith(codecs.BOM_UTF16_LE)


def test_undecodable_bytes() -> None:
    with pytest.raises(gr.DecodeError):
        gr.load(io.BytesIO(b"abc\x80\xff\x80"), source="bad")


def test_load_path_and_text_file(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "r.txt"
    path.write_text(HEAD + T3_2021, encoding="gbk")
    assert gr.load(path).source == str(path)
    with path.open(encoding="gbk") as handle:
        assert gr.load(handle).year == 2022


def test_official_labels_rewrite_rows_and_groups(seed: gr.Report) -> None:
    text = gr.render(seed, labels="official")
    assert "\n（三）不予公开\t1.属于国家秘密\t" in text
    assert "2.其他法律行政法规禁止公开" in text and "其他法律法规禁止公开" not in text
    assert gr.flatten(gr.parse(text)) == gr.flatten(seed)


@pytest.mark.parametrize(
    "text",
    [
        "行政强制\n0 " + "9" * 5000 + "\n0\n信息内容本年增/减",
        "第二十条第(五)项\n" + "9" * 5000,
        "某局2022年年度报告\n一、总体情况\n\ud800\udcff",
        "\ud800",
    ],
)
def test_found_by_fuzzing_never_another_exception(text: str) -> None:
    try:
        report = gr.parse(text, source="fuzz")
    except gr.ParseError as error:
        assert error.source == "fuzz"
        return
    assert gr.loads(gr.dumps(report)) == report
    gr.validate(report)


def test_a_number_too_long_to_be_a_count_is_kept_as_text() -> None:
    report = gr.parse(
        HEAD
        + T3_2021.replace("\t1\t0\t0\t0\t0\t0\t1\n", "\t" + "9" * 30 + "\t0\t0\t0\t0\t0\t1\n", 1)
    )
    assert report.t3 is not None
    row = report.t3.get("new_received")
    assert row is not None and row.cells[0].value == "9" * 30
    assert "V102" in {f.code for f in gr.validate(report)}


def test_table_words_are_words_of_the_layouts() -> None:
    """Every word readers count to find a table is part of some label the layouts print."""
    from govinfo_report import layouts

    labels: list[str] = [layouts.T2_HEADER_LABEL, *layouts.T3_HEADER_LABELS]
    for layout in layouts.LAYOUTS.values():
        for block in layout.t2_blocks:
            labels.append(block.caption)
            labels.extend(row.label for row in block.rows)
        labels.extend(row.label for row in layout.t3_rows)
        labels.extend(row.group or "" for row in layout.t3_rows)
    labels.extend(column.label for column in (*layouts.T3_COLUMNS, *layouts.T4_COLUMNS))
    labels.extend(
        label for block in layouts.T4_BLOCKS for label in (block.label, block.group or "")
    )
    missing = [word for word in layouts.TABLE_WORDS if not any(word in label for label in labels)]
    assert missing == []


def test_reports_of_one_shape_keep_their_own_lines() -> None:
    """Two reports whose line kinds differ only in run lengths share the grammar's tree."""
    from govinfo_report.parser import _parse_shape

    short = "某局2022年政府信息公开工作年度报告\n一、总体情况\n甲。\n规章\t1\t0\t1\n"
    long = (
        "某局2022年政府信息公开工作年度报告\n一、总体情况\n甲。\n乙。\n丙。\n"
        "规章\t2\t0\t2\n行政规范性文件\t3\t1\t4\n"
    )
    _parse_shape.cache_clear()
    first, second = gr.parse(short), gr.parse(long)
    assert _parse_shape.cache_info().hits == 1  # the second report reused the first one's tree
    texts = [b.text for b in second.sections[0].blocks if isinstance(b, gr.Paragraph)]
    assert texts == ["甲。", "乙。", "丙。"]
    assert second.t2 is not None and first.t2 is not None
    assert [row.values for row in second.t2.blocks[0].rows] == [(2, 0, 2), (3, 1, 4)]
    assert [row.values for row in first.t2.blocks[0].rows] == [(1, 0, 1)]


def test_odd_long_shapes_are_not_kept() -> None:
    from govinfo_report.parser import _SHAPE_KEPT, _parse_shape

    lines = ["某局2022年政府信息公开工作年度报告"]
    for number in range(_SHAPE_KEPT):  # a heading, a row: every line its own terminal
        lines.append("一、总体情况" if number % 2 else "规章\t1\t0\t1")
    _parse_shape.cache_clear()
    report = gr.parse("\n".join(lines))
    assert len(report.sections) == _SHAPE_KEPT // 2
    assert _parse_shape.cache_info().currsize == 0


@pytest.mark.parametrize("kind", ["count", "signed", "amount"])
@pytest.mark.parametrize("raw", ["0", "12", "", "—", "+17", "-8", "9116.36", "1,234", "9" * 40])
def test_new_cell_is_the_cell_the_class_makes(raw: str, kind: str) -> None:
    """The parser's fast constructor makes exactly the cell ``Cell(...)`` makes."""
    from govinfo_report.model import new_cell

    made, fast = gr.Cell(raw, kind, line=3, column=7, page=2), new_cell(raw, kind, 3, 7, 2)  # type: ignore[arg-type]
    fields = [field.name for field in attrs.fields(gr.Cell)]
    assert [getattr(fast, name) for name in fields] == [getattr(made, name) for name in fields]
    assert type(fast.value) is type(made.value) and fast == made and hash(fast) == hash(made)


@pytest.mark.parametrize(
    "text",
    [
        "某局2022年报告\n\n  一、总体情况  \n规章\t0\t 1 \n",
        "\t\t\n （三）不予公开\t1.属于国家秘密\t\u30000\t\t—\n\u3000\n",
        " a \t b\t\tc \t  d\r\nx\ty\n",
    ],
)
def test_read_lines_makes_the_lines_the_class_makes(text: str) -> None:
    """The reader's direct construction gives exactly ``Line(number, text, cells, starts)``."""
    from govinfo_report._classify import Line, label_span, read_lines

    for line in read_lines(text):
        made = Line(line.number, line.text, line.cells, line.starts)
        assert type(line) is Line and line._fields == made._fields
        assert [getattr(line, name) for name in Line._fields] == [
            getattr(made, name) for name in Line._fields
        ]
        assert line == made and hash(line) == hash(made)
        assert line.label_span == label_span(line.cells or ())
    rows = [line for line in read_lines(text) if line.cells is not None]
    assert rows and all(len(row.starts) == len(row.cells or ()) for row in rows)


@pytest.mark.parametrize("key", ["rules", None])
@pytest.mark.parametrize("groups", [(), ("（三）不予公开",)])
def test_new_row_is_the_row_the_class_makes(key: str | None, groups: tuple[str, ...]) -> None:
    """The parser's fast row constructor makes exactly the row ``Row(...)`` makes."""
    from govinfo_report.model import new_row

    cells = (gr.Cell("1", line=4, column=3), gr.Cell(""))
    made, fast = gr.Row(key, "规章", cells, groups, line=4), new_row(key, "规章", cells, groups, 4)
    fields = [field.name for field in attrs.fields(gr.Row)]
    assert [getattr(fast, name) for name in fields] == [getattr(made, name) for name in fields]
    assert fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)


def test_lines_are_immutable_and_replace_keeps_their_labels() -> None:
    from govinfo_report._classify import Line

    row = Line(2, "规章\t1\t0\t1", ("规章", "1", "0", "1"), (1, 4, 6, 8), page=3)
    assert (row.label_span, row.page, row.first_value) == ((0, 1), 3, 1)
    with pytest.raises(AttributeError):
        row.number = 5  # type: ignore[misc]
    moved = row._replace(number=9)
    assert (moved.number, moved.label_span, moved.labels) == (9, (0, 1), ("规章",))
    assert Line(1, "正文").label_span == (0, 0) and Line(1, "正文").cells is None
    import pickle

    assert pickle.loads(pickle.dumps(row)) == row


@given(st.text(alphabet="0123456789,.+-元件条个项%（()）规章一无—/ 　１\U00010d40", max_size=8))
def test_value_like_shortcuts_agree_with_the_pattern(cell: str) -> None:
    """The quick answers of ``is_value_like`` (digits, label openers) are the pattern's."""
    from govinfo_report._classify import _value_like_once, is_value_like

    assert is_value_like(cell) == _value_like_once(cell)


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(sorted(chr(code) for code in _text._SIMPLIFY)),
            st.sampled_from("规章公开政府年度报告，。（）　 abc１２"),
        ),
        max_size=12,
    )
)
def test_simplify_skips_only_texts_it_would_not_change(text: str) -> None:
    """``simplify`` returns a text unchanged only where the translation would not change it."""
    assert _text.simplify(text) == text.translate(_text._SIMPLIFY)
