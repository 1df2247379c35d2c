"""The HTML reader: pages as published, their table markup quirks, safety and positions."""

from __future__ import annotations

import http.server
import importlib.util
import json
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report._classify import Line, classify
from govinfo_report._html import INSTALL_HINT, is_html, read_html, sniff_html_encoding
from govinfo_report._meta import find_title
from govinfo_report.parser import parse_lines

from .conftest import FIXTURES, CorpusReport, corpus_reports
from .helpers import run_python
from .test_seed import same_value, truth_flat

# The test extra installs lxml: these tests always run.
assert importlib.util.find_spec("lxml") is not None, 'pip install ".[test]"'

HTML_FIXTURES = FIXTURES / "html"
CORPUS_PAGES = [r for r in corpus_reports() if r.index.get("rendering") == "html"]
TITLE = "<h1>某局2022年政府信息公开工作年度报告</h1>"
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def lines_of(html: str) -> list[Line]:
    result = read_html(html)
    assert result is not None
    return result[0]


def rows_of(html: str) -> list[tuple[str, ...]]:
    return [line.cells for line in lines_of(html) if line.cells is not None]


def texts_of(html: str) -> list[str]:
    return [line.text for line in lines_of(html) if line.cells is None]


def kinds_of(html: str) -> str:
    lines = lines_of(html)
    return classify(lines, find_title(lines))


def report_of(html: str) -> gr.Report:
    result = read_html(html)
    assert result is not None
    return parse_lines(*result)


def table(*rows: str) -> str:
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>"


# -- detection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "\ufeff\n  <html><p>x</p></html>",
        "<meta charset=utf-8><p>x</p>",
        "<!-- saved page --><div>x</div>",
        "<p>一、总体情况</p>",
        "<P class=MsoNormal>x</P>",
        "<table><tr><td>规章</td></tr></table>",
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html></html>',
        "报告如下：\n<table border=1><tr><td>规章</td><td>0</td></tr></table>",
    ],
)
def test_html_is_recognised(text: str) -> None:
    assert is_html(text)
    assert read_html(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "某局2022年政府信息公开工作年度报告\n一、总体情况",
        "规章\t0\t0\t0",
        "| 规章 | 0 | 0 | 0 |",
        "<prefix> is not markup",
        "见 <table> 标签",
        "",
    ],
)
def test_other_text_is_not_html(text: str) -> None:
    assert read_html(text) is None


# -- grid: rowspan and colspan ----------------------------------------------------------------


def test_row_label_spanning_rows_is_on_its_first_row_only() -> None:
    rows = rows_of(
        table(
            '<td rowspan="3">三、本年度办理结果</td><td rowspan="2">（三）不予公开</td>'
            "<td>1.属于国家秘密</td><td>1</td><td>2</td>",
            "<td>2.其他法律行政法规禁止公开</td><td>3</td><td>4</td>",
            '<td colspan="2">（七）总计</td><td>4</td><td>6</td>',
        )
    )
    assert rows == [
        ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "1", "2"),
        ("2.其他法律行政法规禁止公开", "3", "4"),
        ("（七）总计", "4", "6"),
    ]


def test_spanned_number_is_one_value_and_never_copied() -> None:
    rows = rows_of(
        table(
            '<td>信息内容</td><td colspan="3">本年处理决定数量</td>',
            '<td>行政许可</td><td colspan="3">2293</td>',
            '<td>a</td><td rowspan="2">7</td><td>1</td>',
            "<td>b</td><td>2</td>",
        )
    )
    assert rows[1] == ("行政许可", "2293")
    assert rows[2] == ("a", "7", "1")
    assert rows[3] == ("b", "", "2")  # the spanned 7 is printed once: blank below
    assert sum(cell == "7" for row in rows for cell in row) == 1


