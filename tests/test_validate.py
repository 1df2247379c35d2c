"""Tests of govinfo_report.validate: every rule fires where it should and only there."""

from __future__ import annotations

import datetime
from decimal import Decimal
from importlib.resources import files

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.findings import Finding, Severity
from govinfo_report.flat import from_flat
from govinfo_report.layouts import LAYOUTS, flat_keys, flat_t2_keys
from govinfo_report.model import (
    Cell,
    LitigationTable,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
)
from govinfo_report.validate import RULES, Rule, validate

LAYOUT = LAYOUTS["2021"]
COLUMNS = tuple(column.key for column in LAYOUT.t3_columns)
SIX = COLUMNS[:6]
LEAVES_2021 = LAYOUT.t3_leaf_keys()


# -- building reports -----------------------------------------------------------------------------


def consistent_flat(version: str = "2021", year: int = 2022) -> dict[str, object]:
    """Every key of the format filled so that every identity holds and nothing is zero-inflow."""
    layout = LAYOUTS[version]
    flat: dict[str, object] = {"format": version, "year": year, "agency": "某局"}
    for key in flat_t2_keys(version):
        parts = key.split(".")
        block = next(b for b in layout.t2_blocks if any(r.key == parts[1] for r in b.rows))
        column = (
            block.columns[0]
            if len(parts) == 2
            else next(c for c in block.columns if c.key == parts[2])
        )
        flat[key] = {"count": 3, "signed": -2, "amount": Decimal("12.3456")}[column.kind]
    leaves = layout.t3_leaf_keys()
    for index, row in enumerate(leaves):
        for j, column in enumerate(SIX):
            flat[f"t3.{row}.{column}"] = (index + j) % 3
    for column in SIX:
        total = sum(flat[f"t3.{row}.{column}"] for row in leaves)
        flat[f"t3.total.{column}"] = total
        flat[f"t3.carried_over.{column}"] = 1
        flat[f"t3.carried_forward.{column}"] = 2
        flat[f"t3.new_received.{column}"] = total + 1
    for row in layout.t3_rows:
        flat[f"t3.{row.key}.total"] = sum(flat[f"t3.{row.key}.{column}"] for column in SIX)
    for block in layout.t4_blocks:
        flat[f"t4.{block.key}.upheld"] = 1
        flat[f"t4.{block.key}.corrected"] = 2
        flat[f"t4.{block.key}.other"] = 0
        flat[f"t4.{block.key}.pending"] = 1
        flat[f"t4.{block.key}.total"] = 4
    return flat


def report_of(
    changes: dict[str, object] | None = None,
    *,
    drop: tuple[str, ...] = (),
    version: str = "2021",
    year: int = 2022,
) -> Report:
    """A consistent report with some keys changed and some removed."""
    flat = consistent_flat(version, year)
    flat.update(changes or {})
    for key in drop:
        del flat[key]
    return from_flat(flat)


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [finding.code for finding in findings]


