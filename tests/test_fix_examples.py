"""The issue's "done when": `taglint fix` on a copy of examples/paper-notes, and on notes
written in other people's styles (tests/data/fix/foreign: Obsidian, Jekyll, Hugo,
Zettlr, Dendron, Foam...), leaves no safe-fixable finding, changes only tag
spans, and changes nothing when run again.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest
from fixhelpers import FIX_DATA, skeleton
from helpers import run_in

from taglint.parse.notes import parse_note

REPO = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, notes: Path, config: str = "") -> Path:
    shutil.copytree(notes, tmp_path / "notes")
    shutil.copy(REPO / "taxonomy.yaml", tmp_path / "taxonomy.yaml")
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    if config:
        (tmp_path / "taglint.toml").write_text(config)
    return tmp_path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code, out, err = run_in(root, *args, capsys=capsys)
    return code, out + err


CORPORA = {
    "paper-notes": (REPO / "examples" / "paper-notes", "", r"(tags?:| +- )"),
    "foreign": (FIX_DATA / "foreign", "inline-tags = true\n", None),
}


@pytest.fixture(params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path, dict[str, bytes], str | None]:
    source, config, tag_line = CORPORA[request.param]
    root = _project(tmp_path, source, config)
    return request.param, root, _snapshot(root / "notes"), tag_line


def test_fix_changes_only_tag_spans(corpus, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    name, root, before, tag_line = corpus
    code, output = _run(root, capsys, "fix", "notes")
    after = _snapshot(root / "notes")
    changed = [path for path in before if before[path] != after[path]]
    assert code == 1 and changed, output
    assert re.search(rf"Fixed \d+ issues in {len(changed)} files\.", output)
    inline = name == "foreign"
    for path in changed:
        old = parse_note(path, before[path], inline_tags=inline)
        new = parse_note(path, after[path], inline_tags=inline)
        # Byte proof: with the tags (and their separators) cut out, the files are identical.
        assert skeleton(new) == skeleton(old), path
        assert after[path].startswith(b"\xef\xbb\xbf") == before[path].startswith(b"\xef\xbb\xbf")
        if tag_line:
            # And in diff terms: every changed line is a tags line.
            lines = difflib.unified_diff(before[path].decode().splitlines(), after[path].decode().splitlines(), n=0, lineterm="")
            edited = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            assert edited and all(re.match(r"[+-]" + tag_line, line) for line in edited), (path, edited)


def test_fix_leaves_no_safe_fixable_finding_and_settles(corpus, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    _, root, _, _ = corpus
    _run(root, capsys, "fix", "notes")
    fixed = _snapshot(root / "notes")
    _, output = _run(root, capsys, "check", "--output-format", "json", "notes")
    report = json.loads(output[: output.rindex("]") + 1])
    assert [d for d in report if d["fix"] and d["fix"]["applicability"] == "safe"] == []
    _code, output = _run(root, capsys, "fix", "notes")
    assert "Fixed 0 issues in 0 files." in output
    assert _snapshot(root / "notes") == fixed


def test_diff_on_the_examples_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, REPO / "examples" / "paper-notes")
    before = _snapshot(root / "notes")
    code, output = _run(root, capsys, "fix", "--diff", "notes")
    assert code == 1
    assert "+tags: [" in output
    assert _snapshot(root / "notes") == before
