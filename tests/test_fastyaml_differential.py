"""The fast front-matter reader must agree exactly with the ruamel.yaml path."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.parse import yaml_fast
from taglint.parse.notes import Note, parse_text
from taglint.files.text import SourceText

WORDS = [
    "NLP", "LanguageModel", "Selected Papers/Blogs", "PEFT(Adaptor/LoRA)", "Zero/Few/ManyShotPrompting",
    "yes", "No", "True", "false", "null", "~", "12", "012", "0x1F", "1.5", "1_000", "-x", "- x", "2023-10-26",
    "2023-1-2", "a: b", "a #b", "a#b", "x:", "日本語", "Test-time", "#hash", "@at", "`tick`", "[x]", "{y}",
    "it's", 'say "hi"', "back\\slash", "a, b", "a b c", "", " ", "-", ".inf", "+5", "?q", "%p", "&anchor", "*alias",
    "!tag", "|", ">", "tab\there",
]


SIMPLE = ["NLP", "LanguageModel", "Selected Papers/Blogs", "PEFT(Adaptor/LoRA)", "Test-time", "日本語", "a#b", "x y z", "2023-10-26", "12", "0", "True", "null"]


def scalar() -> st.SearchStrategy[str]:
    # Half the words are the everyday kind the fast path takes, so both paths get exercised.
    word = st.one_of(st.sampled_from(WORDS), st.sampled_from(SIMPLE))
    return st.one_of(
        word,
        word.map(lambda w: '"' + w + '"'),
        word.map(lambda w: "'" + w + "'"),
        word.map(lambda w: "'" + w.replace("'", "''") + "'"),
        word.map(lambda w: '"' + w.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    )


def value_lines() -> st.SearchStrategy[list[str]]:
    comment = st.sampled_from(["", "  # note", " #x", "#no-space"])
    flow = st.lists(scalar(), max_size=5).map(lambda items: "[" + ", ".join(items) + "]")
    inline = st.tuples(st.one_of(scalar(), flow, st.just("")), comment).map(lambda t: [(" " + t[0] if t[0] else "") + t[1]])
    indent = st.sampled_from(["", "  ", "    ", " "])
    block = st.tuples(indent, st.lists(st.tuples(scalar(), comment, st.sampled_from(["", "\n", "# c\n"])), min_size=1, max_size=5)).map(
        lambda t: [""] + [extra + f"{t[0]}- {item}{c}" for item, c, extra in t[1]]
    )
    return st.one_of(inline, block)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(["title", "date", "url", "tags", "tag", "kw", "x-y", "Tags", "a b", "1k"]), min_size=0, max_size=6))
    lines: list[str] = []
    for key in keys:
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# comment", "  # indented comment", "   "])))
        values = draw(value_lines())
        lines.append(key + ":" + values[0])
        lines.extend(values[1:])
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    body = newline.join("\n".join(lines).split("\n"))
    return "---" + newline + body + (newline if body else "") + "---" + newline + "Body #tag text" + newline


def comparable(note: Note) -> tuple[object, ...]:
    fields = {k: (f.key_span, f.value_span, f.value) for k, f in note.fields.items()}
    return (fields, note.tags, note.problems, note.body_start, note.yaml_span)


@given(front_matter())
def test_fast_and_full_readers_agree(text: str) -> None:
    source = SourceText(text, False)
    fields = ("tags", "tag", "kw")
    fast = parse_text("n.md", source, fields, inline_tags=True, use_fast_path=True)
    full = parse_text("n.md", source, fields, inline_tags=True, use_fast_path=False)
    assert comparable(fast) == comparable(full)


@pytest.mark.parametrize(
    "yaml_text",
    [
        "title: A paper\ndate: 2023-10-26\nurl: https://example.org/x\ntags: [NLP, LanguageModel]\n",
        'title: "A: paper"\ntags:\n  - NLP\n  - "Selected Papers/Blogs"\n',
        "title: 'Quoted'\ntags: NLP, LanguageModel  # comment\n",
        "# comment\ntags:\n- NLP\n\n- LanguageModel\n",
        "title: x\r\ntags: [a, b]\r\n",
        "tags:\n",
    ],
)
def test_common_front_matter_takes_the_fast_path(yaml_text: str) -> None:
    assert yaml_fast.read_fields(yaml_text, 4) is not None


@pytest.mark.parametrize(
    "yaml_text",
    [
        "a: &x [1]\nb: *x\n",
        "a: !!python/object x\n",
        "a:\n  b: c\n",
        "a: |\n  text\n",
        'a: "esc\\"aped"\n',
        "a: 'it''s'\n",
        "a: 1.5\n",
        "a: x\na: y\n",
        "a: multi\n  line\n",
        "a:\tb\n",
    ],
)
def test_anything_unusual_falls_back(yaml_text: str) -> None:
    assert yaml_fast.read_fields(yaml_text, 0) is None
