"""Reference pages generated from the code: layouts, flat keys, rules and the command line.

Directives, usable from MyST pages as ```` ```{name} ```` fences:

``layout-tables [VERSION ...]``
    Every format of :data:`govinfo_report.layouts.LAYOUTS` (or the versions named): its sections,
    the blocks of table 二 with their rows and columns, the rows and columns of tables 三 and 四,
    the arithmetic identities and the labels that mark the format.
``flat-keys [VERSION ...]``
    The flat keys of each format: table 二 key by key, tables 三 and 四 as patterns with counts.
``rule-catalogue``
    Every rule of :data:`govinfo_report.validate.RULES`: a summary table, then one entry per rule,
    grouped by family (the letter of the code).
``cli-reference``
    The ``govinfo-report`` command, from :func:`govinfo_report.cli.build_parser`: usage, every
    subcommand and every option.
``package-data PACKAGE``
    The constants and type aliases the package re-exports, with the docstrings of the modules
    that define them (autodoc finds none for re-exported data).
``api-modules PACKAGE``
    A section per public submodule, documented by autodoc with ``:noindex:`` (what the package
    re-exports is described once, under the package).

Everything is built from the objects themselves (as docutils nodes, or for the last two as
autodoc directives), so a row, a rule, an option or a module added in code appears in the
documentation with no edit to the pages. Generated sections carry
stable labels for cross-references: ``layout-<version>``, ``layout-<version>-t2`` (also
``-sections``, ``-t3``, ``-t4``, ``-identities``), ``flat-<version>``, ``rule-<code>`` (lower
case, e.g. ``rule-a101``), ``rules-<family letter>``, ``cli-<subcommand>`` and
``api-<module>``.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

# -- building blocks ------------------------------------------------------------------------------

Content: TypeAlias = str | nodes.Node | Sequence[nodes.Node] | None


@dataclass(frozen=True)
class Span:
    """A table cell spanning ``rows`` rows; the rows below leave the place out."""

    content: Content
    rows: int


_INLINE_LITERAL = re.compile(r"``(.+?)``")


def inline(text: str) -> list[nodes.Node]:
    """Text with ``double-backquoted`` parts as literals (the markup of docstrings)."""
    out: list[nodes.Node] = []
    for index, part in enumerate(_INLINE_LITERAL.split(text)):
        if part:
            out.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return out


def literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def literals(texts: Iterable[str], separator: str = ", ") -> list[nodes.Node]:
    """Literals joined by ``separator``."""
    out: list[nodes.Node] = []
    for text in texts:
        if out:
            out.append(nodes.Text(separator))
        out.append(literal(text))
    return out


def texts(items: Iterable[str], separator: str = "；") -> str:
    return separator.join(items)


def paragraph(content: Content) -> nodes.paragraph:
    para = nodes.paragraph()
    if content is None:
        return para
    if isinstance(content, str):
        para += nodes.Text(content)
    elif isinstance(content, nodes.Node):
        para += content
    else:
        para.extend(content)
    return para


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Content | Span]],
    *,
    title: Content = None,
    classes: Sequence[str] = (),
) -> nodes.table:
    """A table; a ``Span`` cell covers the same column of the next rows, which omit it."""
    node = nodes.table(classes=["colwidths-auto", "govinfo-generated", *classes])
    if title is not None:
        caption = nodes.title()
        caption.extend(paragraph(title).children)
        node += caption
    rows = list(rows)
    group = nodes.tgroup(cols=len(headers))
    node += group
    for width in _widths(headers, rows):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return node


def _widths(headers: Sequence[str], rows: Sequence[Sequence[Content | Span]]) -> list[int]:
    """Relative column widths from the longest text in each column (for text and PDF output;
    HTML sizes the columns itself)."""
    widths = [max(len(header), 4) for header in headers]
    for cells in rows:
        if len(cells) != len(headers):  # a row under a span: its cells are shifted
            continue
        for index, cell in enumerate(cells):
            content = cell.content if isinstance(cell, Span) else cell
            width = len(paragraph(content).astext()) if content is not None else 0
            widths[index] = max(widths[index], min(width, 40))
    return widths


def _row(cells: Sequence[Content | Span]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, Span):
            if cell.rows > 1:
                entry["morerows"] = cell.rows - 1
            cell = cell.content
        if cell is not None and cell != "":
            entry += paragraph(cell)
        row += entry
    return row


def spans(values: Sequence[Any]) -> list[Span | None]:
    """Runs of equal values as spans: a ``Span`` at the start of each run, ``None`` below it.

    ``None`` values are never merged: each gets an empty cell of its own.
    """
    out: list[Span | None] = []
    index = 0
    while index < len(values):
        end = index
        while (
            values[index] is not None and end + 1 < len(values) and values[end + 1] == values[index]
        ):
            end += 1
        out.append(Span(values[index], end - index + 1))
        out.extend([None] * (end - index))
        index = end + 1
    return out


def with_spans(
    span_column: Sequence[Span | None], rows: Sequence[Sequence[Content]], render: Any = None
) -> list[list[Content | Span]]:
    """Rows with a spanning first column; ``render`` turns a span's value into cell content."""
    out: list[list[Content | Span]] = []
    for span, cells in zip(span_column, rows, strict=True):
        if span is None:
            out.append(list(cells))
        else:
            content = render(span.content) if render is not None else span.content
            out.append([Span(content, span.rows), *cells])
    return out