def only(findings: tuple[Finding, ...], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


def at_least_warnings(findings: tuple[Finding, ...]) -> list[Finding]:
    return [finding for finding in findings if finding.severity >= Severity.WARNING]


def replace_t3_rows(report: Report, rows: tuple[Row, ...]) -> Report:
    sections = tuple(
        attrs.evolve(
            section,
            blocks=tuple(
                RequestTable(rows) if isinstance(block, RequestTable) else block
                for block in section.blocks
            ),
        )
        for section in report.sections
    )
    return attrs.evolve(report, sections=sections)


def without_table(report: Report, kind: type) -> Report:
    sections = tuple(
        attrs.evolve(section, blocks=tuple(b for b in section.blocks if not isinstance(b, kind)))
        for section in report.sections
    )
    return attrs.evolve(report, sections=sections)


def row_cells(*raws: str) -> tuple[Cell, ...]:
    return tuple(Cell(raw) for raw in raws)


# -- the registry ---------------------------------------------------------------------------------

EXPECTED_CODES = [
    "A101",
    "A102",
    "A103",
    "A104",
    "A105",
    "S101",
    "S102",
    "S103",
    "S104",
    "S105",
    "S106",
    "S107",
    "S108",
    "S109",
    "S110",
    "S111",
    "S112",
    "T101",
    "T102",
    "T103",
    "T104",
    "V101",
    "V102",
    "V103",
    "V104",
    "V105",
    "V106",
]


def test_registry_lists_every_rule_in_code_order() -> None:
    assert list(RULES) == EXPECTED_CODES
    for code, rule in RULES.items():
        assert isinstance(rule, Rule)
        assert rule.code == code
        assert rule.title and rule.title_en and rule.description
        assert isinstance(rule.severity, Severity)
        assert callable(rule.check)


def test_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        RULES["X999"] = RULES["A101"]


def test_default_severities() -> None:
    assert {code for code, rule in RULES.items() if rule.severity == Severity.INFO} == {
        "S104",
        "S108",
    }
    assert {code for code, rule in RULES.items() if rule.severity == Severity.WARNING} == {
        "A105",
        "S102",
        "S103",
        "S107",
        "S109",
        "S111",
        "S112",
        "T101",
        "T102",
        "T103",
        "T104",
        "V103",
        "V104",
        "V106",
    }


# -- consistent reports ---------------------------------------------------------------------------


def test_consistent_2021_report_has_no_findings() -> None:
    report = report_of()
    flat_count = sum(1 for key in consistent_flat() if key.startswith(("t2.", "t3.", "t4.")))
    assert flat_count == len(flat_keys("2021")) == 200
    assert len(report.t3.rows) == 25
    assert validate(report) == ()


def test_consistent_2019_report_has_no_findings() -> None:
    assert validate(report_of(version="2019", year=2020)) == ()


def test_validate_keeps_parser_findings_first_then_rule_order() -> None:
    parser_finding = Finding("P103", Severity.INFO, "表三某行缺单元格", "row short", key="t3")
    report = attrs.evolve(
        report_of({"t3.granted.natural_person": None, "t4.review.total": 5}),
        sections=(),
        findings=(parser_finding,),
    )
    found = validate(report)
    assert found[0] == parser_finding
    order = [EXPECTED_CODES.index(code) for code in codes(found[1:])]
    assert order == sorted(order)
    assert codes(found)[:2] == ["P103", "S101"]


# -- A101 -----------------------------------------------------------------------------------------


def test_a101_fires_on_unbalanced_column() -> None:
    flat = consistent_flat()
    changes = {
        "t3.carried_forward.natural_person": flat["t3.carried_forward.natural_person"] + 1,
        "t3.carried_forward.total": flat["t3.carried_forward.total"] + 1,
    }
    found = validate(report_of(changes))
    errors = at_least_warnings(found)
    assert codes(errors) == ["A101", "A101"]
    first = errors[0]
    assert first.severity == Severity.ERROR
    assert first.key == "t3.new_received.natural_person"
    printed = flat["t3.new_received.natural_person"] + 1
    assert first.printed == printed
    assert first.computed == printed + 1
    assert first.difference == -1
    assert first.operands == ("t3.total.natural_person", "t3.carried_forward.natural_person")
    assert "自然人列" in first.message and f"之和 {printed}" in first.message
    assert "相差 -1" in first.message
    assert "new_received + carried_over" in first.message_en
    assert errors[1].key == "t3.new_received.total"


def test_a101_does_not_fire_on_balanced_columns() -> None:
    assert only(validate(report_of()), "A101") == []


def test_a101_line_is_the_line_of_the_first_left_row() -> None:
    report = report_of({"t3.new_received.research": 99})
    rows = tuple(attrs.evolve(row, line=10 + index) for index, row in enumerate(report.t3.rows))
    finding = only(validate(replace_t3_rows(report, rows)), "A101")[0]
    assert finding.key == "t3.new_received.research"
    assert finding.line == 10  # new_received is the first row


# -- A102 -----------------------------------------------------------------------------------------


def test_a102_fires_on_row_whose_total_is_not_the_sum() -> None:
    report = from_flat(
        {
            "format": "2021",
            "year": 2022,
            **{f"t3.granted.{column}": 1 for column in SIX},
            "t3.granted.total": 5,
        }
    )
    found = only(validate(report), "A102")
    assert len(found) == 1
    finding = found[0]
    assert finding.severity == Severity.ERROR
    assert (finding.key, finding.printed, finding.computed) == ("t3.granted.total", 5, 6)
    assert finding.operands == tuple(f"t3.granted.{column}" for column in SIX)
    assert finding.message == "表三 （一）予以公开 总计列：印刷值 5，各项之和 6，相差 -1"
    assert finding.message_en == (
        "table 三, row granted, column total: printed 5, sum of the parts 6, difference -1"
    )


def test_a102_does_not_fire_when_row_adds_up() -> None:
    report = from_flat(
        {
            "format": "2021",
            "year": 2022,
            **{f"t3.granted.{column}": 1 for column in SIX},
            "t3.granted.total": 6,
        }
    )
    assert only(validate(report), "A102") == []


# -- A103 -----------------------------------------------------------------------------------------


def test_a103_fires_on_total_row_not_the_sum_of_leaves() -> None:
    flat = consistent_flat()
    total = flat["t3.total.natural_person"]
    found = validate(
        report_of(
            {"t3.total.natural_person": total + 1, "t3.total.total": flat["t3.total.total"] + 1}
        )
    )
    a103 = only(found, "A103")
    assert [f.key for f in a103] == ["t3.total.natural_person", "t3.total.total"]
    finding = a103[0]
    assert (finding.printed, finding.computed) == (total + 1, total)
    assert finding.operands == tuple(f"t3.{row}.natural_person" for row in LEAVES_2021)
    assert finding.message == (
        f"表三 （七）总计 自然人列：印刷值 {total + 1}，各项之和 {total}，相差 1"
    )
    # R1 breaks too, in the same two columns; R3 still holds.
    assert set(codes(at_least_warnings(found))) == {"A101", "A103"}


def test_a103_uses_the_single_other_row_in_2019() -> None:
    flat = consistent_flat("2019", 2020)
    report = report_of(
        {
            "t3.other.commercial": flat["t3.other.commercial"] + 2,
            "t3.other.total": flat["t3.other.total"] + 2,
        },
        version="2019",
        year=2020,
    )
    finding = only(validate(report), "A103")[0]
    assert finding.key == "t3.total.commercial"
    assert finding.difference == -2
    assert "t3.other.commercial" in finding.operands
    assert not any(
        key.startswith("t3.other.") and key != "t3.other.commercial" for key in finding.operands
    )


def test_a103_does_not_fire_on_consistent_totals() -> None:
    assert only(validate(report_of()), "A103") == []


# -- A104 -----------------------------------------------------------------------------------------


def test_a104_fires_on_table_four_block() -> None:
    found = validate(report_of({"t4.litigation_direct.total": 7}))
    assert codes(at_least_warnings(found)) == ["A104"]
    finding = only(found, "A104")[0]
    assert (finding.key, finding.printed, finding.computed) == ("t4.litigation_direct.total", 7, 4)
    assert finding.message == "表四 行政诉讼 未经复议直接起诉 总计列：印刷值 7，各项之和 4，相差 3"


def test_a104_does_not_fire_when_blocks_add_up() -> None:
    assert only(validate(report_of()), "A104") == []


def test_a_rules_follow_the_layout_identities() -> None:
    report = report_of({"t4.review.total": 9})
    assert len(list(RULES["A104"].check(report, LAYOUT))) == 1
    assert list(RULES["A104"].check(report, attrs.evolve(LAYOUT, identities=()))) == []
    assert list(RULES["A104"].check(report, None)) == []


# -- not assessable -------------------------------------------------------------------------------


def test_blank_operand_gives_info_not_error() -> None:
    found = validate(report_of({"t3.granted.natural_person": None}))
    assert [f for f in found if f.severity == Severity.ERROR] == []
    a102 = only(found, "A102")
    assert len(a102) == 1
    assert a102[0].severity == Severity.INFO
    assert a102[0].key == "t3.granted.total"
    assert "“自然人”" in a102[0].message
    assert "t3.granted.natural_person" in a102[0].message
    assert "t3.granted.natural_person" in a102[0].message_en
    assert "不可核对" in a102[0].message and "not assessable" in a102[0].message_en
    a103 = only(found, "A103")
    assert [(f.severity, f.key) for f in a103] == [(Severity.INFO, "t3.total.natural_person")]
    assert a103[0].printed is None and a103[0].computed is None
    assert only(found, "A101") == []  # the column's A101 operands are all numbers
    assert [f.key for f in only(found, "V103")] == ["t3.granted"]


def test_text_operand_gives_info_not_error() -> None:
    found = validate(report_of({"t4.review.other": "若干"}))
    a104 = only(found, "A104")
    assert [(f.severity, f.key) for f in a104] == [(Severity.INFO, "t4.review.total")]
    assert "t4.review.other" in a104[0].message
    assert codes(at_least_warnings(found)) == ["V102"]


def test_entirely_blank_row_is_not_flooded() -> None:
    blank_row = {f"t3.granted.{column}": None for column in COLUMNS}
    found = validate(report_of(blank_row))
    assert [f for f in only(found, "A102") if f.key == "t3.granted.total"] == []
    assert [f.key for f in only(found, "V103")] == ["t3.granted"]


def test_entirely_blank_table_is_silent_for_arithmetic() -> None:
    flat = {
        "format": "2021",
        "year": 2022,
        **{key: None for key in flat_keys("2021") if key.startswith("t3.")},
    }
    found = validate(from_flat(flat))
    assert [f for f in found if f.code.startswith("A")] == []
    assert len(only(found, "V103")) == 25


def test_missing_row_makes_identity_silent() -> None:
    found = validate(report_of(drop=tuple(f"t3.carried_forward.{c}" for c in COLUMNS)))
    assert only(found, "A101") == []
    assert [f.key for f in only(found, "S106")] == ["t3.carried_forward"]


# -- A105 -----------------------------------------------------------------------------------------


def test_a105_fires_where_nothing_came_in() -> None:
    changes: dict[str, object] = {f"t3.{row}.commercial": 0 for row in LEAVES_2021}
    changes.update(
        {
            "t3.new_received.commercial": 0,
            "t3.carried_over.commercial": 0,
            "t3.total.commercial": 0,
            "t3.carried_forward.commercial": 0,
            "t3.unable.no_info.commercial": 2,
        }
    )
    found = validate(report_of(changes))
    a105 = only(found, "A105")
    assert [(f.key, f.severity) for f in a105] == [
        ("t3.unable.no_info.commercial", Severity.WARNING)
    ]
    assert "商业企业列" in a105[0].message and "却为 2" in a105[0].message


def test_a105_quiet_when_zero_column_is_all_zero_or_blank() -> None:
    changes: dict[str, object] = {f"t3.{row}.commercial": 0 for row in LEAVES_2021}
    changes.update(
        {
            "t3.new_received.commercial": 0,
            "t3.carried_over.commercial": 0,
            "t3.total.commercial": 0,
            "t3.carried_forward.commercial": None,
            "t3.granted.commercial": None,
        }
    )
    found = validate(report_of(changes))
    assert only(found, "A105") == []
    assert only(validate(report_of()), "A105") == []


# -- values ---------------------------------------------------------------------------------------


def test_v101_negative_count() -> None:
    found = validate(report_of({"t3.granted.natural_person": "-3"}))
    v101 = only(found, "V101")
    assert [(f.key, f.severity) for f in v101] == [("t3.granted.natural_person", Severity.ERROR)]
    assert "-3" in v101[0].message
    assert only(found, "V102") == []


def test_v101_not_for_signed_change_in_2019() -> None:
    found = validate(report_of({"t2.licensing.change": -8}, version="2019", year=2020))
    assert only(found, "V101") == [] and only(found, "V102") == []
    assert found == ()


def test_v101_for_negative_int_in_count_column_of_signed_cell() -> None:
    report = report_of()
    rows = tuple(
        attrs.evolve(row, cells=(Cell("-1", "signed"), *row.cells[1:]))
        if row.key == "granted"
        else row
        for row in report.t3.rows
    )
    assert [f.key for f in only(validate(replace_t3_rows(report, rows)), "V101")] == [
        "t3.granted.natural_person"
    ]


def test_v102_text_in_count_column_is_error() -> None:
    found = validate(report_of({"t2.rules.issued": "3件"}))
    v102 = only(found, "V102")
    assert [(f.key, f.severity) for f in v102] == [("t2.rules.issued", Severity.ERROR)]
    assert "“3件”" in v102[0].message
    assert "'3件'" in v102[0].message_en


def test_v102_text_in_signed_and_amount_columns_is_warning() -> None:
    found = validate(
        report_of(
            {"t2.licensing.change": "+17", "t2.procurement.amount": "251000元"},
            version="2019",
            year=2020,
        )
    )
    v102 = only(found, "V102")
    assert [(f.key, f.severity) for f in v102] == [
        ("t2.licensing.change", Severity.WARNING),
        ("t2.procurement.amount", Severity.WARNING),
    ]
    assert "+17" in v102[0].message and "251000元" in v102[1].message


def test_v102_quiet_on_numbers() -> None:
    found = validate(report_of({"t2.rules.issued": "12", "t2.fees": "1,234.5"}))
    assert only(found, "V102") == []


def test_v103_one_finding_per_row() -> None:
    found = validate(
        report_of({"t3.granted.research": None, "t3.granted.total": "/", "t2.licensing": ""})
    )
    v103 = only(found, "V103")
    assert [(f.key, f.severity) for f in v103] == [
        ("t2.licensing", Severity.WARNING),
        ("t3.granted", Severity.WARNING),
    ]
    assert "科研机构、总计" in v103[1].message
    assert "t3.granted.research, t3.granted.total" in v103[1].message_en


def test_v103_quiet_on_filled_rows_and_zero() -> None:
    found = validate(report_of({"t3.granted.research": 0}))
    assert only(found, "V103") == []


def test_v104_amount_with_five_decimal_places() -> None:
    found = validate(report_of({"t2.fees": Decimal("1.23456")}))
    v104 = only(found, "V104")
    assert [(f.key, f.severity) for f in v104] == [("t2.fees", Severity.WARNING)]
    assert "5 位小数" in v104[0].message


@pytest.mark.parametrize("amount", [Decimal("1.2345"), Decimal("0"), Decimal("9116.36"), "120"])
def test_v104_quiet_up_to_four_places(amount: object) -> None:
    found = validate(report_of({"t2.fees": amount}))
    assert only(found, "V104") == []
    assert found == ()


def test_v105_decimal_in_count() -> None:
    found = validate(report_of({"t3.granted.natural_person": "1.5"}))
    v105 = only(found, "V105")
    assert [(f.key, f.severity) for f in v105] == [("t3.granted.natural_person", Severity.ERROR)]
    assert "1.5" in v105[0].message
    assert only(found, "V102") == []


def test_v105_quiet_on_integer_count() -> None:
    assert only(validate(report_of({"t3.granted.natural_person": "15"})), "V105") == []


def test_decimal_cells_in_table_four() -> None:
    """Decimals (cells read as amounts) add up exactly; each is still a decimal in a count."""
    report = report_of()
    cells = tuple(Cell(raw, "amount") for raw in ("1.5", "2.5", "0", "0", "4"))
    blocks = tuple(
        attrs.evolve(row, cells=cells) if row.key == "review" else row for row in report.t4.blocks
    )
    sections = tuple(
        attrs.evolve(
            s,
            blocks=tuple(
                LitigationTable(blocks) if isinstance(b, LitigationTable) else b for b in s.blocks
            ),
        )
        for s in report.sections
    )
    found = validate(attrs.evolve(report, sections=sections))
    assert only(found, "A104") == []
    assert [f.key for f in only(found, "V105")] == [
        "t4.review.upheld",
        "t4.review.corrected",
        "t4.review.other",
        "t4.review.pending",
        "t4.review.total",
    ]

    cells = tuple(Cell(raw, "amount") for raw in ("1.5", "2.5", "0", "0", "4.1"))
    blocks = tuple(
        attrs.evolve(row, cells=cells) if row.key == "review" else row for row in report.t4.blocks
    )
    sections = tuple(
        attrs.evolve(
            s,
            blocks=tuple(
                LitigationTable(blocks) if isinstance(b, LitigationTable) else b for b in s.blocks
            ),
        )
        for s in report.sections
    )
    finding = only(validate(attrs.evolve(report, sections=sections)), "A104")[0]
    assert (finding.printed, finding.computed) == (Decimal("4.1"), Decimal("4.0"))
    assert finding.difference == Decimal("0.1")


# -- structure ------------------------------------------------------------------------------------


def test_s101_missing_section() -> None:
    report = report_of()
    report = attrs.evolve(report, sections=tuple(s for s in report.sections if s.number != 5))
    found = validate(report)
    s101 = only(found, "S101")
    assert [(f.key, f.severity) for f in s101] == [("section.5", Severity.ERROR)]
    assert "五、存在的主要问题及改进情况" in s101[0].message
    assert codes(found) == ["S101"]


def test_s101_quiet_with_all_sections_and_for_pre2019() -> None:
    assert only(validate(report_of()), "S101") == []
    pre = attrs.evolve(report_of(), format="pre2019", year=2015, sections=())
    assert only(validate(pre), "S101") == []


def test_s102_sections_out_of_order() -> None:
    report = report_of()
    one, two, three, *rest = report.sections
    moved = attrs.evolve(report, sections=(one, three, two, *rest))
    found = validate(moved)
    assert [(f.code, f.key, f.severity) for f in found] == [("S102", "section.2", Severity.WARNING)]


def test_s102_quiet_in_order() -> None:
    assert only(validate(report_of()), "S102") == []


def test_s103_repeated_section() -> None:
    report = report_of()
    again = Section("六、其他需要报告的事项", 6, (Paragraph("无。"),), line=99)
    found = validate(attrs.evolve(report, sections=(*report.sections, again)))
    assert [(f.code, f.key, f.line) for f in found] == [("S103", "section.6", 99)]


def test_s103_earlier_section_repeated_is_not_also_out_of_order() -> None:
    report = report_of()
    again = Section("二、主动公开政府信息情况", 2, (), line=130)
    found = validate(attrs.evolve(report, sections=(*report.sections, again)))
    assert [(f.code, f.key, f.line) for f in found] == [("S103", "section.2", 130)]
    assert "前面已有" in found[0].message


def test_s103_quiet_without_repeats() -> None:
    assert only(validate(report_of()), "S103") == []


def test_s104_unmatched_heading() -> None:
    report = report_of()
    extra = Section("七、附件", None, (Paragraph("见附件。"),), line=120)
    found = validate(attrs.evolve(report, sections=(*report.sections, extra)))
    assert [(f.code, f.severity, f.line) for f in found] == [("S104", Severity.INFO, 120)]
    assert "七、附件" in found[0].message


def test_s104_quiet_on_matched_headings() -> None:
    assert only(validate(report_of()), "S104") == []


def test_s105_missing_table() -> None:
    report = without_table(report_of(), LitigationTable)
    found = validate(report)
    assert [(f.code, f.key, f.severity) for f in found] == [("S105", "t4", Severity.ERROR)]
    assert "表四" in found[0].message


def test_s105_all_tables_missing() -> None:
    report = report_of()
    for kind in (ProactiveTable, RequestTable, LitigationTable):
        report = without_table(report, kind)
    assert [f.key for f in only(validate(report), "S105")] == ["t2", "t3", "t4"]


def test_s105_quiet_with_tables() -> None:
    assert only(validate(report_of()), "S105") == []


def test_s106_missing_rows() -> None:
    drop = (
        *(f"t3.denied.state_secret.{c}" for c in COLUMNS),
        "t2.punishment",
        *(f"t4.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")),
    )
    found = validate(report_of(drop=drop))
    s106 = only(found, "S106")
    assert [(f.key, f.severity) for f in s106] == [
        ("t2.punishment", Severity.ERROR),
        ("t3.denied.state_secret", Severity.ERROR),
        ("t4.review", Severity.ERROR),
    ]
    assert "1.属于国家秘密" in s106[1].message
    # The identities needing the missing rows are skipped, not reported.
    assert [f for f in found if f.code.startswith("A")] == []


