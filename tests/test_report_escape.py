"""taglint.report.escape: the one place that makes checked-file text safe to print or embed."""

from __future__ import annotations

import json

import pytest

from taglint.report import escape


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain ü 中文 emoji 🙂", "plain ü 中文 emoji 🙂"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
        ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
        ("\u202egnp.exe\u2066\u200f", "\\u202egnp.exe\\u2066\\u200f"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bad\udcff.md", "bad\\xff.md"),  # a byte that is not UTF-8, as surrogateescape decoded it
        ("lone\ud800", "lone\\ud800"),
        ("non\ufffechar", "non\\ufffechar"),
        ("##[add-mask]x and ###[y]", "##\\x5badd-mask]x and ###\\x5by]"),
        ("# [not a command] ##", "# [not a command] ##"),
        ("back\\slash", "back\\slash"),  # left alone: safe, not reversible
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert escape.visible(raw) == shown
    assert escape.visible(shown) == shown  # escaping twice changes nothing


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("::error file=x::y", "\\x3a:error file=x::y"),
        ("  ::warning::y", "  \\x3a:warning::y"),
        ("\u00a0::notice::y", "\u00a0\\x3a:notice::y"),
        ("a.md: ::error::x", "a.md: ::error::x"),  # only a line's start makes a command
        (":one colon", ":one colon"),
        ("\n::error::x", "\\n::error::x"),
    ],
)
def test_visible_line(raw: str, shown: str) -> None:
    assert escape.visible_line(raw) == shown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain ü", '"plain ü"'),
        ("\x1b\n", '"\\u001b\\n"'),  # json.dumps's own escapes
        ("\x7f\x9b\u202e\u2028", '"\\u007f\\u009b\\u202e\\u2028"'),
        ("##[add-mask]x", '"##\\u005badd-mask]x"'),
        ("bad\udcff.md", '"bad\\\\xff.md"'),  # the text bad\xff.md: strict readers reject lone surrogates
    ],
)
def test_json_text(value: str, text: str) -> None:
    escaped = escape.json_text(json.dumps(value, ensure_ascii=False))
    assert escaped == text
    escaped.encode("utf-8")  # strict: no lone surrogate left
    if "\udcff" not in value:
        assert json.loads(escaped) == value  # the parsed value is unchanged


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        (
            "x\n::error file=README.md,line=1::INJECTED",
            "x%0A::error file=README.md,line=1::INJECTED",
            "x%0A%3A%3Aerror file=README.md%2Cline=1%3A%3AINJECTED",
        ),
        ("\x1b]0;t\x07 100%", "\\x1b]0;t\\x07 100%25", "\\x1b]0;t\\x07 100%25"),
        ("bad\udcff.md", "bad\\xff.md", "bad\\xff.md"),
        ("##[add-mask]s", "##\\x5badd-mask]s", "##\\x5badd-mask]s"),
    ],
)
def test_workflow_encodings_escape_what_the_toolkit_leaves_raw(raw: str, data: str, prop: str) -> None:
    assert escape.workflow_data(raw) == data
    assert escape.workflow_property(raw) == prop


def test_xml_text_hides_the_old_command_syntax_from_the_runner() -> None:
    assert escape.xml_text('<a b="##[x]">##[y]</a>') == '<a b="##&#91;x]">##&#91;y]</a>'


@pytest.mark.parametrize(
    ("path", "uri"),
    [("my notes/a.md", "my%20notes/a.md"), ("ü.md", "%C3%BC.md"), ("bad\udcff.md", "bad%FF.md"), ("a#b?.md", "a%23b%3F.md")],
)
def test_uri_path_percent_encodes_the_raw_bytes(path: str, uri: str) -> None:
    assert escape.uri_path(path) == uri


def test_a_coloured_text_line_escapes_everything_but_its_own_colours() -> None:
    from taglint.model import Diagnostic, FileResult, Severity, Span
    from taglint.report.output import text_line

    d = Diagnostic("TG001", "unknown-tag", Severity.ERROR, 'Unknown tag "\x1b]0;t\x07"', Span(8, 12))
    line = text_line(FileResult("::error file=x::e\x1b[1m.md", (d,), (0, 4)), d, color=True)
    assert line == '\x1b[1m\\x3a:error file=x::e\\x1b[1m.md:2:5:\x1b[0m \x1b[31mTG001 unknown-tag\x1b[0m Unknown tag "\\x1b]0;t\\x07"'