class GeneratedDirective(SphinxDirective):
    """Base class: sections with labels that ``{ref}`` can reach."""

    def section(self, title: Content, label: str) -> nodes.section:
        """A section labelled ``label`` (lower case, ASCII), to be filled and returned."""
        node = nodes.section(ids=[label], names=[label])
        heading = nodes.title()
        heading.extend(paragraph(title).children)
        node += heading
        self.state.document.note_explicit_target(node)
        return node

    def ref(self, label: str, text: str, *, code: bool = True) -> addnodes.pending_xref:
        """A reference to a label anywhere in the documentation; warns when it is missing."""
        inner: nodes.Node = literal(text) if code else nodes.Text(text)
        xref = addnodes.pending_xref(
            "",
            inner,
            refdomain="std",
            reftype="ref",
            reftarget=label,
            refexplicit=True,
            refwarn=True,
        )
        xref["refdoc"] = self.env.docname
        return xref

    def depend_on(self, *modules: Any) -> None:
        """Re-read the page when one of these modules changes."""
        for module in modules:
            if getattr(module, "__file__", None):
                self.env.note_dependency(module.__file__)


# -- layouts --------------------------------------------------------------------------------------


def _versions(directive: SphinxDirective, known: Sequence[str]) -> list[str]:
    wanted = directive.arguments[0].split() if directive.arguments else list(known)
    unknown = [version for version in wanted if version not in known]
    if unknown:
        raise directive.error(f"no layout for format {', '.join(unknown)}; known: {known}")
    return wanted


def _variants(values: Sequence[str]) -> str:
    return texts(values)


def _kind(kind: str) -> nodes.Node:
    return literal(kind)