def test_s106_quiet_with_every_row() -> None:
    assert only(validate(report_of()), "S106") == []


def test_s107_unknown_row() -> None:
    report = report_of()
    rows = (*report.t3.rows, Row(None, "（八）其他情形", row_cells("1", "2"), line=77))
    found = validate(replace_t3_rows(report, rows))
    assert [(f.code, f.key, f.line, f.severity) for f in found] == [
        ("S107", "t3", 77, Severity.WARNING)
    ]
    assert "（八）其他情形" in found[0].message


def test_s107_row_of_the_other_format() -> None:
    report = report_of()
    rows = (*report.t3.rows, Row("other", "（六）其他处理", row_cells(*"0000000")))
    found = validate(replace_t3_rows(report, rows))
    assert codes(found) == ["S107"]
    assert "other" in found[0].message


def test_s107_quiet_on_known_rows() -> None:
    assert only(validate(report_of()), "S107") == []


@pytest.mark.parametrize("version", ["unknown", "pre2019"])
def test_s108_format_without_tables(version: str) -> None:
    report = attrs.evolve(report_of(), format=version, year=None)
    found = validate(report)
    assert [(f.code, f.key, f.severity) for f in found] == [("S108", "format", Severity.INFO)]


def test_s108_quiet_for_national_formats() -> None:
    assert only(validate(report_of()), "S108") == []
    assert only(validate(report_of(version="2019", year=2019)), "S108") == []


