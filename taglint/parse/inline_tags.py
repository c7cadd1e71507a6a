"""Obsidian ``#tags`` in a note's body, looked for only where the body has prose.

What is prose is decided by a CommonMark parser, markdown-it-py (it renders the
652 examples of CommonMark 0.31.2 as the spec does, but for a line break in three
empty block quotes; ``tests/data/commonmark/spec.json``), not by line regexes:
regexes took ``#words`` in a fence indented under a list item, behind an opening
fence with an info string, or in 4-space code for tags, and ``taglint fix``
rewrote that code.

Prose is the text of paragraphs (in lists and block quotes too), minus what
the inline parser reads as code spans, inline HTML, autolinks, inline math,
images and the destination and title of links; a link's label is prose.
Everything else is never searched: fenced and indented code, HTML blocks,
math blocks (mdit-py-plugins' dollarmath), link reference definitions and
headings (excluded as before: ``# Heading`` lines are not where notes tag).
Obsidian comments (``%%...%%``, inline or spanning blocks; not CommonMark) are
cut out of the prose afterwards. Anything the parser output cannot be mapped
back to exact offsets for is left out too: a missed tag is a nuisance, a
rewritten code line is data loss.

The tag grammar is unchanged: ``#`` plus word characters, ``/`` and ``-``,
after whitespace or at the start of a paragraph line, and not made only of
digits and separators (``#123``, ``#2023-10``). So the ``#`` of a bare URL's
fragment, which never follows a blank, is never a tag either.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from taglint.model import Span, TagOccurrence, TagStyle

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_NAME = re.compile(r"[\w/\-]+")
_TAG = re.compile(r"#([\w/\-]+)")
# A note can hold a tag only if this matches somewhere in its body: most notes
# are never handed to the parser.
_MAYBE_TAG = re.compile(r"#[\w/\-]")
# Code spans, inline HTML and autolinks, math, links and images all start with one of these.
_OPENS_NON_PROSE = re.compile(r"[`<$\[]")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_COMMENT_MARK = "%%"

# Math as pandoc reads it, the nearest written rule to what Obsidian renders with MathJax
# (https://pandoc.org/MANUAL.html#math): no blank just inside the dollars, no digit right
# after the closing one, so "$5 for #coffee and $3" stays prose; $$...$$ also inside a paragraph.
MATH_OPTIONS = {"allow_space": False, "allow_digits": False, "double_inline": True}

# Keys of the markdown-it ``env`` dict that the recording rules write to.
_STATE = "taglint.state"
_MASKED = "taglint.masked"


def is_inline_name(name: str) -> bool:
    """True when ``#name`` is read back as the inline tag ``name``."""
    bare = name.replace("/", "").replace("-", "").replace("_", "")
    return _NAME.fullmatch(name) is not None and bare != "" and not bare.isdigit()


def find_inline_tags(text: str, start: int, dialect: str = "generic") -> Iterator[TagOccurrence]:
    """Obsidian ``#tags`` in the prose of ``text`` from ``start`` (the body), with spans into ``text``.

    Which names count is the dialect's (``dialects.inline_name_ok``): the obsidian
    dialect follows Obsidian's rule, at least one character that is not a digit.
    """
    from taglint.parse.dialects import inline_name_ok

    if _MAYBE_TAG.search(text, start) is None:
        return
    spans, line_starts = _prose(text, start)
    for piece in spans:
        for match in _TAG.finditer(text, piece.start, piece.end):
            at = match.start()
            if not (at in line_starts or (at > 0 and text[at - 1].isspace())):
                continue
            if match.end() == piece.end and _NAME.match(text, piece.end):
                continue  # the name runs on into text that is not prose: not a tag we can edit alone
            name = match.group(1)
            if not inline_name_ok(dialect, name):
                continue
            removal_start = at - 1 if at > start and text[at - 1] in " \t" else at
            yield TagOccurrence(name, Span(at, match.end()), None, TagStyle.INLINE, "", Span(removal_start, match.end()), True)


def _prose(text: str, start: int) -> tuple[list[Span], frozenset[int]]:
    """The prose of ``text`` from ``start`` that matters, as sorted spans, and the offsets where its lines begin.

    Paragraphs with neither a possible tag nor a comment mark are skipped
    (nothing in them can change what is found), and so is the inline parse of
    paragraphs without a character that opens code, HTML, math or a link.
    """
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text[start:], env)
    lines: list[tuple[int, str]] | None = None
    spans: list[Span] = []
    line_starts: set[int] = set()
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None or index == 0 or tokens[index - 1].type != "paragraph_open":
            continue  # headings, and whatever else carries inline text, are not searched
        content = token.content
        if _MAYBE_TAG.search(content) is None and _COMMENT_MARK not in content:
            continue
        if lines is None:
            lines = _lines(text, start)
        pieces = _align(content, lines[token.map[0] : token.map[1]])
        line_starts.update(source for _content, source, _length in pieces)
        masked = _inline_masks(md, content, env) if _OPENS_NON_PROSE.search(content) else []
        for content_start, source_start, length in pieces:
            for a, b in _subtract(content_start, content_start + length, masked):
                spans.append(Span(source_start + a - content_start, source_start + b - content_start))
    return _without_comments(text, spans), frozenset(line_starts)


def code_blocks(text: str, start: int) -> list[Span]:
    """The fenced, indented and math blocks of ``text`` from ``start``, as spans of whole lines."""
    lines = _lines(text, start)
    spans: list[Span] = []
    for token in _parser().parse(text[start:], {}):
        if token.type in _CODE_BLOCKS and token.map is not None:
            first, after = token.map
            spans.append(Span(lines[first][0], lines[after][0] if after < len(lines) else len(text)))
    return spans


