"""The format's layouts as data: sections, tables, rows, columns, labels, variants and sums.

This module is the one place that spells the format. The parser matches printed labels against
it, the validator takes its identities from it and the renderers write its official labels.

Two national formats are described: the 2019 trial format (used for the 2019 and 2020 reports)
and the revised 2021 format (国办公开办函〔2021〕30号, reports on 2021 and later).

Examples:
    >>> layout = layout_for("2021")
    >>> [block.key for block in layout.t2_blocks]
    ['item1', 'item5', 'item6', 'item8']
    >>> len(layout.t3_rows), len(layout.t3_columns)
    (25, 7)
    >>> layout.t3_row("denied.state_secret").label
    '1.属于国家秘密'
    >>> layout_for("2019").t3_row("other").label
    '（六）其他处理'
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

FormatVersion: TypeAlias = Literal["2021", "2019", "pre2019", "unknown"]
"""The format a report follows: ``"2021"``, ``"2019"`` (trial), ``"pre2019"`` or ``"unknown"``."""

FORMAT_VERSIONS: tuple[FormatVersion, ...] = ("2021", "2019", "pre2019", "unknown")

ValueKind: TypeAlias = Literal["count", "signed", "amount"]
"""How a column's cells are read: a non-negative count, a signed change, or an amount."""

TableKey: TypeAlias = Literal["t2", "t3", "t4"]


