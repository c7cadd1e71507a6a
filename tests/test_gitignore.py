"""Directory walks skip what git ignores, as ruff does; named files are checked whatever git ignores.

Most layouts are checked twice: against the expected list written here, and
against real git (``git ls-files --others --exclude-standard``), which is the
definition of "ignored".
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import NLP_LLM, write_file

from taglint.cli import live_cmds
from taglint.cli.main import main
from taglint.files.select import FileSelector
from taglint.project.config import Config, find_config

NOTE = "---\ntitle: N\ntags: [NLP]\n---\n"
ALIAS = "---\ntitle: N\ntags: [NLP, LLM]\n---\n"  # LLM: an alias of LanguageModel, a finding with a fix


@pytest.fixture(autouse=True)
def own_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own: the user's global excludes file must not decide what these tests see."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in [name for name in os.environ if name.startswith("GIT_") and name != "GIT_CONFIG_NOSYSTEM"]:
        monkeypatch.delenv(name)
    return home


def make(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        write_file(root / name, text)
    return root


def repo(tmp_path: Path, files: dict[str, str], notes: tuple[str, ...] = ()) -> Path:
    """A work tree (``git init``) holding ``files`` and a note at each of ``notes``."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return make(root, {**files, **dict.fromkeys(notes, NOTE)})


def walked(root: Path, *paths: str, **settings: object) -> list[str]:
    """The notes a walk of ``paths`` (default: the whole project) finds, relative to ``root``."""
    selector = FileSelector(Config(root=str(root), **settings))  # type: ignore[arg-type]
    found = selector.walk([str(root / path) for path in paths or ("",)])
    return sorted(os.path.relpath(path, root).replace(os.sep, "/") for path in found)


def not_ignored_by_git(root: Path) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "-z"], cwd=root, capture_output=True, check=True)
    return sorted(name for name in listed.stdout.decode().split("\0") if name.endswith(".md"))