_CODE_BLOCKS = frozenset({"fence", "code_block", "math_block", "math_block_label"})


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    """Each line from ``start``: its offset and its text without the line break (CR LF, CR or LF, as markdown-it splits)."""
    # Split in C: lines and their breaks alternate, so offsets are running sums of both.
    pieces = _LINE_BREAK.split(text[start:])
    offsets = itertools.accumulate(map(len, pieces), initial=start)
    return list(zip(itertools.islice(offsets, 0, None, 2), pieces[::2], strict=False))


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """A CommonMark parser (built once: building it costs more than parsing a note) that records what is not prose."""
    # Imported here: only notes that may hold an inline tag pay for loading the parser.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark").use(dollarmath_plugin, **MATH_OPTIONS)
    # Blocks only: the inline parser runs per paragraph in _inline_masks, headings never.
    md.core.ruler.disable(["inline", "text_join"])
    ruler = md.inline.ruler
    for rule in ruler.__rules__:  # markdown-it-py keeps its rules here; at() replaces one by name
        if rule.name in _RECORDED:
            ruler.at(rule.name, _recording(rule.name, rule.fn))
    return md


# Inline rules whose source text is not prose, and the token that shows they matched.
_RECORDED = {
    "backticks": "code_inline",  # an unmatched backtick run is consumed as text
    "html_inline": "html_inline",
    "autolink": "link_open",
    "math_inline": "",  # dollarmath's one rule for $...$ and $$...$$
    "link": "link_open",
    "image": "image",
}


def _recording(name: str, rule: Any) -> Any:
    produces = _RECORDED[name]

    def recorded(state: Any, silent: bool) -> bool:
        begin, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        # Lookahead runs (silent) and the separate parse of an image's alt text are not ours.
        if silent or state.env.get(_STATE) is not state:
            return True
        if produces and not any(t.type == produces for t in state.tokens[count:]):
            return True
        masked: list[tuple[int, int]] = state.env[_MASKED]
        if name == "link":
            # The label stays prose: mask "[" and everything from "]" on (destination, title).
            label_end = state.md.helpers.parseLinkLabel(state, begin, True)
            masked.append((begin, begin + 1))
            masked.append((label_end, state.pos))
        else:
            masked.append((begin, state.pos))
        return True

    return recorded


def _inline_masks(md: MarkdownIt, content: str, env: dict[str, Any]) -> list[tuple[int, int]]:
    """Ranges of ``content`` (one paragraph's inline text) that are not prose, sorted."""
    from markdown_it.rules_inline import StateInline

    state = StateInline(content, md, env, [])
    env[_STATE], env[_MASKED] = state, []
    md.inline.tokenize(state)
    masked: list[tuple[int, int]] = env.pop(_MASKED)
    del env[_STATE]
    return sorted(masked)


def _align(content: str, lines: list[tuple[int, str]]) -> list[tuple[int, int, int]]:
    """Where each line of a paragraph's inline ``content`` lies in the note: (content offset, text offset, length).

    markdown-it builds ``content`` from the paragraph's source lines: container
    prefixes (``>``, list indentation) cut, a partly used tab turned into
    spaces, CR LF and CR turned into LF, NUL into U+FFFD, the whole trimmed.
    So each content line, stripped of blanks, is the end of its source line,
    stripped of blanks. Trimming can drop a line made only of Unicode blanks
    at either end, so the lines may start later; when no placement matches
    every line, the paragraph is left out.
    """
    parts = content.split("\n")
    for skip in range(len(lines) - len(parts) + 1):
        pieces = _match_lines(parts, lines[skip : skip + len(parts)])
        if pieces is not None:
            return pieces
    return []


def _match_lines(parts: list[str], lines: list[tuple[int, str]]) -> list[tuple[int, int, int]] | None:
    pieces: list[tuple[int, int, int]] = []
    offset = 0
    for part, (line_start, line) in zip(parts, lines, strict=False):
        core = part.strip()
        position = offset + len(part) - len(part.lstrip())
        offset += len(part) + 1
        if not core:
            continue
        line = line.replace("\0", "\ufffd")
        end = len(line.rstrip())
        if not line.endswith(core, 0, end):
            return None
        pieces.append((position, line_start + end - len(core), len(core)))
    return pieces


def _subtract(start: int, end: int, masked: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The parts of ``[start, end)`` outside every range in ``masked`` (sorted)."""
    for a, b in masked:
        if b <= start:
            continue
        if a >= end:
            break
        if a > start:
            yield start, a
        start = max(start, b)
    if start < end:
        yield start, end


def _without_comments(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` minus Obsidian comments: from a ``%%`` in prose to the next one, or to the end when unclosed.

    Obsidian hides comments inline and across blocks alike
    (https://help.obsidian.md/Editing+and+formatting/Basic+formatting+syntax#Comments);
    a ``%%`` in code is code, so only marks in prose open or close one.
    """
    marks: list[int] = []
    for span in spans:
        at = text.find(_COMMENT_MARK, span.start, span.end)
        while at != -1:
            marks.append(at)
            at = text.find(_COMMENT_MARK, at + 2, span.end)
    if not marks:
        return spans
    comments = [(marks[i], marks[i + 1] + 2 if i + 1 < len(marks) else len(text)) for i in range(0, len(marks), 2)]
    return [Span(a, b) for span in spans for a, b in _subtract(span.start, span.end, comments)]