@attrs.frozen
class SectionSpec:
    """One of the six standard sections.

    Attributes:
        number: 1 to 6.
        numeral: The Chinese numeral that numbers it (``"一"`` ... ``"六"``).
        title: The official title, without the numeral.
        variants: Other titles seen in real reports.
        keywords: Words that identify the section when its title is worded freely.
    """

    number: int
    numeral: str
    title: str
    variants: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The official heading line, e.g. ``一、总体情况``."""
        return f"{self.numeral}、{self.title}"


@attrs.frozen
class ColumnSpec:
    """A value column.

    Attributes:
        key: The column's key in flat keys (``natural_person``, ``issued``...).
        label: The official column label.
        kind: How cells of the column are read.
        variants: Other labels seen in real reports.
    """

    key: str
    label: str
    kind: ValueKind = "count"
    variants: tuple[str, ...] = ()


@attrs.frozen
class RowSpec:
    """A data row.

    Attributes:
        key: The row's key (``rules``, ``denied.state_secret``...).
        label: The official label of the row's own cell (the leaf label).
        group: The official label of the group the row belongs to, if any (``（三）不予公开``).
        variants: Other leaf labels seen in real reports.
    """

    key: str
    label: str
    group: str | None = None
    variants: tuple[str, ...] = ()


@attrs.frozen
class T2BlockSpec:
    """A block of table 二 (one item of Article 20).

    Attributes:
        key: ``item1``, ``item5``, ``item6``, ``item8`` or ``item9``.
        caption: The block's caption row, e.g. ``第二十条第（一）项``.
        columns: The value columns, in order.
        rows: The data rows, in order.
    """

    key: str
    caption: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]


@attrs.frozen
class Identity:
    """An arithmetic identity the tables carry: the sum of ``left`` equals the sum of ``right``.

    Attributes:
        code: The rule's code (see :mod:`govinfo_report.validate`).
        table: The table it applies to.
        left: Row keys (``over="columns"``: applied per column) or column keys
            (``over="rows"``: applied per row) on the printed-total side.
        right: Keys on the side that is summed.
        over: ``"columns"`` to check the identity once per value column, ``"rows"`` once per row.
    """

    code: str
    table: TableKey
    left: tuple[str, ...]
    right: tuple[str, ...]
    over: Literal["columns", "rows"]


@attrs.frozen
class FormatLayout:
    """Everything that defines one format version.

    Attributes:
        version: ``"2021"`` or ``"2019"``.
        sections: The six sections.
        t2_blocks: Table 二's blocks, in order.
        t3_columns: Table 三's seven value columns.
        t3_rows: Table 三's data rows, in order.
        t4_blocks: Table 四's three blocks (as rows).
        t4_columns: The five columns of each table-四 block.
        identities: The arithmetic identities (spec R1, R3, R4, R5).
    """

    version: FormatVersion
    sections: tuple[SectionSpec, ...]
    t2_blocks: tuple[T2BlockSpec, ...]
    t3_columns: tuple[ColumnSpec, ...]
    t3_rows: tuple[RowSpec, ...]
    t4_blocks: tuple[RowSpec, ...]
    t4_columns: tuple[ColumnSpec, ...]
    identities: tuple[Identity, ...]

    def t2_block(self, key: str) -> T2BlockSpec:
        """The table-二 block with this key."""
        for block in self.t2_blocks:
            if block.key == key:
                return block
        raise KeyError(key)

    def t2_row(self, key: str) -> tuple[T2BlockSpec, RowSpec]:
        """The table-二 row with this key and the block it belongs to."""
        for block in self.t2_blocks:
            for row in block.rows:
                if row.key == key:
                    return block, row
        raise KeyError(key)

    def t3_row(self, key: str) -> RowSpec:
        """The table-三 row with this key."""
        for row in self.t3_rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def t3_leaf_keys(self) -> tuple[str, ...]:
        """The table-三 rows that add up to （七）总计 (spec R4)."""
        return tuple(row.key for row in self.t3_rows if row.key.startswith(_LEAF_PREFIXES))


_LEAF_PREFIXES = ("granted", "partial", "denied.", "unable.", "not_processed.", "other")

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        1,
        "一",
        "总体情况",
        ("工作基本情况", "基本情况", "概述", "主要工作概述"),
        ("总体情况", "基本情况", "概述", "总体"),
    ),
    SectionSpec(2, "二", "主动公开政府信息情况", ("主动公开政府信息的情况",), ("主动公开",)),
    SectionSpec(
        3,
        "三",
        "收到和处理政府信息公开申请情况",
        ("依申请公开政府信息情况",),
        ("收到和处理", "依申请", "申请情况"),
    ),
    SectionSpec(
        4,
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议及行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
        ),
        ("行政复议", "行政诉讼", "复议", "诉讼"),
    ),
    SectionSpec(
        5,
        "五",
        "存在的主要问题及改进情况",
        ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "主要问题和改进措施"),
        ("问题", "改进"),
    ),
    SectionSpec(6, "六", "其他需要报告的事项", ("其他事项",), ("其他需要报告", "其他事项")),
)

T3_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("natural_person", "自然人"),
    ColumnSpec("commercial", "商业企业"),
    ColumnSpec("research", "科研机构"),
    ColumnSpec("social_welfare", "社会公益组织"),
    ColumnSpec("legal_service", "法律服务机构"),
    ColumnSpec("other_org", "其他"),
    ColumnSpec("total", "总计", variants=("合计",)),
)

_RESULT = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

_T3_HEAD: tuple[RowSpec, ...] = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量"),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量"),
    RowSpec("granted", "（一）予以公开", _RESULT),
    RowSpec("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", _RESULT),
    RowSpec("denied.state_secret", "1.属于国家秘密", _DENIED),
    RowSpec(
        "denied.law_forbidden", "2.其他法律行政法规禁止公开", _DENIED, ("2.其他法律法规禁止公开",)
    ),
    RowSpec("denied.three_safety_one_stability", "3.危及“三安全一稳定”", _DENIED),
    RowSpec("denied.third_party_rights", "4.保护第三方合法权益", _DENIED),
    RowSpec("denied.internal_affairs", "5.属于三类内部事务信息", _DENIED),
    RowSpec("denied.process_info", "6.属于四类过程性信息", _DENIED),
    RowSpec("denied.enforcement_case", "7.属于行政执法案卷", _DENIED),
    RowSpec("denied.admin_query", "8.属于行政查询事项", _DENIED),
    RowSpec("unable.no_info", "1.本机关不掌握相关政府信息", _UNABLE),
    RowSpec("unable.need_creation", "2.没有现成信息需要另行制作", _UNABLE),
    RowSpec("unable.unclear", "3.补正后申请内容仍不明确", _UNABLE),
    RowSpec("not_processed.complaint", "1.信访举报投诉类申请", _NOT_PROCESSED),
    RowSpec("not_processed.repeat", "2.重复申请", _NOT_PROCESSED),
    RowSpec("not_processed.publication", "3.要求提供公开出版物", _NOT_PROCESSED),
    RowSpec("not_processed.massive_repeat", "4.无正当理由大量反复申请", _NOT_PROCESSED),
    RowSpec("not_processed.confirm_info", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED),
)
_T3_TAIL: tuple[RowSpec, ...] = (
    RowSpec("total", "（七）总计", _RESULT, ("（七）合计",)),
    RowSpec("carried_forward", "四、结转下年度继续办理"),
)
T3_ROWS_2021: tuple[RowSpec, ...] = (
    *_T3_HEAD,
    RowSpec(
        "other.overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    RowSpec(
        "other.overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    RowSpec("other.other", "3.其他", _OTHER),
    *_T3_TAIL,
)
T3_ROWS_2019: tuple[RowSpec, ...] = (
    *_T3_HEAD,
    RowSpec("other", _OTHER, _RESULT),
    *_T3_TAIL,
)

T3_GROUPS: tuple[str, ...] = (_RESULT, _DENIED, _UNABLE, _NOT_PROCESSED, _OTHER)
"""Labels of table 三's group cells (merged cells that carry no numbers)."""