# (.gitignore files and others, notes, the notes a walk finds)
LAYOUTS = {
    "root file pattern, any depth": ({".gitignore": "drop.md\n"}, ("a.md", "drop.md", "d/drop.md", "d/a.md"), ["a.md", "d/a.md"]),
    "negation": ({".gitignore": "*.md\n!keep.md\n"}, ("a.md", "keep.md", "d/keep.md", "d/b.md"), ["d/keep.md", "keep.md"]),
    "nested .gitignore, relative to its directory": (
        {"sub/.gitignore": "x.md\n/y.md\ndeep/\n"},
        ("x.md", "y.md", "sub/x.md", "sub/y.md", "sub/z/x.md", "sub/z/y.md", "sub/deep/a.md", "other/deep/a.md"),
        ["other/deep/a.md", "sub/z/y.md", "x.md", "y.md"],
    ),
    "ignored directory: nothing inside comes back": (
        {".gitignore": "drafts/\n!drafts/keep.md\n"},
        ("a.md", "drafts/keep.md", "drafts/b.md", "drafts/sub/c.md"),
        ["a.md"],
    ),
    "directory contents ignored, one re-included": (
        {".gitignore": "drafts/*\n!drafts/keep.md\n"},
        ("drafts/keep.md", "drafts/b.md", "drafts/sub/c.md"),
        ["drafts/keep.md"],
    ),
    "a deeper .gitignore overrides a higher one": (
        {".gitignore": "*.md\n", "sub/.gitignore": "!*.md\n"},
        ("a.md", "sub/b.md", "sub/c/d.md"),
        ["sub/b.md", "sub/c/d.md"],
    ),
    "anchored and ** patterns": (
        {".gitignore": "doc/*.md\n**/tmp/**\na/**/b.md\n"},
        ("doc/x.md", "doc/y/z.md", "p/tmp/q.md", "a/b.md", "a/x/y/b.md", "a/c.md"),
        ["a/c.md", "doc/y/z.md"],
    ),
    "directory-only pattern leaves a file of that name": ({".gitignore": "x.md/\n"}, ("x.md", "d/x.md/y.md"), ["x.md"]),
    "escapes, classes, trailing spaces, CRLF": (
        {".gitignore": "\\#hash.md\r\n\\!bang.md\r\n[Dd]raft.md\r\n?.md\r\ntrail.md   \r\n# comment.md\r\n"},
        ("#hash.md", "!bang.md", "Draft.md", "draft.md", "q.md", "trail.md", "# comment.md", "keep.md"),
        ["# comment.md", "keep.md"],
    ),
    "ignore everything, then re-include a directory": (
        {".gitignore": "*\n!/src/\n!/src/**\n"},  # ruff's issue 8753: the ignore crate got this one wrong
        ("a.md", "src/foo.md", "src/deep/bar.md", "other/x.md"),
        ["src/deep/bar.md", "src/foo.md"],
    ),
    "a whitelist of notes": ({".gitignore": "*\n!*/\n!*.md\n"}, ("a.md", "d/b.md", "d/e/c.md"), ["a.md", "d/b.md", "d/e/c.md"]),
    "X/** leaves X itself, so a note in it can come back": (
        {".gitignore": "drafts/**\n!drafts/keep.md\n"},
        ("drafts/keep.md", "drafts/b.md", "drafts/sub/keep.md", "a.md"),
        ["a.md", "drafts/keep.md"],
    ),
    "git matches bytes: ? is one byte": ({".gitignore": "?.md\n"}, ("é.md", "a.md", "ab.md"), ["ab.md", "é.md"]),
    "info/exclude": ({".git/info/exclude": "secret.md\n"}, ("secret.md", "d/secret.md", "a.md"), ["a.md"]),
    "a .gitignore line git cannot read is skipped, the others kept": ({".gitignore": "!\nb.md\n"}, ("a.md", "b.md"), ["a.md"]),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_walk_skips_what_git_ignores(tmp_path: Path, layout: str) -> None:
    files, notes, expected = LAYOUTS[layout]
    root = repo(tmp_path, files, notes)
    assert walked(root) == expected
    assert not_ignored_by_git(root) == expected


NAMES = ("a.md", "b.md", "d", "sub", "keep.md", "x")
TREE = ("a.md", "b.md", "keep.md", "d/a.md", "d/keep.md", "d/x/b.md", "sub/a.md", "sub/d/b.md", "sub/d/keep.md", "x/sub/a.md", "x/d/x/a.md")


def random_line(rng: random.Random) -> str:
    """A gitignore line built from the shapes people write: names, globs, anchors, ``**``, ``!``, a trailing ``/``."""
    name = rng.choice([*NAMES, "*", "*.md", "?.md", "[ab].md", "k*", "**", "*/"])
    shape = rng.choice(["{}", "/{}", "**/{}", "{}/", "d/{}", "{}/**", "sub/**/{}", "*/{}", "x/*/{}"])
    return ("!" if rng.random() < 0.35 else "") + shape.format(name)


@pytest.mark.parametrize("seed", range(int(os.environ.get("GITIGNORE_SEEDS", "40"))))  # more: GITIGNORE_SEEDS=600
def test_random_gitignore_files_agree_with_git(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    files = {
        f"{where}.gitignore": "".join(random_line(rng) + "\n" for _ in range(rng.randint(1, 5)))
        for where in ("", "d/", "sub/")
        if rng.random() < 0.7 or not where
    }
    root = repo(tmp_path, files, TREE)
    assert walked(root) == not_ignored_by_git(root), files


def test_the_global_excludes_file_in_its_default_place(tmp_path: Path, own_git_config: Path) -> None:
    make(own_git_config, {".config/git/ignore": "scratch.md\n"})
    root = repo(tmp_path, {}, ("scratch.md", "a.md"))
    assert walked(root) == ["a.md"] == not_ignored_by_git(root)


def test_the_global_excludes_file_named_by_core_excludesfile(tmp_path: Path, own_git_config: Path) -> None:
    make(
        own_git_config, {".gitconfig": '[user]\n\tname = X\n[core]\n\texcludesFile = "~/my ignores" ; mine\n', "my ignores": "scratch.md\n"}
    )
    make(own_git_config, {".config/git/ignore": "a.md\n"})  # the default place, not read when the config names another file
    root = repo(tmp_path, {}, ("scratch.md", "a.md"))
    assert walked(root) == ["a.md"] == not_ignored_by_git(root)


def test_a_repository_inside_the_work_tree_has_its_own_rules_alone(tmp_path: Path) -> None:
    root = repo(tmp_path, {".gitignore": "*.draft.md\n"}, ("a.draft.md", "a.md"))
    inner = root / "vendor" / "theme"
    inner.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(inner)], check=True)
    make(inner, {".gitignore": "old.md\n", "x.draft.md": NOTE, "old.md": NOTE, "docs/old.md": NOTE, "docs/y.md": NOTE})
    assert walked(root, "vendor/theme") == ["vendor/theme/docs/y.md", "vendor/theme/x.draft.md"]
    assert not_ignored_by_git(inner) == ["docs/y.md", "x.draft.md"]
    assert walked(root) == ["a.md", "vendor/theme/docs/y.md", "vendor/theme/x.draft.md"]


