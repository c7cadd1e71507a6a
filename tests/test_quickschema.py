"""schema_fast (jsonschema-rs) may only say "valid" when jsonschema agrees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.project.schema import validate
from taglint.project.schema_fast import certainly_valid

REPO = Path(__file__).resolve().parent.parent
NOTE_SCHEMA = json.loads((REPO / "rules" / "note.schema.json").read_text(encoding="utf-8"))

# Characters on which ECMA-262 patterns (jsonschema-rs) and RE2 (jsonschema here) disagree, and neighbours.
DIVERGENT = ["\x0b", "\xa0", "\u3000", "\ufeff", "\u2028", "\x85", "\x1c", "١", "é", "É", "𝟘", "a\n", "\r"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(
        ["", " ", "x", "2023-10-26", "2023-02-30", "2023-1-2", "2023-10-26T00:00", "https://a.b", "http:/x", "ftp://x", "NLP", "1"]
    ),
    st.sampled_from(DIVERGENT),
    st.text(max_size=6),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)),
    max_leaves=6,
)
fronts = st.dictionaries(st.sampled_from(["title", "date", "url", "tags", "other"]), values, max_size=5)

EXTRA_SCHEMAS: list[dict[str, Any]] = [
    NOTE_SCHEMA,
    {
        "type": "object",
        "required": ["title"],
        "additionalProperties": False,
        "properties": {"title": {"type": "string"}, "tags": {"type": "array"}},
    },
    {"type": "object", "properties": {"tags": {"anyOf": [{"type": "array", "items": {"enum": ["NLP", 1, True]}}, {"const": "x"}]}}},
    {
        "type": "object",
        "properties": {"date": {"type": ["string", "null"], "maxLength": 10}, "url": {"allOf": [{"type": "string"}, {"minLength": 2}]}},
    },
    {"type": "object", "properties": {"tags": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}}},
    {"type": "object", "properties": {"title": {"pattern": "^\\s*\\S"}, "other": {"pattern": "^\\D*$"}, "url": {"pattern": "^[\\w\\s]*$"}}},
    {
        "type": "object",
        "properties": {"title": {"pattern": "^[^\\w]*$"}, "url": {"pattern": "^.+$"}},
        "patternProperties": {"^\\W": {"type": "null"}},
    },
    {"type": "object", "properties": {"title": {"pattern": "\\b"}, "url": {"format": "uri"}, "date": {"format": "date"}}},
    {"type": "object", "properties": {"title": {"pattern": "(?i)^nlp$"}, "tags": {"uniqueItems": True}, "other": {"pattern": "^\\pL+$"}}},
]


def source_of(instance: Any) -> str:
    """A stand-in for the YAML text: every string raw, escaped characters behind a backslash."""
    return json.dumps(instance, ensure_ascii=False)


@pytest.mark.parametrize("schema", EXTRA_SCHEMAS, ids=range(len(EXTRA_SCHEMAS)))
@given(instance=fronts)
def test_certainly_valid_implies_jsonschema_valid(schema: dict[str, Any], instance: dict[str, Any]) -> None:
    if certainly_valid(instance, schema, source_of(instance)):
        assert list(validate(instance, schema)) == []


def test_a_typical_note_is_certainly_valid() -> None:
    note = {"title": "A paper", "date": "2023-10-26", "url": "https://example.org/x", "tags": ["NLP"]}
    assert certainly_valid(note, NOTE_SCHEMA, source_of(note))


def test_a_note_in_japanese_is_certainly_valid_under_whitespace_patterns() -> None:
    note = {"title": "LoRA論文解説", "date": "2023-04-25", "url": "https://example.org/528", "tags": ["NLP"]}
    assert certainly_valid(note, NOTE_SCHEMA, source_of(note))


@pytest.mark.parametrize(
    "note",
    [
        {"title": "A", "date": "2023-02-30", "url": "https://x", "tags": ["NLP"]},
        {"title": "A", "date": "2023-10-26", "url": "ftp://x", "tags": ["NLP"]},
        {"title": "A", "date": "2023-10-26", "url": "https://x", "tags": []},
        {"title": "", "date": "2023-10-26", "url": "https://x", "tags": ["NLP"]},
    ],
)
def test_invalid_notes_are_not_certainly_valid(note: dict[str, Any]) -> None:
    assert not certainly_valid(note, NOTE_SCHEMA, source_of(note))
    assert list(validate(note, NOTE_SCHEMA)) != []


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"properties": {"a": {"pattern": "^\\s*$"}}}, {"a": "\u3000"}),  # whitespace for ECMA, not for RE2
        ({"properties": {"a": {"pattern": "^[\\w\\s]+$"}}}, {"a": "a\xa0b"}),
        ({"properties": {"a": {"pattern": "\\b"}}}, {"a": "É"}),  # a word boundary for jsonschema-rs only
    ],
)
def test_where_the_regex_engines_disagree_jsonschema_decides(schema: dict[str, Any], instance: dict[str, Any]) -> None:
    assert list(validate(instance, schema)) != []  # jsonschema: invalid, where jsonschema-rs says valid
    assert not certainly_valid(instance, schema, source_of(instance))


def test_the_same_patterns_on_plain_ascii_are_certainly_valid() -> None:
    instance = {"a": "abc"}
    assert certainly_valid(instance, {"properties": {"a": {"pattern": "\\b"}}}, source_of(instance))
    assert certainly_valid(instance, {"properties": {"a": {"pattern": "\\S"}}}, source_of(instance))


def test_ascii_classes_are_trusted_on_any_text() -> None:
    instance = {"a": "日本語 ١"}
    assert certainly_valid(instance, {"properties": {"a": {"pattern": "^\\D+$"}}}, source_of(instance))


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"a": {"format": "uri"}}},  # checked by jsonschema only with an optional package
        {"$ref": "https://example.invalid/schema.json"},  # never fetched
        {"properties": {"a": {"pattern": "^(?!x)"}}},  # a negative look-around
    ],
)
def test_schemas_jsonschema_rs_cannot_answer_for_defer_to_jsonschema(schema: dict[str, Any]) -> None:
    assert not certainly_valid({"a": "y"}, schema, "a: y\n")


def test_without_the_source_only_plain_schemas_are_answered() -> None:
    assert certainly_valid({"a": "y"}, {"properties": {"a": {"type": "string"}}})
    assert not certainly_valid({"a": "y"}, {"properties": {"a": {"pattern": "\\S"}}})


def test_values_json_cannot_hold_defer_to_jsonschema() -> None:
    assert not certainly_valid({1: "x"}, {"type": "object"})  # a YAML key that is a number
