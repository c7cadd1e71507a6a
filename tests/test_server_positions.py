"""LSP positions from taglint offsets and back (``taglint.server.positions``), and edits between texts (``textedits``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsp_support import apply, utf16_offset
from lsprotocol import types

from taglint.model import Span
from taglint.rewrite.edits import apply_edits
from taglint.server.positions import TextMap
from taglint.server.textedits import edits_between, text_edits

UTF8, UTF16, UTF32 = types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


@pytest.mark.parametrize(
    ("text", "offset", "encoding", "expected"),
    [
        ("ab\ncd", 4, UTF16, (1, 1)),
        ("ab\r\ncd", 5, UTF16, (1, 1)),  # CRLF is one line break
        ("ab\rcd", 4, UTF16, (1, 1)),  # so is a lone CR
        ("a\u2028b\nc", 4, UTF16, (1, 0)),  # U+2028 is no LSP line break (str.splitlines would cut there)
        ("🚀 x", 2, UTF16, (0, 3)),  # the emoji is two UTF-16 units
        ("🚀 x", 2, UTF8, (0, 5)),
        ("🚀 x", 2, UTF32, (0, 2)),
        ("é x", 2, UTF16, (0, 2)),
        ("\ufeffab", 1, UTF16, (0, 2)),  # a BOM in the buffer precedes taglint's offset 0
    ],
)
def test_position_of_an_offset(text: str, offset: int, encoding: str, expected: tuple[int, int]) -> None:
    found = TextMap(text, encoding).position(offset)
    assert (found.line, found.character) == expected


@pytest.mark.parametrize(
    ("text", "position", "expected"),
    [
        ("ab\r\ncd", (1, 1), 5),
        ("ab\r\ncd", (0, 9), 2),  # past the end of a line: its end, never into the line break
        ("ab", (5, 0), 2),  # past the last line: the end
        ("🚀x", (0, 1), 0),  # inside the emoji: its start
        ("🚀x", (0, 2), 1),
        ("\ufeffab", (0, 0), 0),  # on the BOM itself
        ("\ufeffab", (0, 2), 1),
    ],
)
def test_offset_of_a_position(text: str, position: tuple[int, int], expected: int) -> None:
    assert TextMap(text).offset(pos(*position)) == expected


_TEXT = st.text(alphabet=st.sampled_from(list("ab \r\n\u2028é🚀\ufeff#")), max_size=40)


@given(_TEXT, st.data())
def test_offsets_survive_the_round_trip_in_every_encoding(text: str, data: st.DataObject) -> None:
    text_map = TextMap(text, data.draw(st.sampled_from([UTF8, UTF16, UTF32])))
    body = len(text) - text_map.shift
    offset = data.draw(st.integers(0, body))
    if text[text_map.shift + offset - 1 : text_map.shift + offset + 1] == "\r\n":
        offset -= 1  # between CR and LF is no position an editor has
    assert text_map.offset(text_map.position(offset)) == offset


@given(_TEXT, st.data())
def test_utf16_positions_agree_with_an_independent_count(text: str, data: st.DataObject) -> None:
    text_map = TextMap(text)
    offset = data.draw(st.integers(0, len(text) - text_map.shift))
    if text[text_map.shift + offset - 1 : text_map.shift + offset + 1] == "\r\n":
        offset -= 1
    assert utf16_offset(text, text_map.position(offset)) == offset + text_map.shift


def test_located_errors_map_by_line_and_column() -> None:
    text_map = TextMap("a: 1\r\n🚀: [x, y]\n")
    assert text_map.line_col(2, 4) == pos(1, 4)  # the emoji's two units before column 4
    assert text_map.line_end(1) == pos(1, 10)


_EDITED = st.text(alphabet=st.sampled_from(list("ab\r\n🚀 -[],")), max_size=60)


@given(_EDITED, _EDITED)
def test_edits_between_two_texts_make_the_second(before: str, after: str) -> None:
    edits = edits_between(before, after)
    assert apply_edits(before, edits) == after
    assert apply(before, text_edits(edits, TextMap(before))) == after  # as an editor applies them, in UTF-16


def test_edits_between_touch_only_what_differs() -> None:
    before = "---\r\ntags: [MulltiModal, NLP]\r\n---\r\nbody\r\n"
    after = before.replace("MulltiModal", "MultiModal")
    [edit] = edits_between(before, after)
    assert (edit.span, edit.content) == (Span(15, 16), "")  # the second "l" of "Mull"
