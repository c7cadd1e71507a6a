"""Every CommonMark spec example with a ``#plantedtag`` planted in it: read only in prose, fixed only there.

``tests/data/commonmark/spec.json`` holds the 652 examples of CommonMark
0.31.2, the version markdown-it-py ports. Each example gets `` #plantedtag ``
inserted at many points: the start and end of every line and after every
blank, backtick or tilde run, ``$``, ``<``, quote, ``(``, ``[`` and ``=``
(every character position with the slow profile). markdown-it's full parse
of the planted example (held to the spec's own HTML by the first test) says
where the planted text landed: in a code block or span, an HTML block or inline
HTML, math, a link destination or title, an image, a heading, a link
reference definition, or paragraph text. Then:

* outside paragraph text, taglint reads no tag there, and ``taglint fix``,
  with a taxonomy that makes ``plantedtag`` an alias, changes no byte;
* in paragraph text, taglint reads it at exactly the planted offset, and
  ``fix`` rewrites exactly those bytes.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from taglint.files.text import SourceText
from taglint.lint.setup import load_setup
from taglint.parse.inline_tags import MATH_OPTIONS, find_inline_tags
from taglint.parse.notes import parse_text
from taglint.project.config import Config
from taglint.project.setup import Setup
from taglint.rewrite.note import fix_note

SPEC = json.loads((Path(__file__).resolve().parent / "data" / "commonmark" / "spec.json").read_text(encoding="utf-8"))
EXAMPLES = {case["example"]: case for case in SPEC}
MARK = "#plantedtag"
FIXED = "#PlantedTarget"
FRONT = "---\ntitle: t\n---\n"  # the example is the body, as in a note

CODE_BLOCKS = {"fence", "code_block", "html_block", "math_block", "math_block_label"}
CODE_INLINE = {"code_inline", "html_inline", "math_inline", "math_inline_double"}
# The forms every example must have had a tag planted into, when it has them.
COVERED = {"fence", "code_block", "html_block", "code_inline", "html_inline"}
# Inline HTML with room for a word: a quoted attribute value or a comment's text.
# Bare tags such as <del> or </a> have none; a planted word would stop them being HTML.
_HTML_WITH_ROOM = re.compile(r"""=\s*["']|<!--(?!-?>)""")


@functools.lru_cache(maxsize=1)
def oracle() -> MarkdownIt:
    return MarkdownIt("commonmark").use(dollarmath_plugin, **MATH_OPTIONS)


def places(markdown: str) -> list[str]:
    """Where markdown-it's full parse puts the planted text: block or inline token kinds, "text" for paragraph text."""
    found: list[str] = []
    tokens = oracle().parse(markdown)
    for index, token in enumerate(tokens):
        if token.type in CODE_BLOCKS and (MARK in token.content or MARK in token.info):
            found.append(token.type)
        elif token.type == "inline":
            heading = tokens[index - 1].type == "heading_open"
            found.extend("heading" if kind == "text" and heading else kind for kind in _inline_places(token.children or []))
    return found


def _inline_places(children: Iterable[Token]) -> Iterable[str]:
    autolink = False
    for child in children:
        if child.type == "link_open":
            autolink = child.markup == "autolink"
            if any(MARK in str(value) for value in child.attrs.values()):
                yield "link_destination"
        elif child.type == "link_close":
            autolink = False
        elif child.type == "image":
            if MARK in child.content or any(MARK in str(value) for value in child.attrs.values()):
                yield "image"
        elif child.type in CODE_INLINE and MARK in child.content:
            yield child.type
        elif child.type == "text" and MARK in child.content:
            yield "autolink" if autolink else "text"


def forms(markdown: str) -> set[str]:
    """The code forms an example has (before planting), bare inline HTML left out."""
    found: set[str] = set()
    for token in oracle().parse(markdown):
        found.add(token.type)
        for child in token.children or []:
            if child.type != "html_inline" or _HTML_WITH_ROOM.search(child.content):
                found.add(child.type)
    return found & COVERED


def points(markdown: str, every: bool) -> list[int]:
    if every:
        return list(range(len(markdown) + 1))
    after = {m.end() for m in re.finditer(r"""[ \t\n]|`+|~+|\$+|[<"'(\[=]""", markdown)}
    return sorted({0, len(markdown)} | after | {m.start() for m in re.finditer("\n", markdown)})


@functools.lru_cache(maxsize=2 * len(SPEC))
def plantings(example: int, every: bool) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset of the planted "#", planted example, where it landed) for each planting point."""
    markdown = EXAMPLES[example]["markdown"]
    return [
        (p + 1, planted, tuple(places(planted))) for p in points(markdown, every) for planted in [f"{markdown[:p]} {MARK} {markdown[p:]}"]
    ]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("spec")
    (root / "taxonomy.yaml").write_text("version: 1\ntags:\n  PlantedTarget:\n    aliases: [plantedtag]\n")
    return load_setup(Config(root=str(root), rules=None, inline_tags=True))


def test_markdown_it_renders_every_spec_example_as_the_spec_does() -> None:
    md = MarkdownIt("commonmark")
    # markdown-it writes an empty block quote on one line; the spec's HTML breaks it (examples 218, 239, 240).
    wrong = [
        case["example"]
        for case in SPEC
        if md.render(case["markdown"]) != case["html"].replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")
    ]
    assert len(SPEC) == 652
    assert wrong == []


def check_reading(example: int, every: bool) -> None:
    for at, planted, where in plantings(example, every):
        read = [o.span.start for o in find_inline_tags(planted, 0) if o.name == "plantedtag"]
        if "text" not in where:
            assert read == [], (example, planted, where)
        elif where == ("text",):
            assert read == [at], (example, planted, where)


def check_fixing(example: int, every: bool, setup: Setup) -> None:
    for at, planted, where in plantings(example, every):
        if "text" in where and where != ("text",):
            continue  # landed in two places at once: neither expectation is exact
        note = parse_text("n.md", SourceText(FRONT + planted, False), setup.config.tag_fields, True)
        outcome = fix_note(note, setup)
        at += len(FRONT)
        expected = note.text if where != ("text",) else note.text[:at] + FIXED + note.text[at + len(MARK) :]
        assert outcome.note.text == expected, (example, planted, where, outcome.refused)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_planted_tag_is_read_only_in_paragraph_text(example: int) -> None:
    check_reading(example, every=False)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_fix_changes_no_byte_outside_paragraph_text(example: int, setup: Setup) -> None:
    check_fixing(example, every=False, setup=setup)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_plantings_reach_every_code_form_of_the_example(example: int) -> None:
    markdown = EXAMPLES[example]["markdown"]
    reached = {kind for _at, _planted, where in plantings(example, False) for kind in where}
    assert forms(markdown) <= reached


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_planted_at_every_character(example: int, setup: Setup) -> None:
    check_reading(example, every=True)
    check_fixing(example, every=True, setup=setup)
