"""Shared test set-up: Hypothesis profiles and the corpus fixtures."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import attrs
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"


@attrs.frozen
class CorpusReport:
    """One report of the corpus with its index entry and truth."""

    folder: str
    id: str
    path: Path
    index: dict[str, object]
    truth: dict[str, object]

    @property
    def test_id(self) -> str:
        """``folder/id``, the id corpus tests use."""
        return f"{self.folder}/{self.id}"


def corpus_reports() -> Iterator[CorpusReport]:
    """Every report of the copied corpus, folder by folder."""
    for index_file in sorted(CORPUS.glob("*/index.jsonl")):
        folder = index_file.parent
        for line in index_file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            truth_file = folder / f"{entry['id']}.truth.json"
            truth = json.loads(truth_file.read_text(encoding="utf-8"))
            yield CorpusReport(folder.name, entry["id"], folder / entry["file"], entry, truth)


import pytest  # noqa: E402

import govinfo_report as gr  # noqa: E402


@pytest.fixture(scope="session")
def seed() -> gr.Report:
    """The seed report, parsed."""
    return gr.load(CORPUS / "seed" / "000.txt")