@pytest.mark.parametrize(
    ("colspan", "width"), [('"2;"', 2), ('"0"', 1), ('"x"', 1), ("3", 3), ('" 2 "', 2)]
)
def test_odd_colspan_values(colspan: str, width: int) -> None:
    """The width decides where the cell spanning down from the first row sits in the second."""
    rows = rows_of(
        table(
            f'<td>行政许可</td><td colspan={colspan}>本年处理决定数量</td><td rowspan="2">9</td>',
            "<td>a</td><td>b</td><td>c</td><td>d</td>",
        )
    )
    assert rows[0] == ("行政许可", "本年处理决定数量", "9")
    second = ["a", "b", "c", "d"]
    second.insert(1 + width, "")  # the 9 spans down: a blank in its column, never a copy
    assert rows[1] == tuple(second)


def test_header_row_without_a_first_cell() -> None:
    html = TITLE + table(
        f'<td colspan="3" rowspan="3">{NOTE}</td><td colspan="7">申请人情况</td>',
        '<td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td>',
        "<td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td>",
        '<td colspan="3">一、本年新收政府信息公开申请数量</td>' + "<td>1</td>" * 7,
    )
    assert rows_of(html)[1] == ("自然人", "法人或其他组织", "总计")
    assert kinds_of(html) == "TFFFG"


def test_misaligned_header_the_data_rows_decide() -> None:
    """html/003: 自然人 spans two columns, the row below starts blank, data rows use colspan=2."""
    html = TITLE + table(
        f'<td colspan="3" rowspan="2">{NOTE}</td><td colspan="8">申请人情况</td>',
        '<td colspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td>',
        "<td>&nbsp;</td><td colspan=2>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
        "<td>法律服务机构</td><td>其他</td>",
        '<td colspan="3">一、本年新收政府信息公开申请数量</td><td>64</td><td colspan="2">0</td>'
        "<td>0</td><td>2</td><td>0</td><td>4</td><td>70</td>",
    )
    assert rows_of(html)[-1] == (
        "一、本年新收政府信息公开申请数量",
        "64",
        "0",
        "0",
        "2",
        "0",
        "4",
        "70",
    )
    report = report_of(html + "<p>一、总体情况</p>")
    assert report.t3 is not None
    assert [cell.value for cell in report.t3.rows[0].cells] == [64, 0, 0, 2, 0, 4, 70]


def test_pathological_spans_stay_bounded() -> None:
    row = '<td colspan="99999" rowspan="99999">规章</td><td rowspan="65534">1</td>'
    html = "<table>" + f"<tr>{row}</tr>" * 2000 + "</table>"
    started = time.perf_counter()
    rows = rows_of(html)
    assert time.perf_counter() - started < 10
    assert rows[0] == ("规章", "1")
    assert sum(row.count("1") for row in rows) == 2000  # each printed number once, never copied


# -- cell text --------------------------------------------------------------------------------


def test_br_inside_a_label_and_inside_a_paragraph() -> None:
    html = (
        "<p>本年度，我局<br>认真落实条例，<br/>公开 <br>information<br>2022</p>"
        "<div>第一行<br>第二行</div><p>甲<br><br>乙</p>"
        + table("<td>信息内容</td><td>本年新<br />制作数量</td><td>对外公开<br>总数量</td>")
    )
    assert texts_of(html) == [
        "本年度，我局认真落实条例，公开 information 2022",  # wrapped: joined as a browser does
        "第一行",
        "第二行",
        "甲",
        "乙",
    ]
    assert rows_of(html) == [("信息内容", "本年新制作数量", "对外公开总数量")]


def test_nbsp_empty_paragraphs_and_word_markup_are_blank() -> None:
    rows = rows_of(
        table(
            "<td>规章</td><td>&nbsp;</td><td><p>&nbsp;</p></td><td><p><o:p></o:p></p></td>"
            "<td></td><td><span>&nbsp;</span><span>&nbsp;</span></td>"
            "<td><font>&nbsp;</font><font>5</font></td><td>&nbsp;6&nbsp;</td>"
        )
    )
    assert rows == [("规章", "", "", "", "", "", "5", "6")]


