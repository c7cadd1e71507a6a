"""Every tag style: names, exact raw spans, and clean removal of each occurrence."""

from __future__ import annotations

import pytest
import yaml

from taglint.files.text import LineIndex
from taglint.model import Edit, TagStyle
from taglint.parse.notes import Note, parse_note
from taglint.rewrite.edits import apply_edits

F, B, S, I = TagStyle.FLOW, TagStyle.BLOCK, TagStyle.STRING, TagStyle.INLINE


def parse(text: str, inline_tags: bool = False) -> Note:
    return parse_note("n.md", text.encode("utf-8"), inline_tags=inline_tags)


def raw(note: Note) -> list[str]:
    return [note.text[o.span.start : o.span.end] for o in note.tags]


# (id, note text, names, raw tokens, style)
STYLES = [
    ("flow", "---\ntags: [NLP, LanguageModel]\n---\n", ["NLP", "LanguageModel"], ["NLP", "LanguageModel"], F),
    (
        "flow-tight",
        "---\ntags: [NLP,LanguageModel,MultiModal]\n---\n",
        ["NLP", "LanguageModel", "MultiModal"],
        ["NLP", "LanguageModel", "MultiModal"],
        F,
    ),
    (
        "flow-quoted",
        "---\ntags: [NLP, \"Selected Papers/Blogs\", 'PEFT(Adaptor/LoRA)']\n---\n",
        ["NLP", "Selected Papers/Blogs", "PEFT(Adaptor/LoRA)"],
        ["NLP", '"Selected Papers/Blogs"', "'PEFT(Adaptor/LoRA)'"],
        F,
    ),
    (
        "flow-multiline",
        "---\ntags: [NLP,\n  LanguageModel,\n  MultiModal]\n---\n",
        ["NLP", "LanguageModel", "MultiModal"],
        ["NLP", "LanguageModel", "MultiModal"],
        F,
    ),
    ("flow-trailing-comma", "---\ntags: [NLP, LanguageModel,]\n---\n", ["NLP", "LanguageModel"], ["NLP", "LanguageModel"], F),
    ("flow-single", "---\ntags: [NLP]\ntitle: t\n---\n", ["NLP"], ["NLP"], F),
    ("block", "---\ntags:\n  - NLP\n  - LanguageModel\n---\n", ["NLP", "LanguageModel"], ["NLP", "LanguageModel"], B),
    ("block-unindented", "---\ntags:\n- NLP\n- LanguageModel\ntitle: t\n---\n", ["NLP", "LanguageModel"], ["NLP", "LanguageModel"], B),
    (
        "block-comments",
        "---\ntags:\n  - NLP  # the field\n  - LanguageModel # why\n  # a comment line\n  - MultiModal\n---\n",
        ["NLP", "LanguageModel", "MultiModal"],
        ["NLP", "LanguageModel", "MultiModal"],
        B,
    ),
    (
        "block-quoted",
        "---\ntags:\n  - \"Selected Papers/Blogs\"\n  - 'PEFT(Adaptor/LoRA)'\n  - NLP\n---\n",
        ["Selected Papers/Blogs", "PEFT(Adaptor/LoRA)", "NLP"],
        ['"Selected Papers/Blogs"', "'PEFT(Adaptor/LoRA)'", "NLP"],
        B,
    ),
    ("one-string", "---\ntags: NLP\n---\n", ["NLP"], ["NLP"], S),
    ("tag-field", "---\ntag: LanguageModel\n---\n", ["LanguageModel"], ["LanguageModel"], S),
    (
        "comma-string",
        "---\ntags: NLP, Selected Papers/Blogs,LanguageModel\n---\n",
        ["NLP", "Selected Papers/Blogs", "LanguageModel"],
        ["NLP", "Selected Papers/Blogs", "LanguageModel"],
        S,
    ),
    (
        "comma-string-quoted",
        '---\ntags: "NLP, Selected Papers, LanguageModel"\n---\n',
        ["NLP", "Selected Papers", "LanguageModel"],
        ["NLP", "Selected Papers", "LanguageModel"],
        S,
    ),
    ("comma-string-single-quoted", "---\ntags: 'NLP,LanguageModel'\n---\n", ["NLP", "LanguageModel"], ["NLP", "LanguageModel"], S),
    (
        "space-string",
        "---\ntags: NLP LanguageModel  MultiModal\n---\n",
        ["NLP", "LanguageModel", "MultiModal"],
        ["NLP", "LanguageModel", "MultiModal"],
        S,
    ),
    ("space-string-quoted", '---\ntags: "NLP LanguageModel"\n---\n', ["NLP", "LanguageModel"], ["NLP", "LanguageModel"], S),
]


@pytest.mark.parametrize(("text", "expected_names", "tokens", "style"), [c[1:] for c in STYLES], ids=[c[0] for c in STYLES])
def test_names_spans_and_style(text: str, expected_names: list[str], tokens: list[str], style: TagStyle) -> None:
    note = parse(text)
    assert note.problems == ()
    assert [o.name for o in note.tags] == expected_names
    assert raw(note) == tokens
    assert {o.style for o in note.tags} == {style}
    assert all(o.editable for o in note.tags)