T3_HEADER_LABELS: tuple[str, ...] = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "法人或其他组织",
)
"""Table 三's header labels besides the column labels."""

T4_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("upheld", "结果维持"),
    ColumnSpec("corrected", "结果纠正"),
    ColumnSpec("other", "其他结果"),
    ColumnSpec("pending", "尚未审结"),
    ColumnSpec("total", "总计", variants=("合计",)),
)
T4_BLOCKS: tuple[RowSpec, ...] = (
    RowSpec("review", "行政复议"),
    RowSpec("litigation_direct", "未经复议直接起诉", "行政诉讼", ("未经复议直接诉讼",)),
    RowSpec("litigation_after_review", "复议后起诉", "行政诉讼", ("复议后诉讼",)),
)

_ITEM1 = "第二十条第（一）项"
_ITEM5 = "第二十条第（五）项"
_ITEM6 = "第二十条第（六）项"
_ITEM8 = "第二十条第（八）项"
_ITEM9 = "第二十条第（九）项"

T2_BLOCKS_2021: tuple[T2BlockSpec, ...] = (
    T2BlockSpec(
        "item1",
        _ITEM1,
        (
            ColumnSpec("issued", "本年制发件数"),
            ColumnSpec("repealed", "本年废止件数"),
            ColumnSpec("in_force", "现行有效件数"),
        ),
        (
            RowSpec("rules", "规章"),
            RowSpec("normative_documents", "行政规范性文件", variants=("规范性文件",)),
        ),
    ),
    T2BlockSpec(
        "item5",
        _ITEM5,
        (ColumnSpec("decisions", "本年处理决定数量"),),
        (RowSpec("licensing", "行政许可"),),
    ),
    T2BlockSpec(
        "item6",
        _ITEM6,
        (ColumnSpec("decisions", "本年处理决定数量"),),
        (RowSpec("punishment", "行政处罚"), RowSpec("coercion", "行政强制")),
    ),
    T2BlockSpec(
        "item8",
        _ITEM8,
        (
            ColumnSpec(
                "amount",
                "本年收费金额（单位：万元）",
                "amount",
                ("本年收费金额（单位：万元，保留4位小数）",),
            ),
        ),
        (RowSpec("fees", "行政事业性收费"),),
    ),
)
T2_BLOCKS_2019: tuple[T2BlockSpec, ...] = (
    T2BlockSpec(
        "item1",
        _ITEM1,
        (
            ColumnSpec("made", "本年新制作数量"),
            ColumnSpec("published", "本年新公开数量"),
            ColumnSpec("total_published", "对外公开总数量"),
        ),
        (
            RowSpec("rules", "规章"),
            RowSpec("normative_documents", "规范性文件", variants=("行政规范性文件",)),
        ),
    ),
    T2BlockSpec(
        "item5",
        _ITEM5,
        (
            ColumnSpec("previous", "上一年项目数量"),
            ColumnSpec("change", "本年增/减", "signed", ("本年增/减量",)),
            ColumnSpec("decisions", "处理决定数量"),
        ),
        (RowSpec("licensing", "行政许可"), RowSpec("other_services", "其他对外管理服务事项")),
    ),
    T2BlockSpec(
        "item6",
        _ITEM6,
        (
            ColumnSpec("previous", "上一年项目数量"),
            ColumnSpec("change", "本年增/减", "signed", ("本年增/减量",)),
            ColumnSpec("decisions", "处理决定数量"),
        ),
        (RowSpec("punishment", "行政处罚"), RowSpec("coercion", "行政强制")),
    ),
    T2BlockSpec(
        "item8",
        _ITEM8,
        (
            ColumnSpec("previous", "上一年项目数量"),
            ColumnSpec("change", "本年增/减", "signed", ("本年增/减量",)),
        ),
        (RowSpec("fees", "行政事业性收费"),),
    ),
    T2BlockSpec(
        "item9",
        _ITEM9,
        (
            ColumnSpec("count", "采购项目数量"),
            ColumnSpec("amount", "采购总金额", "amount"),
        ),
        (RowSpec("procurement", "政府集中采购"),),
    ),
)