def test_core_ignorecase_folds_case(tmp_path: Path) -> None:
    # git sets it in a repository made on a case-insensitive filesystem (macOS, Windows).
    root = repo(tmp_path, {".gitignore": "draft.md\n"}, ("Draft.md", "a.md"))
    assert walked(root) == ["Draft.md", "a.md"] == not_ignored_by_git(root)
    subprocess.run(["git", "config", "core.ignoreCase", "true"], cwd=root, check=True)
    assert walked(root) == ["a.md"] == not_ignored_by_git(root)


def test_outside_a_git_work_tree_gitignore_changes_nothing(tmp_path: Path) -> None:
    root = make(tmp_path / "notes", {".gitignore": "*.md\n", "sub/.gitignore": "*.md\n", "a.md": NOTE, "sub/b.md": NOTE})
    assert walked(root) == ["a.md", "sub/b.md"]


def test_a_git_file_leads_to_info_exclude_of_the_main_repository(tmp_path: Path) -> None:
    # A linked worktree: .git is a file "gitdir: …", whose directory names the main one in "commondir".
    main_git = tmp_path / "main.git"
    make(main_git, {"info/exclude": "secret.md\n", "worktrees/wt/commondir": "../..\n"})
    root = make(tmp_path / "wt", {".git": f"gitdir: {main_git / 'worktrees' / 'wt'}\n", "secret.md": NOTE, "a.md": NOTE})
    assert walked(root) == ["a.md"]


def test_a_project_below_the_top_of_the_work_tree_follows_the_top_rules(tmp_path: Path) -> None:
    root = repo(tmp_path, {".gitignore": "/vault/drafts/\n", "vault/taxonomy.yaml": NLP_LLM}, ("vault/a.md", "vault/drafts/b.md"))
    config = find_config(str(root / "vault"))
    assert config.root == str(root / "vault")
    assert sorted(os.path.basename(p) for p in FileSelector(config).walk([str(root / "vault")])) == ["a.md"]


def test_a_walk_from_above_the_work_tree_applies_its_rules_inside_it(tmp_path: Path) -> None:
    root = repo(tmp_path, {".gitignore": "drop.md\n"}, ("drop.md", "a.md"))
    make(tmp_path, {"outside/drop.md": NOTE})
    selector = FileSelector(Config(root=str(root)))
    found = sorted(os.path.relpath(path, tmp_path) for path in selector.walk([str(tmp_path)]))
    assert found == ["outside/drop.md", "repo/a.md"]


@pytest.mark.parametrize("named", ["build", "build/site"])
def test_a_named_directory_that_git_ignores_is_walked_in_full(tmp_path: Path, named: str) -> None:
    # Named paths win, as a named file is checked; git reads no .gitignore inside an ignored directory.
    root = repo(
        tmp_path,
        {".gitignore": "build/\n*.tmp.md\n", "build/site/.gitignore": "*.md\n"},
        ("build/site/a.md", "build/site/b.tmp.md", "c.md"),
    )
    assert walked(root, named) == ["build/site/a.md", "build/site/b.tmp.md"]
    assert walked(root) == ["c.md"]


