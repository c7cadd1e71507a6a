"""How a collection uses its tags: per-tag counts, first/last note dates, co-occurrence.

Built from the same discovery and note parsing as ``check``, so ``tags``,
``init``, ``tree`` and the usage-based taxonomy lints see exactly the notes
that ``check`` sees.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from taglint.parse.notes import Note, parse_note
from taglint.project.config import Config

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class TagUsage:
    name: str  # as written in the notes
    count: int  # notes carrying it (a note counts once)
    dates: tuple[str, ...] = ()  # sorted dates (YYYY-MM-DD) of the notes carrying it that have one

    @property
    def first(self) -> str | None:
        """Earliest note date, when notes have one."""
        return self.dates[0] if self.dates else None

    @property
    def last(self) -> str | None:
        return self.dates[-1] if self.dates else None


@dataclass(frozen=True)
class Usage:
    notes: int
    tags: dict[str, TagUsage]  # by written name
    note_tags: tuple[frozenset[str], ...] = ()  # the written names of each note
    cooccur: Counter[tuple[str, str]] = field(default_factory=Counter)

    def together(self, a: str, b: str) -> int:
        """Notes that carry both ``a`` and ``b``."""
        return self.cooccur.get((a, b) if a <= b else (b, a), 0)


# Where a note's date is: Hugo and Jekyll write ``date``; Obsidian templates write ``created``.
DATE_FIELDS = ("date", "created", "date created", "created_at")
# Jekyll takes a post's date from its file name when the front matter has none (https://jekyllrb.com/docs/posts/).
_JEKYLL_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-")


def note_date(note: Note) -> str | None:
    """The note's date as YYYY-MM-DD (first of DATE_FIELDS, else a Jekyll post's file name), or None."""
    data: Any = note.data()
    for name in DATE_FIELDS:
        value = data.get(name) if isinstance(data, dict) else None
        if value is not None:
            match = _DATE.match(str(value))
            if match:
                return match.group(0)
    match = _JEKYLL_NAME.match(os.path.basename(note.path))
    return match.group(1) if match else None


def usage_from_notes(notes: Iterable[Note]) -> Usage:
    return usage_from_tag_sets((note_date(note), (o.name for o in note.tags)) for note in notes)


def usage_from_tag_sets(notes: Iterable[tuple[str | None, Iterable[str]]]) -> Usage:
    """Usage from ``(date or None, written tag names)`` per note: the notes themselves are not needed.

    The evaluation of ``init`` (scripts/eval_init.py) builds usage this way from
    committed tag lists, so it measures exactly what ``init`` sees.
    """
    counts: Counter[str] = Counter()
    dates: dict[str, list[str]] = {}
    per_note: list[frozenset[str]] = []
    cooccur: Counter[tuple[str, str]] = Counter()
    total = 0
    for date, written in notes:
        total += 1
        names = frozenset(written)
        per_note.append(names)
        for name in names:
            counts[name] += 1
            if date is not None:
                dates.setdefault(name, []).append(date)
        ordered = sorted(names)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                cooccur[(a, b)] += 1
    tags = {name: TagUsage(name, n, tuple(sorted(dates.get(name, ())))) for name, n in counts.items()}
    return Usage(total, tags, tuple(per_note), cooccur)


def with_prefixes(usage_notes: Iterable[Note]) -> Iterable[tuple[str | None, list[str]]]:
    """``(date, names)`` per note, a nested tag ``a/b`` counting for ``a`` too (Obsidian's tag pane counts so)."""
    from taglint.parse.dialects import prefixes

    for note in usage_notes:
        names = [o.name for o in note.tags]
        yield note_date(note), names + [prefix for name in names for prefix in prefixes(name)]


def read_notes(paths: Sequence[str], config: Config) -> Iterable[Note]:
    """Parse every note discovery selects; unreadable files are skipped (``check`` reports them)."""
    from taglint.files.select import FileSelector

    for path in FileSelector(config).walk(paths):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        note = parse_note(path, data, config.tag_fields, config.inline_tags, config.dialect)
        if note.parsed:
            yield note


def scan(paths: Sequence[str], config: Config, nested: bool = False) -> Usage:
    """Usage of the notes under ``paths``; with ``nested`` (tags, tree and graph in the obsidian dialect), a note
    tagged ``a/b`` counts for ``a`` too. ``init`` reads the names as written."""
    if nested:
        return usage_from_tag_sets(with_prefixes(read_notes(paths, config)))
    return usage_from_notes(read_notes(paths, config))


def canonical_counts(usage: Usage, taxonomy: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Per canonical tag: notes carrying it (by any spelling), and notes carrying it or a descendant."""
    direct: Counter[str] = Counter()
    rolled: Counter[str] = Counter()
    for names in usage.note_tags:
        present: set[str] = set()
        for name in names:
            resolution = taxonomy.resolve(name)
            if resolution is not None:
                present.add(resolution.canonical)
        direct.update(present)
        rolled.update(taxonomy.with_ancestors(present))
    return dict(direct), dict(rolled)
