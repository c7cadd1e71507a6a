"""What a collection's notes agree on, counted once per run: how Obsidian users write front-matter tags.

Obsidian accepts ``tags: ["#NLP"]`` as well as ``tags: [NLP]`` (one leading
``#`` is dropped: Dataview's ``extractTags``, ``parse.dialects``). A vault
usually keeps one of the two; ``front-matter-hash = "auto"`` reports the other
only when most tags are written without it.
"""

from __future__ import annotations

from taglint.project.config import Config
from taglint.project.setup import Setup


def count_hashed(config: Config) -> tuple[int, int]:
    """``(written with "#", written without)``: the front-matter tags of every note under the project root."""
    from taglint.files.read import read_note
    from taglint.files.select import FileSelector
    from taglint.parse.notes import parse_note

    hashed = plain = 0
    for path in FileSelector(config).walk([config.root]):
        try:
            data = read_note(path)
        except OSError:
            continue
        if b"ag" not in data:  # no "tags"/"Tags"/"tag" key anywhere: nothing to count
            continue
        note = parse_note(path, data, config.tag_fields, False, config.dialect)
        for occurrence in note.tags:
            if occurrence.field is None:
                continue
            raw = note.text[occurrence.span.start : occurrence.span.end].lstrip("\"'")
            if raw.startswith("#"):
                hashed += 1
            else:
                plain += 1
    return hashed, plain


def hash_convention(setup: Setup) -> str:
    """How the collection writes front-matter tags in the obsidian dialect: "without" or "with" a leading "#".

    ``front-matter-hash = "auto"`` follows the notes under the project root (the
    spelling most tags are written in; "without" on a tie): counted once per run
    and kept in ``setup.derived``, so forked workers inherit it, and part of the
    result cache's key (``cache.results``), so a flip re-checks the notes.
    """
    config = setup.config
    if config.dialect != "obsidian":
        return "with"
    if config.front_matter_hash != "auto":
        return config.front_matter_hash
    found = setup.derived.get("hash_convention")
    if found is None:
        hashed, plain = count_hashed(config)
        found = setup.derived["hash_convention"] = "with" if hashed > plain else "without"
    return str(found)
