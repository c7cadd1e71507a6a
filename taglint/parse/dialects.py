"""How each platform reads tags from a note: front-matter formats, which keys, how a value splits, the inline grammar.

A dialect is a name; this module holds what each one changes, as data and small
functions (no dataclasses: the pre-commit path imports it). Where the rule comes
from, per platform:

- ``generic``: taglint's own convention (README "Tags in notes"): YAML front
  matter; a list gives one tag per item; a string splits on commas when it has
  one, else on whitespace.
- ``jekyll``: ``Jekyll::Utils.pluralized_array_from_hash`` and
  ``Document#populate_tags`` / ``#populate_categories`` (jekyll/jekyll
  lib/jekyll/utils.rb, lib/jekyll/document.rb): the singular keys ``tag`` and
  ``category`` give one name, never split (``value_from_singular_key``); the
  plural ``tags`` and ``categories`` split a string with Ruby's
  ``String#split``, on whitespace only (``value_from_plural_key``), so
  ``tags: a, b`` publishes the tag ``a,``. YAML front matter only.
- ``hugo``: YAML (``---``), TOML (``+++``) and JSON (``{``) front matter
  (https://gohugo.io/content-management/front-matter/); front-matter keys are
  case-insensitive (Hugo lower-cases them: ``Series`` is ``series``); a
  taxonomy value is ``cast.ToStringSlicePreserveString``: a string is one term,
  a list one term per item. Which keys are taxonomies is the site config's
  ``taxonomies`` (``project.dialects`` reads it).
- ``obsidian``: tags in the ``tags`` property (``tag`` and any capitalisation
  too), as Dataview's ``extractTags`` reads them, which follows Obsidian
  (blacksmithgu/obsidian-dataview src/data-import/markdown-file.ts,
  ``splitFrontmatterTagOrAlias``): every string, each list item included,
  splits on runs of commas and whitespace, and one leading ``#`` is dropped.
  Inline ``#tags`` follow https://help.obsidian.md/Editing+and+formatting/Tags:
  letters, digits, ``_``, ``-`` and ``/``, with at least one character that is
  not a digit (``#1984`` is no tag, ``#y1984`` and ``#2023-10`` are).
"""

from __future__ import annotations

import re

GENERIC, JEKYLL, HUGO, OBSIDIAN = "generic", "jekyll", "hugo", "obsidian"
NAMES = (GENERIC, JEKYLL, HUGO, OBSIDIAN)
CHOICES = ("auto", *NAMES)

# How a string value splits into names (the first character of an occurrence's ``quote`` marker records it).
SPLIT_GENERIC = ""  # on commas when the string has one (marker ","), else on whitespace (marker "")
SPLIT_WHITESPACE = " "  # Jekyll's plural keys: whitespace only, commas stay in the names
SPLIT_NONE = "="  # Jekyll's singular keys, Hugo: the whole string is one name
SPLIT_OBSIDIAN = "~"  # runs of commas and whitespace, one leading "#" dropped

_OBSIDIAN_SEPARATORS = re.compile(r"[,\s]+")


def default_tag_fields(dialect: str) -> tuple[str, ...]:
    """The tag fields a dialect reads when the config names none (Hugo's come from the site config)."""
    if dialect == OBSIDIAN:
        return ("tags", "tag")
    if dialect == HUGO:
        return ("tags", "categories")  # Hugo's default taxonomies
    return ("tags", "tag")


def formats(dialect: str) -> tuple[str, ...]:
    """The front-matter formats a dialect reads."""
    return ("yaml", "toml", "json") if dialect == HUGO else ("yaml",)


def keys_ignore_case(dialect: str) -> bool:
    """Whether ``Tags:`` is the field ``tags`` (Hugo lower-cases keys; Dataview matches them case-insensitively)."""
    return dialect in (HUGO, OBSIDIAN)


def split_mode(dialect: str, key: str) -> str:
    """How a string in the field ``key`` splits into tag names under ``dialect``."""
    if dialect == JEKYLL:
        return SPLIT_NONE if key.lower() in ("tag", "category") else SPLIT_WHITESPACE
    if dialect == HUGO:
        return SPLIT_NONE
    if dialect == OBSIDIAN:
        return SPLIT_OBSIDIAN
    return SPLIT_GENERIC


