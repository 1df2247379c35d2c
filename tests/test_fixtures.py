"""The report corpus copied under tests/fixtures/corpus is complete and well-formed."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "corpus"
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
EXAMPLE = REPO_ROOT / "src" / "govinfo_report" / "examples" / "seed.txt"
FORMATS = {"2021", "2019", "pre2019"}


def _load_sync_fixtures() -> ModuleType:
    path = REPO_ROOT / "scripts" / "sync_fixtures.py"
    spec = importlib.util.spec_from_file_location("sync_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


sync_fixtures = _load_sync_fixtures()


def _indexes() -> list[Path]:
    return sorted(FIXTURES.rglob("index.jsonl"))


def _entries() -> list[Any]:
    params = []
    for index in _indexes():
        folder = index.parent
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                rel = folder.relative_to(FIXTURES).as_posix()
                params.append(pytest.param(folder, entry, id=f"{rel}/{entry['id']}"))
    return params


ENTRIES = _entries()


def test_fixture_tree_is_not_empty() -> None:
    assert (FIXTURES / "README.md").is_file()
    folders = {index.parent.name for index in _indexes()}
    assert {"seed", "gh", "html", "pages"} <= folders
    assert ENTRIES


@pytest.mark.parametrize("index", _indexes(), ids=lambda p: p.parent.name)
def test_index_lines_are_objects_with_unique_ids(index: Path) -> None:
    ids = []
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        assert isinstance(entry, dict)
        assert isinstance(entry.get("id"), str) and entry["id"]
        assert isinstance(entry.get("file"), str) and entry["file"].startswith(entry["id"] + ".")
        ids.append(entry["id"])
    assert ids, f"{index} lists no report"
    assert len(ids) == len(set(ids)), f"{index} has duplicate ids"


@pytest.mark.parametrize(("folder", "entry"), ENTRIES)
def test_report_and_truth_present(folder: Path, entry: dict[str, Any]) -> None:
    report = folder / entry["file"]
    truth = folder / f"{entry['id']}.truth.json"
    assert report.is_file(), f"missing {report}"
    assert report.stat().st_size > 0, f"empty {report}"
    assert truth.is_file(), f"missing {truth}"


@pytest.mark.parametrize(("folder", "entry"), ENTRIES)
def test_truth_is_json_with_header_keys(folder: Path, entry: dict[str, Any]) -> None:
    truth = json.loads((folder / f"{entry['id']}.truth.json").read_text(encoding="utf-8"))
    assert isinstance(truth, dict)
    assert {"year", "agency", "format"} <= truth.keys()
    assert truth["year"] is None or isinstance(truth["year"], int)
    assert truth["agency"] is None or isinstance(truth["agency"], str)
    assert truth["format"] in FORMATS
    # The index repeats what the truth file says.
    for key in ("year", "agency", "format"):
        if key in entry:
            assert truth[key] == entry[key], key


def test_fixture_folders_hold_only_listed_files() -> None:
    for index in _indexes():
        folder = index.parent
        listed = {"index.jsonl"}
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                listed |= {entry["file"], f"{entry['id']}.truth.json"}
        present = {path.name for path in folder.iterdir() if path.is_file()}
        assert present == listed, folder


def test_bundled_example_is_the_seed_report() -> None:
    assert EXAMPLE.read_bytes() == (FIXTURES / "seed" / "000.txt").read_bytes()


def test_fixtures_match_shared_corpus() -> None:
    """The copy is up to date where the shared corpus is at hand; else it must at least exist."""
    if SHARED_CORPUS.is_dir():
        differences = sync_fixtures.check()
        assert differences == [], "run scripts/sync_fixtures.py:\n" + "\n".join(
            str(difference) for difference in differences
        )
    else:
        assert sync_fixtures.corpus_files(FIXTURES), "no fixtures copied"
        assert ENTRIES
