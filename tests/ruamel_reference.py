"""The reference reading of a note: front matter composed by ruamel.yaml (YAML 1.2), as taglint read notes before libyaml.

The differential tests hold taglint's reader to this one: same fields (spans and
typed values), same tag occurrences, same problems wherever the YAML is valid;
and a parse-error in one exactly when there is one in the other.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any
from unittest import mock

from taglint.files.text import SourceText
from taglint.model import Span
from taglint.parse import frontmatter
from taglint.parse.frontmatter import Field, Problem
from taglint.parse.notes import DEFAULT_TAG_FIELDS, Note, parse_text
from taglint.parse.yaml_types import ExpansionError, budget_for, to_data


def ruamel_compose(yaml_text: str) -> Any:
    from ruamel.yaml import YAML

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reused anchors
        return YAML(typ="safe", pure=True).compose(yaml_text)


def ruamel_read_fields(yaml_text: str, base: int, fmt: str = "yaml") -> tuple[dict[str, Field], list[Problem], Any]:
    """``frontmatter.read_fields`` as it was with ruamel.yaml (error messages aside: those are libyaml's now)."""
    from ruamel.yaml.error import YAMLError

    try:
        root = ruamel_compose(yaml_text)
    except (YAMLError, RecursionError):
        return {}, [Problem("parse-error", "(ruamel.yaml refused it)", Span(base, base))], None
    if root is None:
        return {}, [], None
    if root.id != "mapping":
        what = "a list" if root.id == "sequence" else "a single value"
        start = base + root.start_mark.index
        return {}, [Problem("parse-error", f"front matter is {what}, not a mapping of fields", Span(start, start))], root
    fields: dict[str, Field] = {}
    key_lines: dict[str, int] = {}
    problems: list[Problem] = []
    budget = budget_for(yaml_text)
    for key_node, value_node in root.value:
        key_span = Span(base + key_node.start_mark.index, base + key_node.end_mark.index)
        if key_node.id != "scalar":
            problems.append(Problem("parse-error", "front matter key is not a plain value", key_span))
            continue
        key = str(key_node.value)
        if key in fields:
            first = key_lines[key] + 2
            problems.append(Problem("parse-error", f'duplicate key "{key}" in front matter (first on line {first})', key_span))
            continue
        key_lines[key] = key_node.start_mark.line
        try:
            value = to_data(value_node, budget)
        except ExpansionError as exc:
            return {}, [Problem("parse-error", str(exc), key_span)], root
        except RecursionError:
            return {}, [Problem("parse-error", "front matter is nested too deeply", key_span)], root
        value_span = Span(base + value_node.start_mark.index, base + value_node.end_mark.index)
        fields[key] = Field(key, key_span, value_span, value, value_node)
    return fields, problems, root


def reference_parse(text: str, tag_fields: Sequence[str] = DEFAULT_TAG_FIELDS, inline_tags: bool = False) -> Note:
    """``parse_text`` of ``text`` with ruamel.yaml reading the front matter."""
    with mock.patch.object(frontmatter, "read_fields", ruamel_read_fields):
        return parse_text("n.md", SourceText(text, False), tag_fields, inline_tags)


def typed(value: Any) -> Any:
    """``value`` with each scalar paired with its type: ``1``, ``1.0`` and ``True`` differ."""
    if isinstance(value, dict):
        return ("dict", tuple((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", tuple(typed(v) for v in value))
    return (type(value).__name__, value)


def comparable(note: Note) -> tuple[object, ...]:
    """What a reading decides: fields (spans, typed values), tags, problems, where the block lies.

    One known difference is left out: an empty value (``key:`` and nothing else) is
    located right after its colon by libyaml, at the next token by ruamel.yaml.
    """
    fields = {k: (f.key_span, None if _empty(f.node) else f.value_span, typed(f.value)) for k, f in note.fields.items()}
    return (fields, note.tags, note.problems, note.body_start, note.yaml_span)


def _empty(node: Any) -> bool:
    return bool(node.id == "scalar" and node.value == "" and not node.style)


_REFUSALS = ("front matter is not valid YAML", "front matter is nested too deeply", "(ruamel.yaml refused it)")


def problem(note: Note) -> str:
    return next(p.message for p in note.problems if p.rule == "parse-error")


def refused(note: Note) -> bool:
    """Whether the YAML parser refused the front matter (the two parsers word this differently)."""
    return any(p.rule == "parse-error" and p.message.startswith(_REFUSALS) for p in note.problems)