def test_labels_split_over_paragraphs_and_spans() -> None:
    html = table(
        "<td><p><span>商业</span></p><p><span>企业</span></p></td>"
        "<td><p>科研</p>\n   &nbsp;\n<p>机构</p></td>"
        "<td>" + "".join(f"<p>{char}</p>" for char in "结果维持") + "</td>"
        "<td><p>三、本</p><p>年度办</p><p>理结果</p></td>"
        "<td><span>商业 </span>\n<span> 企业</span></td>"
        "<td><p>Total</p><p>5</p></td>"
    )
    assert rows_of(html) == [
        ("商业企业", "科研机构", "结果维持", "三、本年度办理结果", "商业企业", "Total 5")
    ]


def test_unclosed_cells() -> None:
    rows = rows_of(
        "<table><tr><td>规章<td>1<td>2<td>3</tr><tr><td>行政规范性文件<td>4<td>5<td>6</table>"
    )
    assert rows == [("规章", "1", "2", "3"), ("行政规范性文件", "4", "5", "6")]


def test_nested_table_is_its_own_table() -> None:
    """A table whose cells hold a table is read as the blocks it holds."""
    html = (
        "<table><tr><td>"
        "<p>某局2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p>"
        + table("<td>规章</td><td>0</td><td>1</td><td>2</td>")
        + "<p>六、其他需要报告的事项</p></td><td>侧栏</td></tr></table>"
    )
    assert [line.cells or line.text for line in lines_of(html)] == [
        "某局2022年政府信息公开工作年度报告",
        "一、总体情况",
        "正文。",
        ("规章", "0", "1", "2"),
        "六、其他需要报告的事项",
    ]  # the layout table's side cell is outside the article


def test_headings_in_p_strong_and_sections() -> None:
    html = (
        '<p align="center"><strong>某局2022年政府信息公开工作年度报告</strong></p>'
        "<p><strong><span>一、总体</span><span>情况</span></strong></p><p>正文。</p>"
        "<p><b>二、主动公开政府信息情况</b></p>"
        + table(
            '<td colspan="4">第二十条第（一）项</td>', "<td>规章</td><td>0</td><td>0</td><td>0</td>"
        )
        + "<p><strong>五、存在的主要问题及改进情况</strong></p><p>无。</p>"
    )
    assert kinds_of(html) == "THPHCEHP"
    report = report_of(html)
    assert [section.number for section in report.sections] == [1, 2, 5]
    assert report.title == "某局2022年政府信息公开工作年度报告"


def test_one_table_with_all_blocks() -> None:
    """tests/fixtures/html/001.html holds tables 二–四 in one table, headings as its rows."""
    html = (HTML_FIXTURES / "001.html").read_text(encoding="utf-8")
    kinds = kinds_of(html)
    assert kinds.count("H") == 6
    assert "HCDEE" in kinds and "HFFFG" in kinds and "HJJJK" in kinds
    check_truth(report_of(html), HTML_FIXTURES / "001.truth.json")


def test_pre_keeps_its_lines_and_tabs() -> None:
    html = "<pre>某局2022年政府信息公开工作年度报告\n一、总体情况\n规章\t0\t1\t2</pre>"
    lines = lines_of(html)
    assert [line.cells or line.text for line in lines] == [
        "某局2022年政府信息公开工作年度报告",
        "一、总体情况",
        ("规章", "0", "1", "2"),
    ]
    assert [line.number for line in lines] == [1, 2, 3]


# -- the article in a portal page -------------------------------------------------------------