class LayoutTables(GeneratedDirective):
    """``layout-tables``: the layouts of :mod:`govinfo_report.layouts`, format by format."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        layouts = importlib.import_module("govinfo_report.layouts")

        self.depend_on(layouts)
        return [
            self.format_section(layouts, layouts.LAYOUTS[version])
            for version in _versions(self, list(layouts.LAYOUTS))
        ]

    def format_section(self, layouts: Any, layout: Any) -> nodes.section:
        version = layout.version
        base = f"layout-{version}"
        section = self.section(f"The {version} format", base)
        t2_rows = sum(len(block.rows) for block in layout.t2_blocks)
        section += paragraph(
            [
                nodes.Text(
                    f"{len(layout.sections)} sections; table 二 in {len(layout.t2_blocks)} "
                    f"blocks with {t2_rows} rows; table 三 with {len(layout.t3_rows)} rows by "
                    f"{len(layout.t3_columns)} columns; table 四 with {len(layout.t4_blocks)} "
                    f"blocks of {len(layout.t4_columns)} columns; "
                    f"{len(layouts.flat_keys(version))} flat keys. "
                    "Labels that only this format prints in table 二, by which the parser tells "
                    "the format: "
                ),
                *literals(layouts.FORMAT_MARKERS.get(version, ()), "、"),
                nodes.Text("."),
            ]
        )
        section += self.sections_part(layout, base)
        section += self.t2_part(layout, base)
        section += self.t3_part(layouts, layout, base)
        section += self.t4_part(layout, base)
        section += self.identities_part(layout, base)
        return section

    def sections_part(self, layout: Any, base: str) -> nodes.section:
        part = self.section("Sections", f"{base}-sections")
        part += paragraph(
            f"The {len(layout.sections)} standard sections. The parser matches a heading to a "
            "section by its title, its variants or, failing those, its keywords."
        )
        part += table(
            ("No.", "Official heading", "Variants", "Keywords"),
            (
                (
                    str(spec.number),
                    spec.heading,
                    _variants(spec.variants),
                    texts(spec.keywords, "、"),
                )
                for spec in layout.sections
            ),
        )
        return part

    def t2_part(self, layout: Any, base: str) -> nodes.section:
        part = self.section("Table 二: 主动公开政府信息情况", f"{base}-t2")
        part += paragraph(
            "Proactive disclosure, in blocks, one per item of Article 20 (第二十条). Each block "
            "has a caption row, a header row (信息内容 and the column labels) and its data rows. "
            "A row of a block with one value column has one flat key with no column suffix."
        )

        def block_cell(block: Any) -> list[nodes.Node]:
            return [nodes.Text(block.caption + " "), literal(block.key)]

        row_blocks: list[Any] = []
        row_cells: list[list[Content]] = []
        for block in layout.t2_blocks:
            for row in block.rows:
                if len(block.columns) == 1:
                    keys = [f"t2.{row.key}"]
                else:
                    keys = [f"t2.{row.key}.{column.key}" for column in block.columns]
                row_blocks.append(block)
                row_cells.append(
                    [literal(row.key), row.label, _variants(row.variants), literals(keys, " ")]
                )
        part += table(
            ("Block", "Row key", "Official label", "Variants", "Flat keys"),
            with_spans(spans(row_blocks), row_cells, block_cell),
            title="Rows",
        )
        column_blocks: list[Any] = []
        column_cells: list[list[Content]] = []
        for block in layout.t2_blocks:
            for column in block.columns:
                column_blocks.append(block)
                column_cells.append(
                    [
                        literal(column.key),
                        column.label,
                        _kind(column.kind),
                        _variants(column.variants),
                    ]
                )
        part += table(
            ("Block", "Column key", "Official label", "Value kind", "Variants"),
            with_spans(spans(column_blocks), column_cells, block_cell),
            title="Columns",
        )
        return part

    def columns_table(self, columns: Sequence[Any]) -> nodes.table:
        return table(
            ("Column key", "Official label", "Value kind", "Variants"),
            (
                (literal(column.key), column.label, _kind(column.kind), _variants(column.variants))
                for column in columns
            ),
            title="Columns",
        )

    def t3_part(self, layouts: Any, layout: Any, base: str) -> nodes.section:
        part = self.section("Table 三: 收到和处理政府信息公开申请情况", f"{base}-t3")
        leaves = layout.t3_leaf_keys()
        part += paragraph(
            [
                nodes.Text(
                    "Requests received and how they were handled: one row per line of the "
                    f"table, by {len(layout.t3_columns)} columns (the applicants and the total). "
                    "Group cells (merged cells that carry no numbers): "
                ),
                nodes.Text(texts(layouts.T3_GROUPS, "、")),
                nodes.Text(". Other header cells: "),
                nodes.Text(texts(layouts.T3_HEADER_LABELS, "、")),
                nodes.Text(
                    f". Flat keys: t3.<row>.<column>, {len(layout.t3_rows)} × "
                    f"{len(layout.t3_columns)} = {len(layout.t3_rows) * len(layout.t3_columns)}. "
                    f"The {len(leaves)} rows that add up to （七）总计, with no subtotal rows: "
                ),
                *literals(leaves),
                nodes.Text("."),
            ]
        )
        part += self.columns_table(layout.t3_columns)
        groups = [row.group for row in layout.t3_rows]
        cells = [[literal(row.key), row.label, _variants(row.variants)] for row in layout.t3_rows]
        rows = [
            [cells_[0], *([] if span is None else [span]), *cells_[1:]]
            for span, cells_ in zip(spans(groups), cells, strict=True)
        ]
        part += table(("Row key", "Group", "Official label", "Variants"), rows, title="Rows")
        return part

    def t4_part(self, layout: Any, base: str) -> nodes.section:
        part = self.section("Table 四: 政府信息公开行政复议、行政诉讼情况", f"{base}-t4")
        blocks = len(layout.t4_blocks)
        columns = len(layout.t4_columns)
        part += paragraph(
            "Administrative review and litigation: one data line of "
            f"{blocks} blocks × {columns} columns. Flat keys: t4.<block>.<column>, "
            f"{blocks * columns} in all."
        )
        part += self.columns_table(layout.t4_columns)
        groups = [block.group for block in layout.t4_blocks]
        cells = [
            [literal(block.key), block.label, _variants(block.variants)]
            for block in layout.t4_blocks
        ]
        rows = [
            [cells_[0], *([] if span is None else [span]), *cells_[1:]]
            for span, cells_ in zip(spans(groups), cells, strict=True)
        ]
        part += table(("Block key", "Group", "Official label", "Variants"), rows, title="Blocks")
        return part

    def identities_part(self, layout: Any, base: str) -> nodes.section:
        part = self.section("Arithmetic identities", f"{base}-identities")
        part += paragraph(
            "The sums the tables carry (勾稽关系): the printed side equals the sum of the summed "
            "side, checked once per column or once per row by the rule of the same code."
        )
        part += table(
            ("Rule", "Table", "Printed side", "Summed side", "Checked"),
            (
                (
                    self.ref(f"rule-{identity.code.lower()}", identity.code),
                    literal(identity.table),
                    literals(identity.left, " + "),
                    literals(identity.right, " + "),
                    "per column" if identity.over == "columns" else "per row",
                )
                for identity in layout.identities
            ),
        )
        return part


# -- flat keys ------------------------------------------------------------------------------------


class FlatKeys(GeneratedDirective):
    """``flat-keys``: the flat keys of each format."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        layouts = importlib.import_module("govinfo_report.layouts")

        self.depend_on(layouts)
        return [
            self.format_section(layouts, layouts.LAYOUTS[version])
            for version in _versions(self, list(layouts.LAYOUTS))
        ]

    def format_section(self, layouts: Any, layout: Any) -> nodes.section:
        version = layout.version
        section = self.section(f"The {version} format", f"flat-{version}")
        t2 = layouts.flat_t2_keys(version)
        t3 = len(layout.t3_rows) * len(layout.t3_columns)
        t4 = len(layout.t4_blocks) * len(layout.t4_columns)
        section += paragraph(
            [
                nodes.Text(
                    f"{len(layouts.flat_keys(version))} table keys besides year, agency and "
                    f"format: {len(t2)} of table 二, {t3} of table 三, {t4} of table 四. "
                    "Rows and columns: "
                ),
                self.ref(f"layout-{version}", f"the {version} layout", code=False),
                nodes.Text("."),
            ]
        )
        rows: list[list[Content]] = []
        for block in layout.t2_blocks:
            for row in block.rows:
                if len(block.columns) == 1:
                    column = block.columns[0]
                    rows.append(
                        [literal(f"t2.{row.key}"), row.label, column.label, _kind(column.kind)]
                    )
                    continue
                for column in block.columns:
                    rows.append(
                        [
                            literal(f"t2.{row.key}.{column.key}"),
                            row.label,
                            column.label,
                            _kind(column.kind),
                        ]
                    )
        section += table(("Key", "Row", "Column", "Value kind"), rows, title="Table 二")
        t3_rows = [literal(row.key) for row in layout.t3_rows]
        t3_columns = [literal(column.key) for column in layout.t3_columns]
        section += paragraph(
            [
                nodes.Text("Table 三: "),
                literal("t3.<row>.<column>"),
                nodes.Text(" for each row "),
                *_joined(t3_rows),
                nodes.Text(" and each column "),
                *_joined(t3_columns),
                nodes.Text(f", row by row; {_kinds_sentence(layout.t3_columns)}"),
            ]
        )
        t4_blocks = [literal(block.key) for block in layout.t4_blocks]
        t4_columns = [literal(column.key) for column in layout.t4_columns]
        section += paragraph(
            [
                nodes.Text("Table 四: "),
                literal("t4.<block>.<column>"),
                nodes.Text(" for each block "),
                *_joined(t4_blocks),
                nodes.Text(" and each column "),
                *_joined(t4_columns),
                nodes.Text(f", block by block; {_kinds_sentence(layout.t4_columns)}"),
            ]
        )
        return section