@pytest.mark.parametrize(
    ("version", "year", "expected"),
    [
        ("2019", 2022, "2021"),
        ("2021", 2020, "2019"),
        ("2019", 2018, "pre2019"),
        ("pre2019", 2021, "2021"),
    ],
)
def test_s109_format_does_not_match_year(version: str, year: int, expected: str) -> None:
    report = attrs.evolve(
        report_of(version="2021" if version == "pre2019" else version), format=version, year=year
    )
    s109 = only(validate(report), "S109")
    assert [(f.key, f.severity) for f in s109] == [("format", Severity.WARNING)]
    assert str(year) in s109[0].message


@pytest.mark.parametrize(
    ("version", "year"),
    [
        ("2021", 2021),
        ("2021", 2025),
        ("2019", 2019),
        ("2019", 2020),
        ("2021", None),
        ("unknown", 2022),
    ],
)
def test_s109_quiet_when_consistent_or_unknown(version: str, year: int | None) -> None:
    report = attrs.evolve(
        report_of(version="2021" if version == "unknown" else version), format=version, year=year
    )
    assert only(validate(report), "S109") == []


def test_s110_row_of_three_cells() -> None:
    report = report_of()
    rows = tuple(
        Row("granted", row.label, row_cells("1", "0", "1"), line=50)
        if row.key == "granted"
        else row
        for row in report.t3.rows
    )
    found = validate(replace_t3_rows(report, rows))
    s110 = only(found, "S110")
    assert [(f.key, f.line, f.severity) for f in s110] == [("t3.granted", 50, Severity.ERROR)]
    assert "3 个单元格" in s110[0].message and "7" in s110[0].message
    # Identities needing the absent cells are skipped; the others still run.
    a102 = [f for f in only(found, "A102") if f.key == "t3.granted.total"]
    assert a102 == []
    a103 = only(found, "A103")
    assert {f.key for f in a103} == {
        "t3.total.natural_person",
        "t3.total.commercial",
        "t3.total.research",
    }