PORTAL = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="某局2022年政府信息公开工作年度报告">
<title>某局2022年政府信息公开工作年度报告_年报_某市人民政府</title>
<style>p { color: red } /* 一、总体情况 */</style>
<script>document.write("<table><tr><td>规章</td><td>9</td></tr></table>");</script>
</head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/x">信息公开</a></li></ul>
<noscript>一、总体情况</noscript>
<table class="meta"><tr><td>索引号</td><td>123</td><td>发布日期</td><td>2023-01-20</td></tr></table>
<div class="detail-title">{title}</div>
<div class="article"><div class="TRS_Editor">
<p>一、总体情况</p><p>本年度，某局认真贯彻落实《条例》。</p>
<script>var x = "二、主动公开政府信息情况";</script>
<p>二、主动公开政府信息情况</p>
<div align="center"><table>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr>
</table></div>
<p>六、其他需要报告的事项</p><p>无。</p>
</div></div>
<div class="footer"><p>相关：某局2021年政府信息公开工作年度报告</p><p>版权所有</p>
<table><tr><td>友情链接</td><td>某市政府</td></tr></table></div>
<script>var _hmt = [];</script>
</body></html>"""


def test_portal_chrome_gives_no_lines() -> None:
    html = PORTAL.replace("{title}", "某局2022年政府信息公开工作年度报告")
    texts = [line.cells or line.text for line in lines_of(html)]
    assert texts == [
        "某局2022年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度，某局认真贯彻落实《条例》。",
        "二、主动公开政府信息情况",
        ("第二十条第（一）项",),
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "1", "2", "3"),
        "六、其他需要报告的事项",
        "无。",
    ]
    assert lines_of(html)[0].number == 11  # the div.detail-title


@pytest.mark.parametrize(
    ("page_title", "meta", "number"),
    [
        ("", True, 3),  # no title in the body: <meta name="ArticleTitle">
        ("", False, 4),  # nor a meta: <title>, without the site's suffix
    ],
)
def test_title_from_the_head(page_title: str, meta: bool, number: int) -> None:
    html = PORTAL.replace("{title}", page_title)
    if not meta:
        html = html.replace('<meta name="ArticleTitle"', '<meta name="Other"')
    lines = lines_of(html)
    assert lines[0] == Line(number, "某局2022年政府信息公开工作年度报告")
    report = report_of(html)
    assert (report.agency, report.year) == ("某局", 2022)


def test_title_not_taken_from_a_list_of_other_reports() -> None:
    html = PORTAL.replace("{title}", "").replace(
        '<ul class="nav">', '<ul class="nav"><li>某局2021年政府信息公开工作年度报告</li>'
    )
    assert lines_of(html)[0] == Line(3, "某局2022年政府信息公开工作年度报告")  # the meta


def test_whole_portal_page_in_gbk() -> None:
    """tests/fixtures/html/002.html: GB2312 page, 2019 format, chrome, sidebar of older reports."""
    data = (HTML_FIXTURES / "002.html").read_bytes()
    assert sniff_html_encoding(data) == "gb18030"
    html = data.decode("gb18030")
    report = report_of(html)
    assert report.title == "某街道办事处2019年政府信息公开工作年度报告"
    check_truth(report, HTML_FIXTURES / "002.truth.json")


# -- encoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        (b"<html><head><meta charset=gbk>", "gb18030"),
        (b'<meta charset="GB2312" />', "gb18030"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        (b"<html><meta charset='utf-8'>", "utf-8"),
        (b'<meta charset="utf-16">', "utf-8"),
        (b'<meta charset="big5">', "big5hkscs"),
        (b'<?xml version="1.0" encoding="GBK"?><html>', "gb18030"),
        (b'<meta charset="no-such-encoding">', None),
        (b"<html><head><title>x</title>", None),
        (b"charset=gbk in plain text", None),
    ],
)
def test_sniff_html_encoding(head: bytes, encoding: str | None) -> None:
    assert sniff_html_encoding(head) == encoding


def test_meta_charset_gbk_bytes_read() -> None:
    page = (
        "<html><head><meta charset=gbk></head><body>"
        "<p>某局2022年政府信息公开工作年度报告</p><p>一、总体情况</p>"
        + table("<td>规章</td><td>0</td><td>1</td><td>2</td>")
        + "</body></html>"
    )
    data = page.encode("gbk")
    encoding = sniff_html_encoding(data)
    assert encoding is not None
    lines = lines_of(data.decode(encoding))
    assert [line.cells or line.text for line in lines][:2] == [
        "某局2022年政府信息公开工作年度报告",
        "一、总体情况",
    ]


# -- safety -----------------------------------------------------------------------------------


def test_billion_laughs_is_not_expanded() -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    html = (
        f"<!DOCTYPE html [{entities}]>"
        "<html><body><p>某局&lol9;报告</p><p>一、总体情况</p></body></html>"
    )
    started = time.perf_counter()
    lines = lines_of(html)
    assert time.perf_counter() - started < 2
    joined = "".join(line.text for line in lines)
    assert "lollol" not in joined
    assert len(joined) < 1000


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARK", encoding="utf-8")
    uri = secret.as_uri()
    html = (
        f'<!DOCTYPE html SYSTEM "{uri}" [<!ENTITY xxe SYSTEM "{uri}">]>'
        f"<html><body><p>一、总体情况 &xxe;</p></body></html>"
    )
    assert "SECRET-MARK" not in "".join(line.text for line in lines_of(html))


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<!ENTITY leak 'FETCHED'>FETCHED")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_nothing_is_fetched(http_server: tuple[str, list[str]]) -> None:
    base, requests = http_server
    html = (
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "{base}/dtd" '
        f'[<!ENTITY % remote SYSTEM "{base}/param"> %remote; <!ENTITY ext SYSTEM "{base}/ent">]>'
        f'<html><head><link rel="stylesheet" href="{base}/css"><base href="{base}/"></head>'
        f'<body><p>一、总体情况 &ext; &leak;</p><img src="{base}/img">'
        f'<iframe src="{base}/frame"></iframe><xi:include href="{base}/xi"/></body></html>'
    )
    lines = lines_of(html)
    assert "FETCHED" not in "".join(line.text for line in lines)
    assert requests == []


def test_deep_nesting_is_read_without_recursion() -> None:
    """Unclosed inline tags nest deep on old pages; everything up to 2,048 levels is read."""
    html = (
        "<html><body><p>某局2022年政府信息公开工作年度报告</p>"
        + "".join(f"<font>第{n}段<br>" for n in range(1500))
        + "<p>一、总体情况</p></body></html>"
    )
    lines, findings = read_html(html) or ([], [])
    assert findings == []
    texts = [line.text for line in lines]
    assert texts[-1] == "一、总体情况"
    assert "第1499段" in texts


def test_too_deep_nesting_stops_with_a_finding() -> None:
    depth = 100_000
    html = (
        "<html><body><p>一、总体情况</p>"
        + "<div>" * depth
        + "深"
        + "</div>" * depth
        + "</body></html>"
    )
    started = time.perf_counter()
    lines, findings = read_html(html) or ([], [])
    assert time.perf_counter() - started < 10
    assert [line.text for line in lines] == ["一、总体情况"]
    assert [(f.code, f.severity, f.line) for f in findings] == [("P304", gr.Severity.WARNING, 1)]


def test_missing_lxml_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    with pytest.raises(gr.ParseError) as raised:
        read_html("<p>一、总体情况</p>")
    assert 'pip install "govinfo_report[html]"' in str(raised.value)
    assert INSTALL_HINT in raised.value.reason
    assert raised.value.__cause__ is None
    assert read_html("规章\t0") is None  # other text never needs lxml


def test_core_imports_without_lxml() -> None:
    code = (
        "import sys; sys.modules['lxml'] = None\n"
        "import govinfo_report as gr\n"
        "print(gr.parse('某局2022年政府信息公开工作年度报告\\n一、总体情况\\n正文。').year)\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2022"


# -- positions --------------------------------------------------------------------------------


def test_cell_positions_point_into_the_source() -> None:
    html = "<table>\n<tr>\n  <td>规章</td><td\n class=x>1</td>\n  <td>\n2</td>\n</tr></table>"
    (line,) = lines_of(html)
    assert line.number == 2
    assert line.cells == ("规章", "1", "2")
    assert line.cell_lines == (3, 4, 5)
    assert line.starts == (7, 10, 7)
    source = html.split("\n")
    for cell, number, start in zip(line.cells, line.cell_lines, line.starts, strict=True):
        assert source[number - 1][start - 2] == ">"
        assert "\n".join(source[number - 1 :])[start - 1 :].lstrip().startswith(cell)


def test_cell_lines_beyond_libxml2_line_count() -> None:
    html = (
        "<p>一、总体情况</p>" + "\n" * 70_000 + "<table><tr><td>规章</td><td>\n1</td></tr></table>"
    )
    (row,) = [line for line in lines_of(html) if line.cells]
    assert row.cell_lines == (70_001, 70_001)


def test_text_line_numbers() -> None:
    html = (
        "<html>\n<body>\n<p>某局2022年政府信息公开工作年度报告</p>\n\n"
        "<p\nclass=x>一、总体情况</p>\n</body></html>"
    )
    assert [line.number for line in lines_of(html)] == [3, 6]


@pytest.mark.parametrize("case", CORPUS_PAGES, ids=[r.test_id for r in CORPUS_PAGES])
def test_corpus_cells_point_at_their_td(case: CorpusReport) -> None:
    """Each cell's line and start are just after its ``<td ...>`` start tag in the page."""
    text = case.path.read_text(encoding="utf-8")
    source = text.split("\n")
    rows = [line for line in lines_of(text) if line.cells is not None]
    assert len(rows) >= 40
    for line in rows:
        for number, start in zip(line.cell_lines, line.starts, strict=True):
            before = "\n".join(
                [*source[max(number - 9, 0) : number - 1], source[number - 1][: start - 1]]
            )
            assert before.endswith(">")
            assert before[before.rfind("<") :].lower().startswith(("<td", "<th")), (number, start)


