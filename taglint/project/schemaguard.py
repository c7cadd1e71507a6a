"""A note schema (JSON Schema from a rule set) is data: no remote references, no dangerous patterns.

jsonschema would resolve a ``$ref`` to another document (taglint never
fetches anything, so that fails on every note); every ``pattern`` /
``patternProperties`` regex runs on RE2 (``patterns``), so one RE2 cannot
run is refused. Both are reported when the rule set loads, at the offending key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from taglint.project.patterns import pattern_problem


def schema_problems(schema: Any, path: tuple[Any, ...] = (), root: Any = None) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(JSON path inside the schema, message) for every remote or dangling reference and unacceptable pattern."""
    root = schema if root is None else root
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from schema_problems(item, (*path, index), root)
        return
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        here = (*path, key)
        if key in ("$ref", "$dynamicRef") and isinstance(value, str) and not value.startswith("#"):
            yield here, f"note schema refers to {value!r}; only references inside the schema (#/...) are allowed, taglint never fetches"
        elif key in ("$ref", "$dynamicRef") and isinstance(value, str) and not _resolves(root, value):
            # Left to jsonschema, a dangling reference fails on every note instead of once, here.
            yield here, f"note schema refers to {value!r}, which is not in the schema"
        elif key == "pattern" and isinstance(value, str):
            problem = pattern_problem(value)
            if problem:
                yield here, f"note schema: {problem}"
        elif key == "patternProperties" and isinstance(value, dict):
            for name in value:
                problem = pattern_problem(str(name))
                if problem:
                    yield (*here, name), f"note schema: {problem}"
        elif key == "unevaluatedProperties" and "patternProperties" in schema:
            yield (
                here,
                "note schema: unevaluatedProperties beside patternProperties is not supported (jsonschema would run those patterns with a backtracking engine); use additionalProperties",
            )
        if key not in ("enum", "const", "examples", "default"):  # those hold data, not subschemas
            yield from schema_problems(value, here, root)


def _resolves(root: Any, reference: str) -> bool:
    """Whether a local reference (``#``, ``#/json/pointer``, ``#anchor``) names a part of ``root``."""
    fragment = unquote(reference[1:])
    if not fragment.startswith("/"):
        return fragment == "" or fragment in set(_anchors(root))
    node = root
    for token in fragment[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def _anchors(schema: Any) -> Iterator[str]:
    if isinstance(schema, list):
        for item in schema:
            yield from _anchors(item)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("$anchor", "$dynamicAnchor") and isinstance(value, str):
                yield value
            elif key not in ("enum", "const", "examples", "default"):
                yield from _anchors(value)
