"""Every finding code the code can give is registered, so that docs and SARIF describe it."""

from __future__ import annotations

import re
from pathlib import Path

import govinfo_report as gr
from govinfo_report.findings import PARSER_CHECKS

SRC = Path(gr.__file__).parent


def codes_in_source(prefix: str) -> set[str]:
    pattern = re.compile(rf'"({prefix}\d{{3}})"')
    return {code for path in SRC.glob("*.py") for code in pattern.findall(path.read_text("utf-8"))}


def test_every_parser_code_is_registered() -> None:
    found = codes_in_source("[PD]")
    assert found, "the pattern finds the codes"
    assert found <= set(PARSER_CHECKS), sorted(found - set(PARSER_CHECKS))


def test_registered_parser_codes_are_used() -> None:
    assert set(PARSER_CHECKS) <= codes_in_source("[PD]")


def test_rule_codes_are_registered() -> None:
    assert codes_in_source("[ASV]") <= set(gr.RULES)
