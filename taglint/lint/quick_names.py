"""The tag names a note writes, read for the clean proof: front-matter values only, split as each dialect splits them.

The full reader (``parse.notes`` with ``parse.dialects``) is the reference;
this reading must give the same names or give up (None), and
``tests/test_quickcheck.py`` holds the two together. No dataclasses or typing
imports: the pre-commit path imports this module.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see fastpath)

from taglint.parse import yaml_values  # noqa: E402 - after TYPE_CHECKING, which must precede no import

if TYPE_CHECKING:
    from typing import Any


def front_matter_values(text: str, dialect: str) -> dict[str, Any] | None:
    """The front matter's values: YAML (the quick reader, else libyaml), and for Hugo TOML or JSON too."""
    if dialect == "hugo" and text[:1] in ("+", "{"):
        from taglint.parse.frontmatter import FrontMatterError, find_block, read_fields

        try:
            block = find_block(text, ("yaml", "toml", "json"))
        except FrontMatterError:
            return None
        if block is None or block.format == "yaml":
            return None  # "+++" or "{" that opens no front matter: the full path reads the note
        fields, problems, _root = read_fields(text[block.yaml.start : block.yaml.end], block.yaml.start, block.format)
        return None if problems else {key: fld.value for key, fld in fields.items()}
    return yaml_values.read_values(text)  # PyYAML is imported only for front matter that is not plain


def written_names(values: dict[str, Any], tag_fields: tuple[str, ...], dialect: str) -> list[str] | None:
    """Every tag name the note writes, as the plan's dialect reads it; None when only the full check can tell."""
    if dialect in ("hugo", "obsidian"):  # keys in any capitalisation: "Tags" is "tags"
        wanted = {key.lower() for key in tag_fields}
        keys = [key for key in values if key.lower() in wanted]
    else:
        keys = [key for key in tag_fields if key in values]
    names: list[str] = []
    for key in keys:
        value = values[key]
        if value is None:
            continue
        if type(value) is list:
            for name in value:
                if type(name) is not str:
                    return None  # a number, an empty item, a mapping: the full check says what it is
            items = value
        elif type(value) is str:
            items = [value]
        else:
            return None
        for item in items:
            split = _split(item, key, dialect, type(value) is list)
            if split is None:
                return None
            names.extend(split)
    return names


def _split(value: str, key: str, dialect: str, item: bool) -> list[str] | None:
    """The names in one string (a list item when ``item``), split as ``parse.dialects`` splits it."""
    if dialect == "obsidian":
        import re

        parts = re.findall(r"[^,\s]+", value)
        return None if any(part.startswith("#") for part in parts) else parts
    if item:
        return [value]
    if dialect == "hugo" or (dialect == "jekyll" and key in ("tag", "category")):
        return [value.strip()] if value.strip() else []
    if dialect == "jekyll":
        parts = value.split()
        return None if any(part.endswith(",") for part in parts) else parts
    return value.split() if "," not in value else [part.strip() for part in value.split(",") if part.strip()]


def prefixes(name: str) -> list[str]:
    parts = name.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]
