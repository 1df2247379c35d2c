"""Text against tables: statements in the prose compared with the cells they restate."""

from __future__ import annotations

import pytest

import govinfo_report as gr
from govinfo_report.crosscheck import check_text, statements

T3 = (
    "三、收到和处理政府信息公开申请情况\n"
    "一、本年新收政府信息公开申请数量\t{new}\t0\t0\t0\t0\t0\t{new}\n"
    "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议\t2\t0\t0\t0\t2\n未经复议直接起诉\t1\t0\t0\t0\t1\n复议后起诉\t0\t0\t0\t0\t0\n"
)


def report(prose: str, new: int = 5) -> gr.Report:
    return gr.parse(
        "某局2022年政府信息公开工作年度报告\n一、总体情况\n" + prose + "\n" + T3.format(new=new)
    )


def found(r: gr.Report) -> list[tuple[str, object, object]]:
    return [(f.code, f.printed, f.computed) for f in check_text(r)]


@pytest.mark.parametrize(
    "prose",
    [
        "全年共收到政府信息公开申请5件。",
        "本年度共受理5件申请，及时依法办结。",
        "1件结转下年度继续办理。",
        "发生行政复议2起、行政诉讼1起。",
        "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
    ],
)
def test_agreeing_statements(prose: str) -> None:
    assert found(report(prose)) == []


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("全年共收到政府信息公开申请7件。", ("T101", 7, 5)),
        ("本年度未接到政府信息公开申请。", ("T101", 0, 5)),
        ("3件结转下年度继续办理。", ("T102", 3, 1)),
        ("发生行政复议4起。", ("T103", 4, 2)),
        ("发生行政诉讼5起。", ("T103", 5, 1)),
        ("统计期限自2021年1月1日起至2021年12月31日止。", ("T104", 2021, 2022)),
    ],
)
def test_disagreeing_statements(prose: str, expected: tuple[str, int, int]) -> None:
    assert found(report(prose)) == [expected]


def test_no_table_no_finding() -> None:
    r = gr.parse(
        "某局2022年政府信息公开工作年度报告\n一、总体情况\n全年共收到政府信息公开申请7件。"
    )
    assert [s.value for s in statements(r)] == [7]
    assert found(r) == []


def test_finding_points_at_the_sentence() -> None:
    (finding,) = check_text(report("全年共收到政府信息公开申请7件。"))
    assert finding.line == 3 and "收到政府信息公开申请7件" in finding.message


def test_seed_prose_agrees(seed: gr.Report) -> None:
    assert found(seed) == []


def test_received_may_include_carried_over() -> None:
    text = (
        "某局2022年政府信息公开工作年度报告\n一、总体情况\n全区收到政府信息公开申请6件。\n"
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n"
        "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n"
    )
    assert found(gr.parse(text)) == []
