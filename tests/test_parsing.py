"""Note parsing: front-matter discovery, fields, problems, decoding, positions."""

from __future__ import annotations

import pytest

from taglint.files.text import LineIndex
from taglint.model import Span
from taglint.parse.notes import Note, parse_note


def parse(text: str, **kwargs: object) -> Note:
    return parse_note("n.md", text.encode("utf-8"), **kwargs)  # type: ignore[arg-type]


def position(note: Note, offset: int) -> tuple[int, int]:
    return LineIndex(note.text).position(offset)


def names(note: Note) -> list[str]:
    return [occ.name for occ in note.tags]


# --- notes with and without front matter -------------------------------------------------


def test_note_without_front_matter_has_no_fields_and_no_tags() -> None:
    note = parse("# Title\n\ntags: [NLP]\n")
    assert not note.has_front_matter
    assert note.fields == {}
    assert note.tags == ()
    assert note.problems == ()
    assert note.parsed


def test_empty_note_parses() -> None:
    note = parse("")
    assert not note.has_front_matter
    assert note.tags == () and note.problems == ()


def test_empty_front_matter_is_front_matter_without_fields() -> None:
    note = parse("---\n---\nbody\n")
    assert note.has_front_matter
    assert note.fields == {}
    assert note.problems == ()
    assert note.text[note.body_start :] == "body\n"


def test_front_matter_of_only_comments_is_empty() -> None:
    note = parse("---\n# nothing here\n---\n")
    assert note.has_front_matter and note.fields == {} and note.problems == ()


def test_front_matter_must_start_on_the_first_line() -> None:
    note = parse("\n---\ntags: [NLP]\n---\n")
    assert not note.has_front_matter
    assert note.tags == ()


@pytest.mark.parametrize("closing", ["---", "...", "---   "])
def test_closing_fence_variants(closing: str) -> None:
    note = parse(f"---\ntags: [NLP]\n{closing}\nbody\n")
    assert names(note) == ["NLP"]
    assert note.text[note.body_start :] == "body\n"


def test_front_matter_closing_at_end_of_file_without_newline() -> None:
    note = parse("---\ntags: [NLP]\n---")
    assert names(note) == ["NLP"]
    assert note.problems == ()


def test_fields_keep_values_and_spans() -> None:
    text = "---\ntitle: Attention\ndate: 2017-06-12\ncount: 3\ntags: [NLP]\n---\n"
    note = parse(text)
    assert note.data() == {"title": "Attention", "date": "2017-06-12", "count": 3, "tags": ["NLP"]}
    title = note.fields["title"]
    assert text[title.key_span.start : title.key_span.end] == "title"
    assert text[title.value_span.start : title.value_span.end] == "Attention"
    assert position(note, title.key_span.start) == (2, 1)


def test_dates_stay_strings() -> None:
    # Timestamps are checked as text by the note schema, never turned into datetime objects.
    assert parse("---\ndate: 2023-10-26\n---\n").data()["date"] == "2023-10-26"


def test_python_tags_are_never_constructed() -> None:
    note = parse("---\nx: !!python/object/apply:os.system ['echo hi']\ntags: [NLP]\n---\n")
    assert names(note) == ["NLP"]


# --- tag fields -------------------------------------------------------------------------------


def test_default_tag_fields_are_tags_and_tag() -> None:
    note = parse("---\ntags: [NLP]\ntag: LanguageModel\ncategories: [Other]\n---\n")
    assert names(note) == ["NLP", "LanguageModel"]
    assert [occ.field for occ in note.tags] == ["tags", "tag"]


def test_configured_tag_fields_replace_the_default() -> None:
    note = parse("---\ntags: [NLP]\nkeywords: [Other, More]\n---\n", tag_fields=("keywords",))
    assert names(note) == ["Other", "More"]


@pytest.mark.parametrize("value", ["", " ~", " null", " []"])
def test_empty_tag_field_has_no_tags_and_no_problem(value: str) -> None:
    note = parse(f"---\ntags:{value}\n---\n")
    assert note.tags == () and note.problems == ()


def test_tags_mapping_is_an_invalid_field_at_the_value() -> None:
    note = parse("---\ntags: {a: 1}\n---\n")
    (problem,) = note.problems
    assert problem.rule == "invalid-field"
    assert "mapping" in problem.message
    assert position(note, problem.span.start) == (2, 7)
    assert note.parsed  # other rules still run


