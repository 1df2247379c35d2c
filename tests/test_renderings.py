"""Renderings other than tabs, each quirk written inline beside the tree it must give."""

from __future__ import annotations

import pytest

import govinfo_report as gr

HEAD = "某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n"


def t2_values(report: gr.Report, key: str) -> tuple[object, ...]:
    assert report.t2 is not None
    row = report.t2.get(key)
    assert row is not None, key
    return row.values


def t3_values(report: gr.Report, key: str) -> tuple[object, ...]:
    assert report.t3 is not None
    row = report.t3.get(key)
    assert row is not None, key
    return row.values


PIPE = """第二十条第(一)项 | |||
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 2 | 0 | 8 |
第二十条第(五)项 | ||
信息内容 | 本年处理决定数量 | ||
行政许可 | 5 | ||
"""


def test_pipe_rows_with_padding() -> None:
    report = gr.parse(HEAD + PIPE)
    assert report.format == "2021"
    assert t2_values(report, "normative_documents") == (2, 0, 8)
    assert t2_values(report, "licensing") == (5,)


def test_markdown_rows_with_rule_and_padded_numbers() -> None:
    text = (
        "| 第二十条第(一)项 | | | |\n|---|---|---|---|\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 |       0 |        1 |         2 |\n"
    )
    report = gr.parse(HEAD + text)
    assert t2_values(report, "rules") == (0, 1, 2)
    assert report.t2 is not None and report.t2.get("rules") is not None


def test_one_cell_per_line_with_trailing_pipes() -> None:
    text = "第二十条第(五)项 |\n信息内容 |\n本年处理决定数量 |\n行政许可 |\n7 |\n"
    assert t2_values(gr.parse(HEAD + text), "licensing") == (7,)


