"""The ``govinfo-report`` command: parse, validate (text, JSON, SARIF), render and schema."""

from __future__ import annotations

import copy
import io
import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report import cli, export
from govinfo_report.export import FINDING_COLUMNS
from govinfo_report.layouts import FORMAT_VERSIONS
from govinfo_report.schema import json_schema, json_schema_text
from govinfo_report.validate import RULES

from .conftest import CORPUS
from .strategies import reports

SEED = str(files("govinfo_report") / "examples" / "seed.txt")
SEED_REPORT = gr.load(SEED)
CORPUS_FILES = export.expand([str(CORPUS)])
FIXTURES = Path(__file__).parent / "fixtures"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def write_report(tmp_path: Path, name: str, changes: dict[str, object]) -> str:
    """The seed's tables with some flat keys changed, written as a report file."""
    flat = {**gr.flatten(SEED_REPORT), **changes}
    path = tmp_path / name
    path.write_text(gr.render(gr.from_flat(flat)), encoding="utf-8")
    return str(path)


@pytest.fixture
def error_report(tmp_path: Path) -> str:
    """A report whose table 四 review total is one too high: one A104 error."""
    return write_report(tmp_path, "error.txt", {"t4.review.total": 1})


@pytest.fixture
def warning_report(tmp_path: Path) -> str:
    """A report with a blank cell in table 二: one V103 warning, no error."""
    return write_report(tmp_path, "warning.txt", {"t2.licensing": None})


@pytest.fixture
def unreadable(tmp_path: Path) -> str:
    path = tmp_path / "nul.txt"
    path.write_bytes("一、总体情况\n".encode() + b"\x00")
    return str(path)


# -- parse ---------------------------------------------------------------------------------------


def test_parse_one_file_is_one_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", SEED]) == 0
    out = capsys.readouterr().out
    assert out == gr.dumps(SEED_REPORT) + "\n"
    assert gr.loads(out) == SEED_REPORT


def test_parse_several_files_is_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", SEED, str(CORPUS / "seed")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert [gr.loads(line) for line in lines] == [SEED_REPORT, SEED_REPORT]