def pieces(value: str, mode: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each name in the string ``value`` split the ``mode`` way (a leading "#" kept)."""
    if mode == SPLIT_NONE:
        stripped = value.strip()
        if not stripped:
            return []
        lead = len(value) - len(value.lstrip())
        return [(lead, lead + len(stripped))]
    if mode == SPLIT_OBSIDIAN:
        found = [(m.start(), m.end()) for m in re.finditer(r"[^,\s]+", value)]
        return [(a, b) for a, b in found if value[a:b] != "#"]  # "#" alone is nothing once stripped
    if mode == SPLIT_GENERIC and "," in value:
        found = []
        pos = 0
        for part in value.split(","):
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                found.append((pos + lead, pos + lead + len(stripped)))
            pos += len(part) + 1
        return found
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", value)]


def name_of(raw: str, mode: str) -> str:
    """The tag name a piece written ``raw`` stands for: Obsidian drops one leading ``#``."""
    return raw[1:] if mode == SPLIT_OBSIDIAN and raw.startswith("#") else raw


def splits(value: str, mode: str) -> bool:
    """Whether a list item ``value`` is more than one name (Obsidian splits list items too)."""
    return mode == SPLIT_OBSIDIAN and _OBSIDIAN_SEPARATORS.search(value.strip()) is not None


def field_group(dialect: str, key: str | None) -> str:
    """Which of a note's tag lists a field belongs to: a tag repeated within one list is a duplicate.

    Hugo keeps one list per taxonomy (a term in ``tags`` and in ``categories`` is
    two memberships); Jekyll one for ``tag``/``tags`` and one for
    ``category``/``categories``; Obsidian and the generic reading one for all.
    Inline ``#tags`` are their own list (``None``).
    """
    if key is None:
        return ""
    if dialect == HUGO:
        return key.lower()
    if dialect == JEKYLL:
        return "categories" if key.lower() in ("category", "categories") else "tags"
    return "tags"


def inline_name_ok(dialect: str, name: str) -> bool:
    """Whether ``#name`` is an inline tag: Obsidian needs one character that is not a digit; the
    generic reading also refuses names made only of digits and separators (``#2023-10``)."""
    if dialect == OBSIDIAN:
        return not name.isdigit()
    bare = name.replace("/", "").replace("-", "").replace("_", "")
    return bare != "" and not bare.isdigit()


def nested(dialect: str) -> bool:
    """Whether ``a/b`` is a tag under ``a`` (Obsidian's nested tags: https://help.obsidian.md/Editing+and+formatting/Tags#Nested+tags)."""
    return dialect == OBSIDIAN


def prefixes(name: str) -> list[str]:
    """The tags a nested tag lies under: ``a/b/c`` gives ``a`` and ``a/b``."""
    parts = name.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts)) if all(parts[:i])]


_HUGO_ALLOWED_PUNCTUATION = frozenset("./\\_#+~")


def hugo_term_key(name: str) -> str:
    """The key Hugo files a taxonomy term under: ``strings.ToLower(paths.Sanitize(name))``.

    gohugoio/hugo hugolib/site.go ``getTaxonomyKey`` and common/paths/path.go
    ``Sanitize``: letters, digits, marks and ``. / \\ _ # + ~`` (and ``%XX``
    escapes) are kept, a run of spaces and hyphens becomes one hyphen (none at
    the start or the end), anything else is dropped; then lower case. So
    ``Community Building`` and ``community-building`` are one term, one page.
    """
    import unicodedata

    out: list[str] = []
    hyphen = False
    for index, char in enumerate(name):
        category = unicodedata.category(char)
        allowed = char != " " and (
            category[0] in "LM"
            or category == "Nd"
            or char in _HUGO_ALLOWED_PUNCTUATION
            or (char == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", name[index + 1 : index + 3]) is not None)
        )
        if allowed:
            if hyphen:
                out.append("-")
                hyphen = False
            out.append(char)
        elif out and (char == "-" or char.isspace()):
            hyphen = True
    return "".join(out).lower()
