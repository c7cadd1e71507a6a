"""Inline ``#tags``: read in prose only, never in code, math, HTML, comments or link targets; exact offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from taglint.files.text import LineIndex
from taglint.parse import inline_tags
from taglint.parse.inline_tags import MATH_OPTIONS, find_inline_tags
from taglint.parse.notes import parse_note


def names(body: str) -> list[str]:
    return [o.name for o in find_inline_tags(body, 0)]


# (id, body, tags read): every body also has a tag in prose, so a reader that reads nothing fails.
NOT_PROSE = [
    ("fence-indented-under-list-item", "- item\n    ```sql\n    INTO #TempTable\n    ```\n\n#Prose\n", ["Prose"]),
    ("fence-after-list-item-paragraph", "- step #Prose\n\n  ```\n  #InFence\n  ```\n", ["Prose"]),
    ("info-string-line-is-not-a-closing-fence", "```\nplain\n```js\n#book\n```\n#Prose\n", ["Prose"]),
    ("opening-fence-info-string", "```js #NotATag\nx\n```\n#Prose\n", ["Prose"]),
    ("longer-closing-fence", "````\n#InFence\n`````\n#Prose\n", ["Prose"]),
    ("unclosed-fence-runs-to-the-end", "#Prose\n\n```\n#InFence\n", ["Prose"]),
    ("four-space-code", "Intro #Prose\n\n    #InCode\n", ["Prose"]),
    ("tab-indented-code", "Intro #Prose\n\n\t#InCode\n", ["Prose"]),
    ("tilde-fence", "~~~\n#InFence\n~~~\n#Prose\n", ["Prose"]),
    ("tilde-fence-not-closed-by-backticks", "~~~\n```\n#InFence\n~~~\n#Prose\n", ["Prose"]),
    ("nested-blockquote-fence", "> > ```\n> > #InFence\n> > ```\n> #Prose\n", ["Prose"]),
    ("blockquote-indented-code", ">     #InCode\n\n> #Prose\n", ["Prose"]),
    ("code-span", "Use `#NotATag` and ``a `#b` c`` with #Prose\n", ["Prose"]),
    ("code-span-over-two-lines", "A `span\n#NotATag` then #Prose\n", ["Prose"]),
    ("obsidian-comment-inline", "Text %%#Hidden%% and #Prose\n", ["Prose"]),
    ("obsidian-comment-block", "%%\n#Hidden\n\nstill #Hidden\n%%\n#Prose\n", ["Prose"]),
    ("obsidian-comment-unclosed-hides-the-rest", "#Prose\n\n%% draft\n\n#Hidden\n", ["Prose"]),
    ("obsidian-comment-mark-in-code-does-not-open", "`%%` #Prose\n", ["Prose"]),
    ("math-block", "$$\n#NotATag\n$$\n\n#Prose\n", ["Prose"]),
    ("math-block-one-line", "$$ x #NotATag $$\n\n#Prose\n", ["Prose"]),
    ("math-inline", "Let $x#NotATag$ and $y \\#NotATag$ be #Prose\n", ["Prose"]),
    ("math-double-dollar-inline", "so $$a #NotATag b$$ with #Prose\n", ["Prose"]),
    ("html-block", "<div>\n#NotATag\n</div>\n\n#Prose\n", ["Prose"]),
    ("html-comment-block", "<!--\n#NotATag\n-->\n#Prose\n", ["Prose"]),
    ("html-inline-attribute", 'A <span title="x #NotATag">text</span> #Prose\n', ["Prose"]),
    ("html-inline-comment", "A <!-- #NotATag --> #Prose\n", ["Prose"]),
    ("link-destination", "[x](http://a#b) [y](#frag) #Prose\n", ["Prose"]),
    ("link-destination-in-angle-brackets", "[x](<http://a #NotATag>) #Prose\n", ["Prose"]),
    ("link-title", '[x](http://a "see #NotATag") #Prose\n', ["Prose"]),
    ("autolink", "<http://a#b> and <http://a/#c> #Prose\n", ["Prose"]),
    ("image", "![chart #NotATag](c.png) #Prose\n", ["Prose"]),
    ("reference-definition", "[ref]: http://a#b '#NotATag'\n\n[ref] #Prose\n", ["Prose"]),
    ("atx-heading", "# Title #NotATag\n#Prose\n", ["Prose"]),
    ("setext-heading", "Title #NotATag\n===\n\n#Prose\n", ["Prose"]),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in NOT_PROSE], ids=[c[0] for c in NOT_PROSE])
def test_only_prose_is_read(body: str, expected: list[str]) -> None:
    assert names(body) == expected


PROSE = [
    ("paragraph", "About #NLP.\n", ["NLP"]),
    ("list-item", "- a #NLP\n  - b #CV\n", ["NLP", "CV"]),
    ("blockquote", "> quoted #NLP\nlazy #CV\n", ["NLP", "CV"]),
    ("blockquote-line-start", ">#NLP\n", ["NLP"]),
    ("link-label", "[see #NLP](http://a)\n", ["NLP"]),
    ("emphasis", "*very #NLP* **#CV**\n", ["NLP"]),
    ("between-inline-html", "<b>x</b> #NLP <i>y</i>\n", ["NLP"]),
    ("html-block-paragraph-after-blank", "<div>\n\n#NLP\n\n</div>\n", ["NLP"]),
    ("indented-paragraph-continuation", "para\n    #NLP\n", ["NLP"]),
    ("dollar-amounts-are-not-math", "$5 for #coffee and $3\n", ["coffee"]),
    ("closed-comment-then-prose", "%%a%% #NLP %%b%%\n", ["NLP"]),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in PROSE], ids=[c[0] for c in PROSE])
def test_prose_is_read(body: str, expected: list[str]) -> None:
    assert names(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("issue #123 and #2023-10 are numbers\n", []),
        ("a#b and `x`#y are not after a blank\n", []),
        ("a lone # and ## and #/ here\n", []),
        ("escaped \\#NotATag and &#35;NotATag\n", []),
    ],
)
def test_tag_grammar_is_unchanged(body: str, expected: list[str]) -> None:
    assert names(body) == expected


def test_spans_are_exact_with_crlf() -> None:
    text = "---\r\ntitle: t\r\n---\r\n```\r\n#No\r\n```\r\nText #NLP and\r\n> quote #CV\r\n"
    note = parse_note("n.md", text.encode(), inline_tags=True)
    assert [(o.name, note.text[o.span.start : o.span.end]) for o in note.tags] == [("NLP", "#NLP"), ("CV", "#CV")]
    assert [LineIndex(note.text).position(o.span.start) for o in note.tags] == [(7, 6), (8, 9)]


def test_spans_are_exact_with_cr_only_line_endings() -> None:
    text = "a\rb #NLP\r```\r#No\r```\r#CV"
    assert [(o.name, text[o.span.start : o.span.end]) for o in find_inline_tags(text, 0)] == [("NLP", "#NLP"), ("CV", "#CV")]


def test_spans_are_exact_after_a_bom() -> None:
    data = "\ufeff---\ntitle: t\n---\nSee #NLP\n".encode()
    note = parse_note("n.md", data, inline_tags=True)
    (occ,) = note.tags
    assert note.text[occ.span.start : occ.span.end] == "#NLP"
    assert LineIndex(note.text).position(occ.span.start) == (4, 5)


def test_spans_are_exact_with_tabs_and_non_ascii() -> None:
    text = "é\t#Ünïcode ✓\n-\tlist\t#CV\n>\t→ #NLP\n"
    found = [(o.name, text[o.span.start : o.span.end]) for o in find_inline_tags(text, 0)]
    assert found == [("Ünïcode", "#Ünïcode"), ("CV", "#CV"), ("NLP", "#NLP")]


def test_spans_are_exact_when_trimming_drops_unicode_blank_lines() -> None:
    # U+2003 lines belong to the paragraph but markdown-it trims them off its text.
    text = "\u2003\nfirst #NLP\nlast #CV\n\u2003\n"
    assert [(o.name, text[o.span.start : o.span.end]) for o in find_inline_tags(text, 0)] == [("NLP", "#NLP"), ("CV", "#CV")]


def test_spans_are_exact_after_nul() -> None:
    text = "a\0b #NLP\n"
    (occ,) = find_inline_tags(text, 0)
    assert text[occ.span.start : occ.span.end] == "#NLP"


def test_body_start_is_respected() -> None:
    text = "#NotBody\n\n#Body\n"
    assert [o.name for o in find_inline_tags(text, text.index("#Body"))] == ["Body"]


def test_removal_takes_the_blank_before() -> None:
    text = "About #NLP.\n"
    (occ,) = find_inline_tags(text, 0)
    assert occ.removal is not None and text[occ.removal.start : occ.removal.end] == " #NLP"


def test_a_body_without_a_possible_tag_is_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parser() -> None:
        raise AssertionError("the parser was built")

    monkeypatch.setattr(inline_tags, "_parser", no_parser)
    assert names("No tags here: # heading-ish, C# and 100%.\n```\ncode\n```\n") == []


# Random notes built from the forms above: paragraphs whose inline text mixes prose tags with
# code spans, math, HTML, links and comments, and blocks of code, math, HTML and comments,
# nested in quotes and lists, with any line ending. Code, math, HTML and link targets hold
# "#k"; comments (which markdown-it does not know) "#w"; prose "#a" and "#B/c".
INLINE = [
    " #a",
    " #B/c",
    " word",
    " `x #k`",
    " $y #k$",
    " <b t=' #k'>",
    " [l #a](u#k ' #k')",
    " ![i #k](p)",
    "\t#a",
    " é",
    " *e #a*",
    " \\#z",
    " <http://x#k>",
    "`",
    "$",
    "<",
]
BLOCKS = [
    "```js\n #k\n```",
    "~~~\n #k\n```\n~~~",
    "    #k code",
    "\t#k code",
    "$$\n #k\n$$",
    "<div>\n #k\n</div>",
    "# h #k",
    "t #k\n===",
    "[r]: /u#k ' #k'",
]
COMMENTS = ([" %%c #w%%", "%%"], ["%%\n #w\n%%"])


@st.composite
def nested(draw: st.DrawFn, comments: bool) -> str:
    inline, blocks = (INLINE + COMMENTS[0], BLOCKS + COMMENTS[1]) if comments else (INLINE, BLOCKS)
    lines = st.lists(st.sampled_from(inline), min_size=1, max_size=5).map("".join)
    block = draw(st.one_of(st.lists(lines, min_size=1, max_size=3).map("\n".join), st.sampled_from(blocks)))
    container = draw(st.sampled_from(["", "> ", "> > ", "- ", "1. ", "-   "]))
    if not container:
        return block
    rest = " " * len(container) if container[0] in "-1" else container
    return "\n".join(container + line if i == 0 else rest + line for i, line in enumerate(block.split("\n")))


@st.composite
def bodies(draw: st.DrawFn, comments: bool = True) -> str:
    parts = draw(st.lists(nested(comments), min_size=1, max_size=6))
    body = "".join(part + draw(st.sampled_from(["\n\n", "\n"])) for part in parts)
    return body.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


def paragraph_text(body: str) -> str:
    """The text markdown-it's full parse puts in paragraphs (not code, HTML, math, images or headings)."""
    md = MarkdownIt("commonmark").use(dollarmath_plugin, **MATH_OPTIONS)
    tokens = md.parse(body)
    return "\n".join(
        child.content
        for index, token in enumerate(tokens)
        if token.type == "inline" and tokens[index - 1].type == "paragraph_open"
        for child in token.children or []
        if child.type == "text"
    )


@given(bodies())
def test_every_tag_read_is_at_its_span(body: str) -> None:
    assert all(body[o.span.start : o.span.end] == "#" + o.name for o in find_inline_tags(body, 0))


@given(bodies())
def test_every_tag_read_is_paragraph_text(body: str) -> None:
    found = {o.name for o in find_inline_tags(body, 0)}
    text = paragraph_text(body)
    assert all("#" + name in text for name in found), (body, found)


@given(bodies(comments=False))
def test_every_tag_in_paragraph_text_is_read(body: str) -> None:
    expected = len(re.findall(r"(?:(?<=\s)|^)#a(?![\w/\-])", paragraph_text(body), re.MULTILINE))
    assert sum(o.name == "a" for o in find_inline_tags(body, 0)) == expected, body
