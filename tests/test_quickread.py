"""The values-only reader must read what the full check reads: its regex reader wherever it answers, libyaml always."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel_reference import typed
from test_yaml_reader_differential import front_matter

from taglint.files.read import MAX_FRONT_MATTER_CHARS
from taglint.files.text import SourceText
from taglint.parse import yaml_values
from taglint.parse.notes import parse_text

ODD = ["\x85", "\u2028", "\ufeff", "\t", "\r", "\x7f", "\u3000", "\x00", "a: b", " #", "---", "...", "[", "]", ",", "'", '"']


def located_values(text: str) -> dict[str, object] | None:
    """What the full check reads from the same text (None: no front matter or a parse error)."""
    note = parse_text("n.md", SourceText(text, False))
    if not note.has_front_matter or any(p.rule == "parse-error" for p in note.problems):
        return None
    return note.data()


def check_agrees(text: str) -> None:
    located = located_values(text)
    assert typed(yaml_values.composed_values(text)) == typed(located)
    quick = yaml_values.plain_values(text)
    if quick is not None:
        assert typed(quick) == typed(located)
        # The regex reader's lists hold non-empty strings only.
        lists = [v for v in quick.values() if isinstance(v, list)]
        assert all(isinstance(item, str) and item for items in lists for item in items)


@given(front_matter())
def test_quick_values_equal_the_located_reader(text: str) -> None:
    check_agrees(text)


@given(front_matter(), st.sampled_from(ODD), st.integers(min_value=0, max_value=400))
def test_odd_characters_anywhere_never_make_a_different_reading(text: str, odd: str, at: int) -> None:
    at = min(at, len(text))
    check_agrees(text[:at] + odd + text[at:])


@pytest.mark.parametrize(
    ("front", "values"),
    [
        (
            "title: A paper\ndate: 2023-10-26\nurl: https://example.org/x#y\ntags: [NLP, LanguageModel]\n",
            {"title": "A paper", "date": "2023-10-26", "url": "https://example.org/x#y", "tags": ["NLP", "LanguageModel"]},
        ),
        (
            'title: "A: paper"\ntags:\n  - NLP\n  - "Selected Papers/Blogs"\n',
            {"title": "A: paper", "tags": ["NLP", "Selected Papers/Blogs"]},
        ),
        ("title: 'Quoted'  # c\ntags: NLP, LanguageModel  # comment\n", {"title": "Quoted", "tags": "NLP, LanguageModel"}),
        ("# comment\ntags:\n- NLP\n\n- LanguageModel\n", {"tags": ["NLP", "LanguageModel"]}),
        ("title: x\r\ntags: ['a', \"b\"]\r\n", {"title": "x", "tags": ["a", "b"]}),
        (
            "tags:\ndraft: false\ncount: 3\nnothing: null\nempty: []\n",
            {"tags": None, "draft": False, "count": 3, "nothing": None, "empty": []},
        ),
        ("", {}),
    ],
)
def test_common_front_matter_is_read(front: str, values: dict[str, object]) -> None:
    text = f"---\n{front}---\nBody\n"
    assert yaml_values.plain_values(text) == values
    assert located_values(text) == values


@pytest.mark.parametrize(
    "front",
    [
        "a: x\na: y\n",  # duplicate key
        "a:\n  b: c\n",  # nesting
        "a: multi\n  line\n",  # continuation
        "tags:\n  - a\n    - b\n",  # uneven indent
        "tags: [a, ]\n",  # trailing comma
        "tags: [1, 2]\n",  # numbers are not tag names
        "tags:\n  - true\n",  # nor booleans
        "tags: ['']\n",  # nor empty strings
        "a: 1.5\n",  # floats go the long way
        "a: ~\n",
        "a: 'it''s'\n",
        'a: "esc\\"aped"\n',
        "a:\tb\n",
        "a: x\u2028b: y\n",  # a YAML line break inside a line
        "title: x\n...\n",  # a document end before the fence
        "----\n",
        "a: b: c\n",
        "- a\n",  # an item with no key
        "a: >-\n  folded\n",  # block scalars, flow mappings: libyaml's to read
        "a: |\n  literal\n",
        "a: {b: c}\n",
    ],
)
def test_anything_unusual_is_refused(front: str) -> None:
    assert yaml_values.plain_values(f"---\n{front}---\n") is None


def test_no_closing_fence_is_refused() -> None:
    assert yaml_values.read_values("---\ntitle: x\n") is None


def test_front_matter_over_the_size_limit_is_left_to_the_full_reader() -> None:
    lines = [f"k{i}: " + "x" * 70 + "\n" for i in range(MAX_FRONT_MATTER_CHARS // 70 + 2)]
    assert yaml_values.read_values("---\n" + "".join(lines) + "---\n") is None
    assert yaml_values.plain_values("---\n" + "".join(lines[:60]) + "---\n") is not None


@pytest.mark.parametrize(
    ("front", "values"),
    [
        (
            "image: &c\n  path: /a.jpg\n  size: {w: 1}\ncover: *c\n",
            {"image": {"path": "/a.jpg", "size": {"w": 1}}, "cover": {"path": "/a.jpg", "size": {"w": 1}}},
        ),
        ("excerpt: >-\n  a\n  b\nrating: 4.5\ndraft: no\n", {"excerpt": "a b", "rating": 4.5, "draft": "no"}),
    ],
)
def test_any_other_front_matter_is_read_by_libyaml(front: str, values: dict[str, object]) -> None:
    text = f"---\n{front}---\nBody\n"
    assert yaml_values.plain_values(text) is None
    assert yaml_values.read_values(text) == values == located_values(text)


@pytest.mark.parametrize("front", ["a: x\na: y\n", "[a]: 1\n", "- a\n", "a: [b\n", "a: *nowhere\n"])
def test_front_matter_with_a_parse_error_has_no_values(front: str) -> None:
    assert yaml_values.read_values(f"---\n{front}---\n") is None
