"""Shared setup for the fix tests: the golden-case taxonomy and in-memory fixing."""

from __future__ import annotations

from pathlib import Path

from taglint.config import Config
from taglint.engine import Setup, load_setup
from taglint.fixing import FixOutcome, fix_note
from taglint.notes import parse_note

FIX_DATA = Path(__file__).resolve().parent / "data" / "fix"


def golden_cases() -> list[str]:
    return sorted(p.name[: -len(".md")] for p in FIX_DATA.glob("*.md") if not p.name.endswith(".fixed.md"))


def setup(inline_tags: bool = True, ignore: tuple[str, ...] = ()) -> Setup:
    config = Config(root=str(FIX_DATA), taxonomy="taxonomy.yaml", rules=None, inline_tags=inline_tags)
    return load_setup(config, ignore=ignore)


def fix_bytes(data: bytes, unsafe: bool = False, the_setup: Setup | None = None, path: str = "note.md") -> tuple[bytes, FixOutcome]:
    chosen = the_setup or setup()
    note = parse_note(path, data, chosen.config.tag_fields, chosen.config.inline_tags)
    outcome = fix_note(note, chosen, unsafe)
    return outcome.note.source.encode(), outcome
