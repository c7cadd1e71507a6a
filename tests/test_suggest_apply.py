"""Adding suggested tags to a note: every tag style, byte-exact elsewhere, verified like ``fix``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.checks.tagmodel.edits import CannotAdd
from taglint.files.text import decode
from taglint.parse.notes import parse_note
from taglint.tools.suggest.apply import add_tags

FIELDS = ("tags", "tag")

CASES = [
    ("flow", "---\ntitle: t\ntags: [A, B]\n---\nbody\n", "---\ntitle: t\ntags: [A, B, C, D]\n---\nbody\n"),
    ("flow, quoted", "---\ntags: [A, 'B']\n---\n", "---\ntags: [A, 'B', 'C', 'D']\n---\n"),  # like its last tag
    ("null written out", "---\ntags: null\n---\n", "---\ntags: [C, D]\n---\n"),
    ("block", "---\ntags:\n  - A  # why\nx: 1\n---\n", "---\ntags:\n  - A  # why\n  - C\n  - D\nx: 1\n---\n"),
    ("comma string", "---\ntags: A, B\n---\n", "---\ntags: A, B, C, D\n---\n"),
    ("space string", "---\ntags: A B\n---\n", "---\ntags: A B C D\n---\n"),
    ("empty flow list", "---\ntags: []\ntitle: t\n---\n", "---\ntags: [C, D]\ntitle: t\n---\n"),
    ("null", "---\ntags:\ntitle: t\n---\n", "---\ntags: [C, D]\ntitle: t\n---\n"),
    ("no tag field", "---\ntitle: t\n---\nbody\n", "---\ntitle: t\ntags: [C, D]\n---\nbody\n"),
    ("no front matter", "# Heading\n\ntext\n", "---\ntags: [C, D]\n---\n# Heading\n\ntext\n"),
    ("crlf", "---\r\ntitle: t\r\ntags:\r\n  - A\r\n---\r\n", "---\r\ntitle: t\r\ntags:\r\n  - A\r\n  - C\r\n  - D\r\n---\r\n"),
]


@pytest.mark.parametrize(("style", "before", "after"), CASES, ids=[c[0] for c in CASES])
def test_adds_in_the_notes_own_style(style: str, before: str, after: str) -> None:
    note = parse_note("n.md", before.encode(), FIELDS)
    assert add_tags(note, ["C", "D"], FIELDS).text == after


@pytest.mark.parametrize(("style", "before", "after"), CASES, ids=[c[0] for c in CASES])
def test_a_bom_survives(style: str, before: str, after: str) -> None:
    note = parse_note("n.md", b"\xef\xbb\xbf" + before.encode(), FIELDS)
    assert add_tags(note, ["C", "D"], FIELDS).source.encode() == b"\xef\xbb\xbf" + after.encode()


def test_a_name_yaml_would_misread_is_quoted() -> None:
    note = parse_note("n.md", b"---\ntitle: t\n---\n", FIELDS)
    after = add_tags(note, ["@Home", "Q&A: Dialogue"], FIELDS)
    assert [o.name for o in after.tags] == ["@Home", "Q&A: Dialogue"]


def test_a_name_with_a_space_cannot_go_into_a_space_separated_string() -> None:
    note = parse_note("n.md", b"---\ntags: A B\n---\n", FIELDS)
    with pytest.raises(CannotAdd):
        add_tags(note, ["Two Words"], FIELDS)


def test_a_mapping_tag_field_is_left_alone() -> None:
    note = parse_note("n.md", b"---\ntags: {a: b}\n---\n", FIELDS)
    with pytest.raises(CannotAdd):
        add_tags(note, ["C"], FIELDS)


def test_adding_reads_back_as_old_plus_new_tags() -> None:
    note = parse_note("n.md", b"---\ntags: [A]\n---\n", FIELDS)
    after = add_tags(note, ["B"], FIELDS)
    assert decode(after.source.encode()).text == "---\ntags: [A, B]\n---\n"
    assert [o.name for o in after.tags] == ["A", "B"]


_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(lambda n: n.strip() == n)
_STYLES = st.sampled_from(["flow", "block", "none", "comma"])


def _note_text(style: str, existing: list[str], body: str) -> str:
    if style == "flow":
        field = "tags: [" + ", ".join(existing) + "]\n"
    elif style == "block":
        field = "tags:\n" + "".join(f"  - {n}\n" for n in existing)
    elif style == "comma":
        field = "tags: " + ", ".join(existing) + "\n"
    else:
        field = ""
    return f"---\ntitle: t\n{field}---\n{body}"


@given(style=_STYLES, new=st.lists(_NAMES, min_size=1, max_size=3, unique=True), body=st.text(max_size=40))
def test_adding_any_names_keeps_the_rest_and_reads_back(style: str, new: list[str], body: str) -> None:
    before = parse_note("n.md", _note_text(style, ["Alpha", "Beta"], body).encode("utf-8", "surrogatepass"), FIELDS)
    if not before.parsed:
        return
    try:
        after = add_tags(before, new, FIELDS)
    except CannotAdd:
        return  # a name this style cannot hold is refused, never written wrong
    assert [o.name for o in after.tags] == [o.name for o in before.tags] + new
    assert after.text[after.body_start :] == before.text[before.body_start :]
    assert after.data()["title"] == "t"