def _kinds_sentence(columns: Sequence[Any]) -> str:
    kinds = {column.kind for column in columns}
    if len(kinds) == 1:
        return f"every cell is read as {kinds.pop()}."
    return "value kinds: " + ", ".join(f"{c.key} {c.kind}" for c in columns) + "."


def _joined(items: Sequence[nodes.Node], separator: str = ", ") -> Iterator[nodes.Node]:
    for index, item in enumerate(items):
        if index:
            yield nodes.Text(separator)
        yield item


# -- rules ----------------------------------------------------------------------------------------

_FAMILIES: dict[str, tuple[str, str]] = {
    "A": (
        "Arithmetic rules (A): 勾稽关系",
        "The sums the tables must carry, and what follows from them. Each finding holds the "
        "printed value, the computed one and the flat keys summed.",
    ),
    "S": (
        "Structure rules (S): 结构",
        "The sections, tables and rows a report of its format has, and the format itself.",
    ),
    "V": (
        "Value rules (V): 数值",
        "What a single cell may hold in its column.",
    ),
}


class RuleCatalogue(GeneratedDirective):
    """``rule-catalogue``: every rule of :data:`govinfo_report.validate.RULES`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        validate = importlib.import_module("govinfo_report.validate")

        self.depend_on(validate)
        rules = list(validate.RULES.values())
        out: list[nodes.Node] = [
            table(
                ("Code", "Severity", "标题", "Title"),
                (
                    (
                        self.local_ref(f"rule-{rule.code.lower()}", rule.code),
                        literal(str(rule.severity)),
                        rule.title,
                        rule.title_en,
                    )
                    for rule in rules
                ),
                title=f"All {len(rules)} rules",
            )
        ]
        families: dict[str, list[Any]] = {}
        for rule in rules:
            families.setdefault(rule.code[:1], []).append(rule)
        for letter, members in families.items():
            title, intro = _FAMILIES.get(letter, (f"Rules {letter}", ""))
            family = self.section(title, f"rules-{letter.lower()}")
            if intro:
                family += paragraph(intro)
            for rule in members:
                family += self.rule_section(rule)
            out.append(family)
        return out

    def local_ref(self, label: str, text: str) -> nodes.reference:
        reference = nodes.reference("", "", internal=True, refid=label)
        reference += literal(text)
        return reference

    def rule_section(self, rule: Any) -> nodes.section:
        section = self.section(
            [literal(rule.code), nodes.Text(f" {rule.title}")], f"rule-{rule.code.lower()}"
        )
        fields = nodes.field_list()
        for name, value in (
            ("Severity", [literal(str(rule.severity))]),
            ("Title", [nodes.Text(rule.title_en)]),
        ):
            field = nodes.field()
            field += nodes.field_name(name, name)
            body = nodes.field_body()
            body += paragraph(value)
            field += body
            fields += field
        section += fields
        for text in rule.description.split("\n\n"):
            section += paragraph(inline(" ".join(text.split())))
        return section


# -- command line ---------------------------------------------------------------------------------

_USAGE_WIDTH = 88


def _formatter(parser: argparse.ArgumentParser) -> argparse.HelpFormatter:
    """The parser's help formatter at a fixed width, whatever the terminal of the build."""
    return argparse.HelpFormatter(prog=parser.prog, width=_USAGE_WIDTH)


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = _formatter(parser)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return formatter.format_help().strip()


