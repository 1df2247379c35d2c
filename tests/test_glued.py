"""The glued reader: crawled text whose headings run into prose and whose cells have no separators.

Each quirk of the crawled copies sits beside the cells it must give; the gh corpus reports are
compared with their truth cell by cell, and a cell the reader cannot determine must be named by
a P302 finding instead of holding a guessed value.
"""

from __future__ import annotations

import time

import pytest

import govinfo_report as gr
from govinfo_report._classify import Line, classify
from govinfo_report._glued import LONG_LINE, MAX_RUN, read_glued
from govinfo_report.layouts import FormatVersion, layout_for

from .conftest import CorpusReport, corpus_reports
from .test_seed import same_value, truth_flat

PROSE = "本机关认真贯彻落实政府信息公开条例，依法主动公开政府信息，回应社会关切。" * 10
TITLE = "某区2022年度政府信息公开工作年度报告"


def t3_table(version: FormatVersion = "2021", **rows: str) -> str:
    """Table 三 glued as crawled: each label (its group label before the first leaf), then its run.

    Rows not given print seven zeros (``denied__state_secret=`` names ``denied.state_secret``);
    a row given as ``""`` is left out.
    """
    parts = [
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
        "等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构"
        "社会公益组织法律服务机构其他"
    ]
    printed: set[str] = set()
    for spec in layout_for(version).t3_rows:
        run = rows.get(spec.key.replace(".", "__"), "0000000")
        if spec.group is not None and spec.group not in printed:
            parts.append(spec.group)
            printed.add(spec.group)
        if run != "":
            parts.append(spec.label + run)
    return "".join(parts)


def glued(*tables: str, prose: str = PROSE, title: str = TITLE) -> str:
    """A glued report: a metadata title line, then one long line of prose and tables."""
    return (
        f"标题: {title}\n一、总体情况{prose}" + "".join(tables) + "五、存在的主要问题及改进情况无。"
    )


def read(text: str) -> tuple[list[Line], list[gr.Finding]]:
    result = read_glued(text)
    assert result is not None
    return result


def row(lines: list[Line], label: str) -> tuple[str, ...]:
    """The cells after the labels of the first row whose label cells include ``label``."""
    for line in lines:
        if line.cells and label in line.cells:
            return line.cells[line.cells.index(label) + 1 :]
    raise AssertionError(f"no row {label}")


def codes(findings: list[gr.Finding]) -> list[tuple[str, str | None]]:
    return [(f.code, f.key) for f in findings]


# -- which texts are glued ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "规章\t0\t0\t0",
        "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 1 | 0 | 5 |",
        "一、总体情况\n本年度无申请。",
        # long prose naming rows with figures is prose, not a glued table
        PROSE + "本年予以公开27件，不予公开3件，无法提供2件，不予处理1件，其他处理0件。",
        # markup of a web page is left to the html reader
        "<table><tr><td>" + PROSE + "一、本年新收政府信息公开申请数量640020470"
        "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开0000000"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000</td></tr></table>",
        # a tab row anywhere: the tab reader's text
        glued(t3_table()) + "\n规章\t0\t0\t0",
    ],
    ids=["tab", "pipe", "short", "prose-with-figures", "html", "glued-with-tab-row"],
)
def test_not_glued(text: str) -> None:
    assert read_glued(text) is None


def test_glued_needs_a_long_line() -> None:
    table = t3_table()
    assert len(table) > LONG_LINE
    assert read_glued(table) is not None
    short = "一、本年新收政府信息公开申请数量0000000二、上年结转政府信息公开申请数量0000000"
    assert read_glued(short) is None


# -- headings, prose and the title ----------------------------------------------------------------