def test_a_gitignore_that_is_not_a_regular_file_is_not_read(tmp_path: Path) -> None:
    root = repo(tmp_path, {"elsewhere": "*.md\n"}, ("a.md", "d/b.md", "e/c.md"))
    os.mkfifo(root / ".gitignore")  # opening it for reading would block
    (root / "d" / ".gitignore").symlink_to(root / "elsewhere")  # git does not follow a symlinked .gitignore either
    (root / "e" / ".gitignore").mkdir()
    assert walked(root) == ["a.md", "d/b.md", "e/c.md"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose .gitignore ignores notes that have a finding."""
    root = repo(tmp_path, {"taxonomy.yaml": NLP_LLM, ".gitignore": "ignored.md\nprivate/\n", "ignored.md": ALIAS, "private/p.md": ALIAS})
    make(root, {"a.md": NOTE})
    monkeypatch.chdir(root)
    return root


def checked(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """The notes with findings in a ``check`` of ``args`` (the full CLI)."""
    code = main(["check", "--no-cache", "--output-format", "json", "-q", *args])
    assert code in (0, 1)
    return sorted({finding["path"] for finding in json.loads(capsys.readouterr().out)})


def test_check_of_the_repository_skips_ignored_notes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checked(capsys) == []


def test_no_respect_gitignore_checks_them(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checked(capsys, "--no-respect-gitignore") == ["ignored.md", "private/p.md"]


def test_the_config_key_turns_it_off_and_the_option_back_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "taglint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert checked(capsys) == ["ignored.md", "private/p.md"]
    assert checked(capsys, "--respect-gitignore") == []


@pytest.mark.parametrize("force", [[], ["--force-exclude"]])
def test_a_named_ignored_note_is_checked(project: Path, capsys: pytest.CaptureFixture[str], force: list[str]) -> None:
    # ruff checks a named file whatever git ignores, --force-exclude or not; git never ignores
    # a tracked file, and tracked files are what pre-commit passes.
    assert checked(capsys, *force, "ignored.md", "private/p.md", "a.md") == ["ignored.md", "private/p.md"]


def test_fix_skips_ignored_notes_in_a_walk(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", "."]) == 0
    capsys.readouterr()
    assert (project / "ignored.md").read_text(encoding="utf-8") == ALIAS
    assert (project / "private" / "p.md").read_text(encoding="utf-8") == ALIAS


def test_fix_watch_leaves_a_changed_ignored_note_alone(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The watcher reports every changed note under the watched directory; a walk would not find this one.
    def changes(self: live_cmds.Watched) -> Iterator[list[str]]:
        (project / "ignored.md").write_text(ALIAS + "\n", encoding="utf-8")
        (project / "a.md").write_text(ALIAS, encoding="utf-8")
        yield [str(project / "ignored.md"), str(project / "a.md")]

    monkeypatch.setattr(live_cmds.Watched, "changes", changes)
    main(["fix", "--watch", str(project)])
    capsys.readouterr()
    assert (project / "ignored.md").read_text(encoding="utf-8") == ALIAS + "\n"
    assert (project / "a.md").read_text(encoding="utf-8") != ALIAS  # fixed


def test_the_library_option(project: Path) -> None:
    import taglint

    def found(options: taglint.Options) -> list[str]:
        return sorted(result.path for result in taglint.check(".", options).results() if result.diagnostics)

    assert found(taglint.Options(cache=False)) == []
    assert found(taglint.Options(cache=False, respect_gitignore=False)) == ["ignored.md", "private/p.md"]


THREADS = """\
import threading
errors = []
def run(work):
    try:
        work()
    except Exception as exc:
        errors.append(repr(exc))
def gitignore_line():
    from taglint.files.gitpatterns import entry_pattern
    entry_pattern("x.md")
def globs():
    import pathspec
threads = [threading.Thread(target=run, args=(work,)) for work in (globs, gitignore_line)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(errors)
"""


def test_reading_gitignore_lines_while_another_thread_loads_pathspec(tmp_path: Path) -> None:
    # The language server loads modules from several threads; importing pathspec's submodule
    # before the package deadlocked against a thread importing the package (3 runs in 4).
    for _ in range(6):
        done = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True, check=True, cwd=tmp_path)
        assert done.stdout.strip() == "[]", done.stdout
