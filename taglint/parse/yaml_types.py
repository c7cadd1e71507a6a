"""YAML 1.2 types for composed nodes: which tag a plain scalar gets, and the plain data a node holds.

taglint has always typed front matter the way ruamel.yaml's YAML 1.2 resolver
does: ``yes``/``on``/``No`` are text (YAML 1.1, PyYAML's own resolver, makes
them booleans), ``012`` is text (1.1: octal 10), ``1:30`` is text (1.1:
sexagesimal 90). ``yaml_compose`` asks ``plain_tag`` for every plain scalar it
composes; ``to_data`` turns nodes (libyaml's, or ruamel.yaml's for data files)
into plain values, spending an alias-expansion budget so a "billion laughs"
document costs a bounded amount of work.
``tests/test_yaml_reader_differential.py`` holds the types to ruamel.yaml's.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: the pre-commit path imports this module

if TYPE_CHECKING:
    from typing import Any

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# YAML 1.2 implicit types, as ruamel.yaml's resolver reads version 1.2 (the core schema,
# plus its 0o/0b/0x integers with underscores, timestamps, and the "<<" and "=" tags).
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_FLOAT_12 = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_INT_12 = re.compile(r"[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
_NULLS = frozenset(("~", "null", "Null", "NULL"))
# The first characters of plain scalars that may be something other than a string.
TYPED_FIRST = frozenset("tTfF-+.0123456789~nN<=")
_NUMBER_START = frozenset("-+.0123456789")


def plain_tag(value: str) -> str:
    """The tag YAML 1.2 gives the plain (unquoted, untagged) scalar ``value``."""
    if not value:
        return NULL
    first = value[0]
    if first not in TYPED_FIRST:
        return STR  # most scalars: decided by one set look-up
    if first in _NUMBER_START:
        if _FLOAT_12.fullmatch(value):
            return FLOAT
        if first != "." and _INT_12.fullmatch(value):
            return INT
        if first != "-" and first != "+" and _TIMESTAMP.fullmatch(value):
            return TIMESTAMP
        return STR
    if first in "tTfF":
        return BOOL if _BOOL.fullmatch(value) else STR
    if value in _NULLS:
        return NULL
    if value == "<<":
        return "tag:yaml.org,2002:merge"
    return "tag:yaml.org,2002:value" if value == "=" else STR


# Alias expansion budget: a note may legitimately hold many tags, but a document
# that expands far beyond its own size is an attack, not a note.
EXPANSION_FACTOR = 20
EXPANSION_SLACK = 10_000


class ExpansionError(Exception):
    pass


def budget_for(text: str) -> list[int]:
    """The alias-expansion budget of a document: ``to_data`` spends one unit per node."""
    return [EXPANSION_FACTOR * len(text) + EXPANSION_SLACK]


def to_data(node: Any, budget: list[int]) -> Any:
    """Plain data from a composed node, spending one unit of ``budget`` per node."""
    budget[0] -= 1
    if budget[0] < 0:
        raise ExpansionError(_EXPANDS)
    return _value(node, budget)


_EXPANDS = "front matter expands to too many values (YAML aliases); refusing to expand it"


def _value(node: Any, budget: list[int]) -> Any:
    """``to_data`` of a node already paid for. A collection pays for all its items at once, and
    reads its text items (strings, dates) in the loop: a call per scalar was most of the cost."""
    kind = node.id
    if kind == "scalar":
        return scalar_value(node)
    items = node.value
    budget[0] -= len(items) if kind == "sequence" else 2 * len(items)
    if budget[0] < 0:
        raise ExpansionError(_EXPANDS)
    if kind == "sequence":
        return [
            item.value if item.id == "scalar" and (item.tag == STR or item.tag == TIMESTAMP) else _value(item, budget) for item in items
        ]
    result: dict[Any, Any] = {}
    for key_node, value_node in items:
        key = key_node.value if key_node.id == "scalar" and key_node.tag == STR else _value(key_node, budget)
        if isinstance(key, (list, dict)):
            key = str(key)
        tag = value_node.tag
        result[key] = value_node.value if (tag in (STR, TIMESTAMP)) and value_node.id == "scalar" else _value(value_node, budget)
    return result


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?\Z")


def scalar_value(node: Any) -> Any:
    """The plain value of a scalar node, by its resolved YAML tag.

    Timestamps stay strings (front matter dates are checked as text by the note
    schema); unknown tags such as ``!!python/object`` are read as their text.
    Integers other than decimal ones (``0x1F``, ``0o17``) stay strings too, as
    taglint has always read them.
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
