"""A quick "certainly valid" test for note front matter against a simple JSON Schema.

Validating every note with jsonschema costs more than reading it. Nearly all
notes are valid, so this module answers one question fast: is the instance
certainly valid? It knows a small subset of draft 2020-12 (type, properties,
additionalProperties, required, items, min/max items and length, pattern,
format date, enum, const, allOf/anyOf/oneOf). For anything else, or any doubt,
it answers False and the caller runs jsonschema, which then produces the
actual messages. So a wrong False only costs time; a True is tested against
jsonschema by a property test.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see fastpath)

if TYPE_CHECKING:
    from typing import Any

    from taglint.project.patterns import CompiledPattern

_ANNOTATIONS = frozenset(("$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"))
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class _Unknown(Exception):
    pass


def _regex(pattern: str) -> CompiledPattern:
    # RE2, as everywhere a rule set's pattern runs: linear time whatever the pattern.
    from taglint.project.patterns import compile_pattern

    return compile_pattern(pattern)


def _is_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "null":
        return value is None
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    raise _Unknown


def _valid(value: Any, schema: Any, root: Any = None) -> bool:
    if schema is True or schema == {}:
        return True
    if schema is False or not isinstance(schema, dict):
        raise _Unknown
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS or keyword == "$defs":
            continue
        if keyword == "$ref":
            if not isinstance(expected, str) or not expected.startswith("#/$defs/") or root is None:
                raise _Unknown
            target = root.get("$defs", {}).get(expected[len("#/$defs/") :])
            if target is None:
                raise _Unknown
            if not _valid(value, target, root):
                return False
            continue
        if keyword == "type":
            kinds = expected if isinstance(expected, list) else [expected]
            if not any(_is_type(value, k) for k in kinds):
                return False
        elif keyword == "properties":
            if isinstance(value, dict):
                for name, sub in expected.items():
                    if name in value and not _valid(value[name], sub, root):
                        return False
        elif keyword == "additionalProperties":
            if isinstance(value, dict) and expected is not True:
                known = schema.get("properties", {})
                if "patternProperties" in schema:
                    raise _Unknown
                for name, item in value.items():
                    if name not in known and (expected is False or not _valid(item, expected, root)):
                        return False
        elif keyword == "required":
            if isinstance(value, dict) and any(name not in value for name in expected):
                return False
        elif keyword == "items":
            if isinstance(value, list) and not all(_valid(item, expected, root) for item in value):
                return False
        elif keyword in ("minItems", "maxItems"):
            if isinstance(value, list) and (len(value) < expected if keyword == "minItems" else len(value) > expected):
                return False
        elif keyword in ("minLength", "maxLength"):
            if isinstance(value, str) and (len(value) < expected if keyword == "minLength" else len(value) > expected):
                return False
        elif keyword == "pattern":
            if isinstance(value, str) and _regex(expected).search(value) is None:
                return False
        elif keyword == "format":
            if expected != "date":
                raise _Unknown
            if isinstance(value, str):
                if not _DATE.match(value):
                    return False
                try:
                    datetime.date.fromisoformat(value)
                except ValueError:
                    return False
        elif keyword == "uniqueItems":
            if expected and isinstance(value, list):
                if not all(isinstance(item, str) for item in value):
                    raise _Unknown  # JSON equality of mixed items is jsonschema's business
                if len(set(value)) != len(value):
                    return False
        elif keyword == "minProperties":
            if isinstance(value, dict) and len(value) < expected:
                return False
        elif keyword == "enum":
            if not any(_same(value, option) for option in expected):
                return False
        elif keyword == "const":
            if not _same(value, expected):
                return False
        elif keyword == "allOf":
            if not all(_valid(value, sub, root) for sub in expected):
                return False
        elif keyword == "anyOf":
            if not any(_valid(value, sub, root) for sub in expected):
                return False
        elif keyword == "oneOf":
            if sum(1 for sub in expected if _valid(value, sub, root)) != 1:
                return False
        else:
            raise _Unknown
    return True


def _same(a: Any, b: Any) -> bool:
    # JSON equality: 1 == 1.0 but True != 1.
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        raise _Unknown
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if type(a) in (int, float) and type(b) in (int, float):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def certainly_valid(instance: Any, schema: Any) -> bool:
    """True only when ``instance`` is valid against ``schema``; False means "ask jsonschema"."""
    try:
        return _valid(instance, schema, schema)
    except (_Unknown, ValueError, TypeError, RecursionError):  # ValueError: a pattern RE2 refuses
        return False