def test_one_cell_per_line_with_blank_lines_and_no_pipes() -> None:
    cells = ["第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    text = "\n\n".join([*cells, "规章", "1", "2", "3"]) + "\n"
    report = gr.parse(HEAD + text)
    assert report.format == "2019"
    assert t2_values(report, "rules") == (1, 2, 3)


def test_lone_pipe_between_cells_is_a_separator() -> None:
    text = "第二十条第(五)项\n|\n信息内容\n|\n本年处理决定数量\n|\n行政许可\n|\n4\n|\n"
    assert t2_values(gr.parse(HEAD + text), "licensing") == (4,)


def test_lone_pipe_after_a_piped_cell_is_a_blank_cell() -> None:
    text = (
        "第二十条第(五)项 |\n||||\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n|\n"
        "行政许可 |\n0 |\n|\n0 |\n|\n"
    )
    assert t2_values(gr.parse(HEAD + text), "licensing") == (0, None, 0)


def test_dropped_blank_cells_leave_the_row_out_with_a_finding() -> None:
    text = (
        "三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n"
        "申请人情况 |\n自然人 |\n法人或其他组织 |\n总计 |\n"
        "一、本年新收政府信息公开申请数量 |\n3 |\n3 |\n|||||||\n"
        "二、上年结转政府信息公开申请数量 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n"
    )
    report = gr.parse(HEAD + text)
    assert report.t3 is not None and report.t3.get("new_received") is None
    assert t3_values(report, "carried_over") == (0,) * 7
    (finding,) = [f for f in report.findings if f.code == "P303"]
    assert finding.key == "t3.new_received" and "3、3" in finding.message


def test_short_value_words_stay_values() -> None:
    text = (
        "第二十条第(五)项 |\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n"
        "行政许可 |\n6 |\n减4 |\n2 |\n"
    )
    assert t2_values(gr.parse(HEAD + text), "licensing") == (6, "减4", 2)


def test_space_separated_values_and_split_headers() -> None:
    text = (
        "四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n行政复议 行政诉讼\n"
        "未经复议直接起诉 复议后起诉\n结果 结果 其他 尚未 总\n维持 纠正 结果 审结 计\n"
        "1 0 0 0 1 0 0 0 0 0 2 0 0 0 2\n五、存在的主要问题及改进情况\n无。\n"
    )
    report = gr.parse(HEAD + text)
    assert report.t4 is not None
    assert [row.values for row in report.t4.blocks] == [(1, 0, 0, 0, 1), (0,) * 5, (2, 0, 0, 0, 2)]
    assert [s.number for s in report.sections] == [1, 2, 4, 5]


def test_traditional_characters_and_taiwan_vocabulary() -> None:
    text = (
        "第二十條第(一)項 |\n信息內容 |\n本年新製作數量 |\n本年新公開數量 |\n對外公開總數量 |\n"
        "規範性檔案 |\n1 |\n0 |\n5 |\n"
    )
    report = gr.parse(HEAD + text)
    assert t2_values(report, "normative_documents") == (1, 0, 5)
    assert report.t2 is not None
    row = report.t2.get("normative_documents")
    assert row is not None and row.label == "規範性檔案"


def test_injected_pinyin_in_headings_and_run_in_body() -> None:
    text = "一(yī)、總體(tǐ)情況 2020年,全國海關深入推進政務公開。\n二、主動公開政府信息情況\n"
    report = gr.parse("海關總署2020年政府信息公開工作年度報告\n" + text)
    assert [s.title for s in report.sections] == ["總體(tǐ)情況", "主動公開政府信息情況"]
    assert [s.number for s in report.sections] == [1, 2]
    first = report.sections[0].blocks[0]
    assert isinstance(first, gr.Paragraph) and first.text.startswith("2020年")


def test_site_chrome_before_the_title() -> None:
    text = (
        "当前位置:街镇 > 河包镇 > 政务公开 > 政府信息公开年报\n"
        "河包镇2020年政府信息公开工作年度报告\n"
        "日期:2021-01-29\n一、总体情况\n2020年,我镇未收到申请。\n"
    )
    report = gr.parse(text)
    assert (report.title, report.agency, report.year) == (
        "河包镇2020年政府信息公开工作年度报告",
        "河包镇",
        2020,
    )


@pytest.mark.parametrize(
    ("text", "agency", "year"),
    [
        ("一、总体情况\n2022年，某市审计局认真落实条例。\n", "某市审计局", 2022),
        (
            "根据条例，现公布某县教育局2024年政府信息公开工作年度报告。\n一、总体情况\n",
            "某县教育局",
            2024,
        ),
        (
            "本报告由某市政务公开办公室根据条例编制。\n一、概述\n2012年工作情况。\n",
            "某市政务公开办公室",
            2012,
        ),
        (
            "得荣县卫生健康局\n2019年政府信息公开工作年度报告\n一、总体情况\n",
            "得荣县卫生健康局",
            2019,
        ),
        ("发表日期:2026-01-26\n一、总体情况\n2025年,我局公开信息。\n", None, 2025),
    ],
)
def test_agency_and_year_from_prose(text: str, agency: str | None, year: int) -> None:
    report = gr.parse(text)
    assert (report.agency, report.year) == (agency, year)


def test_pre2019_report_has_no_tables() -> None:
    text = (
        "泰州市人民政府2017年政府信息公开工作年度报告\n一、主要工作概述\n正文。\n"
        "二、主动公开政府信息情况\n正文。\n"
    )
    report = gr.parse(text)
    assert report.format == "pre2019"
    assert [s.title for s in report.sections] == ["主要工作概述", "主动公开政府信息情况"]
    assert report.t2 is None and report.t3 is None and report.t4 is None


def test_cut_off_heading_is_not_a_section() -> None:
    report = gr.parse(HEAD + PIPE + "三、收到和处理政府信息公开")
    assert [s.number for s in report.sections] == [1, 2]


def test_extra_row_kept_and_flagged() -> None:
    text = (
        "第二十条第(一)项 |\n信息内容 |\n本年新制作数量 |\n本年新公开数量 |\n对外公开总数量 |\n"
        "规范性文件 |\n87 |\n0 |\n0 |\n其他主动公开文件(包括政策解读) |\n0 |\n0 |\n0 |\n"
    )
    report = gr.parse(HEAD + text)
    assert t2_values(report, "normative_documents") == (87, 0, 0)
    assert report.t2 is not None
    extra = [row for row in report.t2.rows() if row.key is None]
    assert [row.label for row in extra] == ["其他主动公开文件(包括政策解读)"]
    assert "S107" in {f.code for f in gr.validate(report)}


def test_labels_with_instructions_inside() -> None:
    text = (
        "第二十条第(一)项 |\n信息内容 |\n本年新制作数量 |\n本年新公开数量 |\n对外公开总数量 |\n"
        "规章(设区的市、自治州人民政府应提供相关数据) |\n0 |\n0 |\n0 |\n"
    )
    assert t2_values(gr.parse(HEAD + text), "rules") == (0, 0, 0)


def test_prose_only_copy_without_headings_parses() -> None:
    text = (
        "(一)主动公开政府信息的数量:2020年,中心网站发布各类信息635条。\n"
        "依申请公开政府信息办理情况良好。\n"
    )
    report = gr.parse(text)
    assert report.sections == () and report.year == 2020


def test_rendering_can_be_named() -> None:
    text = HEAD + PIPE
    assert gr.parse(text, rendering="cells") == gr.parse(text)
    with pytest.raises(KeyError):
        gr.parse(text, rendering="nonsense")


def test_publication_date_from_metadata() -> None:
    text = (
        "湖里区卫生健康局2022年政府信息公开工作年度报告\n  • 公文生成日期:2023-01-06\n"
        "时间:2023-01-11 11:18\n一、总体情况\n正文。\n"
    )
    report = gr.parse(text)
    assert report.published is not None and report.published.isoformat() == "2023-01-11"
    assert gr.loads(gr.dumps(report)).published == report.published
    assert gr.parse(gr.render(report)) == report
