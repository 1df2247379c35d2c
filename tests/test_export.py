"""``govinfo-report export`` and govinfo_report.export: wide and long rows, writers, scale."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report import cli, export
from govinfo_report.export import (
    FINDING_COLUMNS,
    KEY_COLUMNS,
    LONG_COLUMNS,
    META_COLUMNS,
    WIDE_COLUMNS,
    MissingDependencyError,
    Task,
)
from govinfo_report.layouts import flat_keys

from .conftest import CORPUS

SEED = str(files("govinfo_report") / "examples" / "seed.txt")
SEED_REPORT = gr.load(SEED)
CORPUS_FILES = export.expand([str(CORPUS)])


def has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


@pytest.fixture
def bad_files(tmp_path: Path) -> list[str]:
    """Three files that are not reports: empty, binary, and one that does not exist."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    return [str(empty), str(binary), str(tmp_path / "missing.txt")]


def inconsistent_report_file(tmp_path: Path) -> Path:
    """The seed's tables with table 四's review total one too high (an A104 error)."""
    flat = gr.flatten(SEED_REPORT)
    flat["t4.review.total"] = 1
    path = tmp_path / "inconsistent.txt"
    path.write_text(gr.render(gr.from_flat(flat)), encoding="utf-8")
    return path


# -- the columns ---------------------------------------------------------------------------------


def test_wide_columns_are_metadata_then_both_formats_keys_then_error() -> None:
    assert WIDE_COLUMNS[:4] == META_COLUMNS == ("source", "year", "agency", "format")
    assert WIDE_COLUMNS[-1] == "error"
    assert WIDE_COLUMNS[4:-1] == KEY_COLUMNS
    assert len(set(KEY_COLUMNS)) == len(KEY_COLUMNS)
    assert set(KEY_COLUMNS) == set(flat_keys("2021")) | set(flat_keys("2019"))


def test_key_columns_keep_each_formats_order() -> None:
    for version in ("2021", "2019"):
        keys = flat_keys(version)
        positions = [KEY_COLUMNS.index(key) for key in keys]
        assert positions == sorted(positions), version


def test_key_columns_place_2019_keys_beside_their_table() -> None:
    index = KEY_COLUMNS.index
    # table 二: the 2021 keys, then the 2019 keys, then table 三
    assert KEY_COLUMNS[:10] == flat_keys("2021")[:10]
    assert index("t2.rules.made") == index("t2.fees") + 1
    assert index("t2.procurement.amount") + 1 == index("t3.new_received.natural_person")
    # the 2019 row t3.other sits after the 2021 rows other.* and before the total
    assert index("t3.other.other.total") < index("t3.other.natural_person")
    assert index("t3.other.total") + 1 == index("t3.total.natural_person")
    # table 四 last
    assert KEY_COLUMNS[-5:] == tuple(
        f"t4.litigation_after_review.{c}"
        for c in ("upheld", "corrected", "other", "pending", "total")
    )


# -- rows ----------------------------------------------------------------------------------------


def test_wide_row_of_the_seed_holds_its_flat_keys() -> None:
    row = export.wide_row(SEED_REPORT)
    assert list(row) == list(WIDE_COLUMNS)
    flat = gr.flatten(SEED_REPORT)
    assert {key: row[key] for key in flat} == flat
    assert row["source"] == SEED
    assert row["error"] is None
    assert all(row[key] is None for key in KEY_COLUMNS if key not in flat)  # the 2019 keys


def test_long_rows_carry_value_and_raw_of_every_cell() -> None:
    rows = list(export.long_rows(SEED_REPORT))
    assert all(list(row) == list(LONG_COLUMNS) for row in rows)
    assert {row["key"]: row["value"] for row in rows} == gr.flatten(SEED_REPORT)
    assert [row["key"] for row in rows[:3]] == ["year", "agency", "format"]
    assert all(row["raw"] is None for row in rows[:3])
    fees = next(row for row in rows if row["key"] == "t2.fees")
    cell = SEED_REPORT.t2.get("fees").cells[0]  # type: ignore[union-attr]
    assert (fees["value"], fees["raw"]) == (cell.value, cell.raw)
    assert isinstance(fees["value"], Decimal)


def test_long_rows_keep_what_was_printed() -> None:
    report = gr.from_flat({"format": "2021", "t3.granted.natural_person": "1个"})
    rows = {row["key"]: row for row in export.long_rows(report)}
    assert rows["t3.granted.natural_person"]["value"] == "1个"
    assert rows["t3.granted.commercial"]["value"] is None
    assert rows["t3.granted.commercial"]["raw"] == ""