def _help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    return _formatter(parser)._expand_help(action)


def _arguments_table(parser: argparse.ArgumentParser) -> nodes.table:
    rows: list[list[Content]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings:
            name: Content = literals(action.option_strings)
        else:
            metavar = action.metavar
            name = literal(
                " ".join(metavar) if isinstance(metavar, tuple) else metavar or action.dest
            )
        count = {"+": "one or more", "*": "any number", "?": "optional"}.get(str(action.nargs))
        if count is not None:
            name = [*(name if isinstance(name, list) else [name]), nodes.Text(f" ({count})")]
        values: Content = literals(str(c) for c in action.choices) if action.choices else ""
        default: Content = ""
        if (
            action.option_strings
            and action.default not in (None, False, argparse.SUPPRESS)
            and action.nargs != 0
        ):
            default = literal(str(action.default))
        rows.append([name, values, default, _help(parser, action)])
    return table(("Argument", "Values", "Default", "Meaning"), rows)


class CliReference(GeneratedDirective):
    """``cli-reference``: the ``govinfo-report`` command from its argument parser."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        cli = importlib.import_module("govinfo_report.cli")

        self.depend_on(cli)
        parser = cli.build_parser()
        out: list[nodes.Node] = []
        out.append(nodes.literal_block(_usage(parser), _usage(parser), language="text"))
        out.append(_arguments_table(parser))
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                section = self.section(literal(f"{parser.prog} {name}"), f"cli-{name}")
                text = helps.get(name)
                if text:
                    section += paragraph(text[:1].upper() + text[1:] + ".")
                usage = _usage(sub)
                section += nodes.literal_block(usage, usage, language="text")
                section += _arguments_table(sub)
                out.append(section)
        return out


# -- API ------------------------------------------------------------------------------------------


class MarkdownDirective(GeneratedDirective):
    """A directive that writes MyST Markdown and has it parsed in place (MyST pages only)."""

    def parse_markdown(self, text: str, node: nodes.Element) -> None:
        self.state.nested_parse(StringList(text.splitlines(), source=self.env.docname), 0, node)


_MODULE_PREFIX = re.compile(r"\b(?:[a-z_][a-z0-9_]*\.)+(?=[A-Za-z_])")


def _short_repr(value: Any) -> str | None:
    """A short ``repr`` with module prefixes dropped, or ``None`` when too long to show."""
    text = _MODULE_PREFIX.sub("", repr(value))
    return text if len(text) <= 100 and "\n" not in text else None


def _attribute_doc(package: Any, name: str) -> str | None:
    """The docstring of ``name`` in the submodule of ``package`` that defines it."""
    value = getattr(package, name)
    prefix = package.__name__ + "."
    for modname, module in sorted(sys.modules.items()):
        if not modname.startswith(prefix) or getattr(module, name, None) is not value:
            continue
        try:
            docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
        except Exception:  # no source, so no docstring
            continue
        lines = docs.get(("", name))
        if lines:
            return "\n".join(lines).strip()
    return None


def _is_data(value: Any) -> bool:
    return not (inspect.isclass(value) or inspect.isroutine(value) or inspect.ismodule(value))


class ParserFindings(MarkdownDirective):
    """``parser-findings``: the table of parser and reader finding codes, from the registry."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        findings = importlib.import_module("govinfo_report.findings")
        self.depend_on(findings)
        lines = ["| Code | Severity | 标题 | Title | Meaning |", "|---|---|---|---|---|"]
        for check in findings.PARSER_CHECKS.values():
            lines.append(
                f"| `{check.code}` | `{check.severity}` | {check.title} | {check.title_en} | "
                f"{check.description} |"
            )
        container = nodes.container()
        self.parse_markdown("\n".join(lines), container)
        return list(container.children)


class PackageData(MarkdownDirective):
    """``package-data PACKAGE``: the constants and type aliases a package re-exports.

    autodoc finds no docstring for data re-exported by a package (it would show ``int``'s);
    this takes each one's docstring from the module that defines it.
    """

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        package = importlib.import_module(self.arguments[0])
        lines = ["```{eval-rst}", f".. py:currentmodule:: {package.__name__}", ""]
        for name in getattr(package, "__all__", ()):
            value = getattr(package, name)
            if not _is_data(value):
                continue
            lines.append(f".. py:data:: {name}")
            shown = _short_repr(value)
            if shown is not None:
                lines.append(f"   :value: {shown}")
            lines.append("")
            doc = _attribute_doc(package, name)
            if doc is None and getattr(value, "__args__", None):
                members = [
                    f":class:`{arg.__name__}`" if hasattr(package, arg.__name__) else f"``{arg!r}``"
                    for arg in value.__args__
                    if hasattr(arg, "__name__")
                ]
                doc = "One of " + ", ".join(members) + "." if members else None
            lines.extend(f"   {line}" for line in (doc or "").splitlines())
            lines.append("")
        lines.append("```")
        container = nodes.container()
        self.parse_markdown("\n".join(lines), container)
        return list(container.children)


class ApiModules(MarkdownDirective):
    """``api-modules PACKAGE``: a section per public submodule, documented with autodoc.

    Public means not starting with ``_``. ``:order:`` names the modules to put first; the others
    follow in alphabetical order. Members are documented with ``:noindex:``: what the package
    re-exports is described (and indexed) once, under the package. Each module gets its own
    index entry and target, so ``{mod}`` references to it resolve, unless the package exports
    something else under the module's name.
    """

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "order": directives.unchanged,
        "exclude": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        package = importlib.import_module(self.arguments[0])
        exclude = set((self.options.get("exclude") or "").split())
        found = sorted(
            info.name
            for info in pkgutil.iter_modules(package.__path__)
            if not info.name.startswith("_") and info.name not in exclude
        )
        order = [name for name in (self.options.get("order") or "").split() if name in found]
        out: list[nodes.Node] = []
        for name in [*order, *(name for name in found if name not in order)]:
            modname = f"{package.__name__}.{name}"
            module = importlib.import_module(modname)
            self.depend_on(module)
            section = self.section(literal(modname), f"api-{name}")
            # A module target, unless the package exports a function of the same name
            # (``govinfo_report.validate``): one name cannot be both.
            shadowed = getattr(package, name, module) is not module
            target = () if shadowed else (f"```{{py:module}} {modname}", "```", "")
            self.parse_markdown(
                "\n".join(
                    (
                        *target,
                        f"```{{automodule}} {modname}",
                        ":members:",
                        ":noindex:",
                        "```",
                    )
                ),
                section,
            )
            out.append(section)
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("layout-tables", LayoutTables)
    app.add_directive("flat-keys", FlatKeys)
    app.add_directive("rule-catalogue", RuleCatalogue)
    app.add_directive("parser-findings", ParserFindings)
    app.add_directive("cli-reference", CliReference)
    app.add_directive("package-data", PackageData)
    app.add_directive("api-modules", ApiModules)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
