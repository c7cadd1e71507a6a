"""JSON Schema validation with messages a person understands."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache, lru_cache
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


@cache
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

    return _re2_validator_class()(json.loads(schema_json), format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def _re2_validator_class() -> Any:
    """Draft 2020-12 with every regex keyword run on RE2 (``patterns``), never on Python's backtracking ``re``.

    ``unevaluatedProperties`` next to ``patternProperties`` would still reach
    ``re`` inside jsonschema; ``schemaguard`` refuses that pair in note schemas.
    """
    from jsonschema import Draft202012Validator, ValidationError, validators

    from taglint.project.patterns import search

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not search(patrn, instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    def pattern_properties(validator: Any, spec: dict[str, Any], instance: Any, schema: Any) -> Iterator[Any]:
        if not validator.is_type(instance, "object"):
            return
        for patrn, subschema in spec.items():
            for key, value in instance.items():
                if search(patrn, key):
                    yield from validator.descend(value, subschema, path=key, schema_path=patrn)

    def additional_properties(validator: Any, allowed: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not validator.is_type(instance, "object"):
            return
        known = schema.get("properties", {})
        patterns = list(schema.get("patternProperties", {}))
        extras = sorted((k for k in instance if k not in known and not any(search(p, k) for p in patterns)), key=str)
        if validator.is_type(allowed, "object"):
            for extra in extras:
                yield from validator.descend(instance[extra], allowed, path=extra)
        elif not allowed and extras:
            yield ValidationError(f"Additional properties are not allowed ({', '.join(map(repr, extras))} unexpected)")

    keywords = {"pattern": pattern, "patternProperties": pattern_properties, "additionalProperties": additional_properties}
    return validators.extend(Draft202012Validator, keywords)
