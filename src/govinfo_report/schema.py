"""The JSON Schema (draft 2020-12) of the JSON form that :func:`govinfo_report.dumps` writes.

The schema ships in the package as ``schema.json``; ``govinfo-report schema`` prints it.

Examples:
    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["properties"]["schema_version"]["const"]
    1
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, cast

__all__ = ["json_schema", "json_schema_text"]


def json_schema_text() -> str:
    """The schema as the text of the shipped ``schema.json``.

    Examples:
        >>> json_schema_text().startswith("{")
        True
    """
    return (files("govinfo_report") / "schema.json").read_text(encoding="utf-8")


def json_schema() -> dict[str, Any]:
    """The schema as plain data (a fresh copy on each call).

    Examples:
        >>> sorted(json_schema()["properties"])[:3]
        ['agency', 'findings', 'format']
    """
    return cast(dict[str, Any], json.loads(json_schema_text()))
