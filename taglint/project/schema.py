"""JSON Schema validation with messages a person understands."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


@lru_cache(maxsize=None)
def packaged_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``taglint/schemas``."""
    # A plain file next to this module in every usual install; importlib.resources (which
    # also reads from zip archives) costs a run ~5 ms of imports, so it is only the fallback.
    try:
        with open(os.path.join(os.path.dirname(__file__), "schemas", name), encoding="utf-8") as handle:
            loaded: dict[str, Any] = json.load(handle)
    except FileNotFoundError:
        from importlib import resources

        with resources.files("taglint.schemas").joinpath(name).open("r", encoding="utf-8") as handle:
            loaded = json.load(handle)
    return loaded


def describe_type(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string"


def field_path(path: Any) -> str:
    """``['tags', 2]`` -> ``tags[2]``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def humanize(error: Any) -> str:
    """One sentence for a jsonschema ValidationError."""
    where = field_path(error.absolute_path)
    validator, expected, instance = error.validator, error.validator_value, error.instance
    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(allowed)) if isinstance(instance, dict) else []
        names = ", ".join(f'"{k}"' for k in extra)
        hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return f"unknown key {names}{hint}" if where == "(top level)" else f"{where}: unknown key {names}{hint}"
    if validator == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
        return f"{where} must be {wanted}, not {describe_type(instance)}"
    if validator == "required":
        missing = [k for k in expected if isinstance(instance, dict) and k not in instance]
        return f"{where}: missing required key " + ", ".join(f'"{k}"' for k in missing)
    if validator == "minItems":
        return f"{where} must not be empty" if expected == 1 else f"{where} needs at least {expected} items"
    if validator == "minLength":
        return f"{where} must not be empty"
    if validator == "pattern":
        return f"{where} is {json.dumps(instance, ensure_ascii=False)}, which does not match the pattern {expected}"
    if validator == "format":
        return f"{where} is {json.dumps(instance, ensure_ascii=False)}, which is not a valid {expected}"
    if validator in ("enum", "const"):
        options = expected if validator == "enum" else [expected]
        return f"{where} must be one of {', '.join(json.dumps(o) for o in options)}"
    if validator == "uniqueItems":
        return f"{where} lists the same item twice"
    if validator in ("anyOf", "oneOf") and all(isinstance(s, dict) and list(s) == ["required"] for s in expected):
        # The schema's way of saying "at least one of these keys" (a custom rule's actions).
        return f"{where} needs one of " + ", ".join(f'"{k}"' for s in expected for k in s["required"])
    if validator in ("anyOf", "oneOf"):
        return f"{where} is {describe_type(instance)} that matches none of the allowed forms"
    return f"{where}: {error.message}"


def validate(instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    """Yield jsonschema errors, ordered by position in the document."""
    validator = _validator_for(json.dumps(schema, sort_keys=True))
    yield from sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])


@lru_cache(maxsize=32)
def _validator_for(schema_json: str) -> Any:
    """One compiled validator per distinct schema: building one costs far more than a validation."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_json), format_checker=Draft202012Validator.FORMAT_CHECKER)
