"""How each dialect reads tags: formats, keys, splitting, the inline grammar (taglint.parse.dialects).

The expected names are what each platform publishes, from its own code (see
parse/dialects.py); the TOML and JSON spans are held to tomllib's and json's reading.
"""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.parse import dialects, json_locate, toml_locate
from taglint.parse.notes import parse_note
from taglint.parse.other_syntax import render_other

FIELDS = ("tags", "tag", "categories", "category", "series")


def names(text: str, dialect: str, fields: tuple[str, ...] = FIELDS, inline: bool = False) -> list[str]:
    note = parse_note("n.md", text.encode("utf-8"), fields, inline, dialect)
    assert note.parsed, note.problems
    return [o.name for o in note.tags]


@pytest.mark.parametrize(
    ("dialect", "front", "expected"),
    [
        # Jekyll: singular keys never split; plural keys split on whitespace only, commas stay.
        ("jekyll", "tag: machine learning", ["machine learning"]),
        ("jekyll", "tags: ruby-on-rails, ubuntu", ["ruby-on-rails,", "ubuntu"]),
        ("jekyll", "categories: Big Cat", ["Big", "Cat"]),
        ("jekyll", "category: Small Cat", ["Small Cat"]),
        ("jekyll", "tags: [a b, c]", ["a b", "c"]),
        # Hugo: a string is one term; keys in any case.
        ("hugo", "tags: Data Carpentry", ["Data Carpentry"]),
        ("hugo", "Series: [Go, Rust]", ["Go", "Rust"]),
        ("hugo", "categories: a, b", ["a, b"]),
        # Obsidian: strings and list items split on commas and blanks, one leading "#" dropped, any key case.
        ("obsidian", 'tags: ["#NLP", b c]', ["NLP", "b", "c"]),
        ("obsidian", "Tags: a, b c", ["a", "b", "c"]),
        ("obsidian", 'tags: ["#", "", x]', ["x"]),
        # generic: today's convention (commas if any, else whitespace).
        ("generic", "tags: a, b c", ["a", "b c"]),
        ("generic", "tags: a b", ["a", "b"]),
        ("generic", "Tags: [a]", []),
    ],
)
def test_front_matter_tags_are_read_as_the_platform_reads_them(dialect: str, front: str, expected: list[str]) -> None:
    assert names(f"---\n{front}\n---\nbody\n", dialect) == expected


@pytest.mark.parametrize(
    ("dialect", "body", "expected"),
    [
        ("obsidian", "A #1984 and #y1984.\n", ["y1984"]),  # purely numeric is no tag (Obsidian's help page)
        ("obsidian", "Month #2023-10.\n", ["2023-10"]),  # a "-" is a character that is not a digit
        ("generic", "Month #2023-10.\n", []),
        ("obsidian", "Nested #project/alpha here.\n", ["project/alpha"]),
    ],
)
def test_inline_tags_follow_the_dialect_grammar(dialect: str, body: str, expected: list[str]) -> None:
    assert names(f"---\ntitle: t\n---\n{body}", dialect, inline=True) == expected


def test_toml_and_json_front_matter_are_read_only_in_the_hugo_dialect() -> None:
    toml = '+++\ntags = ["a"]\n+++\nbody\n'
    assert names(toml, "hugo") == ["a"]
    assert names(toml, "generic") == []


def test_a_front_matter_with_bare_cr_line_ends_is_read() -> None:
    note = parse_note("n.md", b"---\rtitle: x\rtags: [a, b]\r---\rbody\r", ("tags",))
    assert note.problems == ()
    assert [o.name for o in note.tags] == ["a", "b"]
    assert note.text[note.body_start :] == "body\r"


def test_a_block_item_written_hash_word_gets_a_message_naming_the_yaml_comment() -> None:
    note = parse_note("n.md", b"---\ntags:\n  - #para/x\n  - ok\n---\n", ("tags",), False, "obsidian")
    assert [o.name for o in note.tags] == ["ok"]
    (problem,) = note.problems
    assert '"#para/x" after "- " as a comment' in problem.message


TOML_DOCUMENTS = [
    'tags = ["a", \'b c\', "d\\"e"]\n',
    'tags = [\n  "a", # one\n  "b",\n]\ntitle = "x"\n',
    "tags = 'literal'\n[params]\ntags = [\"not top level\"]\n",
    'a.b = 1\ntags = ["x"]\ndate = 2017-01-01T09:00:00Z\nn = 1_000\n',
    'taglint = { ignore = ["unknown-tag"] }\ntags = []\n',
    'tags = """multi\nline"""\n',
]


@pytest.mark.parametrize("document", TOML_DOCUMENTS)
def test_located_toml_values_are_tomllibs(document: str) -> None:
    values, located = toml_locate.read(document)
    assert values == tomllib.loads(document)
    for key, ((start, end), node) in located.items():
        assert document[start:end].strip("\"'") == key
        if node.id == "scalar" and node.style in ('"', "'") and "\\" not in document[node.start_mark.index : node.end_mark.index]:
            assert document[node.start_mark.index + 1 : node.end_mark.index - 1] == values[key]


@pytest.mark.parametrize(
    "document",
    ['{"tags": ["a", "b\\u00e9"], "n": 1.5, "x": null}', '{\n  "Tags": ["a"],\n  "o": {"k": [1, 2]}\n}', "{}"],
)
def test_located_json_values_are_jsons(document: str) -> None:
    values, located = json_locate.read(document)
    assert values == json.loads(document)
    assert set(located) <= set(values)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8), max_size=5))
def test_every_toml_array_of_strings_is_located_item_by_item(items: list[str]) -> None:
    rendered = ", ".join(r for r in (render_other("toml", '"', item) for item in items) if r is not None)
    document = f"tags = [{rendered}]\n"
    values, located = toml_locate.read(document)
    _span, node = located["tags"]
    assert [item.value for item in node.value] == values["tags"] == items


@pytest.mark.parametrize("name", ["plain", "it's", 'say "hi"', "back\\slash", "tab\there", "é日本", "\x01"])
@pytest.mark.parametrize(("syntax", "quote"), [("toml", '"'), ("toml", "'"), ("json", '"')])
def test_a_name_written_into_toml_or_json_reads_back_exactly(syntax: str, quote: str, name: str) -> None:
    rendered = render_other(syntax, quote, name)
    assert rendered is not None
    read = json.loads(f"[{rendered}]") if syntax == "json" else tomllib.loads(f"x = [{rendered}]")["x"]
    assert read == [name]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Community Building", "community-building"),
        ("Community-Building", "community-building"),
        ("C++", "c++"),
        ("a  --  b", "a-b"),
        ("Go!", "go"),
    ],
)
def test_hugo_term_keys_follow_hugos_sanitize(name: str, key: str) -> None:
    assert dialects.hugo_term_key(name) == key
