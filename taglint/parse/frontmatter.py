"""Find a note's YAML front matter and read it into located fields.

The YAML is composed (never constructed) by ``yaml_compose`` with libyaml, so
no tag such as ``!!python/object`` can ever run code, and every node keeps its
source marks. Values are converted to plain data by ``yaml_compose.to_data``,
which bounds alias expansion so a "billion laughs" document costs a bounded
amount of work. ``read_fields`` gives the located fields the full check needs
(``yaml_values.read_values`` only their values, for proving a note clean).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from taglint.model import Span
from taglint.parse.fences import YAML, FrontMatterError, locate_any
from taglint.parse.yaml_compose import NestingError, YamlError, compose
from taglint.parse.yaml_types import ExpansionError, budget_for, to_data

__all__ = ["Block", "Field", "FrontMatterError", "Problem", "find_block", "read_fields"]


@dataclass(frozen=True, slots=True)
class Block:
    """Where the front matter lies: ``yaml`` is its text (between the fences; a JSON object whole), in ``format``."""

    yaml: Span
    body_start: int
    format: str = YAML


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a note's structure, reported by ``rule`` at ``span``."""

    rule: str  # "parse-error" or "invalid-field"
    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    key_span: Span
    value_span: Span
    value: Any
    node: Any = field(default=None, compare=False, repr=False)


def find_block(text: str, formats: tuple[str, ...] = (YAML,)) -> Block | None:
    """Locate the front matter at the very start of ``text``, in one of ``formats`` (``---`` YAML by default).

    Raises FrontMatterError when the opening fence has no closing fence.
    """
    found = locate_any(text, formats)
    return None if found is None else Block(Span(found[1], found[2]), found[3], found[0])


def read_fields(yaml_text: str, base: int, fmt: str = YAML) -> tuple[dict[str, Field], list[Problem], Any]:
    """Parse front matter text into top-level fields with spans offset by ``base``.

    Returns the fields, the problems found, and the root node (None when empty).
    """
    if fmt != YAML:
        return _read_other(yaml_text, base, fmt)
    try:
        root = compose(yaml_text)
    except NestingError:
        return {}, [Problem("parse-error", "front matter is nested too deeply", Span(base, base))], None
    except YamlError as exc:
        offset = base + exc.index
        return {}, [Problem("parse-error", f"front matter is not valid YAML: {exc.problem}", Span(offset, offset))], None
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
            # The opening fence is one line, so YAML line 0 is line 2 of the file.
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


def _read_other(text: str, base: int, fmt: str) -> tuple[dict[str, Field], list[Problem], Any]:
    """Fields of TOML or JSON front matter: values from tomllib/json, spans from their locators."""
    from taglint.parse import json_locate, toml_locate

    reader = toml_locate if fmt == "toml" else json_locate
    try:
        values, located = reader.read(text)
    except (toml_locate.TomlError, json_locate.JsonError) as exc:
        return {}, [Problem("parse-error", str(exc), Span(base + exc.index, base + exc.index))], None
    fields: dict[str, Field] = {}
    for key, raw in values.items():
        value = _dates_as_text(raw)
        found = located.get(key)
        if found is None:
            # Read, never edited: the value is tomllib's/json's, placed at the start of the block.
            fields[key] = Field(key, Span(base, base), Span(base, base), value, None)
            continue
        (key_start, key_end), node = found
        value_span = Span(base + node.start_mark.index, base + node.end_mark.index)
        fields[key] = Field(key, Span(base + key_start, base + key_end), value_span, value, node)
    return fields, [], None


def _dates_as_text(value: Any) -> Any:
    """TOML dates and times as ISO text: YAML timestamps are read as text too, so a note schema sees one kind."""
    import datetime

    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    return value
