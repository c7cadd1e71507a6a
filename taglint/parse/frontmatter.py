"""Find a note's YAML front matter and read it into located fields.

The YAML is composed (never constructed) with ruamel.yaml, so no tag such as
``!!python/object`` can ever run code, and every node keeps its source marks.
Values are converted to plain data by :func:`to_data`, which bounds alias
expansion so a "billion laughs" document costs a bounded amount of work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from taglint.model import Span
from taglint.files.read import MAX_FRONT_MATTER_CHARS

_OPEN = re.compile(r"---[ \t]*(?:\r?\n|\r)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)", re.MULTILINE)

# Alias expansion budget: a note may legitimately hold many tags, but a document
# that expands far beyond its own size is an attack, not a note.
EXPANSION_FACTOR = 20
EXPANSION_SLACK = 10_000


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


def compose(yaml_text: str) -> Any:
    """Compose YAML text into a ruamel node tree (no objects are constructed)."""
    import warnings

    from ruamel.yaml import YAML

    loader = YAML(typ="safe", pure=True)
    with warnings.catch_warnings():
        # Reused anchors and the like are legal YAML; ruamel's warnings would only clutter the report.
        warnings.simplefilter("ignore")
        return loader.compose(yaml_text)


class ExpansionError(Exception):
    pass


def to_data(node: Any, budget: list[int]) -> Any:
    """Convert a composed node to plain data, spending one unit of ``budget`` per node."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ExpansionError("front matter expands to too many values (YAML aliases); refusing to expand it")
    kind = node.id
    if kind == "scalar":
        return scalar_value(node)
    if kind == "sequence":
        return [to_data(item, budget) for item in node.value]
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = to_data(key_node, budget)
        if isinstance(key, (list, dict)):
            key = str(key)
        result[key] = to_data(value_node, budget)
    return result


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?\Z")


def scalar_value(node: Any) -> Any:
    """The plain value of a scalar node, by its resolved YAML tag.

    Timestamps stay strings (front matter dates are checked as text by the note
    schema); unknown tags such as ``!!python/object`` are read as their text.
    """
    tag = node.tag
    value: str = node.value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() in ("true", "yes", "on", "y")
    if tag.endswith(":int") and _INT.match(value):
        return int(value.replace("_", ""))
    if tag.endswith(":float"):
        if _FLOAT.match(value):
            return float(value.replace("_", ""))
        return value
    return value


def read_fields(yaml_text: str, base: int) -> tuple[dict[str, Field], list[Problem], Any]:
    """Parse front matter text into top-level fields with spans offset by ``base``.

    Returns the fields, the problems found, and the root node (None when empty).
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from taglint.parse.yaml_words import plain_message

    try:
        root = compose(yaml_text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = base + (mark.index if mark is not None else 0)
        problem = plain_message(exc.problem, exc.context)
        return {}, [Problem("parse-error", f"front matter is not valid YAML: {problem}", Span(offset, offset))], None
    except YAMLError as exc:
        return {}, [Problem("parse-error", f"front matter is not valid YAML: {plain_message(str(exc))}", Span(base, base))], None
    except RecursionError:
        return {}, [Problem("parse-error", "front matter is nested too deeply", Span(base, base))], None
    if root is None:
        return {}, [], None
    if root.id != "mapping":
        what = "a list" if root.id == "sequence" else "a single value"
        start = base + root.start_mark.index
        return {}, [Problem("parse-error", f"front matter is {what}, not a mapping of fields", Span(start, start))], root
    fields: dict[str, Field] = {}
    key_lines: dict[str, int] = {}
    problems: list[Problem] = []
    budget = [EXPANSION_FACTOR * len(yaml_text) + EXPANSION_SLACK]
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