def test_s110_row_of_eight_cells() -> None:
    report = report_of()
    rows = tuple(
        attrs.evolve(row, cells=(*row.cells, Cell("abc"))) if row.key == "total" else row
        for row in report.t3.rows
    )
    found = validate(replace_t3_rows(report, rows))
    assert [(f.code, f.key) for f in found] == [("S110", "t3.total")]  # the extra is unchecked


def test_s110_quiet_on_full_rows() -> None:
    assert only(validate(report_of()), "S110") == []


# -- options --------------------------------------------------------------------------------------


def test_disable_drops_rules_and_parser_findings() -> None:
    parser_finding = Finding("P101", Severity.WARNING, "表三中不属于本格式的行", "row", key="t3")
    report = attrs.evolve(report_of({"t4.review.total": 9}), findings=(parser_finding,))
    assert codes(validate(report)) == ["P101", "A104"]
    assert codes(validate(report, disable={"A104"})) == ["P101"]
    assert codes(validate(report, disable=["P101", "A104"])) == []


def test_severity_override_regrades() -> None:
    report = report_of({"t4.review.total": 9, "t3.granted.natural_person": None})
    found = validate(report, severity={"A104": "warning", "V103": Severity.ERROR})
    assert [(f.code, f.severity) for f in found if f.code in {"A104", "V103"}] == [
        ("A104", Severity.WARNING),
        ("V103", Severity.ERROR),
    ]


