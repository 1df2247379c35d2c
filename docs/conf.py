"""Sphinx configuration for the govinfo_report documentation."""

from __future__ import annotations

import doctest
import sys
from importlib.metadata import version as _version
from pathlib import Path

# Local extensions: the pages generated from the code (layouts, flat keys, rules, command line).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "govinfo_report"
author = "The govinfo_report authors"
copyright = "2026, The govinfo_report authors"
release = _version("govinfo_report")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "govinfo_docs",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
language = "en"

# MyST
myst_heading_anchors = 3

# autodoc / napoleon (Google-style docstrings)
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# intersphinx is enabled for explicit external references only: no inventories are
# fetched, so the build needs no network.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

# doctest: Sphinx's defaults, plus NORMALIZE_WHITESPACE as in the pytest doctests.
doctest_default_flags = (
    doctest.ELLIPSIS
    | doctest.IGNORE_EXCEPTION_DETAIL
    | doctest.DONT_ACCEPT_TRUE_FOR_1
    | doctest.NORMALIZE_WHITESPACE
)

# HTML
html_theme = "furo"
html_title = f"govinfo_report {release}"

# Docstring examples are run by pytest (--doctest-modules); Sphinx runs only the examples
# written in the documentation pages' doctest directives.
doctest_test_doctest_blocks = ""
