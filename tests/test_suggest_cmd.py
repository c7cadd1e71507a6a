"""``taglint suggest``, its --apply, and the suggestions the linter shows once a model is stored."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from helpers import run_cli
from test_tag_model import TAXONOMY, _note

TOPICS = ("Cooking", "Gardening", "Python")
RULES = "version: 1\nrequired-fields: [title, tags]\n"


def _tagged(i: int, rng: random.Random) -> str:
    topic = TOPICS[i % 3]
    state = "Done" if i % 2 else "Draft"
    style = i % 3
    if style == 0:
        tags = f"tags: [{topic}, {state}]\n"
    elif style == 1:
        tags = f"tags:\n  - {topic}\n  - {state}\n"
    else:
        tags = f"tags: {topic}, {state}\n"
    return f"---\ntitle: note {i}\n{tags}---\n\n{_note(topic, rng)}\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rng = random.Random(3)
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "base.yaml").write_text(RULES)
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(45):
        (notes / f"n{i:02d}.md").write_text(_tagged(i, rng))
    (notes / "new-pasta.md").write_text("---\ntitle: Pasta for tonight\n---\n\ngarlic sauce simmer pasta recipe\n")
    (notes / "bare.md").write_bytes(b"seedling compost soil greenhouse watering\r\nmore lines\r\n")
    (notes / "one-tag.md").write_text(
        "---\ntitle: asyncio tricks\ntags:\n  - Draft # keep\n---\n\nimport asyncio generator typing module\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "notes").iterdir())}


def test_suggests_for_untagged_and_under_tagged_notes_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "suggest", "notes", "--format", "json")
    assert code == 0
    results = {Path(r["path"]).name: r for r in json.loads(out[: out.rindex("]") + 1])}
    assert set(results) == {"new-pasta.md", "bare.md", "one-tag.md"}
    assert results["new-pasta.md"]["suggestions"][0]["tag"] == "Cooking"
    assert results["bare.md"]["suggestions"][0]["tag"] == "Gardening"
    assert results["one-tag.md"]["why"].startswith("under-tagged")
    assert results["one-tag.md"]["suggestions"][0]["tag"] == "Python"
    assert all(s["tag"] not in ("Draft", "Done") for s in results["one-tag.md"]["suggestions"])  # one state at most
    assert all(s["evidence"] for r in results.values() for s in r["suggestions"])


def test_text_output_names_score_and_evidence(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "suggest", "notes/new-pasta.md", "--from", "notes", "-k", "1")
    assert code == 0
    line = out.splitlines()[1]
    assert line.split()[0] == "Cooking" and "most similar notes carry it" in line


def test_the_model_is_stored_and_reused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "suggest", "notes")
    assert list((project / ".taglint_cache" / "suggest").glob("*.npz"))
    _, out = run_cli(capsys, "suggest", "notes")
    assert "model loaded from 46 tagged notes" in out


def test_no_cache_stores_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "suggest", "notes", "--no-cache")
    assert not (project / ".taglint_cache").exists()


def test_apply_changes_only_tag_fields_and_a_second_run_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(project)
    code, out = run_cli(capsys, "suggest", "notes", "-k", "1", "--apply")
    assert code == 0, out
    after = _snapshot(project)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"notes/new-pasta.md", "notes/bare.md", "notes/one-tag.md"}
    assert after["notes/new-pasta.md"] == b"---\ntitle: Pasta for tonight\ntags: [Cooking]\n---\n\ngarlic sauce simmer pasta recipe\n"
    assert after["notes/bare.md"] == b"---\r\ntags: [Gardening]\r\n---\r\n" + before["notes/bare.md"]
    assert after["notes/one-tag.md"] == before["notes/one-tag.md"].replace(b"  - Draft # keep\n", b"  - Draft # keep\n  - Python\n")
    run_cli(capsys, "suggest", "notes", "-k", "1", "--apply")
    assert _snapshot(project) == after


def test_apply_respects_min_score(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(project)
    run_cli(capsys, "suggest", "notes", "--min-score", "1.0", "--apply")
    assert _snapshot(project) == before


def test_missing_extra_says_how_to_install(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy now raises ImportError
    code, out = run_cli(capsys, "suggest", "notes")
    assert code == 2 and "pip install 'taglint[suggest]'" in out


def test_linter_names_suggestions_only_once_a_model_is_stored(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, before = run_cli(capsys, "check", "notes/new-pasta.md")
    assert "taglint suggest" not in before
    run_cli(capsys, "suggest", "notes")
    _, after = run_cli(capsys, "check", "notes/new-pasta.md")
    assert 'Missing required field "tags"; taglint suggest: "Cooking"' in after


def test_no_cache_trusts_no_stored_model(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # CI runs --no-cache: a model a pull request committed into the cache directory is not used.
    run_cli(capsys, "suggest", "notes")
    _, out = run_cli(capsys, "check", "notes/new-pasta.md", "--no-cache")
    assert 'Missing required field "tags"' in out and "taglint suggest" not in out


def test_result_cache_forgets_messages_when_a_model_is_stored(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "check", "notes/new-pasta.md")
    run_cli(capsys, "suggest", "notes")
    _, after = run_cli(capsys, "check", "notes/new-pasta.md")
    assert "taglint suggest" in after


def test_under_tagged_is_opt_in(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "suggest", "notes")
    _, default = run_cli(capsys, "check", "notes/one-tag.md")
    assert "under-tagged" not in default
    _, selected = run_cli(capsys, "check", "notes/one-tag.md", "--select", "under-tagged")
    assert 'TG012 under-tagged 1 tag where notes usually have 2 or more; taglint suggest: "Python"' in selected


def test_under_tagged_fix_adds_the_suggestions_in_the_note_style(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "suggest", "notes")
    code, out = run_cli(capsys, "fix", "notes/one-tag.md", "--select", "under-tagged", "--unsafe-fixes")
    assert code == 1 and "Fixed 1 issue in 1 file" in out  # fix exits 1 when it changed a file
    text = (project / "notes" / "one-tag.md").read_text()
    assert text.startswith("---\ntitle: asyncio tricks\ntags:\n  - Draft # keep\n  - Python\n")


def test_linter_without_a_model_never_imports_numpy(project: Path) -> None:
    import subprocess

    probe = "import sys; from taglint.cli.main import main; main(['check', 'notes', '--no-cache', '--select', 'missing-field,under-tagged']); print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=project)
    assert result.stdout.strip().splitlines()[-1] == "False"


DOC_TAXONOMY = """\
version: 1
tags:
  NLP: {description: Natural language processing}
  LanguageModel: {description: Language models, parents: [NLP]}
  Scaling Laws: {description: How performance scales with model and data size}
  Vision: {description: Computer vision}
"""


def test_under_tagged_docstring_example_triggers_and_use_instead_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_rule_docs import doc_block

    from taglint.checks import under_tagged

    (tmp_path / "taxonomy.yaml").write_text(DOC_TAXONOMY)
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(30):  # every note has three tags: the usual count is 3
        tags = "[NLP, LanguageModel, Scaling Laws]" if i % 2 else "[Vision, NLP, LanguageModel]"
        (notes / f"n{i}.md").write_text(f"---\ntitle: note {i}\ntags: {tags}\n---\n\nlanguage model scaling {i}\n")
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "suggest", "notes")
    for heading, expected in (("**Example.**", True), ("**Use instead.**", False)):
        (notes / "doc.md").write_text(doc_block(under_tagged.RULE.doc, heading))
        _, out = run_cli(capsys, "check", "notes/doc.md", "--select", "under-tagged")
        assert ("TG012 under-tagged" in out) is expected, out