T2_HEADER_LABEL = "信息内容"
"""The label of table 二's header rows."""

T3_HEADER_WORDS: tuple[str, ...] = (
    "申请人情况",
    "勾稽",
    "法人或其他组织",
    *(column.label for column in T3_COLUMNS[:5]),
)
"""Words only table 三's header prints (its note, its column groups, its first five columns)."""

T3_HEADER_PIECES: tuple[str, ...] = ("商业", "企业", "科研", "机构")
"""Halves of table 三's column labels that a wrapped header cell prints on two lines."""

T4_HEADER_WORDS: tuple[str, ...] = (
    T4_BLOCKS[0].label,
    T4_BLOCKS[1].group or "",
    *(column.label for column in T4_COLUMNS[:4]),
    "未经复议",
    T4_BLOCKS[2].label,
)
"""Words that mark table 四's header (the blocks and the first four columns)."""

T4_HEADER_PIECES: tuple[str, ...] = ("结果", "维持", "纠正", "其他", "尚未", "审结", "总", "计")
"""Pieces of table 四's column labels printed one line each in PDF text layers."""

T2_CAPTION_PREFIX = "第二十条"
"""How every caption of table 二 starts (``第二十条第（一）项``)."""

TABLE_WORDS: tuple[str, ...] = (
    T2_CAPTION_PREFIX,
    T2_HEADER_LABEL,
    "本年新收",  # 一、本年新收政府信息公开申请数量
    "上年结转",  # 二、上年结转政府信息公开申请数量
    T3_HEADER_WORDS[0],  # 申请人情况
    T3_COLUMNS[0].label,  # 自然人
    "予以公开",  # （一）予以公开
    "不予公开",  # （三）不予公开
    "结转下年度",  # 四、结转下年度继续办理
    T4_BLOCKS[0].label,  # 行政复议
    T4_BLOCKS[1].group or "行政诉讼",
    T4_COLUMNS[0].label,  # 结果维持
    T4_COLUMNS[1].label,  # 结果纠正
    T4_COLUMNS[3].label,  # 尚未审结
    T2_BLOCKS_2021[0].rows[0].label,  # 规章
    T2_BLOCKS_2021[1].rows[0].label,  # 行政许可
    T2_BLOCKS_2021[2].rows[0].label,  # 行政处罚
)
"""Words of the statistical tables' labels: the more of them a table of a page holds, the more
likely it is one of the report's tables (readers that must find the tables among a page's
layout and metadata tables count them)."""