# -- corpus and round trip --------------------------------------------------------------------


def check_truth(report: gr.Report, truth_file: Path) -> None:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    flat = gr.flatten(report)
    wanted = truth_flat(truth)
    wrong = {
        key: (flat.get(key), value)
        for key, value in wanted.items()
        if not same_value(flat.get(key), value)
    }
    assert wrong == {}
    assert [section.title for section in report.sections] == truth["sections"]


@pytest.mark.parametrize("case", CORPUS_PAGES, ids=[r.test_id for r in CORPUS_PAGES])
def test_corpus_page_lines_match_truth(case: CorpusReport) -> None:
    """Every truth cell of the HTML corpus, reading the page with the reader directly."""
    text = case.path.read_text(encoding="utf-8")
    check_truth(report_of(text), case.path.with_suffix(".truth.json"))


@pytest.mark.parametrize("case", CORPUS_PAGES, ids=[r.test_id for r in CORPUS_PAGES])
def test_corpus_page_matches_truth(case: CorpusReport) -> None:
    """Every truth cell of the HTML corpus through ``parse(text, rendering="html")``."""
    text = case.path.read_text(encoding="utf-8")
    report = gr.parse(text, rendering="html", source=str(case.path))
    check_truth(report, case.path.with_suffix(".truth.json"))
    assert gr.flatten(gr.parse(text)) == gr.flatten(report)  # detected without being named
    assert report.findings == ()


@pytest.mark.parametrize("name", ["001", "002"])
def test_fixture_pages_load(name: str) -> None:
    check_truth(gr.load(HTML_FIXTURES / f"{name}.html"), HTML_FIXTURES / f"{name}.truth.json")


ROUND_TRIP = [r for r in corpus_reports() if r.index.get("rendering") != "html"]


@pytest.mark.parametrize("case", ROUND_TRIP, ids=[r.test_id for r in ROUND_TRIP])
def test_to_html_reads_back(case: CorpusReport) -> None:
    """What :func:`govinfo_report.to_html` writes reads back to the same cells and sections."""
    try:
        report = gr.load(case.path)
    except gr.ParseError:
        return
    again = report_of(gr.to_html(report))
    assert gr.flatten(again) == gr.flatten(report)
    assert [s.title for s in again.sections] == [s.title for s in report.sections]