def test_severity_override_keeps_lower_graded_findings_low() -> None:
    report = report_of({"t3.granted.natural_person": None})
    raised = validate(report, severity={"A102": "error"})
    assert [f.severity for f in only(raised, "A102")] == [Severity.INFO]
    signed = report_of({"t2.licensing.change": "+17"}, version="2019", year=2020)
    assert [f.severity for f in only(validate(signed, severity={"V102": "error"}), "V102")] == [
        Severity.WARNING
    ]
    assert [f.severity for f in only(validate(signed, severity={"V102": "info"}), "V102")] == [
        Severity.INFO
    ]


def test_severity_override_for_parser_finding() -> None:
    parser_finding = Finding("P103", Severity.INFO, "缺单元格", "short row")
    report = attrs.evolve(report_of(), findings=(parser_finding,))
    found = validate(report, severity={"P103": "error"})
    assert [(f.code, f.severity) for f in found] == [("P103", Severity.ERROR)]


def test_min_severity_filters() -> None:
    report = report_of({"t4.review.total": 9, "t3.granted.natural_person": None})
    everything = validate(report)
    assert set(codes(everything)) == {"A102", "A103", "A104", "V103"}
    assert codes(validate(report, min_severity="warning")) == ["A104", "V103"]
    assert codes(validate(report, min_severity=Severity.ERROR)) == ["A104"]
    assert codes(validate(report, min_severity="ERROR")) == ["A104"]
    # Re-graded below the threshold: dropped.
    assert codes(validate(report, min_severity="warning", severity={"V103": "info"})) == ["A104"]