@pytest.mark.parametrize(
    ("text", "expected_names"),
    [(c[1], c[2]) for c in STYLES if len(c[2]) > 1 or c[4] is not S],
    ids=[c[0] for c in STYLES if len(c[2]) > 1 or c[4] is not S],
)
def test_each_removal_drops_exactly_that_item_and_keeps_valid_yaml(text: str, expected_names: list[str]) -> None:
    note = parse(text)
    for index, occ in enumerate(note.tags):
        assert occ.removal is not None, occ
        after = apply_edits(text, [Edit(occ.removal, "")])
        again = parse(after)
        assert again.problems == (), after
        assert [o.name for o in again.tags] == expected_names[:index] + expected_names[index + 1 :], after
        front = after.split("---\n")[1]
        yaml.safe_load(front)  # any YAML reader still accepts it
        # Only the removed characters changed: the text before and after the span is kept.
        assert after == text[: occ.removal.start] + text[occ.removal.end :]


def test_single_string_tag_cannot_be_removed_in_place() -> None:
    (occ,) = parse("---\ntags: NLP\n---\n").tags
    assert occ.removal is None


@pytest.mark.parametrize(
    ("text", "removable"),
    [
        ("---\ntags: NLP, Selected Papers\n---\n", [False, True]),
        ("---\ntags: Selected Papers, NLP\n---\n", [True, False]),
        ("---\ntags: NLP, LanguageModel\n---\n", [True, True]),
        ("---\ntags: 'A B, C D'\n---\n", [False, False]),
    ],
)
def test_comma_string_removal_never_leaves_a_string_that_splits_on_spaces(text: str, removable: list[bool]) -> None:
    # "NLP, Selected Papers" minus "NLP" would read as two tags "Selected" and "Papers".
    note = parse(text)
    assert [o.removal is not None for o in note.tags] == removable
    for occ in note.tags:
        if occ.removal is not None:
            again = parse(apply_edits(text, [Edit(occ.removal, "")]))
            assert len(again.tags) == 1 and again.tags[0].name in {o.name for o in note.tags}


def test_block_removal_takes_the_whole_line() -> None:
    text = "---\ntags:\n  - NLP\n  - LanguageModel\n---\n"
    occ = parse(text).tags[0]
    assert occ.removal is not None
    assert text[occ.removal.start : occ.removal.end] == "  - NLP\n"


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # The README promises comments survive a fix: the item goes, its comment stays at the item's indentation.
        ("---\ntags:\n  - NLP\n  - NLP  # keep this comment?\n---\n", "---\ntags:\n  - NLP\n  # keep this comment?\n---\n"),
        ("---\ntags:\n- NLP\n- NLP # at column 0\r\ntitle: t\n---\n", "---\ntags:\n- NLP\n# at column 0\r\ntitle: t\n---\n"),
        ("---\ntags: [\n    NLP,\n    NLP,   # the same again\n]\n---\n", "---\ntags: [\n    NLP,\n    # the same again\n]\n---\n"),
    ],
)
def test_removing_an_item_keeps_its_comment(text: str, after: str) -> None:
    occ = parse(text).tags[1]
    assert occ.removal is not None
    fixed = apply_edits(text, [Edit(occ.removal, "")])
    assert fixed == after
    assert [o.name for o in parse(fixed).tags] == ["NLP"]


def test_flow_removal_takes_one_separator() -> None:
    text = "---\ntags: [NLP, LanguageModel, MultiModal]\n---\n"
    note = parse(text)
    removals = [text[o.removal.start : o.removal.end] for o in note.tags if o.removal]
    assert removals == ["NLP, ", ", LanguageModel", ", MultiModal"]


def test_removing_the_only_flow_item_leaves_an_empty_list() -> None:
    text = "---\ntags: [NLP]\n---\n"
    (occ,) = parse(text).tags
    assert occ.removal is not None
    assert apply_edits(text, [Edit(occ.removal, "")]) == "---\ntags: []\n---\n"


def test_quotes_are_recorded_per_item() -> None:
    note = parse("---\ntags: [a, \"b\", 'c']\n---\n")
    assert [o.quote for o in note.tags] == ["", '"', "'"]


def test_escaped_quoted_item_is_not_editable() -> None:
    note = parse('---\ntags: ["a\\u0041", b]\n---\n')
    assert [o.name for o in note.tags] == ["aA", "b"]
    assert not note.tags[0].editable
    assert note.tags[1].editable


def test_folded_string_is_read_but_not_editable() -> None:
    note = parse("---\ntags: >\n  NLP LanguageModel\n---\n")
    assert [o.name for o in note.tags] == ["NLP", "LanguageModel"]
    assert not any(o.editable for o in note.tags)


# --- BOM + CRLF ---------------------------------------------------------------------------


