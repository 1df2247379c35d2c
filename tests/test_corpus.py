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


SUPPORTED = [r for r in REPORTS if r.index.get("rendering") in SUPPORTED_RENDERINGS]


@pytest.mark.parametrize("case", SUPPORTED, ids=[r.test_id for r in SUPPORTED])
def test_matches_truth(case: CorpusReport) -> None:
    flat = gr.flatten(gr.load(case.path))
    truth = truth_flat(case.truth)
    wrong = {k: (flat.get(k), v) for k, v in truth.items() if not same_value(flat.get(k), v)}
    assert wrong == {}