def test_parse_flat_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, Path(SEED).read_bytes())
    assert cli.main(["parse", "--flat", "-"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    row = json.loads(line)
    assert row["source"] == "<stdin>"
    assert row["t3.new_received.total"] == 0 and row["t2.fees"] == "0"
    assert list(row)[1:] == list(gr.flatten(SEED_REPORT))


def test_parse_unreadable_exits_2_with_a_message(
    unreadable: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", unreadable, SEED]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1  # the seed, as JSON Lines
    assert captured.err.startswith(f"govinfo-report: {unreadable}:")


# -- validate: exit status and text --------------------------------------------------------------


def test_validate_clean_report_exits_0_with_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", SEED]) == 0
    captured = capsys.readouterr()
    assert captured.out == "1 report(s), 0 error(s), 0 warning(s), 0 info, 0 unreadable\n"
    assert captured.err == ""


def test_validate_error_exits_1(error_report: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", error_report, SEED, "-j", "1"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{error_report}:")
    assert " error A104 " in lines[0] and "[印刷 1 ≠ 计算 0，差 1]" in lines[0]
    assert lines[-1] == "2 report(s), 1 error(s), 0 warning(s), 0 info, 0 unreadable"


def test_validate_fail_on(warning_report: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", warning_report]) == 0
    assert " warning V103 " in capsys.readouterr().out
    assert cli.main(["validate", warning_report, "--fail-on", "warning"]) == 1
    assert cli.main(["validate", warning_report, "--fail-on", "info"]) == 1
    capsys.readouterr()
    assert (
        cli.main(["validate", warning_report, "--fail-on", "warning", "--min-severity", "error"])
        == 0
    )
    assert capsys.readouterr().out.startswith("1 report(s), 0 error(s), 0 warning(s)")


def test_validate_unreadable_is_a_line_and_exits_2(
    unreadable: str, error_report: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", unreadable, error_report, "-j", "2"]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{unreadable}:2:1: unreadable ")
    assert "NUL" in lines[0]
    assert " A104 " in lines[1]  # the next file is still checked
    assert lines[-1] == "1 report(s), 1 error(s), 0 warning(s), 0 info, 1 unreadable"


def test_validate_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "某局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n".encode("gb18030"))
    assert cli.main(["validate", "-", "--format", "json"]) == 1
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert rows and all(row["source"] == "<stdin>" for row in rows)
    assert "S101" in {row["code"] for row in rows}
    assert captured.err.strip().splitlines()[-1].endswith("0 unreadable")


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", SEED, "--format", "xml"],
        ["validate", SEED, "--fail-on", "fatal"],
        ["validate", SEED, "--jobs", "none"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "usage:" in captured.err


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"govinfo-report {gr.__version__}\n"
    assert cli.main(["export", "--help"]) == 0
    assert "--jobs" in capsys.readouterr().out


def test_validate_disable_and_severity(
    error_report: str, warning_report: str, capsys: pytest.CaptureFixture[str]
) -> None:
    both = [error_report, warning_report, "-j", "1"]
    assert cli.main(["validate", *both, "--disable", "A104,V103"]) == 0
    assert (
        capsys.readouterr().out == "2 report(s), 0 error(s), 0 warning(s), 0 info, 0 unreadable\n"
    )
    assert cli.main(["validate", *both, "--disable", "A104", "--disable", "V103"]) == 0
    capsys.readouterr()
    assert cli.main(["validate", *both, "--severity", "A104=warning"]) == 0
    out = capsys.readouterr().out
    assert " warning A104 " in out and out.endswith(
        "0 error(s), 2 warning(s), 0 info, 0 unreadable\n"
    )
    assert cli.main(["validate", *both, "--severity", "V103=error"]) == 1
    assert " error V103 " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "value"), [("--disable", "Z999"), ("--severity", "A104"), ("--severity", "A104=x")]
)
def test_validate_unknown_code_or_level(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", SEED, option, value]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("govinfo-report: ")


def test_validate_series_compares_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two years of one agency: 结转下年度 of 2022 is not 上年结转 of 2023 (X101)."""
    before = write_report(tmp_path, "2022.txt", {"t3.carried_forward.total": 3})
    after = write_report(tmp_path, "2023.txt", {"year": 2023, "t3.carried_over.total": 1})
    other = write_report(tmp_path, "other.txt", {"agency": "另一局", "year": 2023})
    assert cli.main(["validate", before, after, other, "-j", "1"]) == 1
    assert " X1" not in capsys.readouterr().out
    assert cli.main(["validate", before, after, other, "-j", "1", "--series"]) == 1
    lines = capsys.readouterr().out.splitlines()
    series = [line for line in lines if " X101 " in line]
    assert series and all(line.startswith(f"{after}:") for line in series)
    assert not any(line.startswith(f"{other}:") and " X1" in line for line in lines)
    assert cli.main(["validate", before, after, "--series", "--disable", "X101", "-j", "1"]) == 1
    assert " X101 " not in capsys.readouterr().out
    assert cli.main(["validate", before, after, "--series", "--format", "sarif", "-j", "1"]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    (rule,) = [rule for rule in run["tool"]["driver"]["rules"] if rule["id"] == "X101"]
    assert "across years" in rule["shortDescription"]["text"]
    assert any(result["ruleId"] == "X101" for result in run["results"])


# -- validate: JSON ------------------------------------------------------------------------------


def test_validate_json_rows(
    error_report: str, unreadable: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", error_report, unreadable, "--format", "json", "-j", "1"]) == 2
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert all(list(row) == list(FINDING_COLUMNS) for row in rows)
    finding, failure = rows
    assert finding["code"] == "A104" and finding["source"] == error_report
    assert (finding["printed"], finding["computed"], finding["difference"]) == (1, 0, 1)
    assert finding["error"] is None
    assert failure["code"] is None and failure["severity"] == "error"
    assert failure["source"] == unreadable and failure["line"] == 2
    assert failure["error"].startswith(f"{unreadable}:2:1: ")
    assert captured.err.strip() == "1 report(s), 1 error(s), 0 warning(s), 0 info, 1 unreadable"


# -- validate: SARIF -----------------------------------------------------------------------------


def check_sarif(log: dict[str, Any]) -> dict[str, Any]:
    """Check the structure SARIF 2.1.0 requires (and the properties promised); the run."""
    assert log["version"] == "2.1.0"
    assert isinstance(log["$schema"], str)
    assert log["$schema"].startswith("https://") and log["$schema"].endswith(".json")
    assert "sarif" in log["$schema"] and "2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govinfo-report"
    assert driver["version"] == gr.__version__
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert isinstance(rule["id"], str) and rule["id"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for code, rule in RULES.items():
        descriptor = rules[ids.index(code)]
        assert descriptor["shortDescription"]["text"] == f"{rule.title} ({rule.title_en})"
        assert descriptor["fullDescription"]["text"] == rule.description
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[str(rule.severity)]
    assert run["columnKind"] == "unicodeCodePoints"
    bases = run.get("originalUriBaseIds", {})
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        for location in result["locations"]:
            check_location(location, bases)
    (invocation,) = run["invocations"]
    assert isinstance(invocation["executionSuccessful"], bool)
    for notification in invocation.get("toolExecutionNotifications", []):
        assert notification["level"] == "error" and notification["message"]["text"]
        for location in notification["locations"]:
            check_location(location, bases)
    return run  # type: ignore[no-any-return]


def check_location(location: dict[str, Any], bases: dict[str, Any]) -> None:
    physical = location["physicalLocation"]
    artifact = physical["artifactLocation"]
    assert "uri" in artifact or "description" in artifact
    if "uriBaseId" in artifact:
        assert bases[artifact["uriBaseId"]]["uri"].startswith("file://")
        assert bases[artifact["uriBaseId"]]["uri"].endswith("/")
        assert not artifact["uri"].startswith("/")
    region = physical.get("region")
    if region is not None:
        assert isinstance(region["startLine"], int) and region["startLine"] >= 1
        if "startColumn" in region:
            assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1


def sarif(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    status = cli.main(["validate", "--format", "sarif", *args])
    return status, json.loads(capsys.readouterr().out)


def test_sarif_of_a_clean_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, log = sarif([SEED], capsys)
    assert status == 0
    run = check_sarif(log)
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)


def test_sarif_results(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    unreadable: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "报告.txt", {"t4.review.total": 1})
    status, log = sarif(["报告.txt", unreadable], capsys)
    assert status == 2
    run = check_sarif(log)
    (result,) = run["results"]
    finding = next(f for f in gr.validate(gr.load(tmp_path / "报告.txt")) if f.code == "A104")
    assert result["ruleId"] == "A104" and result["level"] == "error"
    assert finding.message in result["message"]["text"]
    assert finding.message_en in result["message"]["text"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "%E6%8A%A5%E5%91%8A.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"]["startLine"] == finding.line
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    assert result["properties"]["printed"] == 1 and result["properties"]["computed"] == 0
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert "NUL" in notification["message"]["text"]
    location = notification["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 2, "startColumn": 1}


def test_sarif_of_the_corpus_has_parser_rules(capsys: pytest.CaptureFixture[str]) -> None:
    status, log = sarif([str(CORPUS), "-j", "2"], capsys)
    assert status in (1, 2)
    run = check_sarif(log)
    codes = {result["ruleId"] for result in run["results"]}
    parser_codes = {code for code in codes if code.startswith("P")}
    assert parser_codes  # the corpus has damaged reports
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    for code in parser_codes:
        assert "parser" in rules[code]["shortDescription"]["text"]
    assert all(not rule.get("helpUri") for code, rule in rules.items() if code not in RULES)


def test_sarif_of_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin(monkeypatch, "某局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n".encode())
    status, log = sarif(["-"], capsys)
    assert status == 1
    run = check_sarif(log)
    artifacts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert artifacts and all(a == {"description": {"text": "standard input"}} for a in artifacts)


def test_validate_jobs_2_equals_jobs_1(unreadable: str, capsys: pytest.CaptureFixture[str]) -> None:
    for output in ("text", "json", "sarif"):
        outs = []
        for jobs in ("1", "2"):
            args = ["validate", str(CORPUS), unreadable, "--format", output, "--jobs", jobs]
            assert cli.main(args) == 2
            captured = capsys.readouterr()
            outs.append((captured.out, captured.err))
        assert outs[0] == outs[1], output


# -- render --------------------------------------------------------------------------------------


def test_render_text_and_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["render", SEED]) == 0
    assert capsys.readouterr().out == gr.render(SEED_REPORT)
    stdin(monkeypatch, Path(SEED).read_bytes())
    assert cli.main(["render", "-", "--to", "json"]) == 0
    assert gr.loads(capsys.readouterr().out) == SEED_REPORT
    assert cli.main(["render", "missing.txt"]) == 2
    assert capsys.readouterr().err.startswith("govinfo-report: ")
    assert cli.main(["render", SEED, "--to", "pdf"]) == 2  # not an output format


# -- schema --------------------------------------------------------------------------------------

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def errors(data: object) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def test_schema_command_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == json_schema_text()
    assert json.loads(out) == json_schema()


def test_schema_is_a_draft_2020_12_schema_that_matches_the_code() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == gr.SCHEMA_VERSION
    assert tuple(schema["properties"]["format"]["enum"]) == FORMAT_VERSIONS
    finding = schema["$defs"]["finding"]
    assert finding["properties"]["severity"]["enum"] == [str(s) for s in gr.Severity]
    assert set(schema["required"]) == set(gr.to_dict(SEED_REPORT))


def test_seed_json_is_valid() -> None:
    assert errors(json.loads(gr.dumps(SEED_REPORT))) == []


@pytest.mark.parametrize(
    "name", CORPUS_FILES, ids=lambda name: Path(name).relative_to(CORPUS).as_posix()
)
def test_corpus_json_is_valid(name: str) -> None:
    try:
        report = gr.load(name)
    except gr.ParseError:
        return
    assert errors(json.loads(gr.dumps(report))) == []
    # with the validator's findings too: arithmetic ones carry printed, computed and operands
    checked = attrs.evolve(report, findings=report.findings + gr.validate(report))
    assert errors(gr.to_dict(checked)) == []


@pytest.mark.parametrize(
    "name",
    sorted(str(path) for kind in ("docx", "pdf") for path in FIXTURES.glob(f"{kind}/*.{kind}")),
    ids=lambda name: Path(name).name,
)
def test_word_and_pdf_json_is_valid(name: str) -> None:
    """Reports read from Word and PDF files (PDF cells carry their page) match the schema."""
    report = gr.load(name)
    data = json.loads(gr.dumps(report))
    assert errors(data) == []
    assert gr.loads(gr.dumps(report)) == report
    # with the validator's findings, which carry the page of a PDF
    checked = attrs.evolve(report, findings=gr.validate(report))
    data = gr.to_dict(checked)
    assert errors(data) == []
    if name.endswith(".pdf"):
        assert data["page_starts"] and data["page_starts"][0][0] == 1
        assert all("page" in f for f in data["findings"] if f["line"] is not None)


def test_validate_gives_the_page_of_a_pdf_in_every_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = str(FIXTURES / "pdf" / "002.pdf")
    assert cli.main(["validate", pdf]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0].startswith(f"{pdf}:") and " (第 1 页): warning " in text[0]
    assert cli.main(["validate", pdf, "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(list(row) == list(FINDING_COLUMNS) and row["page"] == 1 for row in rows)
    assert cli.main(["validate", pdf, "--format", "sarif"]) == 0
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert results and all(result["properties"]["page"] == 1 for result in results)


@given(reports())
def test_generated_report_json_is_valid(report: gr.Report) -> None:
    assert errors(json.loads(gr.dumps(report))) == []


def first_cell(data: dict[str, Any]) -> dict[str, Any]:
    """The first cell of table 三 in a report's JSON form."""
    t3 = next(b for s in data["sections"] for b in s["blocks"] if b["type"] == "t3")
    return t3["rows"][0]["cells"][0]  # type: ignore[no-any-return]


def test_schema_rejects_what_dumps_never_writes() -> None:
    good = json.loads(gr.dumps(SEED_REPORT))
    assert errors(good) == []
    cases = [
        lambda d: d.pop("schema_version"),
        lambda d: d.update(schema_version=2),
        lambda d: d.update(format="2020"),
        lambda d: d.update(year="2022"),
        lambda d: d.update(extra=1),
        lambda d: d["sections"][0]["blocks"].append({"type": "table"}),
        lambda d: d["sections"][0]["blocks"].append({"type": "paragraph", "text": 1, "line": 1}),
        lambda d: first_cell(d).pop("raw"),
        lambda d: first_cell(d).update(value=1.5),
        lambda d: first_cell(d).update(kind="percent"),
        lambda d: first_cell(d).update(line=None),
        lambda d: d["findings"].append({"code": "A101"}),
    ]
    for number, change in enumerate(cases):
        data = copy.deepcopy(good)
        change(data)
        assert errors(data), number


@pytest.mark.parametrize(("to", "marker"), [("html", "<!DOCTYPE html>"), ("markdown", "# 西工区")])
def test_render_to_html_and_markdown(
    to: str, marker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report import cli

    assert cli.main(["render", str(SEED), "--to", to]) == 0
    assert capsys.readouterr().out.startswith(marker)