CRLF_STYLES = [
    ("flow", "\ufeff---\r\ntitle: t\r\ntags: [NLP, 'LanguageModel', MultiModal]\r\n---\r\n", [(3, 8), (3, 13), (3, 30)]),
    (
        "block",
        '\ufeff---\r\ntitle: t\r\ntags:\r\n  - NLP # c\r\n  - "LanguageModel"\r\n  - MultiModal\r\n---\r\n',
        [(4, 5), (5, 5), (6, 5)],
    ),
    ("comma", "\ufeff---\r\ntitle: t\r\ntags: NLP, LanguageModel, MultiModal\r\n---\r\n", [(3, 7), (3, 12), (3, 27)]),
    ("space", "\ufeff---\r\ntitle: t\r\ntags: NLP LanguageModel MultiModal\r\n---\r\n", [(3, 7), (3, 11), (3, 25)]),
]


@pytest.mark.parametrize(("text", "positions"), [c[1:] for c in CRLF_STYLES], ids=[c[0] for c in CRLF_STYLES])
def test_bom_crlf_positions_and_removals(text: str, positions: list[tuple[int, int]]) -> None:
    data = text.encode("utf-8")
    note = parse_note("n.md", data)
    decoded = note.text
    assert not decoded.startswith("\ufeff")
    lines = LineIndex(decoded)
    assert [lines.position(o.span.start) for o in note.tags] == positions
    assert [o.name for o in note.tags] == ["NLP", "LanguageModel", "MultiModal"]
    for index, occ in enumerate(note.tags):
        assert occ.removal is not None
        after = apply_edits(decoded, [Edit(occ.removal, "")])
        assert "\n" not in after.replace("\r\n", "")  # no bare LF introduced, none left behind
        again = parse_note("n.md", note.source.encode(after))
        assert again.problems == ()
        assert [o.name for o in again.tags] == [n for i, n in enumerate(["NLP", "LanguageModel", "MultiModal"]) if i != index]


# --- inline #tags -----------------------------------------------------------------------------


def test_inline_tags_are_off_by_default() -> None:
    assert parse("---\ntitle: t\n---\nAbout #NLP\n").tags == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("About #NLP and #LanguageModel.\n", ["NLP", "LanguageModel"]),
        ("#NLP at the start of a line\n", ["NLP"]),
        ("nested #Topic/Sub-topic_x here\n", ["Topic/Sub-topic_x"]),
        ("```\n#NotATag in a fence\n```\nafter #Yes\n", ["Yes"]),
        ("~~~~\n#Nope\n```\n#StillFenced\n~~~~\n#Yes\n", ["Yes"]),
        ("code `#NotATag` and #Yes\n", ["Yes"]),
        ("# Heading #NotATag\n## Sub #Nope\n#Yes\n", ["Yes"]),
        ("see https://example.com/#anchor and [x](#frag) #Yes\n", ["Yes"]),
        ("<!-- #Hidden -->\n<!--\n#AlsoHidden\n-->\n#Yes\n", ["Yes"]),
        ("issue #123 and #2023-10 are numbers, a#b is not a tag, #Yes\n", ["Yes"]),
        ("a lone # and ## and #/ here\n", []),
    ],
)
def test_inline_tags_in_the_body(body: str, expected: list[str]) -> None:
    note = parse("---\ntitle: t\n---\n" + body, inline_tags=True)
    assert [o.name for o in note.tags] == expected
    assert all(o.style is I and o.field is None for o in note.tags)
    assert all(note.text[o.span.start : o.span.end] == "#" + o.name for o in note.tags)


def test_inline_tags_in_a_note_without_front_matter() -> None:
    note = parse("Plain note about #NLP\n", inline_tags=True)
    assert [o.name for o in note.tags] == ["NLP"]


def test_inline_tags_are_not_read_from_the_front_matter() -> None:
    note = parse("---\ntitle: '#NotATag'\n---\n#Yes\n", inline_tags=True)
    assert [o.name for o in note.tags] == ["Yes"]


def test_front_matter_and_inline_tags_together() -> None:
    note = parse("---\ntags: [NLP]\n---\nbody #LanguageModel\n", inline_tags=True)
    assert [(o.name, o.style) for o in note.tags] == [("NLP", F), ("LanguageModel", I)]


def test_inline_tag_removal_takes_the_space_before() -> None:
    text = "---\ntitle: t\n---\nAbout #NLP and #LanguageModel.\n"
    note = parse(text, inline_tags=True)
    after = apply_edits(text, [Edit(note.tags[0].removal, "")]) if note.tags[0].removal else text
    assert after == "---\ntitle: t\n---\nAbout and #LanguageModel.\n"
    assert [o.name for o in parse(after, inline_tags=True).tags] == ["LanguageModel"]


def test_inline_tags_with_crlf_and_bom() -> None:
    data = "\ufeff---\r\ntitle: t\r\n---\r\n```\r\n#No\r\n```\r\nText #NLP\r\n".encode()
    note = parse_note("n.md", data, inline_tags=True)
    (occ,) = note.tags
    assert LineIndex(note.text).position(occ.span.start) == (7, 6)
