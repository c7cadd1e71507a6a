"""Write the inference as a starting ``taxonomy.yaml`` (one canonical tag per group, evidence in comments), and where."""

from __future__ import annotations

import os

from taglint.project.config import Config
from taglint.report.words import counted
from taglint.tools.infer.groups import Inference, Member


def _yaml_name(name: str) -> str:
    from taglint.parse.tag_syntax import plain_is_safe, quote_double

    return name if plain_is_safe(name) and ":" not in name and "#" not in name else quote_double(name)


def _uses(count: int) -> str:
    return counted(count, "note")


def _member(m: Member) -> str:
    return f"{_uses(m.count)}{', ' + m.dates if m.dates else ''}; {m.evidence}"


def render(result: Inference, notes: int, source: str = "", reading: str = "") -> str:
    """The taxonomy text; it always loads, even for a collection without a single tag (``tags: {}``).

    ``reading`` says how the notes were read (the dialect and why), as a header line.
    """
    lines = [
        f"# Starting taxonomy written by `taglint init`{' from ' + source if source else ''}: {counted(notes, 'note')},",
        f"# {counted(result.tags, 'spelling')}, {counted(len(result.groups), 'canonical tag')}, {result.merged} with aliases,",
        f"# {counted(result.uncertain, 'uncertain candidate')} (commented out below: to accept one, uncomment it",
        "# and delete the candidate's own entry).  Each alias says why it is one; review them,",
        "# add descriptions and parents, then run `taglint check` (and `taglint fix`).",
        *([f"# {line}" for line in reading.splitlines()] if reading else []),
        "version: 1",
        "case_sensitive: false",
    ]
    if not result.groups:
        lines.append("tags: {}  # no note has a tag yet: add tags here as you start using them")
        return "\n".join(lines) + "\n"
    lines.append("tags:")
    for group in sorted(result.groups, key=lambda g: g.canonical.casefold()):
        why = f"; canonical: {group.why}" if group.why else ""
        lines.append(f"  {_yaml_name(group.canonical)}:  # {_uses(group.count)}{why}")
        if group.aliases:
            lines.append("    aliases:")
            lines.extend(f"      - {_yaml_name(m.name)}  # {_member(m)}" for m in group.aliases)
        elif group.uncertain:
            lines.append("    # aliases:")
        lines.extend(f"      # - {_yaml_name(m.name)}  # uncertain: {_member(m)}" for m in group.uncertain)
    return "\n".join(lines) + "\n"


def init_target(config: Config, path: str) -> str:
    """Where ``taglint init PATH`` writes: the project's taxonomy path when PATH is in a project, else in PATH.

    A project is a directory with a taglint config (or a ``taxonomy.yaml``)
    found by walking up from PATH; without one, the directory given is the
    collection's root (a file's directory, for a file).
    """
    directory = path if os.path.isdir(path) else os.path.dirname(path) or "."
    inside = os.path.commonpath([os.path.abspath(directory), config.root]) == config.root
    # With no project found, config.root is the current directory: only a real find counts.
    if config.source is not None or (inside and os.path.isfile(config.taxonomy_path)):
        return config.taxonomy_path
    return os.path.join(directory, "taxonomy.yaml")
