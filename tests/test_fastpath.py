"""The pre-commit fast path answers exactly as the full CLI would, or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from test_cache_and_workers import TAXONOMY as BASE_TAXONOMY

from taglint.cache import store
from taglint.cli import fast as fastpath
from taglint.cli.main import main as full_main
from taglint.files.select import DEFAULT_EXCLUDE

# The workers tests' taxonomy, with a deprecated tag and its replacement.
TAXONOMY = BASE_TAXONOMY.replace(
    "  ACL:",
    "  Neural: {description: Old name, deprecated: true, replaced_by: NeuralNetwork}\n  NeuralNetwork: {description: Neural networks}\n  ACL:",
)
RULES = """\
version: 1
required-fields: [title, tags]
custom:
  - id: venue-needs-url
    message: A venue needs a url
    when: {tags: {any: ["@venue"]}, fields: {url: missing}}
    require-fields: [url]
"""
CLEAN = "---\ntitle: A note\ntags: [LanguageModel, NLP]\n---\nBody.\n"
# Front matter as real collections write it: the regex reader refuses it, libyaml reads it.
RICH = """\
---
title: A note
updated: 2023-10-26T10:00:00+02:00
image: &cover
  path: /a.jpg
  size: {width: 1200, height: 630}
overlay_image: *cover
excerpt: >-
  Two lines
  of excerpt.
authors: [{name: Ada B, affiliation: Somewhere}]
tags:
  - LanguageModel
  - NLP
