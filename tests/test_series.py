"""Checks across years, each code firing and not firing on inputs written inline."""

from __future__ import annotations

import attrs

import govinfo_report as gr
from govinfo_report.model import Paragraph, Section
from govinfo_report.series import (
    SIMILARITY_THRESHOLD,
    similarity,
    validate_series,
    validate_series_detailed,
)

COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
)


def report(year: int | None, **flat: object) -> gr.Report:
    return gr.from_flat({"format": "2021", "year": year, "agency": "某局", **flat})


def codes(findings: tuple[gr.Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def test_carry_over_matches() -> None:
    a = report(2022, **{f"t3.carried_forward.{c}": 1 for c in COLUMNS})
    b = report(2023, **{f"t3.carried_over.{c}": 1 for c in COLUMNS})
    assert codes(validate_series([b, a])) == []


def test_carry_over_differs_per_column() -> None:
    a = report(2022, **{"t3.carried_forward.natural_person": 3, "t3.carried_forward.total": 3})
    b = report(2023, **{"t3.carried_over.natural_person": 1, "t3.carried_over.total": 3})
    (finding,) = validate_series([a, b])
    assert (finding.code, finding.key, finding.printed, finding.computed, finding.difference) == (
        "X101",
        "t3.carried_over.natural_person",
        1,
        3,
        -2,
    )
    assert finding.severity == gr.Severity.WARNING


def test_blank_carry_over_is_not_compared() -> None:
    a = report(2022, **{"t3.carried_forward.natural_person": 3})
    b = report(2023, **{"t3.carried_over.commercial": 0})
    assert codes(validate_series([a, b])) == []


def test_stock_of_documents() -> None:
    a = report(2022, **{"t2.rules.issued": 1, "t2.rules.repealed": 0, "t2.rules.in_force": 10})
    good = report(2023, **{"t2.rules.issued": 2, "t2.rules.repealed": 1, "t2.rules.in_force": 11})
    bad = report(2023, **{"t2.rules.issued": 2, "t2.rules.repealed": 1, "t2.rules.in_force": 12})
    assert codes(validate_series([a, good])) == []
    (finding,) = validate_series([a, bad])
    assert (finding.code, finding.printed, finding.computed) == ("X102", 12, 11)


def test_stock_only_between_2021_format_reports() -> None:
    a = gr.from_flat({"format": "2019", "year": 2020, "t2.rules.total_published": 5})
    b = report(2021, **{"t2.rules.issued": 2, "t2.rules.repealed": 1, "t2.rules.in_force": 99})
    assert "X102" not in codes(validate_series([a, b]))


def with_prose(r: gr.Report, text: str) -> gr.Report:
    first = r.sections[0]
    return attrs.evolve(
        r, sections=(Section(first.heading, 1, (Paragraph(text),)), *r.sections[1:])
    )


PROSE = "本机关认真贯彻落实政府信息公开条例，坚持以公开为常态、不公开为例外，" * 4


def test_copied_prose() -> None:
    a = with_prose(report(2022), "2022年，" + PROSE)
    b = with_prose(report(2023), "2023年，" + PROSE)
    (finding,) = validate_series([a, b])
    assert finding.code == "X103" and "100%" in finding.message


def test_different_prose_is_not_copied() -> None:
    a = with_prose(report(2022), PROSE)
    b = with_prose(
        report(2023), "今年依申请公开工作量显著增加，新建了网上申请平台，答复时限缩短。" * 3
    )
    assert "X103" not in codes(validate_series([a, b]))


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity(PROSE, PROSE[5:]) == similarity(PROSE[5:], PROSE)
    assert 0.0 <= similarity(PROSE, "无关") <= SIMILARITY_THRESHOLD


def test_gap_and_duplicate_and_missing_year() -> None:
    a, b = report(2020), report(2023)
    c = report(2023)
    d = report(None)
    found = codes(validate_series([a, b, c, d]))
    assert sorted(found) == ["X100", "X104", "X105"]
    (gap,) = [f for f in validate_series([a, b]) if f.code == "X104"]
    assert (
        gap.message == "缺少 2021 至 2022 年的报告"
        and gap.message_en == "no report for 2021 to 2022"
    )
    (gap,) = [f for f in validate_series([report(2021), b]) if f.code == "X104"]
    assert gap.message == "缺少 2022 年的报告" and gap.message_en == "no report for 2022"


def test_detailed_names_the_report() -> None:
    a = report(2022, **{"t3.carried_forward.natural_person": 3})
    b = attrs.evolve(report(2023, **{"t3.carried_over.natural_person": 1}), source="b.txt")
    (item,) = validate_series_detailed([a, b])
    assert item.report.source == "b.txt" and item.finding.code == "X101"


def test_series_findings_about_a_pdf_give_its_page() -> None:
    from .conftest import FIXTURES

    before = gr.load(FIXTURES / "pdf" / "003.pdf")
    after = attrs.evolve(gr.load(FIXTURES / "pdf" / "004.pdf"), year=(before.year or 2021) + 1)
    found = [item for item in validate_series_detailed([before, after]) if item.finding.line]
    assert found
    for item in found:
        assert item.finding.page == item.report.page_of(item.finding.line)
        assert item.finding.page is not None
