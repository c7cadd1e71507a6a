"""A parsed note: its text, front-matter fields and tag occurrences, all located."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from taglint.files.text import DecodeError, SourceText, decode
from taglint.model import Span, TagOccurrence
from taglint.parse import dialects, frontmatter, tag_syntax
from taglint.parse.frontmatter import Field, Problem
from taglint.parse.inline_tags import find_inline_tags

DEFAULT_TAG_FIELDS = ("tags", "tag")


@dataclass(frozen=True, slots=True)
class Note:
    path: str
    source: SourceText
    has_front_matter: bool
    yaml_span: Span | None  # the front matter's text (YAML or TOML between the fences, a JSON object whole)
    body_start: int
    fields: dict[str, Field]
    tags: tuple[TagOccurrence, ...]
    problems: tuple[Problem, ...]
    format: str = "yaml"  # of the front matter: yaml, toml or json

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def parsed(self) -> bool:
        """False when the front matter could not be read; only parse-error applies then."""
        return not any(p.rule == "parse-error" for p in self.problems)

    def data(self) -> dict[str, Any]:
        return {key: fld.value for key, fld in self.fields.items()}


def parse_note(
    path: str, data: bytes, tag_fields: Sequence[str] = DEFAULT_TAG_FIELDS, inline_tags: bool = False, dialect: str = dialects.GENERIC
) -> Note:
    try:
        source = decode(data)
    except DecodeError as exc:
        empty = SourceText("", False)
        return Note(path, empty, False, None, 0, {}, (), (Problem("parse-error", str(exc), Span(0, 0)),))
    return parse_text(path, source, tag_fields, inline_tags, dialect)


def parse_text(
    path: str,
    source: SourceText,
    tag_fields: Sequence[str] = DEFAULT_TAG_FIELDS,
    inline_tags: bool = False,
    dialect: str = dialects.GENERIC,
) -> Note:
    """Parse decoded note text, reading its tags the way ``dialect`` (``parse.dialects``) reads them."""
    text = source.text
    try:
        block = frontmatter.find_block(text, dialects.formats(dialect))
    except frontmatter.FrontMatterError as exc:
        return Note(path, source, True, None, 0, {}, (), (Problem("parse-error", str(exc), Span(exc.offset, exc.offset)),))
    if block is None:
        tags = tuple(find_inline_tags(text, 0, dialect)) if inline_tags else ()
        return Note(path, source, False, None, 0, {}, tags, ())
    front = text[block.yaml.start : block.yaml.end]
    fields, problems, _root = frontmatter.read_fields(front, block.yaml.start, block.format)
    occurrences: list[TagOccurrence] = []
    for key in tag_keys(fields, tag_fields, dialect):
        found, field_problems = tag_syntax.tags_from_field(text, fields[key], dialects.split_mode(dialect, key))
        occurrences.extend(found)
        problems.extend(field_problems)
    if inline_tags:
        occurrences.extend(find_inline_tags(text, block.body_start, dialect))
    return Note(path, source, True, block.yaml, block.body_start, fields, tuple(occurrences), tuple(problems), block.format)


def tag_keys(fields: dict[str, Field], tag_fields: Sequence[str], dialect: str) -> list[str]:
    """The keys of ``fields`` that hold tags: the tag fields, in their order; any capitalisation where the dialect says so."""
    if not dialects.keys_ignore_case(dialect):
        return [key for key in tag_fields if key in fields]
    wanted = [key.lower() for key in tag_fields]
    return sorted((key for key in fields if key.lower() in wanted), key=lambda key: wanted.index(key.lower()))
