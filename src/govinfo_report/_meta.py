"""The report's title, agency and year, found among site chrome, metadata blocks and prose.

Web copies put navigation, breadcrumbs, metadata blocks (发布日期, 索引号, 文号) and widgets
before the report. The title is the first short line before the first section heading that
names a report (报告 with 年度 or a year); the agency is what the title prints before the year,
or failing that what the prose says (``现公布XX局2022年…``, ``本报告由XX根据…``,
``发布机构：XX``). The year is the title's, or the statistics period's, or the year the opening
prose is about. Dates in metadata lines (publication dates) are never taken for the year.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence

import regex

from ._classify import Line, heading_number
from ._text import simplify

_TITLE_WORDS = ("年度报告", "工作报告", "年报", "年度報告")
_TITLE_NOT = ("根据", "本报告", "依据", "按照", "现将", "现公布", "当前位置", "您当前", ">", "。")
_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")
_PREFIX = regex.compile(
    r"^(?:标题|題目|题目|名称)\s*[:：]\s*|^Page\s*\d+\s*[-–—]\s*|^[【\[].*?[】\]]"
)
_AGENCY_SUFFIX = regex.compile(
    r"(?:局|委|办|办公室|政府|镇|乡|街道|中心|院|会|厅|署|部|所|站|队|处|馆|组|委员会|管委会|"
    r"办事处|区|市|县|省|公司|集团|银行)$"
)
_BAD_AGENCY = regex.compile(r"^(?:我|本|全|各|该|其|贵|在|年度|政府信息|关于)|[，,。:：；;、\d]")
_AGENCY_PATTERNS = (
    regex.compile(
        r"现(?:向社会)?(?:公布|发布|公开|将)[《“\"]?(?P<a>[^，,。《》“”\s]{2,30}?)\s*(?:19|20)\d\d\s*年"
        r"度?(?:政府信息公开|政务信息公开|政务公开)"
    ),
    regex.compile(
        r"公布\s*(?:19|20)\d\d\s*年度?(?P<a>[^，,。《》\s]{2,30}?)(?:政府信息公开|政务公开)"
    ),
    regex.compile(
        r"报告[^。]{0,80}?由(?P<a>[^，,。《》\s(（]{2,30}?)(?:根据|综合|(?:党政办公室)?编制|按照)"
    ),
    regex.compile(r"由(?P<a>[^，,。《》\s(（]{2,30}?)(?:党政办公室)?编制"),
    regex.compile(r"(?:发布机构|文章来源|信息来源)\s*[:：]\s*(?P<a>[^\s|，,。:：]{2,30})"),
    regex.compile(r"[,，](?P<a>[^，,。《》\s]{2,30}?)特?编制\s*(?:19|20)\d\d"),
    regex.compile(r"《(?P<a>[^《》]{2,30}?)政府信息公开指南》"),
    regex.compile(
        r"^(?:19|20)\d\d\s*年(?:以来|度)?[,，]?(?P<a>[^，,。《》\s]{2,20}?)(?:在|按照|坚持|认真|"
        r"严格|以|根据|深入|全面|进一步|紧紧|始终|立足|围绕|高度|持续|不断)"
    ),
    regex.compile(r"^(?P<a>[^，,。《》\s]{2,20}?)主动公开政府信息的情况"),
    regex.compile(r"由(?P<a>[^，,。《》\s(（]{2,30}?)综合各"),
    regex.compile(r"《(?P<a>[^《》(（]{2,30}?)(?:19|20)\d\d\s*年度?(?:政务公开|政府信息公开)"),
    regex.compile(r"《(?P<a>[^《》(（]{2,30}?)政府信息公开"),
)
_PERIOD = regex.compile(r"统计期限[^\d]{0,12}((?:19|20)\d{2})")
_REPORT_YEAR = regex.compile(
    r"((?:19|20)\d{2})\s*年度?(?:[^，,。《》\s]{0,30}?)(?:政府信息公开|政务信息公开|政务公开)"
    r"(?:工作)?(?:年度)?(?:报告|年报)"
)
_DATE_LINE = regex.compile(
    r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|发布日期|发布时间|发表日期|成文日期|生成日期|日期\s*[:：]|"
    r"时间\s*[:：]|索引号|索\s*引\s*号|文号|访问量|浏览次数"
)


def _clean(text: str) -> str:
    return str(_PREFIX.sub("", text.replace("*", "").strip())).strip()


def find_title(lines: Sequence[Line], limit: int = 40) -> int | None:
    r"""The index of the title line among the lines before the first section heading.

    Examples:
        >>> from govinfo_report._classify import read_lines
        >>> text = "当前位置:首页 > 年报\n某镇2020年政府信息公开工作年度报告\n一、总体情况"
        >>> lines = read_lines(text)
        >>> find_title(lines)
        1
    """
    without_year: int | None = None
    for index, line in enumerate(lines[:limit]):
        if line.cells is not None:
            continue
        text = simplify(line.text)
        if heading_number(line.text) is not None:
            break
        if len(text) > 80 or not any(word in text for word in _TITLE_WORDS):
            continue
        if any(word in text for word in _TITLE_NOT) or "报告" not in text:
            continue
        if _YEAR.search(text):
            return index
        if index and _starts_title(lines[index - 1]):
            return index - 1  # a title wrapped over two lines: the year is on the first
        if without_year is None and ("年度" in text or "年报" in text):
            without_year = index
    return without_year


def title_length(lines: Sequence[Line], index: int) -> int:
    r"""How many lines the title at ``index`` takes: 2 when it is wrapped, else 1.

    A title wrapped over two lines has its year on the first line and 报告 on the second.

    Examples:
        >>> from govinfo_report._classify import read_lines
        >>> lines = read_lines("2025 年某街道政府信息\n公开工作年度报告\n一、总体情况")
        >>> title_length(lines, 0)
        2
    """
    if "报告" in simplify(lines[index].text):
        return 1
    following = index + 1
    if (
        following < len(lines)
        and lines[following].cells is None
        and "报告" in simplify(lines[following].text)
        and len(lines[following].text) <= 40
    ):
        return 2
    return 1


def _starts_title(line: Line) -> bool:
    text = simplify(line.text)
    return (
        line.cells is None
        and len(text) <= 40
        and _YEAR.search(text) is not None
        and not any(word in text for word in _TITLE_NOT)
    )


def _valid_agency(text: str, strict: bool) -> str | None:
    agency = text.strip(' ：:，,、()（）《》“”"')
    if not 2 <= len(agency) <= 30 or _BAD_AGENCY.search(simplify(agency)):
        return None
    if strict and not _AGENCY_SUFFIX.search(simplify(agency)):
        return None
    return agency


def find_metadata(
    lines: Sequence[Line], title_index: int | None
) -> tuple[str | None, str | None, int | None]:
    r"""The title (as printed), agency and year of a report.

    Examples:
        >>> from govinfo_report._classify import read_lines
        >>> lines = read_lines("标题: 某区2021年度政府信息公开工作年度报告\n一、总体情况")
        >>> find_metadata(lines, 0)
        ('标题: 某区2021年度政府信息公开工作年度报告', '某区', 2021)
        >>> lines = read_lines("一、总体情况\n2022年，某市审计局认真贯彻条例。")
        >>> find_metadata(lines, None)
        (None, '某市审计局', 2022)
    """
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    if title_index is not None:
        span = lines[title_index : title_index + title_length(lines, title_index)]
        title = "\n".join(line.text for line in span)
        clean = "".join(_clean(line.text) for line in span)
        match = _YEAR.search(simplify(clean))
        if match is not None:
            year = int(match.group(1))
            agency = _valid_agency(clean[: match.start()], strict=False)
            if agency is None and match.start() <= 1:
                after = regex.match(
                    r"\s*(?:19|20)\d\d\s*年度?(?P<a>.+?)(?:政府信息公开|政务公开|政府信息)",
                    simplify(clean),
                )
                if after is not None:
                    agency = _valid_agency(clean[after.start("a") : after.end("a")], strict=True)
        if agency is None:
            for near in (title_index - 1, title_index + len(span)):
                if 0 <= near < len(lines) and lines[near].cells is None:
                    agency = _valid_agency(_clean(lines[near].text), strict=True)
                    if agency is not None:
                        break
    if agency is None or year is None:
        texts = [line.text for line in lines[:80] if line.cells is None]
        simple = [simplify(text) for text in texts]
        if agency is None:
            agency = _agency_from_prose(texts, simple)
        if year is None:
            year = _year_from_prose(simple)
    return title, agency, year


def _agency_from_prose(texts: Sequence[str], simple: Sequence[str]) -> str | None:
    """The agency named in the prose; ``simple`` holds the texts simplified, slice for slice."""
    for strict, pattern in enumerate(_AGENCY_PATTERNS):
        for text, simplified in zip(texts, simple, strict=True):
            for match in pattern.finditer(simplified):
                found = _valid_agency(text[match.start("a") : match.end("a")], strict >= 3)
                if found is not None:
                    return found
    return None


def _year_from_prose(simple: Sequence[str]) -> int | None:
    """The report's year from its (simplified) prose."""
    for pattern in (_PERIOD, _REPORT_YEAR):
        for text in simple:
            match = pattern.search(text)
            if match is not None:
                return int(match.group(1))
    counts: Counter[int] = Counter()
    for text in simple:
        if _DATE_LINE.search(text):
            continue
        counts.update(int(year) for year in _YEAR.findall(text))
    if counts:
        return counts.most_common(1)[0][0]
    return None


_DATE = r"\s*[:：|]?\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_PUBLISHED = (
    regex.compile(r"(?:发布|发表|公开|发文)(?:日期|时间)" + _DATE),
    regex.compile(r"(?<!生成|成文)(?:日期|时间)" + _DATE),
)


def find_published(lines: Sequence[Line], limit: int = 40) -> datetime.date | None:
    r"""The publication date a page's metadata gives before the report's first heading.

    Examples:
        >>> from govinfo_report._classify import read_lines
        >>> find_published(read_lines("某镇2020年年度报告\n日期:2021-01-29\n一、总体情况"))
        datetime.date(2021, 1, 29)
        >>> find_published(read_lines("一、总体情况\n发布日期:2021-01-29")) is None
        True
    """
    head: list[str] = []
    for line in lines[:limit]:
        if line.cells is None and heading_number(line.text) is not None:
            break
        head.append(simplify(" ".join(line.cells) if line.cells is not None else line.text))
    for pattern in _PUBLISHED:
        for text in head:
            match = pattern.search(text)
            if match is None:
                continue
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                continue
    return None
