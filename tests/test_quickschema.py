"""quickschema may only say "valid" when jsonschema agrees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.project.schema_subset import certainly_valid
from taglint.project.schema import validate

REPO = Path(__file__).resolve().parent.parent
NOTE_SCHEMA = json.loads((REPO / "rules" / "note.schema.json").read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(["", " ", "x", "2023-10-26", "2023-02-30", "2023-1-2", "2023-10-26T00:00", "https://a.b", "http:/x", "ftp://x", "NLP", "1"]),
    st.text(max_size=6),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)), max_leaves=6)
fronts = st.dictionaries(st.sampled_from(["title", "date", "url", "tags", "other"]), values, max_size=5)

EXTRA_SCHEMAS: list[dict[str, Any]] = [
    NOTE_SCHEMA,
    {"type": "object", "required": ["title"], "additionalProperties": False, "properties": {"title": {"type": "string"}, "tags": {"type": "array"}}},
    {"type": "object", "properties": {"tags": {"anyOf": [{"type": "array", "items": {"enum": ["NLP", 1, True]}}, {"const": "x"}]}}},
    {"type": "object", "properties": {"date": {"type": ["string", "null"], "maxLength": 10}, "url": {"allOf": [{"type": "string"}, {"minLength": 2}]}}},
    {"type": "object", "properties": {"tags": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}}},
]


@pytest.mark.parametrize("schema", EXTRA_SCHEMAS, ids=range(len(EXTRA_SCHEMAS)))
@given(instance=fronts)
def test_certainly_valid_implies_jsonschema_valid(schema: dict[str, Any], instance: dict[str, Any]) -> None:
    if certainly_valid(instance, schema):
        assert list(validate(instance, schema)) == []


def test_a_typical_note_is_certainly_valid() -> None:
    note = {"title": "A paper", "date": "2023-10-26", "url": "https://example.org/x", "tags": ["NLP"]}
    assert certainly_valid(note, NOTE_SCHEMA)


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
    assert not certainly_valid(note, NOTE_SCHEMA)
    assert list(validate(note, NOTE_SCHEMA)) != []


def test_unknown_keywords_defer_to_jsonschema() -> None:
    assert not certainly_valid({"a": 1}, {"type": "object", "patternProperties": {"^a": {"type": "string"}}})
    assert not certainly_valid({"a": 1}, {"$ref": "#/x"})
