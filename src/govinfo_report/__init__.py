"""govinfo_report: parse, validate and serialize 政府信息公开工作年度报告.

The API reads like :mod:`json`: :func:`parse` and :func:`load` read a report into a typed,
immutable tree (:class:`Report`), :func:`validate` checks it, :func:`render` writes canonical
text, :func:`dumps` / :func:`loads` convert to and from JSON and :func:`flatten` gives the flat
keys used for CSV and DataFrames.

Examples:
    >>> import govinfo_report as gr
    >>> from importlib.resources import files
    >>> report = gr.load(files("govinfo_report") / "examples" / "seed.txt")
    >>> report.agency, report.year, report.format
    ('西工区科学技术局', 2022, '2021')
    >>> gr.flatten(report)["t3.new_received.total"]
    0
    >>> gr.parse(gr.render(report)) == report
    True
    >>> gr.loads(gr.dumps(report)) == report
    True
"""

from ._input import decode, load
from ._readers import RENDERINGS
from .errors import DecodeError, GovInfoReportError, InputTooLargeError, ParseError, SchemaError
from .findings import Finding, Severity
from .flat import flatten, from_flat
from .jsonio import SCHEMA_VERSION, dump, dumps, from_dict, load_json, loads, to_dict
from .layouts import FormatVersion
from .model import (
    Block,
    Cell,
    CellValue,
    LitigationTable,
    OtherTable,
    Paragraph,
    ProactiveTable,
    Report,
    RequestTable,
    Row,
    Section,
    SubHeading,
    T2Block,
)
from .parser import DEFAULT_MAX_BYTES, parse
from .publish import to_html, to_markdown
from .render import render
from .series import validate_series
from .validate import RULES, Rule, validate

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MAX_BYTES",
    "RENDERINGS",
    "RULES",
    "SCHEMA_VERSION",
    "Block",
    "Cell",
    "CellValue",
    "DecodeError",
    "Finding",
    "FormatVersion",
    "GovInfoReportError",
    "InputTooLargeError",
    "LitigationTable",
    "OtherTable",
    "Paragraph",
    "ParseError",
    "ProactiveTable",
    "Report",
    "RequestTable",
    "Row",
    "Rule",
    "SchemaError",
    "Section",
    "Severity",
    "SubHeading",
    "T2Block",
    "decode",
    "dump",
    "dumps",
    "flatten",
    "from_dict",
    "from_flat",
    "load",
    "load_json",
    "loads",
    "parse",
    "render",
    "to_dict",
    "to_html",
    "to_markdown",
    "validate",
    "validate_series",
]