def test_heading_glued_to_its_prose_is_split_after_the_title() -> None:
    lines, _ = read(
        glued(t3_table(), prose="2021年，我区以习近平新时代中国特色社会主义思想为指导。")
    )
    texts = [line.text for line in lines if line.cells is None]
    assert texts[:3] == [
        f"标题: {TITLE}",
        "一、总体情况",
        "2021年，我区以习近平新时代中国特色社会主义思想为指导。",
    ]
    assert "三、收到和处理政府信息公开申请情况" in texts
    assert texts[-2:] == ["五、存在的主要问题及改进情况", "无。"]
    assert classify(lines, 0).startswith("THPHF")


def test_sections_listed_in_prose_are_not_headings() -> None:
    prose = (
        "本报告包括：一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况。"
    )
    lines, _ = read(glued(t3_table(), prose=prose + PROSE))
    headings = [line.text for line in lines if line.cells is None and line.text[1:2] == "、"]
    assert headings == [
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题及改进情况",
    ]


def test_misspelt_and_misnumbered_headings() -> None:
    text = glued(
        "二、收到和处理政府信息公开申请情况"
        + t3_table()[len("三、收到和处理政府信息公开申请情况") :],
        "四、政府信息公开行政法复议、行政诉讼情况行政复议 行政诉讼 结果维持",
    )
    report = gr.parse(text)
    assert [(s.number, s.title) for s in report.sections] == [
        (1, "总体情况"),
        (3, "收到和处理政府信息公开申请情况"),
        (4, "政府信息公开行政法复议、行政诉讼情况"),
        (5, "存在的主要问题及改进情况"),
    ]


def test_title_printed_only_in_the_breadcrumb_gets_a_line_of_its_own() -> None:
    text = (
        f"当前位置： 首页政务公开部门文件 {TITLE} 时间：2023-01-06 14:31 微信 微博 "
        + glued(t3_table()).split("\n", 1)[1]
    )
    lines, _ = read(text)
    assert [line.text for line in lines[:3]] == [
        "当前位置： 首页政务公开部门文件",
        TITLE,
        "时间：2023-01-06 14:31 微信 微博",
    ]
    report = gr.parse(text)
    assert (report.agency, report.year) == ("某区", 2022)


# -- table 三 --------------------------------------------------------------------------------------


def test_label_runs_into_the_digits_and_the_enumerator_is_pulled_back() -> None:
    text = glued(t3_table())
    assert "1.属于国家秘密00000002.其他法律行政法规禁止公开0000000" in text
    lines, findings = read(text)
    assert row(lines, "1.属于国家秘密") == ("0",) * 7
    assert row(lines, "2.其他法律行政法规禁止公开") == ("0",) * 7
    assert findings == []


def test_group_label_precedes_its_first_leaf() -> None:
    lines, _ = read(glued(t3_table()))
    denied = next(line for line in lines if line.cells and "1.属于国家秘密" in line.cells)
    assert denied.cells is not None and denied.cells[:2] == ("（三）不予公开", "1.属于国家秘密")
    granted = next(line for line in lines if line.cells and "（一）予以公开" in line.cells)
    assert granted.cells is not None and granted.cells[0] == "三、本年度办理结果"


def test_digits_split_by_the_row_sum() -> None:
    text = glued(t3_table(new_received="640020470", granted="640020470", total="640020470"))
    lines, findings = read(text)
    assert row(lines, "一、本年新收政府信息公开申请数量") == ("64", "0", "0", "2", "0", "4", "70")
    (finding,) = [f for f in findings if f.key == "t3.new_received"]
    assert finding.code == "P301" and finding.severity == gr.Severity.INFO
    assert "640020470" in finding.message and "64|0|0|2|0|4|70" in finding.message_en
    assert "of 12 possible splits only this one" in finding.message_en
    assert finding.line == 2 and finding.column is not None
    assert text.splitlines()[1][finding.column - 1 :].startswith("640020470")


