"""HTML and Markdown renderings."""

from __future__ import annotations

import re

from hypothesis import given

import govinfo_report as gr
from govinfo_report.publish import to_html, to_markdown

from .strategies import reports


def test_html_has_official_merged_headers(seed: gr.Report) -> None:
    page = to_html(seed)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert '<th rowspan="3" colspan="3">' in page  # the 勾稽 note over table 三's label area
    assert '<th colspan="7">申请人情况</th>' in page
    assert '<td rowspan="22" class="label">三、本年度办理结果</td>' in page
    assert '<td rowspan="8" class="label">(三) 不予公开</td>' not in page  # groups are official
    assert '<td rowspan="8" class="label">（三）不予公开</td>' in page
    assert '<th colspan="10">行政诉讼</th>' in page
    assert page.count("<table>") == 3


def test_html_single_value_rows_span_the_value_columns(seed: gr.Report) -> None:
    page = to_html(seed)
    assert re.search(r'<td class="label">行政许可</td><td colspan="3">0</td>', page)


def test_html_escapes_text() -> None:
    report = gr.parse("某局2022年政府信息公开工作年度报告\n一、总体情况\n<script>alert(1)</script>")
    page = to_html(report)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


@given(reports())
def test_markdown_reads_back_to_the_same_cells(report: gr.Report) -> None:
    """Markdown is not canonical text, but its tables read back cell for cell."""
    again = gr.parse(to_markdown(report))
    assert gr.flatten(again) == gr.flatten(report)
    assert [s.number for s in again.sections] == [s.number for s in report.sections]


def test_markdown_of_the_seed(seed: gr.Report) -> None:
    text = to_markdown(seed)
    assert text.startswith("# 西工区科学技术局2022年政府信息公开工作年度报告")
    assert "## 一、总体情况" in text
    assert gr.flatten(gr.parse(text)) == gr.flatten(seed)


def test_t4_blocks_printed_with_labels() -> None:
    text = (
        "某局2022年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t1\t0\t0\t0\t1\n未经复议直接诉讼\t0\t0\t0\t0\t0\n复议后起诉\t0\t0\t0\t1\t1\n"
    )
    report = gr.parse(text)
    assert report.t4 is not None
    assert [row.key for row in report.t4.blocks] == [
        "review",
        "litigation_direct",
        "litigation_after_review",
    ]
    assert report.t4.blocks[1].label == "未经复议直接诉讼"
    assert gr.parse(gr.render(report)) == report
