"""Find a note's YAML front matter and read it into located fields.

The YAML is composed (never constructed) by ``yaml_compose`` with libyaml, so
no tag such as ``!!python/object`` can ever run code, and every node keeps its
source marks. Values are converted to plain data by ``yaml_compose.to_data``,
which bounds alias expansion so a "billion laughs" document costs a bounded
amount of work. ``read_fields`` gives the located fields the full check needs;
``read_values`` only their values, for proving a note clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from taglint.model import Span
from taglint.files.read import MAX_FRONT_MATTER_CHARS
from taglint.parse.yaml_compose import ExpansionError, NestingError, YamlError, budget_for, compose, to_data

_OPEN = re.compile(r"---[ \t]*(?:\r?\n|\r)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Block:
    """Where the front matter lies: ``yaml`` is the text between the fences."""

    yaml: Span
    body_start: int


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


class FrontMatterError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def find_block(text: str) -> Block | None:
    """Locate the ``---`` fenced block at the very start of ``text``.

    Raises FrontMatterError when the opening fence has no closing fence.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return None
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise FrontMatterError("front matter opened on line 1 is never closed with '---'", 0)
    size = closing.start() - opening.end()
    if size > MAX_FRONT_MATTER_CHARS:
        # Parsing YAML costs ~5 s per MB in pure Python; a note's fields never need this much.
        raise FrontMatterError(
            f"front matter is {size // 1024} KB, over the {MAX_FRONT_MATTER_CHARS // 1024} KB limit; not parsed", 0
        )
    return Block(Span(opening.end(), closing.start()), closing.end())


def yaml_text_of(text: str) -> str | None:
    """The front matter between the fences of a note's ``text``, or None when it has none (or no end)."""
    try:
        block = find_block(text)
    except FrontMatterError:
        return None
    return text[block.yaml.start : block.yaml.end] if block is not None else None


def read_fields(yaml_text: str, base: int) -> tuple[dict[str, Field], list[Problem], Any]:
    """Parse front matter text into top-level fields with spans offset by ``base``.

    Returns the fields, the problems found, and the root node (None when empty).
    """
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


def read_values(text: str) -> dict[str, Any] | None:
    """The top-level front-matter values of a note's ``text``, or None unless ``read_fields`` would
    read them without a problem (the note may still have findings: only the full check tells).

    The values are those of ``read_fields`` (a test holds the two together), without
    building located fields: proving a note clean needs no span.
    """
    yaml_text = yaml_text_of(text)
    if yaml_text is None:
        return None
    try:
        root = compose(yaml_text)
    except YamlError:
        return None
    if root is None:
        return {}
    if root.id != "mapping":
        return None
    values: dict[str, Any] = {}
    budget = budget_for(yaml_text)
    try:
        for key_node, value_node in root.value:
            if key_node.id != "scalar":
                return None
            key = str(key_node.value)
            if key in values:
                return None
            values[key] = to_data(value_node, budget)
    except (ExpansionError, RecursionError):
        return None
    return values