@pytest.mark.parametrize(
    ("run", "cells"),
    [
        ("500000 5", ("5", "0", "0", "0", "0", "0", "5")),  # partly space-separated
        (" 00 00000", ("0",) * 7),  # zeros irregularly spaced
        (" 0 0 0 0 0 00", ("0",) * 7),
        ("0200002", ("0", "2", "0", "0", "0", "0", "2")),  # as many digits as cells
    ],
)
def test_space_separated_runs(run: str, cells: tuple[str, ...]) -> None:
    total = {"500000 5": "500000 5", "0200002": "0200002"}.get(run, "0000000")
    lines, findings = read(glued(t3_table(partial=run, new_received=total, total=total)))
    assert row(lines, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == cells
    assert [f for f in findings if f.code == "P302"] == []


def test_rows_resolved_jointly_by_the_table_sums() -> None:
    # 270020130 is 27|0|0|2|0|1|30 or 2|7|0|0|20|1|30 by its own sum; the total row, printed
    # with spaces, leaves only the first (（七）总计 = the sum of the leaf rows).
    text = glued(
        t3_table(new_received="27 0 0 2 0 1 30", granted="270020130", total="27 0 0 2 0 1 30")
    )
    lines, findings = read(text)
    assert row(lines, "（一）予以公开") == ("27", "0", "0", "2", "0", "1", "30")
    (finding,) = findings
    assert (finding.code, finding.key) == ("P301", "t3.granted")
    assert "2 agree with the row's sum" in finding.message_en
    assert "table's sums" in finding.message_en


def test_ambiguous_rows_are_left_out_with_a_warning() -> None:
    # Every row that prints 270020130 splits two ways, and both agree with every sum.
    run = "270020130"
    text = glued(t3_table(new_received=run, granted=run, total=run))
    lines, findings = read(text)
    assert codes(findings) == [
        ("P302", "t3.new_received"),
        ("P302", "t3.granted"),
        ("P302", "t3.total"),
    ]
    assert all(run in f.message and f.severity == gr.Severity.WARNING for f in findings)
    assert "一、本年新收政府信息公开申请数量" in findings[0].message
    labels = {cell for line in lines if line.cells for cell in line.cells}
    assert "（七）总计" not in labels and "（一）予以公开" not in labels
    flat = gr.flatten(gr.parse(text))
    assert "t3.total.total" not in flat and flat["t3.partial.total"] == 0


def test_row_whose_printed_sum_is_wrong_keeps_its_only_split() -> None:
    lines, findings = read(glued(t3_table(granted="1000002")))
    assert row(lines, "（一）予以公开") == ("1", "0", "0", "0", "0", "0", "2")
    assert findings == []  # the validator reports the sum (A102)


def test_row_with_dropped_blank_cells_is_left_out() -> None:
    lines, findings = read(glued(t3_table(carried_over="0")))
    assert codes(findings) == [("P302", "t3.carried_over")]
    assert "二、上年结转政府信息公开申请数量" in findings[0].message
    assert "cannot be split into 7 cells" in findings[0].message_en
    assert all("二、上年结转政府信息公开申请数量" not in (line.cells or ()) for line in lines)


def test_unknown_label_between_known_ones_is_reported() -> None:
    table = t3_table().replace("3.危及“三安全一稳定”", "3.危及三安全一稳定")
    lines, findings = read(glued(table))
    assert codes(findings) == [("P302", "t3")]
    assert "3.危及三安全一稳定" in findings[0].message and "0000000" in findings[0].message
    assert row(lines, "4.保护第三方合法权益") == ("0",) * 7


def test_2019_single_other_row() -> None:
    text = glued(
        "二、主动公开政府信息情况第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购00",
        t3_table("2019", other="1000001", new_received="1000001", total="1000001"),
    )
    report = gr.parse(text)
    assert report.format == "2019"
    flat = gr.flatten(report)
    assert flat["t3.other.natural_person"] == 1 and flat["t3.other.total"] == 1


# -- table 二 --------------------------------------------------------------------------------------

T2_2021 = (
    "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
    "规章000行政规范性文件{normative}第二十条第（五）项信息内容本年处理决定数量行政许可2293 "
    "第二十条第（六）项信息内容 本年处理决定数量行政处罚1282行政强制42第二十条第（八）项"
    "信息内容 本年收费金额（单位：万元）行政事业性收费24252.311082"
)


def test_table_two_rows() -> None:
    lines, _ = read(glued(T2_2021.format(normative="000"), t3_table()))
    assert row(lines, "规章") == ("0", "0", "0")
    assert row(lines, "行政许可") == ("2293",)
    assert row(lines, "行政事业性收费") == ("24252.311082",)
    header = next(line for line in lines if line.cells and line.cells[0] == "信息内容")
    assert header.cells == ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    assert classify(lines, 0)[:12] == "THPHCDEECDEC"


def test_table_two_has_no_sums_so_an_ambiguous_run_is_left_out() -> None:
    text = glued(T2_2021.format(normative="693665"), t3_table())
    lines, findings = read(text)
    (finding,) = findings
    assert (finding.code, finding.key) == ("P302", "t2.normative_documents")
    assert "行政规范性文件" in finding.message and "693665" in finding.message
    assert "10 splits are possible" in finding.message_en
    assert all("行政规范性文件" not in (line.cells or ()) for line in lines)
    flat = gr.flatten(gr.parse(text))
    assert "t2.normative_documents.issued" not in flat and flat["t2.rules.issued"] == 0


def test_table_two_split_confirmed_by_figures_in_the_prose() -> None:
    prose = "动态更新本年度制发的规范性文件88件，集中公开现行有效行政规范性文件698件。" + PROSE
    lines, findings = read(glued(T2_2021.format(normative="8855698"), t3_table(), prose=prose))
    assert row(lines, "行政规范性文件") == ("88", "55", "698")
    (finding,) = findings
    assert (finding.code, finding.key) == ("P301", "t2.normative_documents")
    assert "text" in finding.message_en and "8855698" in finding.message


def test_a_figure_in_the_prose_that_leaves_several_splits_does_not_decide() -> None:
    prose = "本年度制发行政规范性文件62件。" + PROSE
    _, findings = read(glued(T2_2021.format(normative="6233440"), t3_table(), prose=prose))
    assert codes(findings) == [("P302", "t2.normative_documents")]
    assert "4 of 15 possible splits" in findings[0].message_en


T2_2019 = (
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量"
    "规章000规范性文件222第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量"
    "行政许可{licensing}其他对外管理服务事项000第二十条第（六）项信息内容上一年项目数量本年增/减"
    "处理决定数量行政处罚000行政强制000第二十条第（八）项信息内容上一年项目数量本年增/减"
    "行政事业性收费{fees}第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购{procurement}"
)


def test_units_end_cells() -> None:
    text = glued(
        T2_2019.format(licensing="000", fees="00", procurement="1个246900元"), t3_table("2019")
    )
    lines, findings = read(text)
    assert row(lines, "政府集中采购") == ("1个", "246900元")
    assert row(lines, "行政事业性收费") == ("0", "0")
    assert findings == []
    flat = gr.flatten(gr.parse(text))
    assert (flat["t2.procurement.count"], flat["t2.procurement.amount"]) == ("1个", "246900元")


def test_signs_are_boundaries() -> None:
    text = glued(T2_2019.format(licensing="000", fees="0-3", procurement="00"), t3_table("2019"))
    lines, _ = read(text)
    assert row(lines, "行政事业性收费") == ("0", "-3")


@pytest.mark.parametrize(
    ("licensing", "procurement", "key", "run"),
    [
        ("20+1737", "00", "t2.licensing", "20+1737"),  # +1|737, +17|37 or +173|7
        ("000", "156805947.43元", "t2.procurement", "156805947.43元"),  # where the count ends
    ],
)
def test_ambiguous_signed_and_amount_runs(
    licensing: str, procurement: str, key: str, run: str
) -> None:
    text = glued(
        T2_2019.format(licensing=licensing, fees="00", procurement=procurement), t3_table("2019")
    )
    _, findings = read(text)
    assert codes(findings) == [("P302", key)]
    assert run in findings[0].message


# -- table 二: evidence in the prose and certain relations --------------------------------------


def t2_2019(licensing: str = "000", rules: str = "000") -> str:
    return T2_2019.format(licensing=licensing, fees="00", procurement="00").replace(
        "规章000", f"规章{rules}"
    )


def read_2019(
    prose: str = "", licensing: str = "000", rules: str = "000"
) -> tuple[list[Line], list[gr.Finding]]:
    return read(glued(t2_2019(licensing, rules), t3_table("2019"), prose=prose + PROSE))


def test_a_sign_starts_the_signed_cell() -> None:
    # 15+37: the sign starts 本年增/减, so 15 is one cell and 1|5|+37 is no split (处理决定数量
    # is unsigned): the only split is read as printed
    lines, findings = read_2019(licensing="15+37")
    assert row(lines, "行政许可") == ("15", "+3", "7")
    assert findings == []


def test_an_ambiguous_signed_run_without_figures_in_the_prose_is_left_out() -> None:
    lines, findings = read_2019(licensing="20+1737")
    assert codes(findings) == [("P302", "t2.licensing")]
    assert "3 splits are possible" in findings[0].message_en
    assert "does not state these figures" in findings[0].message_en
    assert all("行政许可" not in (line.cells or ()) for line in lines)


def test_a_figure_of_the_row_in_the_prose_decides() -> None:
    prose = "2019年，主动公开政府信息215条，其中机构职能类7条，行政许可类37条。"
    lines, findings = read_2019(prose, licensing="20+1737")
    assert row(lines, "行政许可") == ("20", "+17", "37")
    (finding,) = findings
    assert (finding.code, finding.key, finding.severity) == (
        "P301",
        "t2.licensing",
        gr.Severity.INFO,
    )
    assert "行政许可类37条" in finding.message and "20|+17|37" in finding.message
    assert "处理决定数量 37 见于正文" in finding.message
    assert "上一年项目数量 20、本年增/减 +17 据此推断" in finding.message
    assert "of 3 possible splits only this one agrees" in finding.message_en


@pytest.mark.parametrize(
    ("prose", "why"),
    [
        # 17 is printed signed (+17): a count in the prose is no change
        ("行政许可类17条。", "no split prints"),
        # two figures, each printed by one split, but not the same one
        ("行政许可类37条，行政许可信息737条。", "different splits"),
        # the clause names another row too: its figure is not the row's
        ("行政处罚和行政许可类37条。", "does not state"),
        # words between the label and the number that are not the row's vocabulary
        ("行政许可事项办理时限压缩至37个。", "does not state"),
    ],
    ids=["signed-cell", "two-splits", "other-row", "not-near"],
)
def test_figures_that_do_not_decide(prose: str, why: str) -> None:
    _, findings = read_2019(prose, licensing="20+1737")
    assert codes(findings) == [("P302", "t2.licensing")]
    assert why in findings[0].message_en


def test_a_figure_printed_by_two_splits_does_not_decide() -> None:
    # 2112 is 2|1|12, 2|11|2 or 21|1|2; the column is not named and 2 is in all three
    prose = "本年度发布行政规范性文件2件。"
    _, findings = read(glued(T2_2021.format(normative="2112"), t3_table(), prose=prose + PROSE))
    assert codes(findings) == [("P302", "t2.normative_documents")]
    assert "3 of 3 possible splits agree" in findings[0].message_en
    assert "printed by 3 splits" in findings[0].message_en


def test_a_figure_printed_twice_by_one_split_does_not_decide() -> None:
    # 1022 is 1|0|22 or 10|2|2: only the second prints 2, but as two of its cells
    prose = "本年度发布行政规范性文件2件。"
    _, findings = read(glued(T2_2021.format(normative="1022"), t3_table(), prose=prose + PROSE))
    assert codes(findings) == [("P302", "t2.normative_documents")]
    assert "several cells of one split" in findings[0].message_en
    # 22 is printed by one split, once: it decides
    prose = "本年度发布行政规范性文件22件。"
    lines, findings = read(glued(T2_2021.format(normative="1022"), t3_table(), prose=prose + PROSE))
    assert row(lines, "行政规范性文件") == ("1", "0", "22")
    assert codes(findings) == [("P301", "t2.normative_documents")]


def test_a_figure_that_contradicts_the_named_ones_undoes_their_choice() -> None:
    # 制发88 and 现行有效698 leave 88|55|698; the bare 5 is printed only by 88|5|5698
    prose = "本年度制发的规范性文件88件，现行有效行政规范性文件698件，另规范性文件5件。"
    _, findings = read(glued(T2_2021.format(normative="8855698"), t3_table(), prose=prose + PROSE))
    assert codes(findings) == [("P302", "t2.normative_documents")]
    assert "point to different splits" in findings[0].message_en


def test_only_the_prose_of_the_overview_states_figures() -> None:
    text = glued(t2_2019("20+1737"), t3_table("2019")).replace(
        "五、存在的主要问题及改进情况无。", "五、存在的主要问题及改进情况明年行政许可类37条。"
    )
    _, findings = read(text)
    assert codes(findings) == [("P302", "t2.licensing")]


def test_a_part_cannot_exceed_its_whole() -> None:
    # 1191 is 1|1|91, 1|19|1 or 11|9|1; 本年新公开数量 ≤ 对外公开总数量 leaves the first
    lines, findings = read_2019(rules="1191")
    assert row(lines, "规章") == ("1", "1", "91")
    (finding,) = findings
    assert (finding.code, finding.key) == ("P301", "t2.rules")
    assert "本年新公开数量不超过对外公开总数量" in finding.message
    assert "of 3 possible splits only this one agrees" in finding.message_en


def test_a_part_that_leaves_two_splits_does_not_decide() -> None:
    # 1411 is 1|4|11, 1|41|1 or 14|1|1: the relation rules out only 1|41|1
    _, findings = read_2019(rules="1411")
    assert codes(findings) == [("P302", "t2.rules")]
    assert "3 splits are possible, 2 of them satisfy" in findings[0].message_en


def test_figures_in_the_prose_are_found_in_linear_time() -> None:
    def seconds(size: int) -> float:
        prose = ("行政许可类" + "1" * size + "个行政许可" * size + "共" * size + "。") * 3
        text = glued(t2_2019("20+1737"), t3_table("2019"), prose=prose)
        started = time.perf_counter()
        read(text)
        return time.perf_counter() - started

    seconds(1_000)
    small, large = min(seconds(2_000) for _ in range(3)), min(seconds(20_000) for _ in range(2))
    assert large < 30 * small + 0.05, (small, large)


# -- table 四 --------------------------------------------------------------------------------------

T4 = (
    "四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果"
    "尚未审结总计{run}"
)


def test_table_four_split_block_by_block() -> None:
    text = glued(t3_table(), T4.format(run="10203120001200000"))
    lines, findings = read(text)
    data = lines[-3]
    assert data.cells == ("1", "0", "2", "0", "3", "12", "0", "0", "0", "12") + ("0",) * 5
    assert classify(lines, 0)[-4:] == "JKHP"
    assert codes(findings) == [("P301", "t4")]
    assert "of 25 possible splits only this one" in findings[0].message_en
    flat = gr.flatten(gr.parse(text))
    assert flat["t4.litigation_direct.total"] == 12


def test_table_four_space_separated() -> None:
    lines, findings = read(glued(t3_table(), T4.format(run=" 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 ")))
    assert lines[-3].cells == ("0", "1", "1", "0", "2", "1", "0", "0", "0", "1") + ("0",) * 5
    assert findings == []


def test_table_four_ambiguous() -> None:
    # the second block is 2|1|0|10|13 or 2|10|1|0|13: both add up
    run = "12120327210101300000"
    lines, findings = read(glued(t3_table(), T4.format(run=run)))
    assert codes(findings) == [("P302", "t4")]
    assert run in findings[0].message and "2 of " in findings[0].message_en
    assert classify(lines, 0)[-3:] == "JHP"  # the header stays, the data line is left out


# -- bounds and positions -------------------------------------------------------------------------


def test_a_very_long_run_gives_up_quickly() -> None:
    run = "1" * (MAX_RUN + 1)
    started = time.perf_counter()
    _, findings = read(glued(t3_table(granted=run)))
    assert time.perf_counter() - started < 2
    assert codes(findings) == [("P302", "t3.granted")]
    assert f"more than the {MAX_RUN}" in findings[0].message_en


def test_many_ambiguous_digits_stay_bounded() -> None:
    run = "1234567891234567891234567"  # 25 digits, no zeros: many splits, none with the sums
    started = time.perf_counter()
    _, findings = read(glued(t3_table(granted=run, partial=run)))
    assert time.perf_counter() - started < 3
    assert {f.key for f in findings if f.code == "P302"} >= {"t3.granted", "t3.partial"}


GH = [r for r in corpus_reports() if r.folder == "gh"]


@pytest.mark.parametrize("case", GH, ids=[r.test_id for r in GH])
def test_gh_corpus(case: CorpusReport) -> None:
    text = case.path.read_text(encoding="utf-8")
    if case.index["rendering"] != "other":  # markdown fragments: not glued
        assert read_glued(text) is None
        return
    lines, _ = read(text)
    raw = text.splitlines()
    for line in lines:  # every cell is where it was printed
        for cell, start in zip(line.cells or (), line.starts, strict=True):
            assert raw[line.number - 1][start - 1 : start - 1 + len(cell)] == cell
    report = gr.load(case.path)
    assert [s.title for s in report.sections] == case.truth["sections"]
    flat = gr.flatten(report)
    left_out = [f for f in report.findings if f.code == "P302"]
    for key, value in truth_flat(case.truth).items():
        if same_value(flat.get(key), value):
            continue
        assert flat.get(key) is None, (key, flat.get(key), value)  # never a wrong value
        assert any(key.startswith(f"{f.key}.") for f in left_out), key


def test_gh_left_out_rows_are_exactly_the_undeterminable_ones() -> None:
    found = {}
    for case in GH:
        if case.index["rendering"] == "other":
            report = gr.load(case.path)
            found[case.id] = [f.key for f in report.findings if f.code == "P302"]
    assert found == {
        "002": ["t2.normative_documents"],  # 693665: 69/3/665 only in the page's HTML
        "003": [],  # 8855698 = 88/55/698 as the prose states
        "005": ["t2.normative_documents"],  # 6233440: the prose gives 62, not the rest
        "006": ["t2.normative_documents"],
        # 11315: the prose's 行政许可类信息3条 is no split's 处理决定数量
        "007": ["t2.licensing"],
        # 20+1737 and 67+36103 by the prose's 行政许可类37条 and 行政处罚类103条
        "008": ["t2.other_services", "t2.procurement"],
        "009": ["t2.rules"],  # 1411: 1/4/11 or 14/1/1; 14/1/1 only in the page's HTML
    }


def test_gh_008_licensing_and_punishment_are_split_by_the_prose() -> None:
    case = next(case for case in GH if case.id == "008")
    report = gr.load(case.path)
    flat = gr.flatten(report)
    assert [flat[f"t2.licensing.{key}"] for key in ("previous", "change", "decisions")] == [
        20,
        "+17",
        37,
    ]
    assert flat["t2.punishment.decisions"] == 103 and flat["t2.punishment.change"] == "+36"
    inferred = {f.key: f for f in report.findings if f.code == "P301" and f.key.startswith("t2")}
    assert set(inferred) == {"t2.licensing", "t2.punishment"}
    assert "行政许可类37条" in inferred["t2.licensing"].message
    assert "of 3 possible splits only this one" in inferred["t2.licensing"].message_en
