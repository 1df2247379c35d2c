"""Round-trip laws, each a Hypothesis property over reports generated from the layouts."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.jsonio import _as_data, _indented, to_dict
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


@given(reports(), st.sampled_from([None, 0, 1, 2, "\t"]))
def test_dumps_writes_the_text_json_dumps_writes(report: Report, indent: int | str | None) -> None:
    """The fast writer's text is ``json.dumps``'s, byte for byte, with and without positions."""
    for each in (report, gr.parse(gr.render(report))):
        expected = json.dumps(to_dict(each), ensure_ascii=False, indent=indent)
        assert gr.dumps(each, indent=indent) == expected


@given(
    st.lists(
        st.builds(
            gr.Cell,
            st.one_of(st.text(), st.sampled_from(["0", "12", "1,234", "-8", "9116.36", "—", ""])),
            st.sampled_from(["count", "signed", "amount"]),
            line=st.one_of(st.none(), st.integers()),
            column=st.one_of(st.none(), st.integers()),
            page=st.one_of(st.none(), st.integers(min_value=1)),
        ),
        max_size=6,
    ),
    st.sampled_from(["", " ", "  ", "\t"]),
)
def test_cells_are_written_as_json_dumps_writes_their_dicts(
    cells: list[gr.Cell], indent: str
) -> None:
    """Cells left in the data for the writer come out as ``json.dumps`` writes ``to_dict``'s."""
    row = gr.Row("rules", "规章", tuple(cells), line=3)
    report = gr.Report(None, None, 2022, "2021", (gr.RequestTable((row,)),))
    expected = json.dumps(to_dict(report), ensure_ascii=False, indent=indent)
    assert _indented(_as_data(report, None), indent) == expected
