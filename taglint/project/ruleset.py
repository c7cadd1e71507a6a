"""Rule sets: the YAML files in ``rules/`` (required fields, severities, note schema, custom rules)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from taglint.files.read import inside
from taglint.project.located import DataFileErrors, Located, LocatedError, load_located, schema_errors
from taglint.project.patterns import pattern_problem
from taglint.project.schema import packaged_schema


@dataclass(frozen=True, slots=True)
class FieldCondition:
    name: str
    state: str  # present | missing | matches
    pattern: str | None = None


@dataclass(frozen=True, slots=True)
class CustomRule:
    id: str
    code: str
    message: str
    severity: str
    description: str
    any_tags: tuple[str, ...] = ()
    all_tags: tuple[str, ...] = ()
    none_tags: tuple[str, ...] = ()
    fields: tuple[FieldCondition, ...] = ()
    path: str | None = None
    require_fields: tuple[str, ...] = ()
    require_tags: tuple[str, ...] = ()
    forbid_tags: tuple[str, ...] = ()
    origin: str = ""  # file:line:col, for messages about the rule itself


@dataclass(frozen=True, slots=True)
class RuleSet:
    required_fields: tuple[str, ...] = ()
    severities: tuple[tuple[str, str], ...] = ()
    note_schema: dict[str, Any] | None = None
    custom: tuple[CustomRule, ...] = ()
    sources: tuple[str, ...] = ()

    def severity_overrides(self) -> dict[str, str]:
        return dict(self.severities)


EMPTY = RuleSet()


def rule_files(path: str) -> list[str]:
    """The rule-set files at ``path``: the file itself, or a directory's *.yaml/*.yml, sorted."""
    if os.path.isdir(path):
        return sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith((".yaml", ".yml")))
    return [path]


def load_ruleset(path: str, builtin_rules: frozenset[str], schema_root: str | None = None) -> RuleSet:
    """Load and merge every rule-set file at ``path``; raise DataFileErrors listing all problems.

    A ``note-schema`` file must resolve inside ``schema_root`` (the project) when one is given.
    """
    errors: list[LocatedError] = []
    required: list[str] = []
    severities: dict[str, str] = {}
    note_schema: dict[str, Any] | None = None
    schema_origin = ""
    custom: list[CustomRule] = []
    files = rule_files(path)
    schema_files: list[str] = []
    for file in files:
        try:
            with open(file, encoding="utf-8") as handle:
                doc = load_located(file, handle.read())
        except OSError as exc:
            errors.append(LocatedError(file, 1, 1, f"cannot read rule set: {exc.strerror}"))
            continue
        except DataFileErrors as exc:
            errors.extend(exc.errors)
            continue
        if doc.data is None:
            continue
        found = schema_errors(doc, packaged_schema("ruleset.schema.json"))
        if found:
            errors.extend(found)
            continue
        data = doc.data
        required.extend(f for f in data.get("required-fields", []) if f not in required)
        for name, level in (data.get("rules") or {}).items():
            if name not in builtin_rules:
                errors.append(
                    doc.error(["rules", name], f'unknown rule "{name}" (built-in rules: {", ".join(sorted(builtin_rules))})', key=True)
                )
            severities[name] = level
        if "note-schema" in data:
            if note_schema is not None:
                errors.append(doc.error(["note-schema"], f"a note schema is already set in {schema_origin}", key=True))
            else:
                note_schema = _note_schema(doc, data["note-schema"], errors, schema_root)
                if isinstance(data["note-schema"], str):
                    # Recorded so caches notice when the schema file changes.
                    schema_files.append(os.path.join(os.path.dirname(file), data["note-schema"]))
                schema_origin = file
        for index, spec in enumerate(data.get("custom", [])):
            rule = _custom_rule(doc, index, spec)
            clash = [r for r in custom if r.id == rule.id]
            if rule.id in builtin_rules or clash:
                errors.append(
                    doc.error(
                        ["custom", index, "id"],
                        f'custom rule id "{rule.id}" is already used' + (f" in {clash[0].origin}" if clash else " by a built-in rule"),
                    )
                )
            custom.append(rule)
            for condition in rule.fields:
                if condition.pattern is not None:
                    problem = pattern_problem(condition.pattern)
                    if problem:
                        errors.append(doc.error(["custom", index, "when", "fields", condition.name, "matches"], problem))
    if errors:
        raise DataFileErrors(errors)
    return RuleSet(tuple(required), tuple(severities.items()), note_schema, tuple(custom), tuple(files) + tuple(schema_files))


def _note_schema(doc: Located, value: Any, errors: list[LocatedError], schema_root: str | None) -> dict[str, Any] | None:
    from jsonschema import Draft202012Validator, SchemaError

    if isinstance(value, str):
        schema_path = os.path.join(os.path.dirname(doc.path), value)
        if schema_root is not None and not inside(os.path.realpath(schema_path), [schema_root]):
            errors.append(
                doc.error(
                    ["note-schema"],
                    f'note schema "{value}" lies outside the project ({schema_root}); a rule set may only name files inside it',
                )
            )
            return None
        try:
            with open(schema_path, encoding="utf-8") as handle:
                text = handle.read()
            schema = json.loads(text) if schema_path.endswith(".json") else load_located(schema_path, text).data
        except OSError as exc:
            errors.append(doc.error(["note-schema"], f"cannot read note schema {value!r}: {exc.strerror}"))
            return None
        except json.JSONDecodeError as exc:
            errors.append(LocatedError(schema_path, exc.lineno, exc.colno, f"note schema is not valid JSON: {exc.msg}"))
            return None
        except DataFileErrors as exc:
            errors.extend(exc.errors)
            return None
    else:
        schema = value
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        # Never exc.message: it quotes the offending value, and the file may hold anything (a token, a key).
        at = "/".join(map(str, exc.absolute_path)) or "its top level"
        errors.append(
            doc.error(["note-schema"], f"note schema is not a valid JSON Schema (at {at}: fails the meta-schema's {exc.validator!r} rule)")
        )
        return None
    from taglint.project.schemaguard import schema_problems

    found = list(schema_problems(schema))
    for where, message in found:
        # An inline schema is located at the key itself; a schema file at the note-schema line, naming the key.
        inline = not isinstance(value, str)
        errors.append(
            doc.error(
                ["note-schema", *where] if inline else ["note-schema"],
                message if inline else f"{value}: {'/'.join(map(str, where))}: {message}",
            )
        )
    return None if found else dict(schema)


def _custom_rule(doc: Located, index: int, spec: dict[str, Any]) -> CustomRule:
    when = spec.get("when") or {}
    tags = when.get("tags") or {}
    conditions = []
    for name, state in (when.get("fields") or {}).items():
        if isinstance(state, dict):
            conditions.append(FieldCondition(str(name), "matches", state["matches"]))
        else:
            conditions.append(FieldCondition(str(name), state))
    line, column = doc.where(["custom", index])
    return CustomRule(
        id=spec["id"],
        code=spec.get("code", spec["id"]),
        message=spec["message"],
        severity=spec.get("severity", "error"),
        description=spec.get("description", ""),
        any_tags=tuple(tags.get("any", ())),
        all_tags=tuple(tags.get("all", ())),
        none_tags=tuple(tags.get("none", ())),
        fields=tuple(conditions),
        path=when.get("path"),
        require_fields=tuple(spec.get("require-fields", ())),
        require_tags=tuple(spec.get("require-tags", ())),
        forbid_tags=tuple(spec.get("forbid-tags", ())),
        origin=f"{doc.path}:{line}:{column}",
    )
