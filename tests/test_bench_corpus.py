"""The realistic bench corpus adds fields to the flat one and changes nothing a finding depends on."""

from __future__ import annotations

from pathlib import Path

from bench import corpus
from taglint.files.text import decode
from taglint.parse.notes import parse_note

REPO = Path(__file__).resolve().parent.parent


def notes(root: Path) -> list[Path]:
    return sorted((root / "notes").rglob("*.md"))


def test_realistic_notes_carry_the_flat_notes_tags_defects_and_bodies(tmp_path: Path) -> None:
    taxonomy = REPO / "taxonomy.yaml"
    flat = corpus.generate(tmp_path / "flat", 300, seed=5, taxonomy_path=taxonomy)
    rich = corpus.generate(tmp_path / "rich", 300, seed=5, taxonomy_path=taxonomy, shape="realistic")
    assert (rich.shape, flat.shape) == ("realistic", "flat")
    assert (rich.counts, rich.defects, rich.styles, rich.crlf_files, rich.bom_files) == (
        flat.counts,
        flat.defects,
        flat.styles,
        flat.crlf_files,
        flat.bom_files,
    )
    added: set[str] = set()
    for a, b in zip(notes(tmp_path / "flat"), notes(tmp_path / "rich"), strict=True):
        plain, real = parse_note(str(a), a.read_bytes()), parse_note(str(b), b.read_bytes())
        assert [t.name for t in plain.tags] == [t.name for t in real.tags]
        assert plain.text[plain.body_start :] == real.text[real.body_start :]
        assert real.problems == plain.problems == ()
        assert {k: v for k, v in real.data().items() if k in plain.fields} == plain.data()
        added.update(set(real.fields) - set(plain.fields))
        assert decode(b.read_bytes()).bom == decode(a.read_bytes()).bom
    assert added == {"updated", "draft", "image", "overlay_image", "header", "authors", "excerpt", "aliases", "cssclasses", "rating"}