def test_empty_and_nested_items_are_invalid_fields_and_other_items_remain() -> None:
    note = parse("---\ntags:\n  - NLP\n  -\n  - [x]\n---\n")
    assert names(note) == ["NLP"]
    messages = [(p.rule, p.message, position(note, p.span.start)) for p in note.problems]
    assert messages == [
        ("invalid-field", '"tags" item 2 is empty; expected a tag name', (4, 4)),
        ("invalid-field", '"tags" item 3 is a list; expected a tag name', (5, 5)),
    ]


def test_non_string_scalars_are_read_as_written() -> None:
    note = parse("---\ntags: [2023, true, 1.0]\n---\n")
    assert names(note) == ["2023", "true", "1.0"]


def test_tags_through_a_yaml_alias_are_read_but_not_editable() -> None:
    note = parse("---\nx: &A [NLP, LanguageModel]\ntags: *A\n---\n")
    assert names(note) == ["NLP", "LanguageModel"]
    assert all(not occ.editable and occ.removal is None for occ in note.tags)


# --- parse errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("---\ntitle: a: b\n---\n", "front matter is not valid YAML: mapping values are not allowed here", (2, 9)),
        ("---\ntags: [a, , b]\n---\n", "front matter is not valid YAML: did not find expected node content", (2, 11)),
        ("---\ntags: [NLP]\nbody without a closing fence\n", "front matter opened on line 1 is never closed with '---'", (1, 1)),
        ("---\n- a\n- b\n---\n", "front matter is a list, not a mapping of fields", (2, 1)),
        ("---\njust text\n---\n", "front matter is a single value, not a mapping of fields", (2, 1)),
        ("---\ntags: [a]\ntitle: t\ntags: [b]\n---\n", 'duplicate key "tags" in front matter (first on line 2)', (4, 1)),
    ],
)
def test_parse_errors_are_located(text: str, message: str, where: tuple[int, int]) -> None:
    note = parse(text)
    assert not note.parsed
    (problem,) = [p for p in note.problems if p.rule == "parse-error"]
    assert problem.message == message
    assert position(note, problem.span.start) == where


def test_yaml_error_position_counts_characters_after_bom_and_crlf() -> None:
    note = parse_note("n.md", "\ufeff---\r\ntitle: ü\r\nbad: a: b\r\n---\r\n".encode())
    (problem,) = note.problems
    assert position(note, problem.span.start) == (3, 7)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfe-\x00-\x00", "UTF-16"),
        (b"---\ntags: [a]\n---\n\x00\x01", "binary"),
        (b"---\ntags: [caf\xe9]\n---\n", "not valid UTF-8 (byte 0xe9 at offset 14)"),
        (b"\xef\xbb\xbf---\n\xff", "not valid UTF-8 (byte 0xff at offset 7)"),
    ],
)
def test_undecodable_files_are_parse_errors(data: bytes, fragment: str) -> None:
    note = parse_note("n.md", data)
    (problem,) = note.problems
    assert problem.rule == "parse-error"
    assert fragment in problem.message
    assert not note.parsed


# --- BOM, CRLF and character offsets ----------------------------------------------------------


def test_bom_is_set_aside_and_spans_index_the_decoded_text() -> None:
    note = parse_note("n.md", b"\xef\xbb\xbf---\ntags: [NLP, LanguageModel]\n---\n")
    assert note.source.bom
    assert note.text.startswith("---")
    occ = note.tags[1]
    assert note.text[occ.span.start : occ.span.end] == "LanguageModel"
    assert position(note, occ.span.start) == (2, 13)


def test_bom_and_crlf_lines_and_columns() -> None:
    data = "\ufeff---\r\ntitle: x\r\ntags:\r\n  - NLP\r\n  - LanguageModel\r\n---\r\nbody\r\n".encode()
    note = parse_note("n.md", data)
    assert note.problems == ()
    assert [(occ.name, position(note, occ.span.start)) for occ in note.tags] == [("NLP", (4, 5)), ("LanguageModel", (5, 5))]
    assert note.text[note.body_start :] == "body\r\n"


def test_spans_are_character_offsets_not_bytes() -> None:
    text = "---\ntitle: Über die Straße 🎉\ntags: [Straße, NLP]\n---\n"
    note = parse(text)
    first, second = note.tags
    assert text[first.span.start : first.span.end] == "Straße"
    assert text[second.span.start : second.span.end] == "NLP"
    assert position(note, second.span.start) == (3, 16)


def test_note_encode_restores_the_bytes() -> None:
    data = "\ufeff---\r\ntags: [NLP]\r\n---\r\n".encode()
    note = parse_note("n.md", data)
    assert note.source.encode() == data


def test_span_rejects_negative_and_reversed_ranges() -> None:
    with pytest.raises(ValueError):
        Span(3, 2)
    with pytest.raises(ValueError):
        Span(-1, 2)