def test_long_rows_match_flatten_on_the_corpus() -> None:
    for name in CORPUS_FILES:
        try:
            report = gr.load(name)
        except gr.ParseError:
            continue
        rows = list(export.long_rows(report))
        assert {row["key"]: row["value"] for row in rows} == gr.flatten(report), name
        assert len(rows) == len(gr.flatten(report)), name


@pytest.mark.parametrize("long", [False, True])
def test_a_bad_file_is_a_row_with_its_error(bad_files: list[str], long: bool) -> None:
    rows = list(export.export_rows([SEED, *bad_files], long=long))
    by_source: dict[object, list[dict[str, object]]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    assert list(by_source) == [SEED, *bad_files]
    for name in bad_files:
        (row,) = by_source[name]
        message = row["value"] if long else row["error"]
        assert isinstance(message, str) and message.startswith(name + ":")
        if long:
            assert row["key"] == "error"
        else:
            assert all(row[key] is None for key in WIDE_COLUMNS if key not in ("source", "error"))
    assert "NUL" in str(by_source[bad_files[1]][0]["value" if long else "error"])


def test_process_never_raises_and_says_where() -> None:
    result = export.process(Task("-", data=b"\xff\xfe\x00\xd8 broken utf-16"))
    assert result.failure is not None
    assert result.source == result.failure.source == "<stdin>"
    assert result.rows[0]["error"] == result.failure.message
    result = export.process(Task("-", data=Path(SEED).read_bytes(), findings=True, form="none"))
    assert result.failure is None and result.rows == () and result.findings == ()


# -- finding the files ---------------------------------------------------------------------------


def test_expand_takes_report_files_of_folders_sorted_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.TXT", "c.html", "notes.md", "x.truth.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = export.expand([str(tmp_path), "-", "missing.txt", str(tmp_path / "nothing*.txt")])
    names = [Path(name).relative_to(tmp_path).as_posix() for name in found[:3]]
    assert names == ["a.TXT", "b/2.txt", "c.html"]
    assert found[3:] == ["-", "missing.txt", str(tmp_path / "nothing*.txt")]


def test_expand_globs() -> None:
    pattern = str(CORPUS / "*" / "0??.txt")
    found = export.expand([pattern])
    assert found == sorted(found)
    assert SEED not in found and str(CORPUS / "seed" / "000.txt") in found
    assert all(name.endswith(".txt") for name in found)
    assert export.expand([str(CORPUS / "**" / "000.txt")]) == [str(CORPUS / "seed" / "000.txt")]


def test_the_corpus_folder_has_reports_and_nothing_else() -> None:
    assert len(CORPUS_FILES) >= 50
    assert all(Path(name).suffix in {".txt", ".html"} for name in CORPUS_FILES)
    assert not any(name.endswith(".truth.json") for name in CORPUS_FILES)


# -- many files ----------------------------------------------------------------------------------


def test_imap_ordered_keeps_the_order_and_a_bounded_window() -> None:
    pulled = 0

    def items() -> object:
        nonlocal pulled
        for number in range(100):
            pulled += 1
            yield -number

    results = export.imap_ordered(abs, items(), jobs=2, window=3)  # type: ignore[arg-type]
    assert next(results) == 0
    assert pulled <= 4  # the window, plus the one that filled it
    assert list(results) == list(range(1, 100))


def test_export_rows_in_workers_equal_rows_in_this_process(bad_files: list[str]) -> None:
    names = [*CORPUS_FILES[:12], *bad_files]
    for long in (False, True):
        one = list(export.export_rows(names, long=long, jobs=1))
        two = list(export.export_rows(names, long=long, jobs=2))
        assert one == two


# -- the command ---------------------------------------------------------------------------------


def test_export_csv_header_and_seed_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    assert cli.main(["export", SEED, "-o", str(out), "--jobs", "1"]) == 0
    header, row, *rest = read_csv(out)
    assert header == list(WIDE_COLUMNS)
    assert rest == []
    values = dict(zip(header, row, strict=True))
    assert values["source"] == SEED
    assert values["year"] == "2022" and values["agency"] == "西工区科学技术局"
    assert values["t3.new_received.total"] == "0"
    assert values["t3.other.total"] == "" and values["error"] == ""
    for key, value in gr.flatten(SEED_REPORT).items():
        assert values[key] == ("" if value is None else str(value)), key
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines()[-1] == f"1 report(s), 0 unreadable, 1 row(s) to {out}"


def test_export_long_csv(tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    assert cli.main(["export", SEED, "--long", "-o", str(out), "-j", "1"]) == 0
    header, *rows = read_csv(out)
    assert header == list(LONG_COLUMNS)
    assert rows[:3] == [
        [SEED, "year", "2022", ""],
        [SEED, "agency", "西工区科学技术局", ""],
        [SEED, "format", "2021", ""],
    ]
    assert len(rows) == len(gr.flatten(SEED_REPORT))
    assert all(row[0] == SEED for row in rows)


def test_export_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    assert cli.main(["export", SEED, "-o", str(plain), "-j", "1"]) == 0
    assert cli.main(["export", SEED, "-o", str(marked), "--bom", "-j", "1"]) == 0
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert plain.read_bytes().startswith(b"source,year,agency,format,")


def test_export_jsonl_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", SEED, SEED, "--format", "jsonl", "-j", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    row = json.loads(lines[0])
    assert list(row) == list(WIDE_COLUMNS)
    assert row["year"] == 2022 and row["t3.total.total"] == 0
    assert row["t2.fees"] == "0"  # an amount: a Decimal, written as a string
    assert row["t3.other.total"] is None


def test_export_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(SEED).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert cli.main(["export", "-", "-j", "1"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == list(WIDE_COLUMNS)
    assert rows[1][:4] == ["<stdin>", "2022", "西工区科学技术局", "2021"]


def test_export_bad_file_is_an_error_row_and_exit_2(
    tmp_path: Path, bad_files: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    assert cli.main(["export", SEED, *bad_files, SEED, "-o", str(out), "-j", "2"]) == 2
    header, *rows = read_csv(out)
    assert [row[0] for row in rows] == [SEED, *bad_files, SEED]
    errors = [row[header.index("error")] for row in rows]
    assert errors[0] == errors[-1] == ""
    assert all(
        error.startswith(name + ":") for error, name in zip(errors[1:4], bad_files, strict=True)
    )
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert summary == f"2 report(s), 3 unreadable, 5 row(s) to {out}"


def test_export_findings_file(tmp_path: Path, bad_files: list[str]) -> None:
    bad = inconsistent_report_file(tmp_path)
    out, findings = tmp_path / "out.jsonl", tmp_path / "findings.jsonl"
    args = ["export", SEED, str(bad), bad_files[0], "-o", str(out), "--findings", str(findings)]
    assert cli.main([*args, "-j", "1"]) == 2
    rows = [json.loads(line) for line in findings.read_text(encoding="utf-8").splitlines()]
    assert all(list(row) == list(FINDING_COLUMNS) for row in rows)
    (a104,) = [row for row in rows if row["code"] == "A104"]
    assert a104["source"] == str(bad)
    assert (a104["printed"], a104["computed"], a104["difference"]) == (1, 0, 1)
    (failure,) = [row for row in rows if row["error"] is not None]
    assert failure["source"] == bad_files[0] and failure["severity"] == "error"
    assert not any(row["source"] == SEED for row in rows)  # the seed is clean


def test_export_findings_chosen_and_regraded(tmp_path: Path) -> None:
    bad = inconsistent_report_file(tmp_path)
    out, findings = tmp_path / "out.jsonl", tmp_path / "findings.jsonl"
    args = ["export", str(bad), "-o", str(out), "--findings", str(findings), "-j", "1"]

    def codes(*options: str) -> list[tuple[str, str]]:
        assert cli.main([*args, *options]) == 0
        lines = findings.read_text(encoding="utf-8").splitlines()
        return [(row["code"], row["severity"]) for row in map(json.loads, lines)]

    assert ("A104", "error") in codes()
    assert ("A104", "warning") in codes("--severity", "A104=warning")
    assert not any(code == "A104" for code, _ in codes("--disable", "A104"))
    assert all(level == "error" for _, level in codes("--min-severity", "error"))
    assert cli.main([*args, "--disable", "A999"]) == 2


def test_export_jobs_2_equals_jobs_1(tmp_path: Path, bad_files: list[str]) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        for form in ([], ["--long"]):
            out = tmp_path / f"out-{jobs}-{len(form)}.csv"
            args = ["export", str(CORPUS), *bad_files, "-o", str(out), "--jobs", jobs, *form]
            assert cli.main(args) == 2
            outputs[jobs, len(form)] = out.read_bytes()
    assert outputs["1", 0] == outputs["2", 0]
    assert outputs["1", 1] == outputs["2", 1]
    assert len(outputs["1", 0].decode("utf-8").splitlines()) == 1 + len(CORPUS_FILES) + 3


@pytest.mark.parametrize(
    "args",
    [
        ["export", SEED, "-o", "out.xlsx"],  # a format it cannot tell
        ["export", SEED, "--format", "parquet"],  # Parquet to standard output
        ["export", SEED, "--jobs", "0"],
        ["export"],
    ],
)
def test_export_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err


# -- optional extras: each test asserts something in both environments ---------------------------

PARQUET_HINT = 'Parquet needs pyarrow: pip install "govinfo_report[parquet]"'


def test_export_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.parquet"
    names = [SEED, str(tmp_path / "missing.txt")]
    status = cli.main(["export", *names, "-o", str(out), "-j", "1"])
    if not has("pyarrow"):
        assert status == 2
        assert capsys.readouterr().err.strip() == f"govinfo-report: {PARQUET_HINT}"
        assert not out.exists()
        return
    import pyarrow.parquet as pq

    assert status == 2  # the missing file
    table = pq.read_table(out)
    assert table.column_names == list(WIDE_COLUMNS)
    assert str(table.schema.field("year").type) == "int64"
    assert str(table.schema.field("t3.total.total").type) == "string"
    rows = table.to_pylist()
    assert [row["source"] for row in rows] == names
    assert rows[0]["year"] == 2022 and rows[0]["t3.total.total"] == "0"
    assert rows[1]["error"].startswith(names[1])
    csv_out = tmp_path / "out.csv"
    cli.main(["export", *names, "-o", str(csv_out), "-j", "1"])
    header, *csv_rows = read_csv(csv_out)
    as_text = [["" if row[c] is None else str(row[c]) for c in header] for row in rows]
    assert as_text == csv_rows


def test_export_parquet_without_pyarrow_gives_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "out.parquet"
    assert cli.main(["export", SEED, "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == f"govinfo-report: {PARQUET_HINT}"
    assert not out.exists()


def test_to_dataframe() -> None:
    if not has("pandas"):
        with pytest.raises(
            MissingDependencyError, match=r'pip install "govinfo_report\[dataframe\]"'
        ):
            export.to_dataframe([SEED_REPORT])
        return
    frame = export.to_dataframe([SEED_REPORT, "missing.txt"])
    assert list(frame.columns) == list(WIDE_COLUMNS)
    assert frame.shape == (2, len(WIDE_COLUMNS))
    first = frame.iloc[0].to_dict()
    assert first == export.wide_row(SEED_REPORT)
    assert isinstance(first["t3.total.total"], int) and first["t3.other.total"] is None
    assert frame.iloc[1]["error"].startswith("missing.txt:")
    long = export.to_dataframe([SEED_REPORT], long=True)
    assert list(long.columns) == list(LONG_COLUMNS)
    assert len(long) == len(gr.flatten(SEED_REPORT))


def test_to_dataframe_without_pandas_gives_the_install_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as raised:
        export.to_dataframe([SEED_REPORT])
    assert str(raised.value) == 'DataFrames needs pandas: pip install "govinfo_report[dataframe]"'
    assert isinstance(raised.value, ImportError)


def test_dask_bag_equals_the_single_machine_export(bad_files: list[str]) -> None:
    names = [*CORPUS_FILES[:8], *bad_files]
    if not has("dask"):
        with pytest.raises(MissingDependencyError, match=r'pip install "govinfo_report\[dask\]"'):
            export.to_bag(names)
        return
    for long in (False, True):
        bag = export.to_bag(names, long=long, npartitions=3)
        rows = bag.compute(scheduler="synchronous")
        assert rows == list(export.export_rows(names, long=long))


def test_to_bag_without_dask_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(MissingDependencyError) as raised:
        export.to_bag([SEED])
    assert str(raised.value) == 'Dask needs dask: pip install "govinfo_report[dask]"'


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [1, 2, 3]
    assert cli._progress(items, 3) is items  # standard error is captured: no bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    assert cli._progress(items, 3) is items  # no tqdm: quiet
    monkeypatch.delitem(sys.modules, "tqdm")
    if has("tqdm"):
        assert list(cli._progress(items, 3)) == items
        assert "0/3" in terminal.getvalue()  # the bar was drawn, on standard error