def test_bad_options_raise_value_error() -> None:
    report = report_of()
    with pytest.raises(ValueError, match="A1O1"):
        validate(report, disable={"A1O1"})
    with pytest.raises(ValueError):
        validate(report, severity={"A101": "fatal"})
    with pytest.raises(ValueError):
        validate(report, min_severity="debug")


# -- robustness -----------------------------------------------------------------------------------


def test_never_raises_on_unknown_format() -> None:
    report = Report(
        None,
        None,
        None,
        "unknown",
        sections=(
            Section(
                "三、收到和处理政府信息公开申请情况",
                3,
                (RequestTable((Row(None, "一、本年新收", row_cells("1", "x")),)),),
            ),
        ),
    )
    assert codes(validate(report)) == ["S108"]


def test_never_raises_without_sections() -> None:
    report = Report("某局2022年政府信息公开工作年度报告", "某局", 2022, "2021")
    found = validate(report)
    assert codes(found) == ["S101"] * 6 + ["S105"] * 3


def test_never_raises_on_short_row_in_table_three() -> None:
    report = from_flat({"format": "2021", "year": 2022})
    rows = (
        Row("new_received", "一、本年新收政府信息公开申请数量", row_cells("1", "2", "3")),
        Row("total", "（七）总计", row_cells("1")),
        Row(None, "合计", ()),
    )
    found = validate(replace_t3_rows(report, rows))
    assert {"S106", "S107", "S110"} <= set(codes(found))


def test_never_raises_on_text_everywhere() -> None:
    flat = {key: "见附件" for key in flat_keys("2021")}
    found = validate(from_flat({"format": "2021", "year": 2022, **flat}))
    assert set(codes(found)) == {"V102"}
    assert len(found) == 200


def test_tables_in_preamble_and_duplicate_rows() -> None:
    report = report_of()
    t3 = report.t3
    assert t3 is not None
    doubled = replace_t3_rows(report, (*t3.rows, t3.rows[2]))
    assert validate(doubled) == ()  # the parser reports duplicates (P104)
    moved = attrs.evolve(report, preamble=(t3,))
    assert validate(moved) == ()


