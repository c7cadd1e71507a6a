"""The pre-commit hooks with the real pre-commit client, and the README's snippets.

Slow (pre-commit pip-installs taglint into its own environment): skipped by
``pytest -m "not slow"``, run by ``.ci/run``. ``pre-commit run`` with the
README's config clones this repository at ``git rev-parse HEAD`` and so tests
the COMMITTED hooks; ``pre-commit try-repo`` tests the working tree.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import NLP_LLM_DESCRIBED

REPO = Path(__file__).resolve().parent.parent

TAXONOMY = NLP_LLM_DESCRIBED


def readme_yaml_block(heading: str) -> str:
    """The first ```yaml block under ``heading`` in README.md."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n{heading}\n", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match is not None, f"no yaml block under {heading}"
    return match.group(1)


def hooks_manifest() -> list[dict[str, object]]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"taglint", "taglint-fix", "taglint-collection"}
    assert hooks["taglint"]["types_or"] == hooks["taglint-fix"]["types_or"] == ["markdown", "mdx"]
    assert hooks["taglint-collection"]["pass_filenames"] is False
    assert all("--force-exclude" in h["entry"] for h in hooks.values())


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("taxonomy.yaml", True),
        ("notes/taxonomy.yaml", True),
        ("rules/base.yaml", True),
        ("rules/note.schema.json", True),
        ("taglint.toml", True),
        ("pyproject.toml", True),  # [tool.taglint] lives there
        ("notes/pyproject.toml", True),
        ("notes/a.md", False),
        ("mytaxonomy.yaml", False),
        ("pyproject.toml.orig", False),
    ],
)
def test_collection_hook_files_pattern(path: str, expected: bool) -> None:
    (hook,) = [h for h in hooks_manifest() if h["id"] == "taglint-collection"]
    assert (re.search(str(hook["files"]), path) is not None) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("vocab/tags.yml", True),
        ("checks/venues.yaml", True),
        ("taglint.toml", True),
        ("pyproject.toml", True),
        ("taxonomy.yaml", False),
        ("notes/a.md", False),
    ],
)
def test_readme_files_pattern_for_a_taxonomy_under_another_name(path: str, expected: bool) -> None:
    section = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Pre-commit\n", 1)[1].split("\n## ", 1)[0]
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)]
    (hook,) = [h for b in blocks for h in b["repos"][0]["hooks"] if "files" in h]
    assert hook["id"] == "taglint-collection"
    assert (re.search(hook["files"], path) is not None) is expected


def test_readme_pre_commit_snippet_uses_existing_hooks() -> None:
    config = yaml.safe_load(readme_yaml_block("## Pre-commit"))
    ids = {h["id"] for h in hooks_manifest()}
    assert {h["id"] for h in config["repos"][0]["hooks"]} <= ids


# --- with the real client ----------------------------------------------------


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1")
    return env


def sh(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a command; stdout holds stdout and stderr together (git commit prints hook output on stderr)."""
    return subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900)


def make_notes_repo(root: Path, env: dict[str, str]) -> None:
    root.mkdir()
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.name", "Test"],
        ["config", "user.email", "test@example.invalid"],
        ["config", "commit.gpgsign", "false"],
    ):
        assert sh(["git", *args], root, env).returncode == 0
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (root / "notes").mkdir()


def head_rev() -> str:
    done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.mark.slow
def test_readme_config_with_pre_commit_commits(tmp_path: Path) -> None:
    env = git_env(tmp_path / "pre-commit-home")
    notes = tmp_path / "notes-repo"
    make_notes_repo(notes, env)
    config = readme_yaml_block("## Pre-commit")
    # The only change to the README's block: where this checkout is, instead of OWNER's address.
    config = re.sub(r"(?m)^(\s*- repo: ).*$", lambda m: m.group(1) + str(REPO), config)
    config = re.sub(r"(?m)^(\s*rev: ).*$", lambda m: m.group(1) + head_rev(), config)
    (notes / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (notes / "notes" / "a.md").write_text("---\ntags: [LLM, NLP]\n---\nBody\n", encoding="utf-8")
    assert sh([sys.executable, "-m", "pre_commit", "install"], notes, env).returncode == 0
    sh(["git", "add", "-A"], notes, env)

    # 1. A commit with an alias tag fails; the fix hook rewrote the note.
    first = sh(["git", "commit", "-m", "add notes"], notes, env)
    assert first.returncode != 0, first.stdout
    assert "Failed" in first.stdout and "taglint (fix)" in first.stdout
    assert (notes / "notes" / "a.md").read_text(encoding="utf-8") == "---\ntags: [LanguageModel, NLP]\n---\nBody\n"

    # 2. Re-staged, the commit passes.
    sh(["git", "add", "-A"], notes, env)
    second = sh(["git", "commit", "-m", "add notes"], notes, env)
    assert second.returncode == 0, second.stdout

    # 3. A taxonomy change alone re-checks the unchanged note, which now has an unknown tag.
    (notes / "taxonomy.yaml").write_text("version: 1\ntags:\n  NLP:\n    description: Natural language processing\n", encoding="utf-8")
    sh(["git", "add", "taxonomy.yaml"], notes, env)
    third = sh(["git", "commit", "-m", "drop LanguageModel"], notes, env)
    assert third.returncode != 0, third.stdout
    assert "notes/a.md:2:8: TG001 unknown-tag" in third.stdout
    assert re.search(r"taglint \(fix\)\.+\(no files to check\)Skipped", third.stdout)


@pytest.mark.slow
def test_try_repo_working_tree_check_hook_honours_exclude(tmp_path: Path) -> None:
    env = git_env(tmp_path / "pre-commit-home")
    notes = tmp_path / "notes-repo"
    make_notes_repo(notes, env)
    (notes / "taglint.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    (notes / "drafts").mkdir()
    (notes / "drafts" / "wip.md").write_text("---\ntags: [Nope]\n---\n", encoding="utf-8")
    (notes / "notes" / "ok.md").write_text("---\ntags: [NLP]\n---\n", encoding="utf-8")
    (notes / "notes" / "bad.mdx").write_text("---\ntags: [Unknown]\n---\n", encoding="utf-8")
    sh(["git", "add", "-A"], notes, env)

    excluded = sh(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "taglint", "--files", "drafts/wip.md", "notes/ok.md"], notes, env
    )
    assert excluded.returncode == 0, excluded.stdout
    failing = sh(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "taglint", "--files", "notes/bad.mdx", "notes/ok.md"], notes, env
    )
    assert failing.returncode == 1, failing.stdout
    assert "notes/bad.mdx:2:8: TG001 unknown-tag" in failing.stdout


def test_readme_github_workflow_commands_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import shlex

    from taglint.cli.main import main
    from tests.test_formats import sarif_errors

    workflow = yaml.safe_load(readme_yaml_block("## GitHub Actions"))
    steps = workflow["jobs"]["taglint"]["steps"]
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in steps)
    runs = [s["run"] for s in steps if str(s.get("run", "")).startswith("taglint ")]
    (upload,) = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    (tmp_path / ".git").mkdir()
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntags: [Nope]\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    codes = [main(shlex.split(command)[1:]) for command in runs]
    out = capsys.readouterr().out
    assert codes == [1, 0]  # the check step fails the job; the SARIF step always writes
    assert "::error file=a.md,line=2,col=8" in out
    document = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif_errors(document) == []
    assert document["runs"][0]["results"][0]["ruleId"] == "TG001"


@pytest.mark.slow
def test_try_repo_collection_hook_fires_on_pyproject_toml(tmp_path: Path) -> None:
    env = git_env(tmp_path / "pre-commit-home")
    notes = tmp_path / "notes-repo"
    make_notes_repo(notes, env)
    (notes / "pyproject.toml").write_text("[tool.taglint]\ninline-tags = false\n", encoding="utf-8")
    (notes / "notes" / "a.md").write_text("---\ntags: [Unknown]\n---\n", encoding="utf-8")
    sh(["git", "add", "-A"], notes, env)
    fired = sh([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "taglint-collection", "--files", "pyproject.toml"], notes, env)
    assert fired.returncode == 1, fired.stdout
    assert "notes/a.md:2:8: TG001 unknown-tag" in fired.stdout
    skipped = sh([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "taglint-collection", "--files", "notes/a.md"], notes, env)
    assert skipped.returncode == 0 and "(no files to check)Skipped" in skipped.stdout
