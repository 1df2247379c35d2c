"""The seed report: every cell, the six sections and the metadata, against its truth file."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import govinfo_report as gr
from govinfo_report.layouts import flat_keys

from .conftest import CORPUS

TRUTH = json.loads((CORPUS / "seed" / "000.truth.json").read_text(encoding="utf-8"))


def truth_flat(truth: dict[str, object]) -> dict[str, object]:
    """The truth file as flat keys (the corpus README's mapping)."""
    flat: dict[str, object] = {k: truth[k] for k in ("year", "agency", "format")}
    if truth["format"] not in gr.layouts.LAYOUTS:
        return flat
    layout = gr.layouts.layout_for(truth["format"])  # type: ignore[arg-type]
    t2 = truth.get("t2") or {}
    for block in layout.t2_blocks:
        for row in block.rows:
            if row.key not in t2:  # type: ignore[operator]
                continue
            value = t2[row.key]  # type: ignore[index]
            if len(block.columns) == 1:
                flat[f"t2.{row.key}"] = value
            else:
                for column, item in zip(block.columns, value, strict=True):
                    flat[f"t2.{row.key}.{column.key}"] = item
    for table, columns in (("t3", layout.t3_columns), ("t4", layout.t4_columns)):
        for row_key, values in (truth.get(table) or {}).items():  # type: ignore[attr-defined]
            for column, item in zip(columns, values, strict=True):
                flat[f"{table}.{row_key}.{column.key}"] = item
    return flat


def same_value(parsed: object, truth: object) -> bool:
    """A parsed value matches the truth's: Decimals compare with numeric truth as numbers."""
    if isinstance(parsed, Decimal) and isinstance(truth, int | str) and not isinstance(truth, bool):
        try:
            return parsed == Decimal(str(truth))
        except ArithmeticError:
            return False
    return parsed == truth and type(parsed) is type(truth)


def test_metadata(seed: gr.Report) -> None:
    assert seed.title == "西工区科学技术局2022年政府信息公开工作年度报告"
    assert (seed.agency, seed.year, seed.format) == ("西工区科学技术局", 2022, "2021")


def test_six_sections_in_order(seed: gr.Report) -> None:
    assert [s.number for s in seed.sections] == [1, 2, 3, 4, 5, 6]
    assert [s.title for s in seed.sections] == TRUTH["sections"]


def test_tables_sit_in_their_sections(seed: gr.Report) -> None:
    assert isinstance(seed.sections[1].blocks[0], gr.ProactiveTable)
    assert isinstance(seed.sections[2].blocks[0], gr.RequestTable)
    assert isinstance(seed.sections[3].blocks[0], gr.LitigationTable)


@pytest.mark.parametrize("key", [k for k in truth_flat(TRUTH)])
def test_every_cell(seed: gr.Report, key: str) -> None:
    flat = gr.flatten(seed)
    assert same_value(flat[key], truth_flat(TRUTH)[key]), (key, flat.get(key))


def test_no_key_beyond_the_truth(seed: gr.Report) -> None:
    assert set(gr.flatten(seed)) == set(truth_flat(TRUTH))
    assert set(flat_keys("2021")) | {"year", "agency", "format"} == set(truth_flat(TRUTH))


def test_values_keep_what_was_printed(seed: gr.Report) -> None:
    assert seed.t2 is not None
    fees = seed.t2.get("fees")
    assert fees is not None
    assert fees.cells[0].raw == "0" and fees.cells[0].value == Decimal(0)
    law = seed.t3.get("denied.law_forbidden") if seed.t3 else None
    assert law is not None and law.label == "2.其他法律法规禁止公开"
    header = seed.t2.blocks[3].header
    assert header[1] == "本年收费金额（单位：万元，保留4位小数）"


def test_prose_kept_verbatim(seed: gr.Report) -> None:
    text = (CORPUS / "seed" / "000.txt").read_text(encoding="utf-8")
    paragraphs = [b.text for b in seed.blocks() if isinstance(b, gr.Paragraph)]
    assert all(p in text for p in paragraphs)
    assert any("**一是**" in p for p in paragraphs)


def test_positions(seed: gr.Report) -> None:
    assert seed.t3 is not None
    row = seed.t3.get("carried_over")
    assert row is not None and row.line == 45
    assert [c.column for c in row.cells][:2] == [19, 21]
    assert seed.sections[2].line == 38


def test_seed_parses_without_findings_of_damage(seed: gr.Report) -> None:
    assert [f.code for f in seed.findings] == []