rating: 4.5
---
Body.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "vault"
    (root / "rules").mkdir(parents=True)
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (root / "rules" / "r.yaml").write_text(RULES, encoding="utf-8")
    (root / "clean.md").write_text(CLEAN, encoding="utf-8")
    (root / "rich.md").write_text(RICH, encoding="utf-8")
    (root / "other.md").write_text("---\ntitle: Other\ntags: [MultiModal]\n---\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(root)
    return root


def full(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = full_main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str, str]:
    code = fastpath.run(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def plan_files(project: Path) -> list[Path]:
    return sorted((project.parent / "cache" / "taglint" / "setup").glob("plan-*.json"))


@pytest.mark.parametrize(
    "args",
    [
        ["check", "clean.md"],
        ["check", "clean.md", "other.md"],
        ["check", "clean.md", "clean.md"],  # named twice, checked once
        ["check", "-q", "clean.md"],
        ["check", "--force-exclude", "--no-cache", "clean.md"],
        ["check", "rich.md", "clean.md"],
    ],
)
def test_a_clean_run_prints_what_the_full_path_prints(project: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    expected = full(args, capsys)
    answered = fast(args, capsys)
    assert answered[0] is not None, "the fast path should answer a clean run once a full run stored the plan"
    assert answered == expected


def test_without_a_stored_plan_the_full_path_runs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fast(["check", "clean.md"], capsys) == (None, "", "")


def test_the_full_path_stores_one_plan_per_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full(["check", "clean.md"], capsys)
    full(["check", "other.md"], capsys)
    [plan] = plan_files(project)
    stored = json.loads(plan.read_text(encoding="utf-8"))
    assert stored["key"] == store.key("plan", f"dir:{project}")
    assert "LanguageModel" in stored["data"]["canonical"] and "Neural" not in stored["data"]["canonical"]


@pytest.mark.parametrize(
    "front",
    [
        "title: A\ntags: [MulltiModal]\n",  # alias
        "title: A\ntags: [Neural]\n",  # deprecated
        "title: A\ntags: [NLP, NLP]\n",  # duplicate
        "title: A\ntags: [LanguageModel]\n",  # missing parent
        "title: A\ntags: [ACL, EMNLP]\n",  # conflicting
        "title: A\ntags: [Nope]\n",  # unknown
        "tags: [NLP]\n",  # missing field
        "title: A\ntags: [ACL]\n",  # custom rule (its tag condition holds)
        "title: A\ntags: [NLP]\ntaglint: {ignore: [unknown-tag]}\n",  # suppression
    ],
)
def test_a_note_with_findings_goes_to_the_full_path(project: Path, capsys: pytest.CaptureFixture[str], front: str) -> None:
    full(["check", "clean.md"], capsys)
    (project / "bad.md").write_text(f"---\n{front}---\n", encoding="utf-8")
    assert fast(["check", "clean.md", "bad.md"], capsys) == (None, "", "")
    assert "All checks passed" not in full(["check", "clean.md", "bad.md"], capsys)[1]


@pytest.mark.parametrize(
    "args",
    [
        ["check"],  # the current directory: a walk
        ["check", "."],
        ["check", "--output-format", "json", "clean.md"],
        ["check", "--select", "unknown-tag", "clean.md"],
        ["check", "--statistics", "clean.md"],
        ["check", "missing.md"],
        ["fix", "clean.md"],
        ["rules"],
    ],
)
def test_anything_but_a_plain_check_of_files_goes_to_the_full_path(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    full(["check", "clean.md"], capsys)
    assert fast(args, capsys) == (None, "", "")


def test_github_actions_goes_to_the_full_path(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    full(["check", "clean.md"], capsys)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert fast(["check", "clean.md"], capsys) == (None, "", "")


def _edit_taxonomy(project: Path) -> None:
    text = TAXONOMY.replace(
        "NLP: {description: Natural language processing}", "NLP: {description: NLP, deprecated: true, replaced_by: MultiModal}"
    )
    (project / "taxonomy.yaml").write_text(text, encoding="utf-8")


def _add_rule_file(project: Path) -> None:
    (project / "rules" / "more.yaml").write_text("version: 1\nrequired-fields: [date]\n", encoding="utf-8")


def _edit_rule_file(project: Path) -> None:
    (project / "rules" / "r.yaml").write_text(RULES.replace("[title, tags]", "[title, tags, url]"), encoding="utf-8")


def _add_config(project: Path) -> None:
    (project / "taglint.toml").write_text('ignore = ["missing-parent"]\n', encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_taxonomy, _add_rule_file, _edit_rule_file, _add_config])
def test_a_changed_input_makes_the_plan_stale(project: Path, capsys: pytest.CaptureFixture[str], change: object) -> None:
    full(["check", "clean.md"], capsys)
    change(project)  # type: ignore[operator]
    assert fast(["check", "clean.md"], capsys) == (None, "", "")


def _forge_crc32(original: bytes, edited: bytes, slot: int) -> bytes:
    """``edited`` with its 8 bytes at ``slot`` rewritten (within ``@``..``_``) so that its CRC-32 equals ``original``'s.

    CRC-32 of equal-length inputs is affine: flipping a bit XORs a fixed 32-bit
    vector into it. Flipping the low 5 bits of 8 bytes gives 40 vectors; solve
    for the flips that turn one CRC into the other (Gaussian elimination over GF(2)).
    """
    base = bytearray(edited)
    base[slot : slot + 8] = b"@" * 8
    basis: dict[int, tuple[int, int]] = {}  # highest bit -> (vector, which flips make it)
    for flip in range(40):
        changed = bytearray(base)
        changed[slot + flip // 5] ^= 1 << (flip % 5)
        vector, flips = zlib.crc32(changed) ^ zlib.crc32(base), 1 << flip
        for bit in sorted(basis, reverse=True):
            if vector >> bit & 1:
                vector, flips = vector ^ basis[bit][0], flips ^ basis[bit][1]
        if vector:
            basis[vector.bit_length() - 1] = (vector, flips)
    wanted, chosen = zlib.crc32(original) ^ zlib.crc32(base), 0
    for bit in sorted(basis, reverse=True):
        if wanted >> bit & 1:
            wanted, chosen = wanted ^ basis[bit][0], chosen ^ basis[bit][1]
    assert wanted == 0, "no solution with these 40 bits"
    for flip in range(40):
        if chosen >> flip & 1:
            base[slot + flip // 5] ^= 1 << (flip % 5)
    return bytes(base)


def test_a_taxonomy_edit_keeping_size_and_crc32_makes_the_plan_stale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 20 item 4: the plan trusted size + CRC-32, so this edit (a rename plus 8 comment bytes)
    # let the fast path answer "All checks passed" while the full path reports an unknown tag.
    original = (TAXONOMY + "# reviewed: abcdefgh\n").encode()
    renamed = original.replace(b"  LanguageModel:", b"  LanguageModal:")
    edited = _forge_crc32(original, renamed, len(original) - 9)
    assert edited != original and len(edited) == len(original) and zlib.crc32(edited) == zlib.crc32(original)
    (project / "taxonomy.yaml").write_bytes(original)
    assert full(["check", "clean.md"], capsys)[0] == 0  # stores the plan
    (project / "taxonomy.yaml").write_bytes(edited)
    assert fast(["check", "clean.md"], capsys) == (None, "", "")
    code, out, _ = full(["check", "clean.md"], capsys)
    assert code == 1 and "unknown-tag" in out and "LanguageModel" in out


def test_after_a_change_the_next_full_run_stores_a_fresh_plan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full(["check", "clean.md"], capsys)
    _add_config(project)
    expected = full(["check", "clean.md"], capsys)
    assert fast(["check", "clean.md"], capsys) == expected


def test_another_taglint_version_makes_the_plan_stale(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    full(["check", "clean.md"], capsys)
    monkeypatch.setattr(store, "__version__", "0.0.0-other")
    assert fast(["check", "clean.md"], capsys) == (None, "", "")


def test_a_plan_missing_a_part_is_ignored_and_stored_anew(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full(["check", "clean.md"], capsys)
    [plan] = plan_files(project)
    stored = json.loads(plan.read_text(encoding="utf-8"))
    del stored["data"]["custom_guards"]
    plan.write_text(json.dumps(stored), encoding="utf-8")
    assert fast(["check", "clean.md"], capsys) == (None, "", "")
    expected = full(["check", "clean.md"], capsys)
    assert fast(["check", "clean.md"], capsys) == expected


def test_a_corrupt_plan_is_ignored(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full(["check", "clean.md"], capsys)
    for plan in plan_files(project):
        plan.write_text('{"identity": 3', encoding="utf-8")
    assert fast(["check", "clean.md"], capsys) == (None, "", "")


def test_force_exclude_drops_files_in_default_excluded_directories(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "node_modules").mkdir()
    (project / "node_modules" / "n.md").write_text(CLEAN, encoding="utf-8")
    full(["check", "clean.md"], capsys)
    args = ["check", "--force-exclude", "clean.md", "node_modules/n.md"]
    answered = fast(args, capsys)
    assert answered[0] == 0
    assert answered == full(args, capsys)


def test_default_excludes_are_directory_names(project: Path) -> None:
    # fastpath matches the default excludes by directory name, without pathspec.
    assert all(p.endswith("/") and "/" not in p[:-1] and not set("*?[]!\\") & set(p) for p in DEFAULT_EXCLUDE)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "clean.md"],
        ["check", "--force-exclude", "clean.md"],
        ["check", "--no-respect-gitignore", "clean.md"],
        ["check", "--respect-gitignore", "--force-exclude", "clean.md", "other.md"],
    ],
)
def test_a_git_ignored_note_named_is_checked_on_both_paths(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    # Git's ignore rules only shape directory walks (ruff's rule), so the fast path, which
    # checks named files only, has nothing to apply and answers as the full path does.
    monkeypatch.setenv("HOME", str(project.parent / "home"))
    (project / ".git").mkdir()
    (project / ".gitignore").write_text("clean.md\nother.md\n", encoding="utf-8")
    expected = full(args, capsys)
    assert "All checks passed" in expected[1]
    answered = fast(args, capsys)
    assert answered[0] is not None
    assert answered == expected


def test_user_exclude_patterns_with_force_exclude_go_to_the_full_path(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "taglint.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    full(["check", "clean.md"], capsys)
    assert fast(["check", "--force-exclude", "clean.md"], capsys) == (None, "", "")
    assert fast(["check", "clean.md"], capsys)[0] == 0


def test_a_symlink_out_of_the_tree_goes_to_the_full_path(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(CLEAN, encoding="utf-8")
    (project / "link.md").symlink_to(outside)
    full(["check", "clean.md"], capsys)
    assert fast(["check", "link.md"], capsys) == (None, "", "")


def test_no_plan_for_a_custom_rule_without_a_tag_condition(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rule = "  - id: needs-date\n    message: A note needs a date\n    when: {fields: {title: present}}\n    require-fields: [date]\n"
    (project / "rules" / "r.yaml").write_text(RULES + rule, encoding="utf-8")
    full(["check", "clean.md"], capsys)
    assert plan_files(project) == []


def test_no_plan_while_the_taxonomy_has_warnings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two tags with one URL slug: a taxonomy warning every `check` reports (missing-description no longer is one).
    clash = "ACL: {description: ACL venue}\n  Data Science: {description: d}\n  data-science: {description: d}"
    (project / "taxonomy.yaml").write_text(TAXONOMY.replace("ACL: {description: ACL venue}", clash), encoding="utf-8")
    _code, out, _ = full(["check", "clean.md"], capsys)
    assert "TG106 slug-collision" in out
    assert plan_files(project) == []


def test_a_taxonomy_without_descriptions_still_gets_a_plan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # What `taglint init` writes has no descriptions; `check` stays quiet about them, so the fast path works.
    (project / "taxonomy.yaml").write_text(TAXONOMY.replace("ACL: {description: ACL venue}", "ACL: {}"), encoding="utf-8")
    code, out, _ = full(["check", "clean.md"], capsys)
    assert code == 0 and "missing-description" not in out
    assert len(plan_files(project)) == 1


def test_main_falls_back_to_the_full_cli(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "bad.md").write_text("---\ntitle: A\ntags: [MulltiModal]\n---\n", encoding="utf-8")
    full(["check", "clean.md"], capsys)
    assert fastpath.main(["check", "bad.md"]) == 1
    assert "TG002 alias-tag" in capsys.readouterr().out


def test_the_fast_path_imports_neither_click_nor_the_rules(project: Path) -> None:
    subprocess.run([sys.executable, "-m", "taglint", "check", "clean.md"], check=True, capture_output=True, env=os.environ)
    # hashlib loads OpenSSL (~7 ms): the plan's digests use the BLAKE2 module alone.
    probe = "import sys; from taglint.cli import fast; code = fast.run(['check', 'clean.md']); print(code, sorted(m for m in ('click', 'taglint.cli.main', 'taglint.lint.check', 'ruamel.yaml', 'jsonschema', 'networkx', 'hashlib') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=os.environ)
    assert done.stdout.splitlines()[-1] == "0 []"


def test_rich_front_matter_stays_on_the_fast_path_with_pyyaml_alone(project: Path) -> None:
    subprocess.run([sys.executable, "-m", "taglint", "check", "rich.md"], check=True, capture_output=True, env=os.environ)
    probe = "import sys; from taglint.cli import fast; code = fast.run(['check', 'rich.md']); print(code, sorted(m for m in ('click', 'taglint.lint.check', 'ruamel.yaml', 'jsonschema', 'dataclasses', 'yaml') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=os.environ)
    assert done.stdout.splitlines()[-1] == "0 ['yaml']"
