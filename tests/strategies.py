"""Hypothesis strategies for reports, built on the layouts (not on the grammar)."""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from govinfo_report import layouts
from govinfo_report.layouts import ColumnSpec, FormatVersion, ValueKind
from govinfo_report.model import (
    Block,
    Cell,
    LitigationTable,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
    SubHeading,
    T2Block,
)

_PROSE = "的一是在了有和人这中大为上个我以要他时来用们生到作地于出就分对成会可主发动同工也能下过子说产种面而方后多定行学法所民得经进着等部度家力里如水化高自理起小物现实加量都两体制机当使点从业本去把性好应开它合还因其些然前外天政日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领海口东导器压志世金增争济阶油思术极交受联什认共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声斗完类离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"  # noqa: E501

AGENCIES = ("西工区科学技术局", "某市审计局", "平潭综合实验区", "河包镇人民政府", "教育部")
NULLS = ("", "/", "-", "—", "无")

prose = st.text(alphabet=_PROSE, min_size=1, max_size=60).map(lambda s: s + "。")


@functools.cache
def raw_cell(kind: ValueKind) -> st.SearchStrategy[str]:
    """Cell texts as printed in a column of ``kind``: numbers, blanks, odd values."""
    common = st.one_of(st.sampled_from(NULLS), st.sampled_from(("1个", "251000元", "1,234")))
    if kind == "count":
        numbers = st.integers(0, 10**6).map(str)
    elif kind == "signed":
        numbers = st.one_of(st.integers(-(10**4), 10**4).map(str), st.just("+17"))
    else:
        numbers = st.one_of(
            st.integers(0, 10**6).map(str),
            st.decimals(0, 10**6, places=4, allow_nan=False, allow_infinity=False).map(str),
            st.just("160.5964万元"),
        )
    return st.one_of(numbers, numbers, numbers, common)


def cells(
    columns: tuple[ColumnSpec, ...] | tuple[ValueKind, ...],
) -> st.SearchStrategy[tuple[Cell, ...]]:
    """One cell per column."""
    kinds = tuple(c.kind if isinstance(c, ColumnSpec) else c for c in columns)
    return _cells(kinds)


@functools.cache
def _cells(kinds: tuple[ValueKind, ...]) -> st.SearchStrategy[tuple[Cell, ...]]:
    return st.tuples(*(raw_cell(kind).map(lambda raw, k=kind: Cell(raw, k)) for kind in kinds))


@st.composite
def t2_tables(draw: st.DrawFn, version: FormatVersion) -> ProactiveTable:
    """Table 二 with every block (caption and header, so the format shows), rows optional."""
    blocks = []
    for spec in layouts.layout_for(version).t2_blocks:
        caption = draw(
            st.sampled_from((spec.caption, spec.caption.replace("（", "(").replace("）", ")")))
        )
        header = ("信息内容", *(column.label for column in spec.columns))
        rows = []
        for row in spec.rows:
            if draw(st.booleans()) or row is spec.rows[0]:
                label = draw(st.sampled_from((row.label, *row.variants)))
                rows.append(Row(row.key, label, draw(cells(spec.columns))))
        blocks.append(T2Block(spec.key, caption, header, tuple(rows)))
    return ProactiveTable(tuple(blocks))


@st.composite
def t3_tables(draw: st.DrawFn, version: FormatVersion) -> RequestTable:
    """Table 三 with a subset of rows in order, labels official or variant, groups sometimes."""
    layout = layouts.layout_for(version)
    rows = []
    previous_group: str | None = None
    for spec in layout.t3_rows:
        if not draw(st.integers(0, 4)):
            continue
        label = draw(st.sampled_from((spec.label, *spec.variants)))
        groups: tuple[str, ...] = ()
        if spec.group is not None and spec.group != previous_group and draw(st.booleans()):
            groups = (spec.group,)
        previous_group = spec.group
        rows.append(Row(spec.key, label, draw(cells(("count",) * 7))))
        rows[-1] = Row(spec.key, label, rows[-1].cells, groups)
    return RequestTable(tuple(rows))


@st.composite
def t4_tables(draw: st.DrawFn) -> LitigationTable:
    """Table 四: three blocks of five cells."""
    return LitigationTable(
        tuple(Row(spec.key, spec.label, draw(cells(("count",) * 5))) for spec in layouts.T4_BLOCKS)
    )


def text_blocks() -> st.SearchStrategy[list[Block]]:
    """Paragraphs and sub-headings."""
    subheading = st.tuples(
        st.sampled_from("一二三四五"), st.text(alphabet=_PROSE, min_size=1, max_size=20)
    ).map(lambda pair: SubHeading(f"（{pair[0]}）{pair[1]}"))
    return st.lists(st.one_of(prose.map(Paragraph), subheading), max_size=4)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """Reports in the 2019 or 2021 format, with odd values, blanks and label variants."""
    version: FormatVersion = draw(st.sampled_from(("2021", "2019")))
    year = draw(st.one_of(st.none(), st.integers(2019, 2026)))
    agency = draw(st.sampled_from(AGENCIES)) if year is not None else None
    title = f"{agency or ''}{year if year is not None else ''}年政府信息公开工作年度报告"
    tables: dict[int, Block] = {
        2: draw(t2_tables(version)),
        3: draw(t3_tables(version)),
        4: draw(t4_tables()),
    }
    sections = []
    for spec in layouts.SECTIONS:
        if spec.number not in (2, 3, 4) and not draw(st.integers(0, 5)):
            continue
        heading = draw(st.sampled_from((spec.title, *spec.variants[:1])))
        before = draw(text_blocks())
        after = draw(st.lists(prose.map(Paragraph), max_size=2)) if spec.number in tables else []
        blocks = [*before, *([tables[spec.number]] if spec.number in tables else []), *after]
        sections.append(Section(f"{spec.numeral}、{heading}", spec.number, tuple(blocks)))
    preamble = tuple(draw(st.lists(prose.map(Paragraph), max_size=2)))
    return Report(title, agency, year, version, preamble, tuple(sections))