def _identities(t3_rows: tuple[RowSpec, ...]) -> tuple[Identity, ...]:
    leaves = tuple(row.key for row in t3_rows if row.key.startswith(_LEAF_PREFIXES))
    six = tuple(column.key for column in T3_COLUMNS[:6])
    four = tuple(column.key for column in T4_COLUMNS[:4])
    return (
        Identity(
            "A101", "t3", ("new_received", "carried_over"), ("total", "carried_forward"), "columns"
        ),
        Identity("A102", "t3", ("total",), six, "rows"),
        Identity("A103", "t3", ("total",), leaves, "columns"),
        Identity("A104", "t4", ("total",), four, "rows"),
    )


LAYOUT_2021 = FormatLayout(
    "2021",
    SECTIONS,
    T2_BLOCKS_2021,
    T3_COLUMNS,
    T3_ROWS_2021,
    T4_BLOCKS,
    T4_COLUMNS,
    _identities(T3_ROWS_2021),
)
LAYOUT_2019 = FormatLayout(
    "2019",
    SECTIONS,
    T2_BLOCKS_2019,
    T3_COLUMNS,
    T3_ROWS_2019,
    T4_BLOCKS,
    T4_COLUMNS,
    _identities(T3_ROWS_2019),
)

LAYOUTS: dict[FormatVersion, FormatLayout] = {"2021": LAYOUT_2021, "2019": LAYOUT_2019}

FORMAT_MARKERS: dict[FormatVersion, tuple[str, ...]] = {
    "2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "行政规范性文件",
    ),
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "政府集中采购",
        "采购项目数量",
        "其他对外管理服务事项",
    ),
}
"""Table-二 labels that only one format prints (spec §7): the format is detected from them."""

NULL_MARKERS: frozenset[str] = frozenset({"", "/", "／", "-", "－", "—", "——", "–", "无"})
"""Cell texts that mean "nothing printed here": the value is ``None``, never 0."""


def layout_for(version: FormatVersion) -> FormatLayout:
    """The layout of a format version; ``"pre2019"`` and ``"unknown"`` have none.

    Args:
        version: ``"2021"`` or ``"2019"``.

    Raises:
        KeyError: For a version without national tables.

    Examples:
        >>> layout_for("2019").t2_block("item9").rows[0].label
        '政府集中采购'
    """
    return LAYOUTS[version]


def format_for_year(year: int | None) -> FormatVersion:
    """The format a report on ``year`` is expected to follow.

    Examples:
        >>> [format_for_year(year) for year in (2020, 2021, 2015, None)]
        ['2019', '2021', 'pre2019', 'unknown']
    """
    if year is None:
        return "unknown"
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "pre2019"


def flat_t2_keys(version: FormatVersion) -> tuple[str, ...]:
    """The flat keys of table 二 in a format, in order.

    A row with one value column has a key without a column suffix (``t2.licensing``).

    Examples:
        >>> flat_t2_keys("2021")[:3]
        ('t2.rules.issued', 't2.rules.repealed', 't2.rules.in_force')
        >>> flat_t2_keys("2021")[-1]
        't2.fees'
    """
    keys: list[str] = []
    for block in LAYOUTS[version].t2_blocks:
        for row in block.rows:
            if len(block.columns) == 1:
                keys.append(f"t2.{row.key}")
            else:
                keys.extend(f"t2.{row.key}.{column.key}" for column in block.columns)
    return tuple(keys)


def flat_keys(version: FormatVersion) -> tuple[str, ...]:
    """Every flat key of a format's tables, in table order.

    The metadata keys ``year``, ``agency`` and ``format`` are not included.

    Examples:
        >>> keys = flat_keys("2021")
        >>> len(keys), keys[-1]
        (200, 't4.litigation_after_review.total')
        >>> len(flat_keys("2019"))
        198
    """
    layout = LAYOUTS[version]
    t3 = tuple(
        f"t3.{row.key}.{column.key}" for row in layout.t3_rows for column in layout.t3_columns
    )
    t4 = tuple(
        f"t4.{block.key}.{column.key}" for block in layout.t4_blocks for column in layout.t4_columns
    )
    return flat_t2_keys(version) + t3 + t4