CELL_TEXTS = st.sampled_from(
    [
        "",
        "0",
        "1",
        "7",
        "-3",
        "1.5",
        "+17",
        "251000元",
        "/",
        "—",
        "1,234",
        "0.00001",
        "１２",
        "－8",
        "无",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    version=st.sampled_from(["2021", "2019"]),
    values=st.dictionaries(
        st.sampled_from(flat_keys("2021") + flat_keys("2019")), CELL_TEXTS, max_size=40
    ),
    order=st.permutations(range(6)),
    keep=st.lists(st.booleans(), min_size=6, max_size=6),
    year=st.one_of(st.none(), st.integers(1990, 2100)),
    cut=st.integers(0, 9),
)
def test_never_raises_on_random_reports(
    version: str,
    values: dict[str, str],
    order: list[int],
    keep: list[bool],
    year: int | None,
    cut: int,
) -> None:
    report = from_flat({"format": version, "year": year, **values})
    sections = tuple(report.sections[i] for i in order if keep[i])
    rows = tuple(attrs.evolve(row, cells=row.cells[:cut]) for row in report.t3.rows)
    report = replace_t3_rows(attrs.evolve(report, sections=sections), rows)
    for fmt in (version, "unknown", "pre2019"):
        found = validate(attrs.evolve(report, format=fmt))
        for finding in found:
            assert finding.code in RULES
            assert finding.message and finding.message_en
            assert finding.severity in set(Severity)


def test_arithmetic_finding_points_at_the_printed_total() -> None:
    text = (
        "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量\t1\t1\t0\t0\t0\t0\t3\n"
    )
    report = gr.parse(text)
    (finding,) = [f for f in validate(report) if f.code == "A102"]
    assert (finding.line, finding.column) == (3, 30)
    assert (finding.printed, finding.computed) == (3, 2)


def test_published_after_the_deadline() -> None:
    report = attrs.evolve(report_of(), published=datetime.date(2023, 2, 20))
    (finding,) = [f for f in validate(report) if f.code == "S111"]
    assert "2023-01-31" in finding.message and "20" in finding.message_en


def test_published_on_time_or_unknown() -> None:
    on_time = attrs.evolve(report_of(), published=datetime.date(2023, 1, 31))
    assert [f for f in validate(on_time) if f.code == "S111"] == []
    assert [f for f in validate(report_of()) if f.code == "S111"] == []


def test_mixed_template_labels() -> None:
    text = (
        "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n"
        "第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\n行政许可\t5\n"
        "第二十条第（八）项\t\t\t\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n"
    )
    report = gr.parse(text)
    assert report.format == "2021"
    (finding,) = [f for f in validate(report) if f.code == "S112"]
    assert finding.key == "t2.item1" and "本年新制作数量" in finding.message
    assert [f for f in validate(report_of()) if f.code == "S112"] == []


def test_township_issuing_rules_and_huge_counts() -> None:
    township = from_flat(
        {
            "format": "2021",
            "year": 2022,
            "agency": "某某镇人民政府",
            "t2.rules.issued": 2,
            "t2.rules.repealed": 0,
            "t2.rules.in_force": 2,
        }
    )
    assert [f.key for f in validate(township) if f.code == "V106"] == ["t2.rules"]
    city = attrs.evolve(township, agency="某市人民政府")
    assert [f for f in validate(city) if f.code == "V106"] == []
    huge = from_flat({"format": "2021", "year": 2022, "t3.new_received.natural_person": 250000})
    assert [f.key for f in validate(huge) if f.code == "V106"] == ["t3.new_received"]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), version=st.sampled_from(sorted(LAYOUTS)))
def test_compiled_identities_agree_with_each_instance(data: st.DataObject, version: str) -> None:
    """The compiled check of an identity holds exactly when each of its instances holds."""
    from govinfo_report.validate import _check_instance, _compile_holds, _layout_index

    layout = LAYOUTS[version]
    index = _layout_index(layout)
    grids = {"t3": (layout.t3_rows, layout.t3_columns), "t4": (layout.t4_blocks, layout.t4_columns)}
    for code, entries in index.identities.items():
        for table, instances, holds in entries:
            rows, columns = grids[table]
            values = st.integers(min_value=0, max_value=2)
            grid = {
                spec.key: data.draw(st.lists(values, min_size=len(columns), max_size=len(columns)))
                for spec in rows
            }
            found = {
                key: Row(key, key, tuple(Cell(str(v)) for v in row)) for key, row in grid.items()
            }
            each = [_check_instance(code, i, found, grid) is None for i in instances]  # type: ignore[arg-type]
            alone = [_compile_holds([i])(grid) for i in instances]  # type: ignore[arg-type]
            assert alone == each, (code, table)
            assert holds(grid) == all(each)  # type: ignore[arg-type]
            missing = data.draw(st.sampled_from(sorted(grid)))
            partial = {key: row for key, row in grid.items() if key != missing}
            try:
                holds(partial)  # type: ignore[arg-type]
            except KeyError:  # the validator falls back to one instance at a time
                assert any(missing in {k for k, _ in i.pairs} for i in instances)


def test_compiled_identities_hold_on_the_seed() -> None:
    """On a report whose sums are right, every compiled identity holds (the fast path)."""
    from govinfo_report.validate import _Context

    report = gr.load(str(files("govinfo_report") / "examples" / "seed.txt"))
    context = _Context(report, LAYOUTS[report.format])
    checked = 0
    for entries in context.index.identities.values():
        for table, _, holds in entries:
            assert context.all_ints(table)
            assert holds(context.grid(table))
            checked += 1
    assert checked >= 4
