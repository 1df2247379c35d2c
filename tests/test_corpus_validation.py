"""Validation on the corpus: a report whose printed numbers break an identity gets an error,
and one whose numbers are consistent gets none.

The identities are recomputed here from the truth files, independently of the validator.
"""

from __future__ import annotations

import pytest

import govinfo_report as gr

from .conftest import CorpusReport, corpus_reports

COMPLETE = [r for r in corpus_reports() if r.index.get("complete") and r.truth.get("t3")]


def _ints(values: object) -> list[int] | None:
    if not isinstance(values, list) or not all(isinstance(v, int) for v in values):
        return None
    return values


def truth_breaks_an_identity(truth: dict[str, object]) -> bool:
    """R1, R3, R4 and R5 over the truth's integers; a blank operand leaves one unassessed."""
    t3 = truth.get("t3") or {}
    t4 = truth.get("t4") or {}
    assert isinstance(t3, dict) and isinstance(t4, dict)
    rows = {key: _ints(values) for key, values in t3.items()}
    for values in [*rows.values(), *(_ints(v) for v in t4.values())]:
        if values is not None and values[-1] != sum(values[:-1]):  # R3, R5
            return True
    leaves = [
        k
        for k in rows
        if k.split(".")[0] in ("granted", "partial", "denied", "unable", "not_processed", "other")
    ]
    for column in range(7):

        def cell(key: str, column: int = column) -> int | None:
            values = rows.get(key)
            return None if values is None else values[column]

        r1 = [cell(k) for k in ("new_received", "carried_over", "total", "carried_forward")]
        if None not in r1 and r1[0] + r1[1] != r1[2] + r1[3]:  # type: ignore[operator]
            return True
        parts = [cell(k) for k in leaves]
        total = cell("total")
        if total is not None and parts and None not in parts and total != sum(parts):  # type: ignore[arg-type]
            return True
    return False


def test_there_are_complete_reports() -> None:
    assert len(COMPLETE) >= 10


@pytest.mark.parametrize("case", COMPLETE, ids=[r.test_id for r in COMPLETE])
def test_errors_exactly_when_the_numbers_break_an_identity(case: CorpusReport) -> None:
    report = gr.load(case.path)
    errors = [f for f in gr.validate(report, min_severity="error") if f.code.startswith("A")]
    assert bool(errors) == truth_breaks_an_identity(case.truth)


@pytest.mark.parametrize("case", COMPLETE, ids=[r.test_id for r in COMPLETE])
def test_a_broken_total_is_caught(case: CorpusReport) -> None:
    """Change one printed total of a consistent report: the validator must say so."""
    report = gr.load(case.path)
    text = gr.render(report)
    assert report.t3 is not None
    row = report.t3.get("total")
    assert row is not None
    line = "\t".join((*row.groups, row.label, *(c.raw for c in row.cells)))
    assert line in text
    raw = row.cells[6].raw
    broken = "\t".join(
        (
            *row.groups,
            row.label,
            *(c.raw for c in row.cells[:6]),
            str(int(raw) + 1) if raw.isdigit() else "1",
        )
    )
    findings = gr.validate(gr.parse(text.replace(line, broken)))
    assert {f.code for f in findings if f.severity == gr.Severity.ERROR} >= {"A102"}
