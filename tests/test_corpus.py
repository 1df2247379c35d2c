"""Every corpus report: parsing gives a Report or a ParseError, never another exception.

Reports in the renderings this version reads (``tab``) must match their truth cell by cell.
"""

from __future__ import annotations

import pytest

import govinfo_report as gr

from .conftest import CorpusReport, corpus_reports
from .test_seed import same_value, truth_flat

REPORTS = list(corpus_reports())
SUPPORTED_RENDERINGS = {"tab"}


def test_corpus_is_there() -> None:
    assert len(REPORTS) >= 50
    assert {r.folder for r in REPORTS} >= {"seed", "gh", "html", "pages"}


@pytest.mark.parametrize("case", REPORTS, ids=[r.test_id for r in REPORTS])
def test_parses_or_raises_parse_error(case: CorpusReport) -> None:
    try:
        report = gr.load(case.path)
    except gr.ParseError as error:
        assert error.source == str(case.path)
        return
    assert isinstance(report, gr.Report)
    assert isinstance(gr.validate(report), tuple)
    assert gr.loads(gr.dumps(report)) == report


SUPPORTED = REPORTS
UNPLACED = {"P302", "P303"}


def _unplaced_rows(report: gr.Report) -> set[str]:
    """Rows the parser left out on purpose, each named by a finding."""
    return {f.key for f in report.findings if f.code in UNPLACED and f.key is not None}


@pytest.mark.parametrize("case", SUPPORTED, ids=[r.test_id for r in SUPPORTED])
def test_matches_truth(case: CorpusReport) -> None:
    """Every truth cell is read right, or its row is named by a finding instead of a guess."""
    report = gr.load(case.path)
    flat = gr.flatten(report)
    truth = truth_flat(case.truth)
    unplaced = _unplaced_rows(report)
    wrong = {
        key: (flat.get(key), value)
        for key, value in truth.items()
        if not same_value(flat.get(key), value) and key.rsplit(".", 1)[0] not in unplaced
    }
    assert wrong == {}


@pytest.mark.parametrize("case", SUPPORTED, ids=[r.test_id for r in SUPPORTED])
def test_no_guessed_cells(case: CorpusReport) -> None:
    """A cell the parser gives is never one the truth leaves out (a row it could not place)."""
    flat = gr.flatten(gr.load(case.path))
    truth = truth_flat(case.truth)
    rows_in_truth = {key.rsplit(".", 1)[0] for key in truth}
    extra = {
        key
        for key, value in flat.items()
        if key not in truth and key.rsplit(".", 1)[0] in rows_in_truth and value is not None
    }
    assert extra == set()


@pytest.mark.parametrize("case", REPORTS, ids=[r.test_id for r in REPORTS])
def test_canonical_text_round_trip(case: CorpusReport) -> None:
    """Laws 2 and 3 on real reports: their canonical text reads back to the same tree."""
    try:
        report = gr.load(case.path)
    except gr.ParseError:
        return
    text = gr.render(report)
    assert gr.parse(text) == report
    assert gr.render(gr.parse(text)) == text
