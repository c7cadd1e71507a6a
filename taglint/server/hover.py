"""Hover on a tag: what the taxonomy says about it, and how many notes carry it."""

from __future__ import annotations

from taglint import api
from taglint.model import TagOccurrence


def occurrence_at(buffer: str, offset: int, path: str, project: api.Setup) -> TagOccurrence | None:
    """The tag written at taglint ``offset`` (its end included: the cursor just after a name is on it)."""
    for occurrence in api.tag_occurrences(buffer, path, project):
        if occurrence.span.start <= offset <= occurrence.span.end:
            return occurrence
    return None


def code(name: str) -> str:
    """``name`` as Markdown inline code, whatever backticks it holds."""
    fence = "`"
    while fence in name:
        fence += "`"
    pad = " " if name.startswith("`") or name.endswith("`") else ""
    return f"{fence}{pad}{name}{pad}{fence}"


def describe(name: str, project: api.Setup, notes: int | None) -> str:
    """Markdown for the written tag ``name``: canonical name, description, parents, aliases, notes using it.

    An unknown tag gets the did-you-mean that ``unknown-tag`` would give.
    """
    resolution = project.taxonomy.resolve(name)
    if resolution is None:
        guess = api.did_you_mean(name, project)
        tail = f"; did you mean {code(guess)}?" if guess else ""
        return f"{code(name)} is not in the taxonomy{tail}"
    tag = resolution.tag
    if resolution.kind == "canonical":
        lines = [f"{code(tag.name)} (canonical tag)"]
    elif resolution.kind == "alias":
        lines = [f"{code(name)} is an alias of {code(tag.name)}"]
    else:
        lines = [f"{code(name)} is {code(tag.name)} written another way"]
    if tag.deprecated:
        lines.append("Deprecated" + (f"; use {code(tag.replaced_by)}" if tag.replaced_by else ""))
    if tag.description:
        lines.append(tag.description)
    if tag.parents:
        lines.append("Parents: " + ", ".join(code(parent) for parent in tag.parents))
    if tag.aliases:
        lines.append("Aliases: " + ", ".join(code(alias) for alias in tag.aliases))
    if notes is not None:
        lines.append(f"Used by {notes} note{'s' if notes != 1 else ''}")
    return "\n\n".join(lines)


def canonical_of(name: str, project: api.Setup) -> str | None:
    resolution = project.taxonomy.resolve(name)
    return resolution.canonical if resolution is not None else None
