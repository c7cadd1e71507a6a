"""trailing-comma-tag (TG013): a Jekyll tag that ends in a comma, from a comma-separated string.

**What it does.** In the jekyll dialect, reports a ``tags`` (or ``categories``)
string written with commas. Jekyll splits these strings on whitespace only
(``Jekyll::Utils.pluralized_array_from_hash``, jekyll/jekyll
lib/jekyll/utils.rb), so ``tags: ruby-on-rails, ubuntu`` publishes the tag
``ruby-on-rails,``, comma included.

**Why.** The site gets a tag page for ``ruby-on-rails,`` beside the one for
``ruby-on-rails``, and the post is missing from the second.

**Example.**

    tags: ruby-on-rails, ubuntu

**Use instead.**

    tags: [ruby-on-rails, ubuntu]

**Fix safety.** Safe: the string becomes a flow list of the same names
without their commas, which is what the author meant; only the tag bytes
change (plus the brackets, written over the first and last tag). Offered
when the string is unquoted and every name can be written in a flow list.
"""

from __future__ import annotations

from collections.abc import Iterator

from taglint.checks.base import Rule, Subject
from taglint.model import Applicability, Diagnostic, Edit, Fix, Severity, TagOccurrence, TagStyle
from taglint.parse import dialects, tag_syntax

RULE = Rule("TG013", "trailing-comma-tag", Severity.ERROR, Applicability.SAFE, "Jekyll tag ending in a comma", __doc__ or "")


def applies(subject: Subject, occurrence: TagOccurrence) -> bool:
    """Whether ``occurrence`` is a name this rule reports (unknown-tag leaves those to it)."""
    return (
        subject.dialect == dialects.JEKYLL
        and occurrence.style is TagStyle.STRING
        and occurrence.quote.startswith(dialects.SPLIT_WHITESPACE)
        and occurrence.name.endswith(",")
    )


def check(subject: Subject) -> Iterator[Diagnostic]:
    if subject.dialect != dialects.JEKYLL:
        return
    by_field: dict[str, list[TagOccurrence]] = {}
    for occurrence in subject.note.tags:
        if occurrence.field is not None and occurrence.style is TagStyle.STRING:
            by_field.setdefault(occurrence.field, []).append(occurrence)
    for field, pieces in by_field.items():
        first = next((o for o in pieces if applies(subject, o)), None)
        if first is None:
            continue
        names = [o.name.rstrip(",") for o in pieces]
        shown = ", ".join(n for n in names if n)
        message = f'"{first.name}" ends in a comma: Jekyll splits "{field}" on whitespace only, so the comma is part of the tag; write a list: [{shown}]'
        yield RULE.diagnostic(message, first.span, _as_list(pieces, names))


def _as_list(pieces: list[TagOccurrence], names: list[str]) -> Fix | None:
    """Each piece rewritten in place so the whole string reads as ``[name, name, ...]``."""
    if any(not o.editable or o.quote != dialects.SPLIT_WHITESPACE for o in pieces):
        return None  # a quoted string: its quotes lie outside the tags, so it cannot become a list here
    kept = [index for index, name in enumerate(names) if name]
    if not kept:
        return None
    edits: list[Edit] = []
    for index, (occurrence, name) in enumerate(zip(pieces, names, strict=True)):
        rendered = _flow_item(name) if name else ""
        if rendered is None:
            return None
        content = ("[" if index == kept[0] else "") + rendered
        if index in kept and index != kept[-1]:
            content += ","
        if index == kept[-1]:
            content += "]"
        edits.append(Edit(occurrence.span, content))
    return Fix(tuple(edits), Applicability.SAFE, "Write the tags as a list")


def _flow_item(name: str) -> str | None:
    rendered = name if tag_syntax.plain_is_safe(name) else tag_syntax.quote_double(name)
    return rendered if tag_syntax.reads_back(rendered, name, True) else None
