"""Keep the test fixtures in step with the shared report corpus.

The corpus (``../shared/corpus`` beside the repository by default) holds real reports, each as
``NNN.<ext>`` (the report as found) and ``NNN.truth.json`` (what its tables say), grouped in
folders (``seed/``, ``gh/``, ``html/``, ``pages/``, ...) that each have an ``index.jsonl`` with one
line per report, and a top-level ``README.md``. This script copies all of it byte for byte into
``tests/fixtures/corpus/``, keeping the folders, and removes fixture files that the corpus no
longer has. It also refreshes the bundled example ``src/govinfo_report/examples/seed.txt`` (a copy
of ``seed/000.txt``).

Usage::

    python scripts/sync_fixtures.py                 # copy what changed
    python scripts/sync_fixtures.py --check         # exit 1 and list differences if out of date
    python scripts/sync_fixtures.py --source DIR    # read the corpus from DIR

Exit status: 0 when the copy is (or has been brought) up to date, 1 when ``--check`` found
differences, 2 when the corpus cannot be read (missing folder, a report listed in an index but
absent).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_DEST = REPO_ROOT / "tests" / "fixtures" / "corpus"
EXAMPLE_DEST = REPO_ROOT / "src" / "govinfo_report" / "examples" / "seed.txt"
EXAMPLE_SOURCE = PurePosixPath("seed/000.txt")

INDEX_NAME = "index.jsonl"
README_NAME = "README.md"
TRUTH_SUFFIX = ".truth.json"
# A report ("007.txt", "003.html") or its truth file ("007.truth.json").
_REPORT_NAME = re.compile(r"\d+\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*")

Kind = Literal["missing", "changed", "extra"]


class SyncError(Exception):
    """The corpus cannot be read or is inconsistent."""


@dataclass(frozen=True, order=True)
class Difference:
    """One way in which the copy differs from the corpus.

    Attributes:
        path: The file, relative to the repository root.
        kind: ``"missing"`` (in the corpus, not in the copy), ``"changed"`` (contents differ) or
            ``"extra"`` (in the copy, no longer in the corpus).
    """

    path: PurePosixPath
    kind: Kind

    def __str__(self) -> str:
        return f"{self.kind:<8} {self.path}"


def read_index(index: Path) -> list[dict[str, object]]:
    """Read an ``index.jsonl`` file.

    Args:
        index: Path of the index.

    Returns:
        One mapping per non-blank line.

    Raises:
        SyncError: A line is not a JSON object with string ``id`` and ``file``.
    """
    entries: list[dict[str, object]] = []
    for number, line in enumerate(index.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SyncError(f"{index}:{number}: not JSON: {exc}") from exc
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("id"), str)
            and isinstance(entry.get("file"), str)
        ):
            raise SyncError(f"{index}:{number}: expected an object with string 'id' and 'file'")
        entries.append(entry)
    return entries


def corpus_files(source: Path) -> list[PurePosixPath]:
    """List the corpus files to copy, relative to ``source``.

    These are the top-level ``README.md`` and, in every folder (at any depth) that has an
    ``index.jsonl``: the index, every report it lists with its truth file, and any other report or
    truth file (``NNN.<ext>``) in that folder.

    Args:
        source: The corpus folder.

    Returns:
        Sorted relative paths.

    Raises:
        SyncError: ``source`` is not a folder, holds no ``index.jsonl``, or an index lists a file
            that is absent.
    """
    if not source.is_dir():
        raise SyncError(f"corpus folder not found: {source}")
    files: set[PurePosixPath] = set()
    if (source / README_NAME).is_file():
        files.add(PurePosixPath(README_NAME))
    indexes = sorted(
        index
        for index in source.rglob(INDEX_NAME)
        if not any(part.startswith(".") for part in index.relative_to(source).parts)
    )
    if not indexes:
        raise SyncError(f"no {INDEX_NAME} under {source}")
    for index in indexes:
        folder = index.parent
        relative = PurePosixPath(folder.relative_to(source).as_posix())
        files.add(relative / INDEX_NAME)
        for entry in read_index(index):
            for name in (str(entry["file"]), f"{entry['id']}{TRUTH_SUFFIX}"):
                if not (folder / name).is_file():
                    raise SyncError(f"{index}: lists {name}, which is not in {folder}")
                files.add(relative / name)
        for path in folder.iterdir():
            if path.is_file() and _REPORT_NAME.fullmatch(path.name):
                files.add(relative / path.name)
    return sorted(files)


def _fixture_files(dest: Path) -> Iterable[PurePosixPath]:
    if dest.is_dir():
        for path in dest.rglob("*"):
            if path.is_file():
                yield PurePosixPath(path.relative_to(dest).as_posix())


def _pairs(source: Path, dest: Path, example: Path | None) -> list[tuple[Path, Path]]:
    """Pair every corpus file with the place of its copy."""
    pairs = [(source / rel, dest / rel) for rel in corpus_files(source)]
    if example is not None and (source / EXAMPLE_SOURCE).is_file():
        pairs.append((source / EXAMPLE_SOURCE, example))
    return pairs


def _display(path: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(REPO_ROOT).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())


def _compare(
    source: Path, dest: Path, example: Path | None
) -> list[tuple[Difference, Path | None, Path]]:
    """Compare the corpus and the copy; each difference comes with its source and target."""
    found: list[tuple[Difference, Path | None, Path]] = []
    pairs = _pairs(source, dest, example)
    for original, copy in pairs:
        if not copy.is_file():
            found.append((Difference(_display(copy), "missing"), original, copy))
        elif copy.read_bytes() != original.read_bytes():
            found.append((Difference(_display(copy), "changed"), original, copy))
    expected = {copy.resolve() for _, copy in pairs}
    for rel in _fixture_files(dest):
        copy = dest / Path(rel)
        if copy.resolve() not in expected:
            found.append((Difference(_display(copy), "extra"), None, copy))
    return sorted(found, key=lambda item: item[0])


def check(
    source: Path = DEFAULT_SOURCE,
    dest: Path = DEFAULT_DEST,
    example: Path | None = EXAMPLE_DEST,
) -> list[Difference]:
    """Tell how the fixture copy differs from the corpus, without changing anything.

    Args:
        source: The corpus folder.
        dest: The fixture folder.
        example: Where the bundled example (a copy of ``seed/000.txt``) lives; ``None`` to leave
            it out.

    Returns:
        The differences, sorted by path; empty when the copy is up to date.

    Raises:
        SyncError: The corpus cannot be read.
    """
    return [difference for difference, _, _ in _compare(source, dest, example)]


def sync(
    source: Path = DEFAULT_SOURCE,
    dest: Path = DEFAULT_DEST,
    example: Path | None = EXAMPLE_DEST,
) -> list[Difference]:
    """Bring the fixture copy up to date with the corpus.

    Missing and changed files are copied byte for byte; files that the corpus no longer has are
    removed, and so are folders that this leaves empty.

    Args:
        source: The corpus folder.
        dest: The fixture folder.
        example: Where the bundled example (a copy of ``seed/000.txt``) lives; ``None`` to leave
            it out.

    Returns:
        The differences that were resolved.

    Raises:
        SyncError: The corpus cannot be read.
    """
    found = _compare(source, dest, example)
    for _, original, copy in found:
        if original is None:
            copy.unlink()
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            # copyfile copies bytes only: the copy does not inherit read-only permissions.
            shutil.copyfile(original, copy)
    if dest.is_dir():
        folders = sorted((p for p in dest.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts))
        for folder in folders:
            if not any(folder.iterdir()):
                folder.rmdir()
    return [difference for difference, _, _ in found]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help="corpus folder (default: ../shared/corpus beside the repository)",
    )
    parser.add_argument(
        "--dest",
        type=Path,
        default=DEFAULT_DEST,
        help="fixture folder (default: tests/fixtures/corpus)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 and list the differences if the copy is out of date",
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            differences = check(args.source, args.dest)
            for difference in differences:
                print(difference)
            if differences:
                print(
                    f"{len(differences)} difference(s); run scripts/sync_fixtures.py to update",
                    file=sys.stderr,
                )
                return 1
            print("fixtures are up to date")
            return 0
        differences = sync(args.source, args.dest)
    except SyncError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for difference in differences:
        print(difference)
    print(f"{len(differences)} file(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
