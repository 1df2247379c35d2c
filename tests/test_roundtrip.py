"""Round-trip laws, each a Hypothesis property over reports generated from the layouts."""

from __future__ import annotations

from hypothesis import given

import govinfo_report as gr
from govinfo_report.model import Report

from .strategies import reports


@given(reports())
def test_json_round_trip(report: Report) -> None:
    """Law 1: ``loads(dumps(r)) == r``."""
    assert gr.loads(gr.dumps(report)) == report


@given(reports())
def test_text_round_trip(report: Report) -> None:
    """Law 2: ``parse(render(r)) == r``."""
    assert gr.parse(gr.render(report)) == report


@given(reports())
def test_render_is_idempotent(report: Report) -> None:
    """Law 3: ``render(parse(render(r))) == render(r)``."""
    text = gr.render(report)
    assert gr.render(gr.parse(text)) == text


@given(reports())
def test_flatten_from_flat_round_trip(report: Report) -> None:
    """Flat keys survive a rebuild: ``flatten(from_flat(flatten(r))) == flatten(r)``."""
    flat = gr.flatten(report)
    assert gr.flatten(gr.from_flat(flat)) == flat


@given(reports())
def test_json_keeps_positions(report: Report) -> None:
    """Positions are not compared but JSON keeps them: a parsed report's cells keep their lines."""
    parsed = gr.parse(gr.render(report))
    again = gr.loads(gr.dumps(parsed))
    assert [s.line for s in again.sections] == [s.line for s in parsed.sections]
    assert again.t3 is not None and parsed.t3 is not None
    assert [c.line for r in again.t3.rows for c in r.cells] == [
        c.line for r in parsed.t3.rows for c in r.cells
    ]


def test_seed_text_round_trip_is_canonical_after_one_render(seed: Report) -> None:
    """Law 4 holds for canonical text: rendering the seed's rendering changes nothing."""
    text = gr.render(seed)
    assert gr.render(gr.parse(text)) == text
    assert gr.parse(text) == seed
